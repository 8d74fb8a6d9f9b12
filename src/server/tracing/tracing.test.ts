import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { connectDatabase, type DatabaseHandle } from '#server/db/connect.ts'
import { migrateToLatest } from '#server/db/migrate.ts'
import { buildMatch, buildOrganization, buildPerson, buildProgram, TEST_PASSWORD } from '#server/test/factories.ts'
import { freePort, startTandem, waitForReady } from '#server/test/tandem-process.ts'
import { createTestDb } from '#server/test/test-db.ts'

// Issue #16 point 2: the real server (`node src/server/main.ts`: the instrumentations patch modules
// as Node loads them, which vitest's own module loader would bypass) exports its spans over OTLP/HTTP
// (JSON) to a collector started here. About 10 s: the server's start with the SDK, a few requests,
// a clean shutdown that sends the last spans.

const onPostgres = Boolean(process.env.TEST_DATABASE_URL)
const SPAN_KIND_SERVER = 2
const SPAN_KIND_CLIENT = 3

interface OtlpValue {
  stringValue?: string
  intValue?: string | number
  boolValue?: boolean
  doubleValue?: number
  arrayValue?: { values?: OtlpValue[] }
}
interface OtlpAttribute {
  key: string
  value: OtlpValue
}
interface OtlpSpan {
  traceId: string
  spanId: string
  parentSpanId?: string
  name: string
  kind: number
  attributes?: OtlpAttribute[]
  events?: { name: string; attributes?: OtlpAttribute[] }[]
  status?: { code?: number; message?: string }
}
interface OtlpExport {
  resourceSpans?: {
    resource?: { attributes?: OtlpAttribute[] }
    scopeSpans?: { scope?: { name: string }; spans?: OtlpSpan[] }[]
  }[]
}

