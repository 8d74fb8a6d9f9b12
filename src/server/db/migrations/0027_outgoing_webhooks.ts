import { type Kysely, sql } from 'kysely'

// Frozen once landed: never edit; add a new migration instead.
// Issue #15 point 5 (decision 044): outgoing webhooks signed per the Standard Webhooks
// specification. Endpoints an admin registers (with their signing secret), the events written in
// the transaction of the change they describe (the outbox), one delivery per endpoint and event,
// and every attempt of a delivery (the log admins read).
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table webhook_endpoints (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null references organizations(id) on delete cascade,
      url text not null,
      description text not null default '',
      event_types text[] not null,
      is_enabled boolean not null default true,
      secret text not null,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db)
  await sql`create index webhook_endpoints_organization on webhook_endpoints (organization_id)`.execute(db)
  await sql`
    create table webhook_events (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null references organizations(id) on delete cascade,
      type text not null,
      payload jsonb not null,
      created_at timestamptz not null
    )`.execute(db)
  await sql`
    create table webhook_deliveries (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null references organizations(id) on delete cascade,
      endpoint_id uuid not null references webhook_endpoints(id) on delete cascade,
      event_id uuid not null references webhook_events(id) on delete cascade,
      status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
      attempts integer not null default 0,
      last_status_code integer,
      last_error text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (endpoint_id, event_id)
    )`.execute(db)
  await sql`create index webhook_deliveries_endpoint on webhook_deliveries (endpoint_id, created_at desc)`.execute(db)
  await sql`create index webhook_deliveries_event on webhook_deliveries (event_id)`.execute(db)
  await sql`
    create table webhook_delivery_attempts (
      id uuid primary key default gen_random_uuid(),
      delivery_id uuid not null references webhook_deliveries(id) on delete cascade,
      attempt integer not null,
      attempted_at timestamptz not null,
      status_code integer,
      duration_ms integer not null,
      error text,
      is_redelivery boolean not null default false
    )`.execute(db)
  await sql`create index webhook_delivery_attempts_delivery on webhook_delivery_attempts (delivery_id, attempt)`.execute(
    db,
  )
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table webhook_delivery_attempts`.execute(db)
  await sql`drop table webhook_deliveries`.execute(db)
  await sql`drop table webhook_events`.execute(db)
  await sql`drop table webhook_endpoints`.execute(db)
}
