import type { Attributes, Context } from '@opentelemetry/api'
import type { Span, SpanProcessor } from '@opentelemetry/sdk-trace'

// The attributes the HTTP, Fastify and undici instrumentations put an address in (old and stable
// semantic conventions). A query string may carry a token or an email, and a path may carry a
// secret too (/api/invitations/:token, /api/unsubscribe/:token): spans keep neither.
const PATH_KEYS = ['http.target', 'url.path'] as const
const ABSOLUTE_URL_KEYS = ['url.full', 'http.url'] as const
const QUERY_KEY = 'url.query'
const REDACTED = 'REDACTED'
// An address in any text a span holds (an SMTP server's refusal quotes the recipient; pg-boss records
// a failed job's error message): a safety net under the rule that the app puts no person's data in a span.
const EMAIL = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+\.[a-z]{2,}/gi
const EMAIL_REDACTED = '[email]'

/** The text without email addresses. */
export function redactEmails(text: string): string {
  return text.replace(EMAIL, EMAIL_REDACTED)
}

/** Keeps a query string's names, never its values: `token=REDACTED&page=REDACTED`. */
export function redactQuery(query: string): string {
  if (query === '') return query
  return query
    .split('&')
    .map((pair) => {
      const name = pair.split('=')[0] ?? ''
      return pair.includes('=') ? `${name}=${REDACTED}` : name
    })
    .join('&')
}

/** A path (with its query string) as a span may hold it: the route's template when known, the query's values redacted. */
export function redactPath(pathWithQuery: string, route: string | undefined): string {
  const queryStart = pathWithQuery.indexOf('?')
  const pathname = queryStart === -1 ? pathWithQuery : pathWithQuery.slice(0, queryStart)
  const query = queryStart === -1 ? undefined : pathWithQuery.slice(queryStart + 1)
  return `${route ?? pathname}${query === undefined ? '' : `?${redactQuery(query)}`}`
}

function redactAbsoluteUrl(value: string, route: string | undefined): string {
  const match = /^([a-z][a-z\d+.-]*:\/\/[^/?#]*)(.*)$/i.exec(value)
  if (!match) return redactPath(value, route)
  const [, origin = '', rest = ''] = match
  // Credentials in the authority (user:password@) are never kept.
  return `${origin.replace(/\/\/[^@/]*@/, '//')}${redactPath(rest.split('#')[0] ?? '', route)}`
}

/** The attribute values that replace a span's own so that none holds a query value, a secret path, credentials or an email address. */
export function redactedAttributes(attributes: Attributes): Attributes {
  const route = typeof attributes['http.route'] === 'string' ? attributes['http.route'] : undefined
  const changes: Attributes = {}
  const change = (key: string, redact: (value: string) => string) => {
    const value = attributes[key]
    if (typeof value !== 'string') return
    const redacted = redact(value)
    if (redacted !== value) changes[key] = redacted
  }
  for (const key of PATH_KEYS) change(key, (value) => redactPath(value, route))
  for (const key of ABSOLUTE_URL_KEYS) change(key, (value) => redactAbsoluteUrl(value, route))
  change(QUERY_KEY, redactQuery)
  for (const key of Object.keys(attributes)) {
    const value = changes[key] ?? attributes[key]
    if (typeof value === 'string' && redactEmails(value) !== value) changes[key] = redactEmails(value)
  }
  return changes
}

/**
 * Rewrites every span's attributes, status and exception events as it starts and again as it ends
 * (the server span learns its route only at the end), before any exporter sees it: first in the
 * SDK's processor list.
 */
export class RedactingSpanProcessor implements SpanProcessor {
  onStart(span: Span, _parentContext: Context): void {
    redact(span)
  }

  onEnding(span: Span): void {
    redact(span)
  }

  onEnd(): void {}

  async forceFlush(): Promise<void> {}

  async shutdown(): Promise<void> {}
}

function redact(span: Span) {
  const changes = redactedAttributes(span.attributes)
  if (Object.keys(changes).length > 0) span.setAttributes(changes)
  // PostgreSQL's messages may quote the value they refused (`invalid input syntax for type uuid: "..."`);
  // the pg instrumentation puts the message in the span's status. The code (error.type) stays.
  const isDatabaseSpan = span.attributes['db.system.name'] !== undefined || span.attributes['db.system'] !== undefined
  const message = span.status.message
  if (message) {
    const redacted = isDatabaseSpan ? 'database error' : redactEmails(message)
    if (redacted !== message) span.setStatus({ code: span.status.code, message: redacted })
  }
  // Recorded exceptions (exception.message, exception.stacktrace) are events: the SDK exports the
  // event objects it holds, so they are rewritten in place before the span ends.
  for (const event of span.events) {
    if (!event.attributes) continue
    const eventAttributes = event.attributes as Attributes
    for (const [key, value] of Object.entries(eventAttributes)) {
      if (typeof value === 'string') eventAttributes[key] = redactEmails(value)
    }
  }
}
