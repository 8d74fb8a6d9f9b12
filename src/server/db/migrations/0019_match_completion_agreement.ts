import { type Kysely, sql } from 'kysely'

// Frozen once landed: never edit; add a new migration instead.
// Issue #17 point 1: a match is completed when every member agreed (or by a program manager), and
// ending a match answers its open re-pair requests with a note.
// - match_members.completion_agreed_at: when this member agreed to complete the match.
// - repair_requests.resolution_note: what the requester is told when the request is closed for them.
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table match_members add column completion_agreed_at timestamptz`.execute(db)
  await sql`alter table repair_requests add column resolution_note text`.execute(db)
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table repair_requests drop column resolution_note`.execute(db)
  await sql`alter table match_members drop column completion_agreed_at`.execute(db)
}
