import { promises as fs } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { FileMigrationProvider, Migrator } from 'kysely/migration'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { buildOrganization, buildPerson } from '#server/test/factories.ts'
import { createTestDb } from '#server/test/test-db.ts'
import type { DatabaseHandle } from './connect.ts'

// Migration 0009 on mail written before it: reset links and delivered sign-in links lose their
// body, invitations still waiting in the mail catcher keep theirs, queued jobs lose the message.
let database: DatabaseHandle
beforeAll(async () => {
  database = await createTestDb()
})
afterAll(() => database.close())

test('0009 classifies old mail by subject, purges credentials already delivered and scrubs email jobs', async () => {
  const { db } = database
  const org = await buildOrganization(db)
  const person = await buildPerson(db, { organizationId: org.id })
  const migrator = new Migrator({
    db,
    provider: new FileMigrationProvider({
      fs,
      path,
      migrationFolder: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
    }),
  })
  const down = await migrator.migrateTo('0008_audit_address_and_outcome')
  expect(down.error).toBeUndefined()

  const insert = (subject: string, transport: string, sentAt: Date | null, to = person.email) =>
    sql`insert into outbox_emails (organization_id, to_address, subject, text_body, transport, sent_at)
        values (${org.id}, ${to}, ${subject}, ${`${subject}: https://x.test/?token=secret`}, ${transport}, ${sentAt})`.execute(
      db,
    )
  await insert('Reset your Tandem password', 'outbox', null)
  await insert('Ada invited you to Northwind on Tandem', 'outbox', null, 'new@example.test')
  await insert('Ada invited you to Northwind on Tandem', 'smtp', new Date(), 'sent@example.test')
  await insert('Your match in Spring', 'smtp', new Date())
  // A stand-in for pg-boss's job table when pg-boss has not created its own in this database.
  const hasBoss = (await sql<{ t: string | null }>`select to_regclass('pgboss.job')::text as t`.execute(db)).rows[0].t
  if (!hasBoss) {
    await sql`create schema pgboss`.execute(db)
    await sql`create table pgboss.job (name text not null, data jsonb)`.execute(db)
    await sql`insert into pgboss.job (name, data) values
      ('email-send', ${JSON.stringify({ outboxEmailId: 'x', message: { text: 'token=secret' } })}::jsonb),
      ('matching-run', ${JSON.stringify({ runId: 'y', message: 'kept' })}::jsonb)`.execute(db)
  }

  const up = await migrator.migrateToLatest()
  expect(up.error).toBeUndefined()
  const rows = await db
    .selectFrom('outbox_emails')
    .select(['to_address', 'subject', 'kind', 'has_credential', 'recipient_person_id', 'text_body', 'body_purged_at'])
    .where('organization_id', '=', org.id)
    .orderBy('created_at')
    .execute()
  const bySubject = (subject: string, to: string) => rows.find((r) => r.subject === subject && r.to_address === to)
  expect(bySubject('Reset your Tandem password', person.email)).toMatchObject({
    kind: 'password_reset',
    has_credential: true,
    recipient_person_id: person.id,
    text_body: null,
    body_purged_at: expect.any(Date),
  })
  expect(bySubject('Ada invited you to Northwind on Tandem', 'new@example.test')).toMatchObject({
    kind: 'invitation',
    has_credential: true,
    text_body: expect.stringContaining('token='),
  })
  expect(bySubject('Ada invited you to Northwind on Tandem', 'sent@example.test')).toMatchObject({
    kind: 'invitation',
    text_body: null,
  })
  expect(bySubject('Your match in Spring', person.email)).toMatchObject({
    kind: 'notification',
    has_credential: false,
    text_body: expect.stringContaining('Your match'),
  })
  if (!hasBoss) {
    const jobs = await sql<{
      name: string
      data: Record<string, unknown>
    }>`select name, data from pgboss.job order by name`.execute(db)
    expect(jobs.rows).toEqual([
      { name: 'email-send', data: { outboxEmailId: 'x' } },
      { name: 'matching-run', data: { runId: 'y', message: 'kept' } },
    ])
  }
})