/** A collector's OTLP/HTTP traces endpoint that keeps every export it receives. */
async function startCollector(): Promise<{ url: string; exports: OtlpExport[]; server: Server }> {
  const exports: OtlpExport[] = []
  const server = createServer((request, response) => {
    let body = ''
    request.setEncoding('utf8')
    request.on('data', (chunk) => {
      body += chunk
    })
    request.on('end', () => {
      if (request.method === 'POST' && request.url === '/v1/traces') {
        expect(request.headers['content-type']).toMatch(/^application\/json/)
        exports.push(JSON.parse(body))
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, exports, server }
}

function stringsOf(value: OtlpValue): string[] {
  if (value.stringValue !== undefined) return [value.stringValue]
  return (value.arrayValue?.values ?? []).flatMap(stringsOf)
}

function attributeOf(span: OtlpSpan, key: string): string | undefined {
  const value = span.attributes?.find((attribute) => attribute.key === key)?.value
  return value ? stringsOf(value)[0] : undefined
}

/** Every text a collector receives: span names, attributes, events, statuses and the resource. */
function everyTextOf(exports: OtlpExport[]): string[] {
  const texts: string[] = []
  const add = (attributes: OtlpAttribute[] | undefined) => {
    for (const attribute of attributes ?? []) texts.push(attribute.key, ...stringsOf(attribute.value))
  }
  for (const resourceSpans of exports.flatMap((x) => x.resourceSpans ?? [])) {
    add(resourceSpans.resource?.attributes)
    for (const span of (resourceSpans.scopeSpans ?? []).flatMap((scope) => scope.spans ?? [])) {
      texts.push(span.name, span.status?.message ?? '')
      add(span.attributes)
      for (const event of span.events ?? []) {
        texts.push(event.name)
        add(event.attributes)
      }
    }
  }
  return texts
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-tracing-test-'))
let database: DatabaseHandle | undefined
afterAll(async () => {
  await database?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

test(`a request's trace reaches an OTLP collector: a server span with a child database span, the trace id in the logs and x-request-id, no private text in any span (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, async () => {
  // The people and their match, written before the server opens the database (the embedded one
  // admits one process at a time).
  database = onPostgres ? await createTestDb() : await connectDatabase({ dataDir })
  if (!onPostgres) await migrateToLatest(database.db)
  const { db } = database
  const organization = await buildOrganization(db)
  const program = await buildProgram(db, { organizationId: organization.id, status: 'active' })
  const email = `tracy.private-${randomUUID().slice(0, 8)}@tracing.test`
  const tracy = await buildPerson(db, { organizationId: organization.id, email, name: 'Tracy Tracewell' })
  const ben = await buildPerson(db, { organizationId: organization.id })
  const match = await buildMatch(db, {
    organizationId: organization.id,
    programId: program.id,
    memberIds: [tracy.id, ben.id],
    status: 'active',
  })
  if (!onPostgres) {
    await database.close()
    database = undefined
  }

  const collector = await startCollector()
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const server = startTandem({
    PORT: String(port),
    ...(onPostgres ? { DATABASE_URL: database?.url ?? '' } : { DATA_DIR: dataDir }),
    LOG_LEVEL: 'info',
    OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_BSP_SCHEDULE_DELAY: '200',
  })
  const reflectionText = 'My secret reflection: I dread the quarterly review'
  const noteText = 'Shared note about the promotion we both want'
  const secretToken = 'S3cretUnsubscribeToken-abcdefghijklmnopqrstuvwxyz'
  let requestId = ''
  try {
    await waitForReady(url, server.child)
    const signIn = await fetch(`${url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: TEST_PASSWORD }),
    })
    expect(signIn.status, server.output()).toBe(200)
    const cookies = signIn.headers.getSetCookie().map((cookie) => cookie.split(';')[0])
    const csrf = ((await signIn.json()) as { csrfToken?: string }).csrfToken
    const headers = {
      'content-type': 'application/json',
      cookie: cookies.join('; '),
      ...(csrf ? { 'x-csrf-token': csrf } : {}),
    }
    const written = await fetch(`${url}/api/matches/${match.id}/reflections`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ body: reflectionText }),
    })
    expect(written.status, await written.clone().text()).toBe(201)
    requestId = written.headers.get('x-request-id') ?? ''
    const note = await fetch(`${url}/api/matches/${match.id}/notes`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ body: noteText }),
    })
    expect(note.status).toBe(201)
    const read = await fetch(`${url}/api/matches/${match.id}/reflections`, { headers })
    expect(JSON.stringify(await read.json())).toContain(reflectionText)
    // A token in the path and an email in the query string: the spans keep neither.
    await fetch(`${url}/api/unsubscribe/${secretToken}?email=${encodeURIComponent(email)}`)
    await fetch(`${url}/api/me?email=${encodeURIComponent(email)}`, { headers })
  } finally {
    server.child.kill('SIGTERM')
    expect(await server.exited, server.output()).toBe(0)
    await new Promise((resolve) => collector.server.close(resolve))
  }

  const resource = collector.exports[0]?.resourceSpans?.[0]?.resource
  expect(resource?.attributes?.find((attribute) => attribute.key === 'service.name')?.value.stringValue).toBe('tandem')
  const spans = collector.exports
    .flatMap((x) => x.resourceSpans ?? [])
    .flatMap((resourceSpans) => resourceSpans.scopeSpans ?? [])
    .flatMap((scope) => (scope.spans ?? []).map((span) => ({ ...span, scope: scope.scope?.name })))

  // The reflection's request: its trace id is its x-request-id, and it is in the request's log lines.
  expect(requestId).toMatch(/^[0-9a-f]{32}$/)
  const trace = spans.filter((span) => span.traceId === requestId)
  type TracedSpan = (typeof trace)[number]
  const serverSpan = trace.find((span) => span.kind === SPAN_KIND_SERVER)
  expect(serverSpan?.name).toBe('POST /api/matches/:matchId/reflections')
  expect(attributeOf(serverSpan as OtlpSpan, 'http.route')).toBe('/api/matches/:matchId/reflections')
  const logLines = server
    .output()
    .split('\n')
    .filter((line) => line.includes(`"reqId":"${requestId}"`))
  expect(logLines.map((line) => JSON.parse(line).msg)).toEqual(
    expect.arrayContaining(['incoming request', 'request completed']),
  )

  // Its database spans descend from the server span (through Fastify's request and handler spans).
  const byId = new Map(trace.map((span) => [span.spanId, span]))
  const descendsFromServer = (span: TracedSpan): boolean => {
    for (let parent = byId.get(span.parentSpanId ?? ''); parent; parent = byId.get(parent.parentSpanId ?? '')) {
      if (parent === serverSpan) return true
    }
    return false
  }
  const databaseSpans = trace.filter(
    (span) => span.kind === SPAN_KIND_CLIENT && attributeOf(span, 'db.system.name') === 'postgresql',
  )
  expect(databaseSpans.length).toBeGreaterThan(0)
  // PostgreSQL's driver is instrumented; the embedded database's statements get the app's own spans.
  const databaseScope = onPostgres ? '@opentelemetry/instrumentation-pg' : 'tandem'
  expect(databaseSpans.every((span) => span.scope === databaseScope)).toBe(true)
  expect(databaseSpans.every(descendsFromServer)).toBe(true)
  const statements = databaseSpans.map((span) => attributeOf(span, 'db.query.text') ?? '')
  expect(statements.some((statement) => /^insert into "reflections"/i.test(statement))).toBe(true)
  expect(statements.join('\n')).toMatch(/\$1/)
  expect(trace.some((span) => span.name === 'request')).toBe(true) // @fastify/otel's

  // Nothing private anywhere: not the texts, not the email, not the token.
  const texts = everyTextOf(collector.exports).join('\n').toLowerCase()
  for (const secret of [reflectionText, noteText, email, encodeURIComponent(email), secretToken, TEST_PASSWORD]) {
    expect(texts).not.toContain(secret.toLowerCase())
  }
  // The path with a token is kept as its route's template, the query's values are redacted.
  const unsubscribe = spans.find(
    (span) => span.kind === SPAN_KIND_SERVER && attributeOf(span, 'http.route')?.startsWith('/api/unsubscribe/'),
  )
  expect(unsubscribe && attributeOf(unsubscribe, 'url.path')).toBe('/api/unsubscribe/:token')
  expect(unsubscribe && attributeOf(unsubscribe, 'url.query')).toBe('email=REDACTED')
}, 120_000)

test('a collector that cannot be reached costs no request and no clean shutdown', async () => {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const server = startTandem({
    PORT: String(port),
    DATA_DIR: mkdtempSync(path.join(dataDir, 'unreachable-')),
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${await freePort()}`,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_EXPORTER_OTLP_TIMEOUT: '500',
    OTEL_BSP_SCHEDULE_DELAY: '100',
  })
  try {
    await waitForReady(url, server.child)
    const answer = await fetch(`${url}/api/setup`)
    expect(answer.status).toBe(200)
    expect(answer.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/)
  } finally {
    server.child.kill('SIGTERM')
    expect(await server.exited, server.output()).toBe(0)
  }
}, 120_000)
