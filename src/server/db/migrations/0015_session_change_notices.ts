import { type Kysely, sql } from 'kysely'

// Frozen once landed: never edit; add a new migration instead.
// Issue #14 point 2: each instance keeps the session lookup in a short-lived cache; it must forget an
// entry as soon as any instance changes what the lookup read. Every change that can end a session
// or change who it acts for (sign-out, expiry moved, revocation, deletion; a person's role, status,
// name, email or organization; a person deleted) sends a notice on the channel
// tandem_session_changes, delivered at commit to every instance that listens: 's:<session id>' or
// 'p:<person id>'. Touching last_seen_at (once a minute per session) sends none.
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function notify_session_change() returns trigger language plpgsql as $$
    begin
      perform pg_notify('tandem_session_changes', tg_argv[0] || ':' || old.id);
      return null;
    end
    $$
  `.execute(db)
  await sql`
    create trigger auth_sessions_notify_update after update on auth_sessions for each row
    when (
      old.id is distinct from new.id or old.revoked_at is distinct from new.revoked_at
      or old.expires_at is distinct from new.expires_at or old.person_id is distinct from new.person_id
      or old.organization_id is distinct from new.organization_id or old.csrf_token is distinct from new.csrf_token
    )
    execute function notify_session_change('s')
  `.execute(db)
  await sql`
    create trigger auth_sessions_notify_delete after delete on auth_sessions for each row
    execute function notify_session_change('s')
  `.execute(db)
  await sql`
    create trigger people_notify_update after update on people for each row
    when (
      old.id is distinct from new.id or old.role is distinct from new.role or old.status is distinct from new.status
      or old.name is distinct from new.name or old.email is distinct from new.email
      or old.organization_id is distinct from new.organization_id
    )
    execute function notify_session_change('p')
  `.execute(db)
  await sql`
    create trigger people_notify_delete after delete on people for each row
    execute function notify_session_change('p')
  `.execute(db)
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger people_notify_delete on people`.execute(db)
  await sql`drop trigger people_notify_update on people`.execute(db)
  await sql`drop trigger auth_sessions_notify_delete on auth_sessions`.execute(db)
  await sql`drop trigger auth_sessions_notify_update on auth_sessions`.execute(db)
  await sql`drop function notify_session_change()`.execute(db)
}
