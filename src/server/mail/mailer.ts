import nodemailer from 'nodemailer'
import type { Db } from '#server/db/connect.ts'
import type { EmailAttachment } from '#server/db/schema.ts'
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

export interface EmailJobData extends JobData {
  outboxEmailId: string
  message: MailMessage
}

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
}): Mailer {
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
        try {
          await deliver(transport, options.from, data.message)
        } catch (cause) {
          await db
            .updateTable('outbox_emails')
            .set({ error: errorText(cause) })
            .where('id', '=', data.outboxEmailId)
            .execute()
          throw cause
        }
        await db
          .updateTable('outbox_emails')
          .set({ error: null, sent_at: new Date() })
          .where('id', '=', data.outboxEmailId)
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
              message,
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
      await db
        .insertInto('outbox_emails')
        .values({
          ...outboxRow(message, transport ? 'smtp' : 'outbox'),
          error,
          sent_at: transport && !error ? new Date() : null,
        })
        .execute()
      if (error) throw new Error(`Mail to ${message.to} failed: ${error}`)
    },
    close() {
      transport?.close()
    },
  }
}
