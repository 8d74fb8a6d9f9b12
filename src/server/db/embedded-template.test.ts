import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { connectDatabase } from './connect.ts'
import { copyEmbeddedTemplate, writeEmbeddedTemplate } from './embedded-template.ts'
import { isSchemaCurrent, migrateToLatest, migrationNames } from './migrate.ts'

// The embedded database only: the template is a PGlite data directory (decision 036).
let work: string
let templateDir: string
beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'tandem-template-test-'))
  templateDir = path.join(work, 'template')
  await writeEmbeddedTemplate(templateDir)
}, 120_000)
afterAll(() => rmSync(work, { recursive: true, force: true }))

test('an empty data directory starts as a copy of the template: every migration applied, no initdb; the next start opens its own files', async () => {
  const dataDir = path.join(work, 'data')
  const first = await connectDatabase({ dataDir, embeddedTemplate: templateDir })
  try {
    expect(await isSchemaCurrent(first.db)).toBe(true)
    expect(await migrateToLatest(first.db)).toEqual([])
    // The job queue's schema is there (pg-boss installs it at its first start otherwise), without any queue.
    const boss = await sql<{
      queues: number
    }>`select count(*) as queues from pgboss.queue where name !~ '^__pgboss'`.execute(first.db)
    expect(boss.rows).toEqual([{ queues: 0 }])
    // A working database of its own: written, and the people search's trigram extension is there.
    await sql`create table started_from_template (word text)`.execute(first.db)
    await sql`insert into started_from_template values ('tandem')`.execute(first.db)
    const { rows } = await sql<{ similarity: number }>`select similarity('tandem', 'tandems') as similarity`.execute(
      first.db,
    )
    expect(rows[0]?.similarity).toBeGreaterThan(0.5)
  } finally {
    await first.close()
  }
  // The template is only for an empty directory: the second start reads what the first wrote.
  const second = await connectDatabase({ dataDir, embeddedTemplate: templateDir })
  try {
    const { rows } = await sql<{ word: string }>`select word from started_from_template`.execute(second.db)
    expect(rows).toEqual([{ word: 'tandem' }])
  } finally {
    await second.close()
  }
}, 120_000)

test('a template that does not fit this code is not used: another PGlite version, or a migration the code does not have', async () => {
  // Readable by the server's user, which need not be the build's (the container image).
  const entries = readdirSync(templateDir, { recursive: true, withFileTypes: true })
  const unreadable = entries.filter((entry) => (statSync(path.join(entry.parentPath, entry.name)).mode & 0o004) === 0)
  expect(unreadable.map((entry) => entry.name)).toEqual([])
  let copies = 0
  const copied = () => copyEmbeddedTemplate(path.join(work, `copy-${++copies}`), templateDir)
  expect(await copied()).toBe(true)
  const manifestPath = path.join(templateDir, 'template.json')
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    pglite: string
    pgBoss: string
    migrations: string[]
  }
  expect(manifest.migrations).toEqual(await migrationNames())
  try {
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, pglite: '0.0.1' }))
    expect(await copied()).toBe(false)
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, pgBoss: '1.0.0' }))
    expect(await copied()).toBe(false)
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, migrations: [...manifest.migrations, '9999_future'] }))
    expect(await copied()).toBe(false)
    expect(await copyEmbeddedTemplate(path.join(work, 'copy-none'), path.join(work, 'no-template-here'))).toBe(false)

    // An older template (fewer migrations) is used: the start applies the rest as usual.
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, migrations: manifest.migrations.slice(0, 3) }))
    expect(await copied()).toBe(true)
  } finally {
    writeFileSync(manifestPath, JSON.stringify(manifest))
  }
})
