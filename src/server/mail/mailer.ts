import type { SendMailOptions, Transporter } from 'nodemailer'
import { type Clock, systemClock } from '#server/clock.ts'
import type { Db } from '#server/db/connect.ts'
import type { EmailAttachment, EmailKind, OutboxEmailRow } from '#server/db/schema.ts'
import type { JobData, JobRunner } from '#server/jobs/job-runner.ts'
import { type Metrics, noMetrics } from '#server/metrics/metrics.ts'
import {
  claimUnsentOutboxEmail,
  findOutboxEmailClaim,
  insertOutboxEmail,
  releaseOutboxEmailClaim,
  updateOutboxEmail,
} from './outbox-emails.repository.ts'

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
  /** When it was queued by the app's clock (ISO), for the delivery latency metric. */
  queuedAt?: string
}

/** An email's last attempt (10 in all, see the queue's settings): when it fails, the email is given up. */
const EMAIL_RETRY_LIMIT = 9

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

interface Transport {
  sendMail(message: SendMailOptions): Promise<unknown>
  close(): void
}

/**
 * The SMTP transport, with nodemailer loaded by the first delivery: it takes a tenth of a second of
 * every start to load (decision 036), and a start sends nothing at once.
 */
function smtpTransport(url: string): Transport {
  let created: Promise<Transporter> | undefined
  const transport = () =>
    (created ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({ url, ...SMTP_TIMEOUTS }),
    ))
  return {
    sendMail: async (message) => (await transport()).sendMail(message),
    close: () => {
      created?.then((opened) => opened.close()).catch(() => {})
    },
  }
}

/**
 * The Message-ID of an outbox email: the same on every attempt, so a receiving server (or a mail
 * program) can drop the copy a worker that died after delivering, but before recording it, sends again.
 */
export function messageIdOf(outboxEmailId: string, domain: string): string {
  return `<${outboxEmailId}@${domain}>`
}

/** Where Message-IDs come from: the public address's host name. */
export function messageIdDomainOf(publicUrl: string | undefined): string {
  try {
    return publicUrl ? new URL(publicUrl).hostname || 'tandem.invalid' : 'tandem.invalid'
  } catch {
    return 'tandem.invalid'
  }
}

