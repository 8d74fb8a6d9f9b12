import { type Kysely, sql } from 'kysely'

// Frozen once landed: never edit; add a new migration instead.
// Issue #11 point 5: the audit log is append-only. A trigger refuses UPDATE and DELETE on
// audit_events, with three narrow exceptions:
//  - deleting a whole organization still cascades to its events (the row is deleted only once its
//    organization is gone);
//  - deleting a person still sets actor_id to null (foreign key ON DELETE SET NULL): an update that
//    changes nothing but actor_id, to null, once that person is gone;
//  - redaction: inside a transaction that ran `set local tandem.audit_redaction = 'on'`, an update
//    may rewrite `details` and nothing else (for erasure, if older details must lose personal data).
// A sign-in attempt with an unknown email belongs to no organization: organization_id may be null
// (an event of the instance). The index serves the admin page's keyset paging (newest id first).
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table audit_events alter column organization_id drop not null`.execute(db)
  await sql`create index audit_events_org_id_idx on audit_events (organization_id, id)`.execute(db)
  await sql`create index audit_events_actor_idx on audit_events (actor_id, id)`.execute(db)
  await sql`
    create function audit_events_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        if old.organization_id is not null
          and not exists (select 1 from organizations where id = old.organization_id) then
          return old;
        end if;
        raise exception 'audit_events is append-only: DELETE refused' using errcode = 'insufficient_privilege';
      end if;
      if new.id = old.id
        and new.organization_id is not distinct from old.organization_id
        and new.action = old.action
        and new.target_type = old.target_type
        and new.target_id is not distinct from old.target_id
        and new.address is not distinct from old.address
        and new.outcome = old.outcome
        and new.created_at = old.created_at then
        if new.details = old.details
          and new.actor_id is null and old.actor_id is not null
          and not exists (select 1 from people where id = old.actor_id) then
          return new;
        end if;
        if new.actor_id is not distinct from old.actor_id
          and coalesce(current_setting('tandem.audit_redaction', true), '') = 'on' then
          return new;
        end if;
      end if;
      raise exception 'audit_events is append-only: UPDATE refused' using errcode = 'insufficient_privilege';
    end
    $$
  `.execute(db)
  await sql`
    create trigger audit_events_append_only before update or delete on audit_events
    for each row execute function audit_events_append_only()
  `.execute(db)
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger audit_events_append_only on audit_events`.execute(db)
  await sql`drop function audit_events_append_only()`.execute(db)
  await sql`drop index audit_events_actor_idx`.execute(db)
  await sql`drop index audit_events_org_id_idx`.execute(db)
  await sql`delete from audit_events where organization_id is null`.execute(db)
  await sql`alter table audit_events alter column organization_id set not null`.execute(db)
}
