import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

/** One message a real SMTP server on the loopback received: what the mailbox owner would read. */
export interface ReceivedMail {
  to: string[]
  raw: string
  /** The message's Message-ID header, as sent. */
  messageId: string | null
  /** When the server accepted it. */
  receivedAt: Date
}

export interface SmtpSink {
  /** Every message received (accepted), oldest first. */
  received: ReceivedMail[]
  /** Starts listening on a free loopback port; answers the `smtp://` URL to give the mailer. */
  start: () => Promise<string>
  stop: () => Promise<void>
}

export interface SmtpSinkOptions {
  /**
   * Called once a message's data has arrived, before the server answers it: the answer waits for
   * the promise (a slow or stalled server). A message whose client hung up meanwhile is not kept,
   * as a real server discards a message it never acknowledged.
   */
  beforeAccept?: (raw: string) => Promise<void> | undefined
}

/** A real SMTP server for tests (no TLS, no authentication), keeping what it receives in memory. */
export function createSmtpSink(options: SmtpSinkOptions = {}): SmtpSink {
  const received: ReceivedMail[] = []
  const closedSessions = new Set<string>()
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onClose(session) {
      closedSessions.add(session.id)
    },
    onData(stream, session, callback) {
      let raw = ''
      stream.setEncoding('utf8')
      stream.on('data', (chunk: string) => {
        raw += chunk
      })
      stream.on('end', async () => {
        await options.beforeAccept?.(raw)
        if (closedSessions.has(session.id)) return callback(new Error('The client hung up'))
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          messageId: raw.match(/^Message-ID:\s*(.+?)\r?$/im)?.[1] ?? null,
          receivedAt: new Date(),
        })
        callback()
      })
    },
  })
  return {
    received,
    start: async () => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      return `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
