import { type Kysely, sql } from 'kysely'

// Frozen once landed: never edit; add a new migration instead.
// Issue #15 point 2: single sign-on with OpenID Connect, per organization.
// - oidc_settings: one row per organization (issuer, client, allowed domains, the button's name,
//   just-in-time creation, "SSO required" and the break-glass admin who may still use a password).
// - oidc_login_states: a sign-in started at the provider and not back yet (PKCE verifier, nonce),
//   keyed by the sha-256 of its state; used once, kept minutes.
// - oidc_identities: which provider account (issuer + subject) a person signed in with, so a later
//   sign-in finds the same person even when the provider's email changes.
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table oidc_settings (
      organization_id uuid primary key references organizations(id) on delete cascade,
      is_enabled boolean not null default false,
      display_name text not null,
      issuer_url text not null,
      client_id text not null,
      client_secret text not null,
      allowed_domains text[] not null default '{}',
      is_jit_enabled boolean not null default false,
      is_sso_required boolean not null default false,
      break_glass_person_id uuid references people(id) on delete set null,
      updated_at timestamptz not null default now(),
      updated_by uuid references people(id) on delete set null
    )`.execute(db)
  await sql`
    create table oidc_login_states (
      id text primary key,
      organization_id uuid not null references organizations(id) on delete cascade,
      code_verifier text not null,
      nonce text not null,
      expires_at timestamptz not null,
      created_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index oidc_login_states_expires_at on oidc_login_states (expires_at)`.execute(db)
  await sql`
    create table oidc_identities (
      organization_id uuid not null references organizations(id) on delete cascade,
      person_id uuid not null references people(id) on delete cascade,
      issuer text not null,
      subject text not null,
      created_at timestamptz not null default now(),
      last_signed_in_at timestamptz not null default now(),
      primary key (organization_id, issuer, subject)
    )`.execute(db)
  await sql`create index oidc_identities_person on oidc_identities (person_id)`.execute(db)
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table oidc_identities`.execute(db)
  await sql`drop table oidc_login_states`.execute(db)
  await sql`drop table oidc_settings`.execute(db)
}
