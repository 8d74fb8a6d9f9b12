import { promises as fs } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Kysely, sql } from 'kysely'
import { FileMigrationProvider, Migrator } from 'kysely/migration'

const migrationFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations')

/**
 * Brings the schema up to date; throws with the failing migration's name. The migrations run on one
 * connection without the pool's statement timeout (DATABASE_STATEMENT_TIMEOUT_SECONDS is for
 * requests): rewriting a large table may take longer, and cutting it off would stop the start.
 */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  // Most starts find the schema current: one read instead of loading every migration module.
  if (await isSchemaCurrent(db)) return []
  const { error, results } = await db.connection().execute(async (connection) => {
    await sql`set statement_timeout = 0`.execute(connection)
    try {
      const migrator = new Migrator({
        db: connection,
        provider: new FileMigrationProvider({ fs, path, migrationFolder }),
      })
      return await migrator.migrateToLatest()
    } finally {
      await sql`reset statement_timeout`.execute(connection).catch(() => {})
    }
  })
  const failed = results?.find((result) => result.status === 'Error')
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? 'unknown error')
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${reason}`)
  }
  return (results ?? []).map((result) => result.migrationName)
}

/** The migration names Kysely's FileMigrationProvider would load from the folder (file name without extension). */
export async function migrationNames(): Promise<string[]> {
  const files = await fs.readdir(migrationFolder)
  return files
    .filter((file) => /\.(ts|js|mts|mjs)$/.test(file) && !file.endsWith('.d.ts') && !/\.test\.[a-z]+$/.test(file))
    .map((file) => file.replace(/\.[^.]+$/, ''))
}

/**
 * Whether the database has exactly the migrations of the folder applied, no more and no fewer.
 * Anything else (a new database, a pending migration, a migration the code no longer has) goes
 * through Kysely's migrator, which applies or reports it under its lock.
 */
// biome-ignore lint/suspicious/noExplicitAny: works on any schema
export async function isSchemaCurrent(db: Kysely<any>): Promise<boolean> {
  const [names, applied] = await Promise.all([
    migrationNames(),
    sql<{ name: string }>`select name from kysely_migration`.execute(db).then(
      (result) => result.rows.map((row) => row.name),
      () => null, // no migration table yet
    ),
  ])
  if (!applied || applied.length !== names.length) return false
  const appliedNames = new Set(applied)
  return names.every((name) => appliedNames.has(name))
}
