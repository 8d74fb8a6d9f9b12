import nodemailer from 'nodemailer'
import { type Clock, systemClock } from '#server/clock.ts'
import type { Db } from '#server/db/connect.ts'
import type { EmailAttachment, EmailKind, OutboxEmailRow } from '#server/db/schema.ts'
import type { JobData, JobRunner } from '#server/jobs/job-runner.ts'

export interface MailMessage {
  organizationId: string | null
  to: string
  subject: string
  text: string
  html?: string
  /** Files sent with the message (kept in the outbox too). */
  attachments?: EmailAttachment[]
  /**
   * A calendar invitation (an .ics text): sent over SMTP as the message's text/calendar part, which
   * mail programs offer to add to the calendar, and kept in the outbox as an attachment.
   */
  calendarInvitation?: { method: 'REQUEST' | 'CANCEL'; filename: string; content: string }
  /** Extra headers (List-Unsubscribe and List-Unsubscribe-Post on notification emails). */
  headers?: Record<string, string>
  /** What the email is (default `notification`); the outbox shows it, and decides by it who may read the body. */
  kind?: EmailKind
  /**
   * The body holds a credential (a link that signs someone in or sets their password): never shown
   * with SMTP, never copied into job data, purged once delivered.
   */
  hasCredential?: boolean
  /** The person of the organization the email is for (who may read their own reset link in the mail catcher). */
  recipientPersonId?: string | null
}

/** Every file of a message, the invitation included, as the outbox keeps them. */
export function attachmentsOf(message: MailMessage): EmailAttachment[] {
  const files = [...(message.attachments ?? [])]
  const invitation = message.calendarInvitation
  if (invitation) {
    files.push({
      filename: invitation.filename,
      contentType: `text/calendar; charset=utf-8; method=${invitation.method}`,
      content: invitation.content,
    })
  }
  return files
}

export interface Mailer {
  /**
   * Sends one message; every message is also recorded in outbox_emails (the development outbox when
   * no SMTP). With a job queue, SMTP delivery is a job (retried with back-off): the message is
   * recorded at once (inside `db`'s transaction when it is one) and marked sent, or with its last
   * error, by the job.
   */
  send(db: Db, message: MailMessage): Promise<void>
  close(): void
}

/** The queue of SMTP deliveries. */
export const EMAIL_QUEUE = 'email-send'

/** Only the outbox row's id: job data is shown on the admin's Jobs page and kept by pg-boss, the message text never is. */
export interface EmailJobData extends JobData {
  outboxEmailId: string
}

const calendarPart = /^text\/calendar; charset=utf-8; method=(REQUEST|CANCEL)$/

/** The message as stored in its outbox row, for delivery by the job (null once its body was purged). */
export function messageOfRow(row: OutboxEmailRow): MailMessage | null {
  if (row.text_body === null) return null
  const invitation = row.attachments.find((file) => calendarPart.test(file.contentType))
  const method = invitation?.contentType.match(calendarPart)?.[1] as 'REQUEST' | 'CANCEL' | undefined
  return {
    organizationId: row.organization_id,
    to: row.to_address,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body ?? undefined,
    attachments: row.attachments.filter((file) => file !== invitation),
    calendarInvitation:
      invitation && method ? { method, filename: invitation.filename, content: invitation.content } : undefined,
    headers: row.headers,
  }
}

/** What stays of a credential email once delivered: its metadata, never its link. */
const purgedBody = (now: Date) => ({ text_body: null, html_body: null, attachments: '[]', body_purged_at: now })

type Transport = ReturnType<typeof nodemailer.createTransport>

async function deliver(transport: Transport, from: string, message: MailMessage): Promise<void> {
  await transport.sendMail({
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    attachments: message.attachments?.map((file) => ({
      filename: file.filename,
      contentType: file.contentType,
      content: file.content,
    })),
    icalEvent: message.calendarInvitation,
    headers: message.headers,
  })
}

