import { type Kysely, sql } from 'kysely'

// Frozen once landed: never edit; add a new migration instead.
// Issue #11 point 1: no person ever holds a working credential for another person's account.
// Each outbox email says what kind it is, whether its body holds a credential (a sign-in link), whom
// it is for and how often delivery was tried; a credential's body is purged once delivered. An
// admin's "Reset this person's sign-in" is remembered on the person until they have read the notice.
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table outbox_emails add column kind text not null default 'notification'`.execute(db)
  await sql`alter table outbox_emails add constraint outbox_emails_kind_check
    check (kind in ('invitation', 'password_reset', 'sign_in_reset', 'notification'))`.execute(db)
  await sql`alter table outbox_emails add column has_credential boolean not null default false`.execute(db)
  await sql`alter table outbox_emails add column recipient_person_id uuid references people(id) on delete set null`.execute(
    db,
  )
  await sql`alter table outbox_emails add column attempts integer not null default 0`.execute(db)
  await sql`alter table outbox_emails add column headers jsonb not null default '{}'::jsonb`.execute(db)
  await sql`alter table outbox_emails add column body_purged_at timestamptz`.execute(db)
  await sql`alter table outbox_emails alter column text_body drop not null`.execute(db)

  // Mail written before this migration: recognise the two kinds that carry a sign-in link by their
  // subject (the only subjects those emails ever had), and find whom each was for.
  await sql`update outbox_emails set kind = 'password_reset', has_credential = true
    where subject = 'Reset your Tandem password'`.execute(db)
  await sql`update outbox_emails set kind = 'invitation', has_credential = true
    where subject like '% invited you to % on Tandem'`.execute(db)
  await sql`update outbox_emails o set recipient_person_id = p.id from people p
    where p.organization_id = o.organization_id and lower(p.email) = lower(o.to_address)`.execute(db)
  await sql`update outbox_emails set attempts = 1 where transport = 'smtp' and (sent_at is not null or error is not null)`.execute(
    db,
  )
  // Reset links already sent, and every credential delivered over SMTP, lose their body now.
  await sql`update outbox_emails set text_body = null, html_body = null, attachments = '[]'::jsonb, body_purged_at = now()
    where has_credential and (kind = 'password_reset' or (transport = 'smtp' and sent_at is not null))`.execute(db)
  await sql`alter table outbox_emails add constraint outbox_emails_body_check
    check (text_body is not null or body_purged_at is not null)`.execute(db)

  // Email jobs queued before this carried the whole message: from now on only the outbox row id.
  await sql`do $$ begin
    if to_regclass('pgboss.job') is not null then
      execute 'update pgboss.job set data = data - ''message'' where name = ''email-send'' and data ? ''message''';
    end if;
  end $$`.execute(db)

  await sql`alter table people add column sign_in_reset_at timestamptz`.execute(db)
  await sql`alter table people add column sign_in_reset_by uuid references people(id) on delete set null`.execute(db)
  await sql`alter table people add column is_sign_in_reset_notice_pending boolean not null default false`.execute(db)
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table people drop column is_sign_in_reset_notice_pending`.execute(db)
  await sql`alter table people drop column sign_in_reset_by`.execute(db)
  await sql`alter table people drop column sign_in_reset_at`.execute(db)
  await sql`alter table outbox_emails drop constraint outbox_emails_body_check`.execute(db)
  await sql`update outbox_emails set text_body = '' where text_body is null`.execute(db)
  await sql`alter table outbox_emails alter column text_body set not null`.execute(db)
  for (const column of ['body_purged_at', 'headers', 'attempts', 'recipient_person_id', 'has_credential', 'kind']) {
    await sql`alter table outbox_emails drop column ${sql.ref(column)}`.execute(db)
  }
}
