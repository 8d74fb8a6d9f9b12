import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '#server/db/connect.ts'
import { createJobRunner } from '#server/jobs/job-runner.ts'
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
const received: string[] = []
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    let raw = ''
    stream.setEncoding('utf8')
    stream.on('data', (chunk: string) => {
      raw += chunk
    })
    stream.on('end', () => {
      received.push(raw)
      callback()
    })
  },
})

beforeAll(async () => {
  database = await createTestDb()
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
})
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()))
  await database.close()
})

function outbox(to: string) {
  return database.db.selectFrom('outbox_emails').selectAll().where('to_address', '=', to).execute()
}

describe('mail with a calendar invitation and files', () => {
  test('over SMTP: the invitation is a text/calendar part with its method; the outbox keeps every file', async () => {
    const port = (smtp.server.address() as AddressInfo).port
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'tandem@example.test' })
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
    const raw = received.at(-1) ?? ''
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
    const port = (smtp.server.address() as AddressInfo).port
    const jobs = createJobRunner(database, { pollingIntervalSeconds: 0.5, poolSize: 2 })
    const mailer = createMailer({
      smtpUrl: `smtp://127.0.0.1:${port}`,
      from: 'tandem@example.test',
      jobs,
      db: database.db,
    })
    await jobs.start()
    try {
      const before = received.length
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
      expect(received.length).toBe(before + 1)
      expect(received.at(-1)).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i)
      expect(received.at(-1)).toContain('A queued session')
      const [sent] = await outbox('queued@example.test')
      expect(sent.sent_at).toBeInstanceOf(Date)
    } finally {
      await jobs.stop()
      mailer.close()
    }
  })
})
