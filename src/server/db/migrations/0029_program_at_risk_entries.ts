import { type Kysely, sql } from 'kysely'

// Frozen once landed: never edit; add a new migration instead.
// Issue #14 point 1: the at-risk list's every page and order is read from the program's snapshot
// (decision 029 kept only its first page there). Each refresh of a program's snapshot rewrites its
// at-risk matches here in the same transaction: the flags, the instants the reasons are worded
// from, and the match's place in each of the three orders (attention, name, quiet), so a page is
// an index range. Ids, flags and instants only: no names (they are read when shown).
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table program_at_risk_entries (
      program_id uuid not null references programs (id) on delete cascade,
      organization_id uuid not null references organizations (id) on delete cascade,
      match_id uuid not null references matches (id) on delete cascade,
      status text not null,
      published_at timestamptz,
      last_held timestamptz,
      no_recent_session boolean not null,
      poor_fit boolean not null,
      repair_requested boolean not null,
      declined boolean not null,
      rank_attention integer not null,
      rank_name integer not null,
      rank_quiet integer not null,
      primary key (program_id, match_id)
    )
  `.execute(db)
  for (const order of ['attention', 'name', 'quiet'])
    await sql
      .raw(`create index program_at_risk_entries_${order}_idx on program_at_risk_entries (program_id, rank_${order})`)
      .execute(db)
  await sql`create index program_at_risk_entries_organization_idx on program_at_risk_entries (organization_id)`.execute(
    db,
  )
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table program_at_risk_entries`.execute(db)
}
