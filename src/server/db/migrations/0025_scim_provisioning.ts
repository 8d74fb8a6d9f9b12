import { type Kysely, sql } from 'kysely'

// Frozen once landed: never edit; add a new migration instead.
// Issue #15 point 3 (decision 042): SCIM 2.0 provisioning. An organization's SCIM tokens (only the
// SHA-256 of each is kept, like session tokens), the identity provider's externalId of each person it
// provisions (and whether it deleted them), and SCIM groups with their members: a group table of its
// own, not departments (the enterprise extension's `department` already sets those).
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table scim_tokens (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null references organizations(id) on delete cascade,
      token_hash text not null unique,
      created_by uuid references people(id) on delete set null,
      created_at timestamptz not null,
      last_used_at timestamptz,
      revoked_at timestamptz
    )`.execute(db)
  await sql`create index scim_tokens_organization on scim_tokens (organization_id)`.execute(db)
  await sql`
    create table scim_users (
      person_id uuid primary key references people(id) on delete cascade,
      organization_id uuid not null references organizations(id) on delete cascade,
      external_id text,
      deleted_at timestamptz,
      updated_at timestamptz not null
    )`.execute(db)
  await sql`create index scim_users_external_id on scim_users (organization_id, external_id)`.execute(db)
  await sql`
    create table scim_groups (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null references organizations(id) on delete cascade,
      display_name text not null,
      external_id text,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db)
  await sql`create index scim_groups_organization on scim_groups (organization_id, display_name)`.execute(db)
  await sql`
    create table scim_group_members (
      group_id uuid not null references scim_groups(id) on delete cascade,
      person_id uuid not null references people(id) on delete cascade,
      organization_id uuid not null references organizations(id) on delete cascade,
      primary key (group_id, person_id)
    )`.execute(db)
  await sql`create index scim_group_members_person on scim_group_members (person_id)`.execute(db)
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table scim_group_members`.execute(db)
  await sql`drop table scim_groups`.execute(db)
  await sql`drop table scim_users`.execute(db)
  await sql`drop table scim_tokens`.execute(db)
}
