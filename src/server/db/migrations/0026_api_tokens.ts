import { type Kysely, sql } from 'kysely'

// Frozen once landed: never edit; add a new migration instead.
// Issue #15 point 5 (decision 043): organization API tokens for integrations. A token belongs to
// the organization, not to the admin who made it; only its SHA-256 is stored (the secret is shown
// once). Audit events an integration causes name the token in their own column, as no person acted.
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table api_tokens (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null references organizations(id) on delete cascade,
      name text not null,
      scopes text[] not null,
      token_hash text not null unique,
      token_prefix text not null,
      created_by uuid references people(id) on delete set null,
      created_at timestamptz not null,
      expires_at timestamptz,
      last_used_at timestamptz,
      revoked_at timestamptz,
      revoked_by uuid references people(id) on delete set null
    )`.execute(db)
  await sql`create index api_tokens_organization on api_tokens (organization_id, created_at)`.execute(db)
  // No foreign key: audit events are append-only, and a token is never deleted but with its organization.
  await sql`alter table audit_events add column actor_api_token_id uuid`.execute(db)
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table audit_events drop column actor_api_token_id`.execute(db)
  await sql`drop table api_tokens`.execute(db)
}
