import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ErrorResponseSchema } from '#contracts/errors.ts'
import { listRegisteredRoutes } from '#server/app.ts'
import { buildOrganization, buildPerson } from '#server/test/factories.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

describe('health', () => {
  test('/healthz answers while the process is up', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/healthz' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ status: 'ok' })
    expect(response.headers['x-request-id']).toMatch(/^[\w-]+$/)
  })

  test('/readyz answers 200 with a reachable database', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/readyz' })
    expect(response.statusCode).toBe(200)
  })
})

describe('security headers', () => {
  test('every answer carries the hardening headers', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/healthz' })
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(response.headers['content-security-policy']).toContain("default-src 'self'")
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN')
  })

  test('the whole policy, on API answers and on errors alike', async () => {
    for (const url of ['/api/setup', '/api/nothing-here']) {
      const response = await t.app.inject({ method: 'GET', url })
      const policy = String(response.headers['content-security-policy']).split(';').sort()
      expect(policy).toEqual([
        "base-uri 'self'",
        "connect-src 'self'",
        "default-src 'self'",
        "font-src 'self' https: data:",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "img-src 'self' data:",
        "object-src 'none'",
        "script-src 'self'",
        "script-src-attr 'none'",
        "style-src 'self' 'unsafe-inline'",
      ])
      expect(response.headers['referrer-policy']).toBe('no-referrer')
      expect(response.headers['cross-origin-opener-policy']).toBe('same-origin')
      expect(response.headers['x-powered-by']).toBeUndefined()
    }
  })
})

describe('errors', () => {
  test('an unknown API route answers the error shape with 404', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/nothing-here' })
    expect(response.statusCode).toBe(404)
    const body = ErrorResponseSchema.parse(response.json())
    expect(body.error.code).toBe('route_not_found')
  })

  test('a request id sent by a proxy is echoed back', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'abc-123' } })
    expect(response.headers['x-request-id']).toBe('abc-123')
  })
})

describe('OpenAPI', () => {
  test('/api/docs/json is an OpenAPI 3.1 document listing every route', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/docs/json' })
    expect(response.statusCode).toBe(200)
    const doc = response.json()
    expect(doc.openapi).toBe('3.1.0')
    const documented = new Set(
      Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
        Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
      ),
    )
    // Fastify writes `:id`, OpenAPI `{id}`; HEAD routes mirror GET, and the docs UI's own assets are not API.
    const expected = listRegisteredRoutes(t.app)
      .filter((route) => route.method !== 'HEAD' && !route.isHidden && !route.url.startsWith('/api/docs'))
      .map((route) => `${route.method} ${route.url.replace(/:(\w+)/g, '{$1}')}`)
    expect(expected.length).toBeGreaterThan(20)
    expect(expected.filter((route) => !documented.has(route))).toEqual([])
    for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, { responses?: object }>>)) {
      for (const [method, operation] of Object.entries(methods)) {
        expect(operation.responses, `${method} ${path} documents its responses`).toBeDefined()
      }
    }
  })

  test('/api/docs serves the documentation UI', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/docs/' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toContain('text/html')
  })
})

describe('client address', () => {
  test('X-Forwarded-For is ignored unless TRUST_PROXY names the proxies', async () => {
    const direct = await createTestApp()
    const behindProxy = await createTestApp({ trustProxy: true })
    try {
      const recorded: string[] = []
      for (const { app, db } of [direct, behindProxy]) {
        await app.inject({
          method: 'POST',
          url: '/api/auth/sign-in',
          remoteAddress: '10.0.0.1',
          headers: { 'x-forwarded-for': '203.0.113.9' },
          payload: { email: 'nobody@example.test', password: 'not the password' },
        })
        const attempt = await db.selectFrom('sign_in_attempts').select('ip').executeTakeFirstOrThrow()
        recorded.push(attempt.ip)
      }
      expect(recorded).toEqual(['10.0.0.1', '203.0.113.9'])
    } finally {
      await direct.close()
      await behindProxy.close()
    }
  }, 120_000)
})

describe('the session lookup', () => {
  test('only API requests look the session up: a health check or a page with the cookie does not touch it', async () => {
    const org = await buildOrganization(t.db)
    const person = await buildPerson(t.db, { organizationId: org.id })
    const headers = await sessionHeadersFor(t.db, person)
    const longAgo = new Date(t.clock.now().getTime() - 3_600_000)
    // The lookup refreshes last_seen_at when it is over a minute old: it shows whether a request looked.
    const lastSeen = async () => {
      await t.db
        .updateTable('auth_sessions')
        .set({ last_seen_at: longAgo })
        .where('person_id', '=', person.id)
        .execute()
      return async () =>
        (
          await t.db
            .selectFrom('auth_sessions')
            .select('last_seen_at')
            .where('person_id', '=', person.id)
            .executeTakeFirstOrThrow()
        ).last_seen_at.getTime()
    }
    for (const url of ['/healthz', '/people', '/assets/gone-1234.js']) {
      const read = await lastSeen()
      await t.app.inject({ method: 'GET', url, headers })
      expect(await read(), url).toBe(longAgo.getTime())
    }
    const read = await lastSeen()
    const session = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers })
    expect(session.statusCode).toBe(200)
    expect(await read()).toBeGreaterThan(longAgo.getTime())
  })
})

