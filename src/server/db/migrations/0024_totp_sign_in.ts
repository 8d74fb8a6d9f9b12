import { type Kysely, sql } from 'kysely'

// Frozen once landed: never edit; add a new migration instead.
// Issue #15 point 4 (decision 040): multi-factor sign-in with TOTP for password accounts. One
// authenticator per person (active once confirmed with a first code), ten single-use recovery codes
// (hashed), pending sign-ins between a right password and the code, and the organization setting that
// requires it of admins and program managers.
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table person_totp (
      person_id uuid primary key references people(id) on delete cascade,
      organization_id uuid not null references organizations(id) on delete cascade,
      secret text not null,
      confirmed_at timestamptz,
      last_used_step bigint,
      created_at timestamptz not null
    )`.execute(db)
  await sql`
    create table totp_recovery_codes (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id) on delete cascade,
      code_hash text not null,
      used_at timestamptz
    )`.execute(db)
  await sql`create index totp_recovery_codes_person on totp_recovery_codes (person_id)`.execute(db)
  await sql`
    create table pending_sign_ins (
      id text primary key,
      organization_id uuid not null references organizations(id) on delete cascade,
      person_id uuid not null references people(id) on delete cascade,
      user_agent text not null default '',
      ip text not null default '',
      failed_attempts integer not null default 0,
      expires_at timestamptz not null
    )`.execute(db)
  await sql`create index pending_sign_ins_person on pending_sign_ins (person_id)`.execute(db)
  await sql`alter table organizations add column is_mfa_required_for_staff boolean not null default false`.execute(db)
  // Set on a password sign-in of an admin or program manager without TOTP while the organization requires it.
  await sql`alter table auth_sessions add column is_mfa_enrollment_required boolean not null default false`.execute(db)
  // Cached session lookups carry the flag (the API refuses such a session until it enrolls): its
  // change is announced like the other columns of migration 0015's trigger.
  await sql`drop trigger auth_sessions_notify_update on auth_sessions`.execute(db)
  await sql`
    create trigger auth_sessions_notify_update after update on auth_sessions for each row
    when (
      old.id is distinct from new.id or old.revoked_at is distinct from new.revoked_at
      or old.expires_at is distinct from new.expires_at or old.person_id is distinct from new.person_id
      or old.organization_id is distinct from new.organization_id or old.csrf_token is distinct from new.csrf_token
      or old.is_mfa_enrollment_required is distinct from new.is_mfa_enrollment_required
    )
    execute function notify_session_change('s')
  `.execute(db)
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger auth_sessions_notify_update on auth_sessions`.execute(db)
  await sql`
    create trigger auth_sessions_notify_update after update on auth_sessions for each row
    when (
      old.id is distinct from new.id or old.revoked_at is distinct from new.revoked_at
      or old.expires_at is distinct from new.expires_at or old.person_id is distinct from new.person_id
      or old.organization_id is distinct from new.organization_id or old.csrf_token is distinct from new.csrf_token
    )
    execute function notify_session_change('s')
  `.execute(db)
  await sql`alter table auth_sessions drop column is_mfa_enrollment_required`.execute(db)
  await sql`alter table organizations drop column is_mfa_required_for_staff`.execute(db)
  await sql`drop table pending_sign_ins`.execute(db)
  await sql`drop table totp_recovery_codes`.execute(db)
  await sql`drop table person_totp`.execute(db)
}
