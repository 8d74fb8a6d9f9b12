import { type Kysely, sql } from 'kysely'

// Frozen once landed: never edit; add a new migration instead.
// Issue #17 point 5: each person may choose the locale their dates are written in (a BCP 47 tag
// from the supported list); null means not chosen: pages follow the browser, emails use en-GB.
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table people add column locale text`.execute(db)
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table people drop column locale`.execute(db)
}
