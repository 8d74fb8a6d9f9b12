import nodemailer from 'nodemailer'
import type { Db } from '#server/db/connect.ts'

export interface MailMessage {
  organizationId: string | null
  to: string
  subject: string
  text: string
  html?: string
}

export interface Mailer {
  /** Sends one message; every message is also recorded in outbox_emails (the development outbox when no SMTP). */
  send(db: Db, message: MailMessage): Promise<void>
  close(): void
}

/** SMTP when a URL is configured, otherwise the development outbox that admins read in the UI. */
export function createMailer(options: { smtpUrl: string | undefined; from: string }): Mailer {
  const transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null
  return {
    async send(db, message) {
      let error: string | null = null
      if (transport) {
        try {
          await transport.sendMail({
            from: options.from,
            to: message.to,
            subject: message.subject,
            text: message.text,
            html: message.html,
          })
        } catch (cause) {
          error = cause instanceof Error ? cause.message : String(cause)
        }
      }
      await db
        .insertInto('outbox_emails')
        .values({
          organization_id: message.organizationId,
          to_address: message.to,
          subject: message.subject,
          text_body: message.text,
          html_body: message.html ?? null,
          transport: transport ? 'smtp' : 'outbox',
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
