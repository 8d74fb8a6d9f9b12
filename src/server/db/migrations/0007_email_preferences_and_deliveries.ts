import { type Kysely, sql } from 'kysely'

// Frozen once landed: never edit; add a new migration instead.
// Issue #6 point 6: each person chooses which emails they get (an unsubscribe link works without
// signing in, through the person's own random token), and scheduled notifications (reminders,
// nudges, digests) are delivered once: a delivery key is claimed in the same transaction that
// records the notification, so two workers running the same job cannot both send it.
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table email_preferences (
      person_id uuid primary key references people (id) on delete cascade,
      organization_id uuid not null references organizations (id) on delete cascade,
      muted_categories text[] not null default '{}',
      unsubscribe_token text not null unique,
      updated_at timestamptz not null default now()
    )
  `.execute(db)
  await sql`
    create table notification_deliveries (
      delivery_key text primary key,
      organization_id uuid not null references organizations (id) on delete cascade,
      created_at timestamptz not null default now()
    )
  `.execute(db)
  await sql`create index notification_deliveries_org_idx on notification_deliveries (organization_id, created_at)`.execute(
    db,
  )
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table notification_deliveries`.execute(db)
  await sql`drop table email_preferences`.execute(db)
}
