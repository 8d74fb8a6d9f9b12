import nodemailer from 'nodemailer'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '#server/db/connect.ts'
import { createJobRunner } from '#server/jobs/job-runner.ts'
import { createSmtpSink } from '#server/test/smtp-sink.ts'
import { createTestDb } from '#server/test/test-db.ts'
import {
  CLAIM_STALE_SECONDS,
  claimOutboxEmail,
  createMailer,
  deliverOutboxEmail,
  EMAIL_QUEUE,
  messageIdOf,
} from './mailer.ts'

const invitation = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'METHOD:REQUEST',
  'BEGIN:VEVENT',
  'UID:abc@tandem',
  'DTSTAMP:20270101T000000Z',
  'DTSTART:20270310T150000Z',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n')

let database: DatabaseHandle
const smtp = createSmtpSink()
let smtpUrl = ''

beforeAll(async () => {
  database = await createTestDb()
  smtpUrl = await smtp.start()
})
afterAll(async () => {
  await smtp.stop()
  await database.close()
})

function outbox(to: string) {
  return database.db.selectFrom('outbox_emails').selectAll().where('to_address', '=', to).execute()
}

describe('mail with a calendar invitation and files', () => {
  test('without SMTP the outbox keeps the invitation; a message without files keeps none', async () => {
    const mailer = createMailer({ smtpUrl: undefined, from: 'tandem@example.test' })
    await mailer.send(database.db, {
      organizationId: null,
      to: 'asha@example.test',
      subject: 'Cancelled',
      text: 'Cancelled',
      calendarInvitation: { method: 'CANCEL', filename: 'session.ics', content: invitation },
    })
    await mailer.send(database.db, { organizationId: null, to: 'plain@example.test', subject: 'Hi', text: 'Hi' })
    const [row] = await outbox('asha@example.test')
    expect(row.transport).toBe('outbox')
    expect(row.attachments.map((a) => a.contentType)).toEqual(['text/calendar; charset=utf-8; method=CANCEL'])
    expect((await outbox('plain@example.test'))[0].attachments).toEqual([])
  })

  test('over SMTP through the job queue: the outbox row (every file kept) is written at once, the job delivers the invitation as a text/calendar part and marks it sent', async () => {
    const jobs = createJobRunner(database, { pollingIntervalSeconds: 0.5, poolSize: 2 })
    const mailer = createMailer({
      smtpUrl,
      from: 'tandem@example.test',
      jobs,
      db: database.db,
    })
    await jobs.start()
    try {
      const before = smtp.received.length
      await database.db.transaction().execute(async (trx) => {
        await mailer.send(trx, {
          organizationId: null,
          to: 'queued@example.test',
          subject: 'A queued session',
          text: 'See the invitation',
          calendarInvitation: { method: 'REQUEST', filename: 'session.ics', content: invitation },
          attachments: [{ filename: 'agenda.txt', contentType: 'text/plain', content: 'Warm-up' }],
        })
      })
      const [queued] = await outbox('queued@example.test')
      expect(queued).toMatchObject({ transport: 'smtp', error: null, sent_at: null })
      expect(queued.attachments).toEqual([
        { filename: 'agenda.txt', contentType: 'text/plain', content: 'Warm-up' },
        { filename: 'session.ics', contentType: 'text/calendar; charset=utf-8; method=REQUEST', content: invitation },
      ])
      await jobs.drain()
      expect(smtp.received.length).toBe(before + 1)
      const raw = smtp.received.at(-1)?.raw ?? ''
      expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i)
      expect(raw).toContain('A queued session')
      expect(raw).toContain('agenda.txt')
      const [sent] = await outbox('queued@example.test')
      expect(sent.sent_at).toBeInstanceOf(Date)
    } finally {
      await jobs.stop()
      mailer.close()
    }
  })
})