describe('the web app', () => {
  test('client-side routes get the app, a missing asset gets 404', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/people?page=2' })
    const asset = await t.app.inject({ method: 'GET', url: '/assets/gone-1234.js' })
    expect(asset.statusCode).toBe(404)
    expect(asset.json().error.code).toBe('route_not_found')
    // The page is only served when the web app is built (npm run build); CI builds before testing.
    if (page.statusCode === 200) {
      expect(page.headers['content-type']).toContain('text/html')
      // A new release must be seen at once: the page is revalidated every time.
      expect(page.headers['cache-control']).toBe('no-cache')
    } else expect(page.json().error.code).toBe('route_not_found')
  })

  test('only the pages of the web app fall back to it: every other unknown path answers 404 in the error shape', async () => {
    // Machine paths: a scraper, a script or a probe must see a 404, never the app's page with 200.
    // (/metrics when the metrics are off or on a port of their own: src/server/metrics/metrics.test.ts)
    for (const url of [
      '/api/nope',
      '/api',
      '/api/programs/not-a-route/deeper',
      '/assets/missing.js',
      '/favicon-missing.ico',
      '/.env',
      '/wp-login.php',
      '/nope',
      '/programs/p1/unknown-tab',
      '/people/p1/deeper/still',
      '/admin',
      '/server-status',
    ]) {
      const response = await t.app.inject({ method: 'GET', url })
      expect(response.statusCode, url).toBe(404)
      expect(response.headers['content-type'], url).toContain('application/json')
      expect(ErrorResponseSchema.parse(response.json()).error.code, url).toBe('route_not_found')
    }
    const post = await t.app.inject({ method: 'POST', url: '/programs', payload: {} })
    expect(post.statusCode).toBe(404)
    // The pages themselves: served when the web app is built (npm run build; CI builds before testing).
    const page = await t.app.inject({ method: 'GET', url: '/' })
    if (page.statusCode !== 200) return
    for (const url of [
      '/programs',
      '/programs/',
      '/programs/8d1f4c53-3d5e-4b39-9a43-1f3e5c0b6a71/matches/2b0c4c53-3d5e-4b39-9a43-1f3e5c0b6a72',
      '/people?page=2',
      '/unsubscribe/abc_DEF-123?category=reminders',
      '/matches/m1/sessions/s1/guide',
      '/sign-in?redirect=%2Fprograms',
    ]) {
      const response = await t.app.inject({ method: 'GET', url })
      expect(response.statusCode, url).toBe(200)
      expect(response.headers['content-type'], url).toContain('text/html')
      expect(response.body, url).toBe(page.body)
    }
    const head = await t.app.inject({ method: 'HEAD', url: '/programs' })
    expect(head.statusCode).toBe(200)
  })

  test('content-hashed assets are cached for good, and no source map is published', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/' })
    if (page.statusCode !== 200) return // not built here (npm run build); CI builds before testing
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(page.body)?.[1]
    expect(script, 'the page loads a script from /assets/').toBeDefined()
    const asset = await t.app.inject({ method: 'GET', url: script ?? '' })
    expect(asset.statusCode).toBe(200)
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(asset.body).not.toMatch(/sourceMappingURL/)
    const map = await t.app.inject({ method: 'GET', url: `${script}.map` })
    expect(map.statusCode).toBe(404)
  })

  test('files and pages go out precompressed in the encoding the browser accepts', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/' })
    if (page.statusCode !== 200) return // not built here (npm run build); CI builds before testing
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(page.body)?.[1] ?? ''
    const plain = await t.app.inject({ method: 'GET', url: script })
    expect(plain.headers['content-encoding']).toBeUndefined()
    const cases = [
      { accept: 'br, gzip', encoding: 'br', decode: brotliDecompressSync },
      { accept: 'gzip', encoding: 'gzip', decode: gunzipSync },
    ]
    for (const { accept, encoding, decode } of cases) {
      for (const url of [script, '/programs/anything']) {
        const response = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': accept } })
        expect(response.statusCode, url).toBe(200)
        expect(response.headers['content-encoding'], `${url} with ${accept}`).toBe(encoding)
        expect(response.headers.vary).toMatch(/accept-encoding/i)
        const body = decode(response.rawPayload).toString('utf8')
        const expected = url === script ? plain.body : page.body
        expect(body).toBe(expected)
        expect(response.rawPayload.length).toBeLessThan(Buffer.byteLength(expected))
      }
    }
  })
})