async function deliver(transport: Transport, from: string, message: MailMessage, messageId: string): Promise<void> {
  await transport.sendMail({
    messageId,
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
 * How long another job's claim on an outbox email holds. Longer than one SMTP attempt can take (the
 * transport's timeouts below), so a live delivery is never doubled; a claim this old belongs to a
 * worker that died (the same job's own retry takes its claim over at once, without waiting).
 */
export const CLAIM_STALE_SECONDS = 120

/** SMTP timeouts (milliseconds) that bound one attempt well inside CLAIM_STALE_SECONDS. */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 60_000 }

export type OutboxClaim =
  | { outcome: 'claimed'; row: OutboxEmailRow }
  /** Sent already, or the row is gone (its organization was deleted): nothing to do. */
  | { outcome: 'done' }
  /** Another job is delivering it right now: try again later. */
  | { outcome: 'busy'; claimedBy: string }

/**
 * Claims an outbox email for one delivery attempt by job `claimant`: one conditional update, so of
 * two jobs (or instances) at once only one gets it. Never a row already sent; a claim of the same
 * job (an earlier attempt whose worker died) or older than CLAIM_STALE_SECONDS is taken over.
 */
export async function claimOutboxEmail(
  db: Db,
  outboxEmailId: string,
  claimant: string,
  now: Date,
): Promise<OutboxClaim> {
  const staleBefore = new Date(now.getTime() - CLAIM_STALE_SECONDS * 1000)
  const row = await claimUnsentOutboxEmail(db, outboxEmailId, claimant, now, staleBefore)
  if (row) return { outcome: 'claimed', row }
  const current = await findOutboxEmailClaim(db, outboxEmailId)
  if (!current || current.sent_at) return { outcome: 'done' }
  return { outcome: 'busy', claimedBy: current.claimed_by ?? 'another job' }
}

/**
 * One delivery attempt of an outbox email by job `claimant`: claims it, sends it over SMTP with its
 * stable Message-ID, and records it sent (a credential's body purged); answers whether this attempt
 * sent it. Throws when SMTP fails or another job holds the claim, so the job is retried.
 */
export async function deliverOutboxEmail(
  db: Db,
  smtp: { transport: Transport; from: string; messageIdDomain: string },
  outboxEmailId: string,
  claimant: string,
  clock: Clock,
): Promise<boolean> {
  const claim = await claimOutboxEmail(db, outboxEmailId, claimant, clock.now())
  if (claim.outcome === 'done') return false
  if (claim.outcome === 'busy') {
    throw new Error(`Email ${outboxEmailId} is being delivered by job ${claim.claimedBy}; trying again later`)
  }
  const { row } = claim
  const message = messageOfRow(row)
  if (!message) {
    await releaseOutboxEmailClaim(db, row.id, claimant, 'The message was purged before it could be sent')
    return false
  }
  try {
    await deliver(smtp.transport, smtp.from, message, messageIdOf(row.id, smtp.messageIdDomain))
  } catch (cause) {
    await releaseOutboxEmailClaim(db, row.id, claimant, errorText(cause))
    throw cause
  }
  const sentAt = clock.now()
  await updateOutboxEmail(db, row.id, {
    error: null,
    sent_at: sentAt,
    ...(row.has_credential ? purgedBody(sentAt) : {}),
  })
  return true
}

/** SMTP delivery needs the job queue that retries it and the database it records delivery in. */
interface SmtpMailerOptions {
  smtpUrl: string | undefined
  jobs: JobRunner
  db: Db
}

/**
 * SMTP when a URL is configured, delivered by a job of the queue (the app always gives one);
 * otherwise the development outbox that admins read in the UI (scripts and tests may build that
 * one alone).
 */
export function createMailer(
  options: {
    from: string
    /** The instance's public address: its host names the Message-IDs. */
    publicUrl?: string
    /** Where the delivery job reads the time (the app's clock). */
    clock?: Clock
    /** Counts emails queued, sent and failed (the app's metrics; none in scripts). */
    metrics?: Pick<Metrics, 'recordEmailQueued' | 'recordEmailSent' | 'recordEmailFailed'>
  } & ({ smtpUrl: undefined } | SmtpMailerOptions),
): Mailer {
  const clock = options.clock ?? systemClock
  const metrics = options.metrics ?? noMetrics
  const transport = options.smtpUrl ? smtpTransport(options.smtpUrl) : null
  // The queue that delivers over SMTP; none: the development outbox.
  const jobs = transport && 'jobs' in options ? options.jobs : undefined
  if (transport && jobs && 'db' in options) {
    const db = options.db
    const smtp = { transport, from: options.from, messageIdDomain: messageIdDomainOf(options.publicUrl) }
    jobs.define<EmailJobData>({
      queue: EMAIL_QUEUE,
      // 10 attempts over about an hour: 5-10 s, 10-20 s, ... (doubling, with jitter), at most 30 min apart.
      // The heartbeat: a worker that died mid-delivery is noticed within 10 s plus one supervision
      // pass, and its email retried 5-10 s later (well within a minute), instead of after the 300 s expiry.
      settings: {
        retryLimit: EMAIL_RETRY_LIMIT,
        retryDelay: 5,
        retryBackoff: true,
        retryDelayMax: 1800,
        expireInSeconds: 300,
        heartbeatSeconds: 10,
      },
      concurrency: 4,
      handler: async (data, job) => {
        try {
          const isSent = await deliverOutboxEmail(db, smtp, data.outboxEmailId, job.id, clock)
          if (isSent && data.queuedAt) {
            metrics.recordEmailSent((clock.now().getTime() - Date.parse(data.queuedAt)) / 1000)
          }
        } catch (error) {
          metrics.recordEmailFailed(job.retryCount >= EMAIL_RETRY_LIMIT)
          throw error
        }
      },
    })
  }
  return {
    async send(db, message) {
      if (jobs) {
        const queue = jobs
        const enqueue = async (trx: Db) => {
          const outboxEmailId = await insertOutboxEmail(trx, outboxRow(message, 'smtp'))
          await queue.send<EmailJobData>(
            EMAIL_QUEUE,
            {
              organizationId: message.organizationId,
              description: `Email to ${message.to}: ${message.subject}`,
              outboxEmailId,
              queuedAt: clock.now().toISOString(),
            },
            { db: trx },
          )
        }
        if (db.isTransaction) await enqueue(db)
        else await db.transaction().execute(enqueue)
        metrics.recordEmailQueued('smtp')
        return
      }
      await insertOutboxEmail(db, outboxRow(message, 'outbox'))
      metrics.recordEmailQueued('outbox')
    },
    close() {
      transport?.close()
    },
  }
}
