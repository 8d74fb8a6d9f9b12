import { existsSync, promises as fs } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { createJobRunner } from '../jobs/job-runner.ts'
import { connectDatabase } from './connect.ts'
import { migrateToLatest, migrationNames } from './migrate.ts'

/**
 * The embedded database's starting point (decision 036): a fresh PGlite data directory with every
 * migration applied, made by `npm run build` and shipped in dist/ (the container image copies it).
 * A first start on an empty DATA_DIR unpacks it instead of running PGlite's initdb (a second
 * PostgreSQL instance in WebAssembly, most of a first start's time) and every migration. Without
 * it (a checkout that never built, a template from another PGlite version or other migrations) the
 * first start runs initdb and the migrations as before. The job queue's schema is in it too (pg-boss
 * installs it at its first start, a second of CPU); the app's queues are created at every start.
 */
export const EMBEDDED_TEMPLATE_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../dist/embedded-db',
)

const TARBALL = 'template.tar.gz'
const MANIFEST = 'template.json'

interface TemplateManifest {
  /** The PGlite version that made it: another version's data directory may not open. */
  pglite: string
  /** The pg-boss version whose schema (the job queue's tables, no queue of the app's) it holds. */
  pgBoss: string
  /** The migrations applied in it (a later start applies any newer ones as usual). */
  migrations: string[]
}

/** An installed package's version, from its package.json (a package's exports need not include the file). */
async function packageVersion(name: string): Promise<string> {
  const entry = fileURLToPath(import.meta.resolve(name))
  let dir = path.dirname(entry)
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error(`${name}'s package.json not found`)
    dir = parent
  }
  const manifest = JSON.parse(await fs.readFile(path.join(dir, 'package.json'), 'utf8')) as { version: string }
  return manifest.version
}

const versions = async () => ({
  pglite: await packageVersion('@electric-sql/pglite'),
  pgBoss: await packageVersion('pg-boss'),
})

/**
 * Builds the template in memory (initdb, every migration, and the job queue's own schema, which
 * pg-boss installs at its first start) and writes it to `dir`.
 */
export async function writeEmbeddedTemplate(
  dir = EMBEDDED_TEMPLATE_DIR,
): Promise<{ bytes: number; migrations: string[] }> {
  const database = await connectDatabase({ dataDir: 'memory://', embeddedTemplate: false })
  try {
    await migrateToLatest(database.db)
    // pg-boss's tables, as its first start makes them; the app's queues are created at the server's start.
    const jobs = createJobRunner(database, { isWorking: false })
    await jobs.prepare()
    await jobs.stop({ graceful: false })
    // Every change is in the data files, so the copy starts without replaying the log.
    await sql`checkpoint`.execute(database.db)
    const instance = database.pglite?.instance
    if (!instance) throw new Error('the template needs the embedded database')
    const tarball = new Uint8Array(await (await instance.dumpDataDir('gzip')).arrayBuffer())
    const manifest: TemplateManifest = { ...(await versions()), migrations: await migrationNames() }
    await fs.mkdir(dir, { recursive: true })
    // The manifest last: a build interrupted in between leaves no manifest for an old tarball.
    await fs.rm(path.join(dir, MANIFEST), { force: true })
    await fs.writeFile(path.join(dir, TARBALL), tarball)
    await fs.writeFile(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`)
    return { bytes: tarball.byteLength, migrations: manifest.migrations }
  } finally {
    await database.close()
  }
}

/**
 * The template as PGlite's `loadDataDir` takes it, or null when there is none or it does not fit
 * this code: made by another PGlite or pg-boss version, or holding a migration this code does not have.
 */
export async function readEmbeddedTemplate(dir = EMBEDDED_TEMPLATE_DIR): Promise<Blob | null> {
  let manifest: TemplateManifest
  try {
    manifest = JSON.parse(await fs.readFile(path.join(dir, MANIFEST), 'utf8')) as TemplateManifest
  } catch {
    return null
  }
  const [installed, names] = await Promise.all([versions(), migrationNames()])
  const known = new Set(names)
  const fits =
    manifest.pglite === installed.pglite &&
    manifest.pgBoss === installed.pgBoss &&
    manifest.migrations.every((name) => known.has(name))
  if (!fits) return null
  try {
    const tarball = await fs.readFile(path.join(dir, TARBALL))
    return new Blob([tarball], { type: 'application/x-gzip' })
  } catch {
    return null
  }
}
