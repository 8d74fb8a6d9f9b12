import { type Kysely, sql } from 'kysely'

// Frozen once landed: never edit; add a new migration instead.
// Issue #15 point 2: single sign-on with SAML 2.0, a second kind of provider for the same settings.
// - oidc_settings gains `protocol` ('oidc' or 'saml': one kind per organization) and the identity
//   provider's SAML settings (its SSO URL for the redirect binding, its entity id, its signing
//   certificates as PEM). The shared columns (enabled, button name, domains, just-in-time,
//   required, break-glass admin) serve both kinds; the table keeps its name.
// - saml_requests: an AuthnRequest sent to the provider, by its ID (the InResponseTo an answer must
//   carry), with the sha-256 of the secret the starting browser keeps in a cookie; the accepted
//   answer marks it used and names the person, the browser's return with the cookie finishes it
//   (the session starts); kept until it expires.
// - saml_assertions: the ID of every assertion that signed someone in, until it expires, so a
//   replayed assertion is refused by every instance sharing the database.
// SAML identities go into oidc_identities with the provider's entity id as issuer and the NameID as subject.
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table oidc_settings
      add column protocol text not null default 'oidc' check (protocol in ('oidc', 'saml')),
      add column saml_idp_sso_url text not null default '',
      add column saml_idp_entity_id text not null default '',
      add column saml_idp_certificates text not null default ''`.execute(db)
  await sql`
    create table saml_requests (
      id text primary key,
      organization_id uuid not null references organizations(id) on delete cascade,
      browser_hash text not null,
      expires_at timestamptz not null,
      used_at timestamptz,
      person_id uuid references people(id) on delete cascade,
      finished_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index saml_requests_expires_at on saml_requests (expires_at)`.execute(db)
  await sql`
    create table saml_assertions (
      organization_id uuid not null references organizations(id) on delete cascade,
      issuer text not null,
      assertion_id text not null,
      expires_at timestamptz not null,
      created_at timestamptz not null default now(),
      primary key (issuer, assertion_id)
    )`.execute(db)
  await sql`create index saml_assertions_expires_at on saml_assertions (expires_at)`.execute(db)
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table saml_assertions`.execute(db)
  await sql`drop table saml_requests`.execute(db)
  await sql`
    alter table oidc_settings
      drop column protocol,
      drop column saml_idp_sso_url,
      drop column saml_idp_entity_id,
      drop column saml_idp_certificates`.execute(db)
}
