import { type Kysely, sql } from 'kysely'

// Frozen once landed: never edit; add a new migration instead.
// Issue #14 point 2: an index for every list the UI pages through, at 100,000 people (checked with
// EXPLAIN by `npm run bench scale`).
// - People search matches name, email or title anywhere in the text (ILIKE '%q%'): trigram indexes
//   (pg_trgm, in PostgreSQL's contrib and loaded into the embedded PGlite) turn the scan of every
//   person of the organization, for the page and again for its total, into index lookups.
// - The directory pages by name then id: the index holds both, so a page is read in order.
// - A program's matches page by creation time then id.
// - The dashboard's at-risk list and a match's page count held sessions per match and status.
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db)
  await sql`create index people_name_trgm_idx on people using gin (name gin_trgm_ops)`.execute(db)
  await sql`create index people_email_trgm_idx on people using gin (email gin_trgm_ops)`.execute(db)
  await sql`create index people_title_trgm_idx on people using gin (title gin_trgm_ops)`.execute(db)
  await sql`create index people_organization_name_id_idx on people (organization_id, name, id)`.execute(db)
  await sql`drop index people_organization_idx`.execute(db)
  await sql`create index matches_program_created_idx on matches (program_id, created_at, id)`.execute(db)
  await sql`create index coaching_sessions_match_status_idx on coaching_sessions (match_id, status, starts_at)`.execute(
    db,
  )
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index coaching_sessions_match_status_idx`.execute(db)
  await sql`drop index matches_program_created_idx`.execute(db)
  await sql`create index people_organization_idx on people (organization_id, name)`.execute(db)
  await sql`drop index people_organization_name_id_idx`.execute(db)
  await sql`drop index people_title_trgm_idx`.execute(db)
  await sql`drop index people_email_trgm_idx`.execute(db)
  await sql`drop index people_name_trgm_idx`.execute(db)
}
