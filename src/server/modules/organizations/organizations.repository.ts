import { sql } from 'kysely'
import type { Db } from '#server/db/connect.ts'

/** Whether the instance holds any organization (first run is over once it does). */
export async function hasAnyOrganization(db: Db): Promise<boolean> {
  const row = await db.selectFrom('organizations').select('id').limit(1).executeTakeFirst()
  return row !== undefined
}

/** Serializes first-run set-ups for the rest of the transaction, across every app instance. */
export async function lockSetup(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('tandem:setup'))`.execute(db)
}

export async function listSlugsLike(db: Db, base: string): Promise<string[]> {
  const rows = await db
    .selectFrom('organizations')
    .select('slug')
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
    .execute()
  return rows.map((row) => row.slug)
}

export function insertOrganization(db: Db, values: { name: string; slug: string }) {
  return db.insertInto('organizations').values(values).returningAll().executeTakeFirstOrThrow()
}

export function findOrganizationRowBySlug(db: Db, slug: string) {
  return db.selectFrom('organizations').selectAll().where('slug', '=', slug).executeTakeFirst()
}

export function findOrganization(db: Db, organizationId: string) {
  return db.selectFrom('organizations').selectAll().where('id', '=', organizationId).executeTakeFirst()
}

export function updateOrganization(
  db: Db,
  organizationId: string,
  values: { name?: string; aggregate_threshold?: number },
) {
  return db.updateTable('organizations').set(values).where('id', '=', organizationId).returningAll().executeTakeFirst()
}

export function insertFirstAdmin(
  db: Db,
  values: { organizationId: string; name: string; email: string; passwordHash: string },
) {
  return db
    .insertInto('people')
    .values({
      organization_id: values.organizationId,
      name: values.name,
      email: values.email,
      password_hash: values.passwordHash,
      role: 'admin',
      status: 'active',
    })
    .returning(['id', 'organization_id'])
    .executeTakeFirstOrThrow()
}
