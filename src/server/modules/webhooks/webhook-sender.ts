import { randomBytes } from 'node:crypto'
import http from 'node:http'
import https from 'node:https'
import { performance } from 'node:perf_hooks'
import { Webhook } from 'standardwebhooks'
import { TANDEM_VERSION } from '#server/version.ts'
import { publicOnlyLookup } from './webhook-address.ts'

/** How long one attempt may take, from connecting to the last byte of the answer's head. */
export const WEBHOOK_ATTEMPT_TIMEOUT_MS = 10_000

/** A new signing secret: `whsec_` + base64 of 32 random bytes (the Standard Webhooks format). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`
}

export interface SignedRequest {
  url: string
  /** The `webhook-id`: the event's id, the same on every attempt. */
  id: string
  /** The app clock's instant of this attempt (`webhook-timestamp`). */
  timestamp: Date
  body: string
  secret: string
}

export interface AttemptOutcome {
  statusCode: number | null
  durationMs: number
  error: string | null
}

/** The three Standard Webhooks headers for one attempt, signed with the reference library. */
export function signatureHeaders(request: Omit<SignedRequest, 'url'>): Record<string, string> {
  return {
    'webhook-id': request.id,
    'webhook-timestamp': String(Math.floor(request.timestamp.getTime() / 1000)),
    'webhook-signature': new Webhook(request.secret).sign(request.id, request.timestamp, request.body),
  }
}

/**
 * POSTs one signed delivery and answers how it went (never throws): a 2xx is delivered; anything
 * else, a refused connection or the timeout is a failed attempt. Redirects are not followed (a
 * redirect could lead to an internal address). Unless private addresses are allowed, the address
 * actually connected to must be public.
 */
export function sendSignedRequest(
  request: SignedRequest,
  options: { allowPrivateAddresses: boolean; signal?: AbortSignal },
): Promise<AttemptOutcome> {
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  return new Promise((resolve) => {
    let isSettled = false
    const settle = (outcome: Omit<AttemptOutcome, 'durationMs'>) => {
      if (isSettled) return
      isSettled = true
      resolve({ ...outcome, durationMs: elapsed() })
    }
    let url: URL
    try {
      url = new URL(request.url)
    } catch {
      settle({ statusCode: null, error: 'The endpoint URL is not valid' })
      return
    }
    const client = url.protocol === 'https:' ? https : http
    const signal = options.signal
      ? AbortSignal.any([options.signal, AbortSignal.timeout(WEBHOOK_ATTEMPT_TIMEOUT_MS)])
      : AbortSignal.timeout(WEBHOOK_ATTEMPT_TIMEOUT_MS)
    const outgoing = client.request(
      url,
      {
        method: 'POST',
        signal,
        ...(options.allowPrivateAddresses ? {} : { lookup: publicOnlyLookup }),
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(request.body),
          'user-agent': `Tandem-Webhooks/${TANDEM_VERSION}`,
          ...signatureHeaders(request),
        },
      },
      (response) => {
        const statusCode = response.statusCode ?? null
        // The answer's body is not kept: read and dropped so the connection closes cleanly.
        response.resume()
        response.on('end', () => {
          const isOk = statusCode !== null && statusCode >= 200 && statusCode < 300
          settle({ statusCode, error: isOk ? null : `The endpoint answered ${statusCode}` })
        })
        response.on('error', (error) => settle({ statusCode, error: error.message }))
      },
    )
    outgoing.on('error', (error) => {
      const isTimeout = signal.aborted && signal.reason instanceof DOMException && signal.reason.name === 'TimeoutError'
      settle({
        statusCode: null,
        error: isTimeout ? `No answer within ${WEBHOOK_ATTEMPT_TIMEOUT_MS / 1000} s` : error.message,
      })
    })
    outgoing.end(request.body)
  })
}
