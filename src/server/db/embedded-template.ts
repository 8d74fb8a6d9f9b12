import { existsSync, promises as fs } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createJobRunner } from '../jobs/job-runner.ts'
import { connectDatabase } from './connect.ts'
import { migrateToLatest, migrationNames } from './migrate.ts'

/**
 * The embedded database's starting point (decision 036): a fresh PGlite data directory with every
 * migration applied, made by `npm run build` and shipped in dist/ (the container image copies it).
 * A first start on an empty DATA_DIR copies it (plain files, before PGlite opens them) instead of
 * running PGlite's initdb (a second PostgreSQL instance in WebAssembly, most of a first start's time)
 * and every migration; the start is then a later start's. Without
 * it (a checkout that never built, a template from another PGlite version or other migrations) the
 * first start runs initdb and the migrations as before. The job queue's schema is in it too (pg-boss
 * installs it at its first start, a second of CPU); the app's queues are created at every start.
 */
export const EMBEDDED_TEMPLATE_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../dist/embedded-db',
)

/** The data directory, beside the manifest. */
const DATA = 'pgdata'
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
 * Builds the template (initdb, every migration, and the job queue's own schema, which pg-boss
 * installs at its first start) in a data directory of its own, shut down cleanly, into `dir`.
 */
export async function writeEmbeddedTemplate(
  dir = EMBEDDED_TEMPLATE_DIR,
): Promise<{ bytes: number; migrations: string[] }> {
  const building = `${dir}.building`
  await fs.rm(building, { recursive: true, force: true })
  const database = await connectDatabase({ dataDir: path.join(building, DATA), embeddedTemplate: false })
  try {
    await migrateToLatest(database.db)
    // pg-boss's tables, as its first start makes them; the app's queues are created at the server's start.
    const jobs = createJobRunner(database, { isWorking: false })
    await jobs.prepare()
    await jobs.stop({ graceful: false })
  } finally {
    await database.close()
  }
  // Readable by anyone: the container image's server runs as another user than the build, and
  // PostgreSQL makes some files private to their owner.
  for (const entry of await fs.readdir(building, { recursive: true, withFileTypes: true })) {
    await fs.chmod(path.join(entry.parentPath, entry.name), entry.isDirectory() ? 0o755 : 0o644)
  }
  const manifest: TemplateManifest = { ...(await versions()), migrations: await migrationNames() }
  await fs.writeFile(path.join(building, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`)
  await fs.rm(dir, { recursive: true, force: true })
  await fs.rename(building, dir)
  return { bytes: await sizeOf(path.join(dir, DATA)), migrations: manifest.migrations }
}

async function sizeOf(dir: string): Promise<number> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true })
  const sizes = await Promise.all(
    entries.filter((entry) => entry.isFile()).map((entry) => fs.stat(path.join(entry.parentPath, entry.name))),
  )
  return sizes.reduce((sum, stat) => sum + stat.size, 0)
}

/**
 * Copies the template into the empty data directory `dataDir`; false (nothing copied) when there is
 * none or it does not fit this code: made by another PGlite or pg-boss version, or holding a
 * migration this code does not have. PG_VERSION, which marks a data directory as made, is copied
 * last: a copy cut short leaves none, and the next start copies again.
 */
export async function copyEmbeddedTemplate(dataDir: string, dir = EMBEDDED_TEMPLATE_DIR): Promise<boolean> {
  let manifest: TemplateManifest
  try {
    manifest = JSON.parse(await fs.readFile(path.join(dir, MANIFEST), 'utf8')) as TemplateManifest
  } catch {
    return false
  }
  const [installed, names] = await Promise.all([versions(), migrationNames()])
  const known = new Set(names)
  const fits =
    manifest.pglite === installed.pglite &&
    manifest.pgBoss === installed.pgBoss &&
    manifest.migrations.every((name) => known.has(name))
  if (!fits) return false
  const source = path.join(dir, DATA)
  const marker = path.join(source, 'PG_VERSION')
  await fs.cp(source, dataDir, { recursive: true, force: true, filter: (from) => from !== marker })
  await fs.copyFile(marker, path.join(dataDir, 'PG_VERSION'))
  return true
}
