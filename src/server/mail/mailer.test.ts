import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '#server/db/connect.ts'
import { createJobRunner } from '#server/jobs/job-runner.ts'
import { createSmtpSink } from '#server/test/smtp-sink.ts'
import { createTestDb } from '#server/test/test-db.ts'
import { createMailer } from './mailer.ts'

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
  test('over SMTP: the invitation is a text/calendar part with its method; the outbox keeps every file', async () => {
    const mailer = createMailer({ smtpUrl, from: 'tandem@example.test' })
    try {
      await mailer.send(database.db, {
        organizationId: null,
        to: 'ben@example.test',
        subject: 'A session',
        text: 'See the invitation',
        calendarInvitation: { method: 'REQUEST', filename: 'session.ics', content: invitation },
        attachments: [{ filename: 'agenda.txt', contentType: 'text/plain', content: 'Warm-up' }],
      })
    } finally {
      mailer.close()
    }
    const raw = smtp.received.at(-1)?.raw ?? ''
    expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i)
    expect(raw).toContain('agenda.txt')
    const [row] = await outbox('ben@example.test')
    expect(row).toMatchObject({ transport: 'smtp', error: null })
    expect(row.attachments).toEqual([
      { filename: 'agenda.txt', contentType: 'text/plain', content: 'Warm-up' },
      { filename: 'session.ics', contentType: 'text/calendar; charset=utf-8; method=REQUEST', content: invitation },
    ])
  })

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

  test('through the job queue: the outbox row is written at once, the job delivers it over SMTP and marks it sent', async () => {
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
        })
      })
      const [queued] = await outbox('queued@example.test')
      expect(queued).toMatchObject({ transport: 'smtp', error: null })
      await jobs.drain()
      expect(smtp.received.length).toBe(before + 1)
      expect(smtp.received.at(-1)?.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i)
      expect(smtp.received.at(-1)?.raw).toContain('A queued session')
      const [sent] = await outbox('queued@example.test')
      expect(sent.sent_at).toBeInstanceOf(Date)
    } finally {
      await jobs.stop()
      mailer.close()
    }
  })
})
