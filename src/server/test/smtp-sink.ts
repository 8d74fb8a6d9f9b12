import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

/** One message a real SMTP server on the loopback received: what the mailbox owner would read. */
export interface ReceivedMail {
  to: string[]
  raw: string
}

export interface SmtpSink {
  /** Every message received, oldest first. */
  received: ReceivedMail[]
  /** Starts listening on a free loopback port; answers the `smtp://` URL to give the mailer. */
  start: () => Promise<string>
  stop: () => Promise<void>
}

/** A real SMTP server for tests (no TLS, no authentication), keeping what it receives in memory. */
export function createSmtpSink(): SmtpSink {
  const received: ReceivedMail[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = ''
      stream.setEncoding('utf8')
      stream.on('data', (chunk: string) => {
        raw += chunk
      })
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw })
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