function outboxRow(message: MailMessage, transport: 'smtp' | 'outbox') {
  return {
    organization_id: message.organizationId,
    to_address: message.to,
    subject: message.subject,
    text_body: message.text,
    html_body: message.html ?? null,
    transport,
    attachments: JSON.stringify(attachmentsOf(message)),
    headers: JSON.stringify(message.headers ?? {}),
    kind: message.kind ?? 'notification',
    has_credential: message.hasCredential ?? false,
    recipient_person_id: message.recipientPersonId ?? null,
  }
}

const errorText = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause))

/**
 * SMTP when a URL is configured, otherwise the development outbox that admins read in the UI.
 * Given a job queue (the app always gives one), SMTP sending goes through it; without one (unit
 * tests of callers) it happens in the call.
 */
export function createMailer(options: {
  smtpUrl: string | undefined
  from: string
  jobs?: JobRunner
  /** The database the email job records delivery in (needed with `jobs`). */
  db?: Db
  /** Stamps sent_at (default: the system clock). */
  clock?: Clock
}): Mailer {
  const clock = options.clock ?? systemClock
  const transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null
  const { jobs } = options
  if (transport && jobs) {
    const db = options.db
    if (!db) throw new Error('The queued mailer needs the database')
    jobs.define<EmailJobData>({
      queue: EMAIL_QUEUE,
      // 6 attempts over about an hour: 30 s, 1, 2, 4, 8 min ... (with jitter), at most 30 min apart.
      settings: { retryLimit: 5, retryDelay: 30, retryBackoff: true, retryDelayMax: 1800, expireInSeconds: 300 },
      concurrency: 4,
      async handler(data) {
        const row = await db
          .updateTable('outbox_emails')
          .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
          .where('id', '=', data.outboxEmailId)
          .where('sent_at', 'is', null)
          .returningAll()
          .executeTakeFirst()
        if (!row) return // already sent, or the row is gone (its organization was deleted)
        const message = messageOfRow(row)
        if (!message) {
          await db
            .updateTable('outbox_emails')
            .set({ error: 'The message was purged before it could be sent' })
            .where('id', '=', row.id)
            .execute()
          return
        }
        try {
          await deliver(transport, options.from, message)
        } catch (cause) {
          await db
            .updateTable('outbox_emails')
            .set({ error: errorText(cause) })
            .where('id', '=', row.id)
            .execute()
          throw cause
        }
        const now = clock.now()
        await db
          .updateTable('outbox_emails')
          .set({ error: null, sent_at: now, ...(row.has_credential ? purgedBody(now) : {}) })
          .where('id', '=', row.id)
          .execute()
      },
    })
  }
  return {
    async send(db, message) {
      if (transport && jobs) {
        const enqueue = async (trx: Db) => {
          const row = await trx
            .insertInto('outbox_emails')
            .values(outboxRow(message, 'smtp'))
            .returning('id')
            .executeTakeFirstOrThrow()
          await jobs.send<EmailJobData>(
            EMAIL_QUEUE,
            {
              organizationId: message.organizationId,
              description: `Email to ${message.to}: ${message.subject}`,
              outboxEmailId: row.id,
            },
            { db: trx },
          )
        }
        if (db.isTransaction) await enqueue(db)
        else await db.transaction().execute(enqueue)
        return
      }
      let error: string | null = null
      if (transport) {
        try {
          await deliver(transport, options.from, message)
        } catch (cause) {
          error = errorText(cause)
        }
      }
      const now = clock.now()
      const isDelivered = Boolean(transport) && !error
      await db
        .insertInto('outbox_emails')
        .values({
          ...outboxRow(message, transport ? 'smtp' : 'outbox'),
          error,
          attempts: transport ? 1 : 0,
          sent_at: isDelivered ? now : null,
          ...(isDelivered && message.hasCredential ? purgedBody(now) : {}),
        })
        .execute()
      if (error) throw new Error(`Mail to ${message.to} failed: ${error}`)
    },
    close() {
      transport?.close()
    },
  }
}