describe('delivery exactly once', () => {
  const queuedRow = async (to: string) =>
    (
      await database.db
        .insertInto('outbox_emails')
        .values({ organization_id: null, to_address: to, subject: 'Once', text_body: 'Only once', transport: 'smtp' })
        .returningAll()
        .executeTakeFirstOrThrow()
    ).id
  const at = new Date('2027-06-01T10:00:00Z')
  const later = (seconds: number) => new Date(at.getTime() + seconds * 1000)

  test('of two claims at once only one gets the row; a sent row is never claimed again', async () => {
    const id = await queuedRow('claims@example.test')
    const claims = await Promise.all([
      claimOutboxEmail(database.db, id, 'job-a', at),
      claimOutboxEmail(database.db, id, 'job-b', at),
    ])
    expect(claims.map((c) => c.outcome).sort()).toEqual(['busy', 'claimed'])
    const winner = claims[0].outcome === 'claimed' ? 'job-a' : 'job-b'
    const loser = winner === 'job-a' ? 'job-b' : 'job-a'
    // the same job again (its worker died and pg-boss retried it) takes its own claim over at once
    expect((await claimOutboxEmail(database.db, id, winner, later(1))).outcome).toBe('claimed')
    // another job waits until the claim is stale ...
    expect(await claimOutboxEmail(database.db, id, loser, later(CLAIM_STALE_SECONDS))).toEqual({
      outcome: 'busy',
      claimedBy: winner,
    })
    // ... and then takes it over
    expect((await claimOutboxEmail(database.db, id, loser, later(CLAIM_STALE_SECONDS + 2))).outcome).toBe('claimed')
    await database.db
      .updateTable('outbox_emails')
      .set({ sent_at: later(3) })
      .where('id', '=', id)
      .execute()
    for (const claimant of [winner, loser, 'job-c']) {
      expect(await claimOutboxEmail(database.db, id, claimant, later(3600))).toEqual({ outcome: 'done' })
    }
    const row = await database.db.selectFrom('outbox_emails').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(row.attempts).toBe(3)
  })

  test("two deliveries of one row at once send it once, with the row's Message-ID", async () => {
    const id = await queuedRow('twice@example.test')
    const transport = nodemailer.createTransport(smtpUrl)
    const smtpOptions = { transport, from: 'tandem@example.test', messageIdDomain: 'tandem.example.org' }
    try {
      const results = await Promise.allSettled([
        deliverOutboxEmail(database.db, smtpOptions, id, 'job-a', { now: () => at }),
        deliverOutboxEmail(database.db, smtpOptions, id, 'job-b', { now: () => at }),
      ])
      // the loser fails its attempt (so its job is retried) rather than sending
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
      // its retry finds the row sent and does nothing
      await deliverOutboxEmail(database.db, smtpOptions, id, 'job-b', { now: () => later(10) })
      await deliverOutboxEmail(database.db, smtpOptions, id, 'job-a', { now: () => later(10) })
    } finally {
      transport.close()
    }
    const copies = smtp.received.filter((mail) => mail.to.includes('twice@example.test'))
    expect(copies.map((mail) => mail.messageId)).toEqual([messageIdOf(id, 'tandem.example.org')])
    const row = await database.db.selectFrom('outbox_emails').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(row.sent_at).toEqual(at)
  })

  test('an attempt that failed leaves no claim: the next attempt of another job sends at once, with the same Message-ID', async () => {
    const id = await queuedRow('retry@example.test')
    const refusing = nodemailer.createTransport('smtp://127.0.0.1:1') // nothing listens on port 1
    const transport = nodemailer.createTransport(smtpUrl)
    try {
      await expect(
        deliverOutboxEmail(
          database.db,
          { transport: refusing, from: 'tandem@example.test', messageIdDomain: 'tandem.example.org' },
          id,
          'job-a',
          { now: () => at },
        ),
      ).rejects.toThrow()
      const failed = await database.db
        .selectFrom('outbox_emails')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
      expect(failed).toMatchObject({ sent_at: null, claimed_by: null, attempts: 1 })
      expect(failed.error).toMatch(/ECONNREFUSED/)
      await deliverOutboxEmail(
        database.db,
        { transport, from: 'tandem@example.test', messageIdDomain: 'tandem.example.org' },
        id,
        'job-b',
        { now: () => later(1) },
      )
    } finally {
      refusing.close()
      transport.close()
    }
    const copies = smtp.received.filter((mail) => mail.to.includes('retry@example.test'))
    expect(copies.map((mail) => mail.messageId)).toEqual([`<${id}@tandem.example.org>`])
  })

  test('through the queue, a job sent twice for one row sends it once; the Message-ID names the PUBLIC_URL host', async () => {
    const jobs = createJobRunner(database, { pollingIntervalSeconds: 0.5, poolSize: 2 })
    const mailer = createMailer({
      smtpUrl,
      from: 'tandem@example.test',
      jobs,
      db: database.db,
      publicUrl: 'https://mentoring.example.org',
    })
    await jobs.start()
    try {
      await mailer.send(database.db, { organizationId: null, to: 'double@example.test', subject: 'Hi', text: 'Hi' })
      const [row] = await outbox('double@example.test')
      await jobs.send(EMAIL_QUEUE, { organizationId: null, outboxEmailId: row.id })
      await jobs.drain()
    } finally {
      await jobs.stop()
      mailer.close()
    }
    const [row] = await outbox('double@example.test')
    const copies = smtp.received.filter((mail) => mail.to.includes('double@example.test'))
    expect(copies.map((mail) => mail.messageId)).toEqual([`<${row.id}@mentoring.example.org>`])
    expect(row.sent_at).toBeInstanceOf(Date)
  })
})
