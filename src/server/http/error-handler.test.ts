import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ErrorResponseSchema } from '#contracts/errors.ts'
import { buildOrganization, buildPerson } from '#server/test/factories.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'

// Fastify's own refusals (router, content-type parser, body reader) answer in our error shape with
// a machine-readable code, like every other error.

let t: TestApp
let admin: Record<string, string>
beforeAll(async () => {
  t = await createTestApp()
  const organization = await buildOrganization(t.db)
  admin = await sessionHeadersFor(t.db, await buildPerson(t.db, { organizationId: organization.id, role: 'admin' }))
})
afterAll(() => t.close())

function errorOf(response: { statusCode: number; body: string }) {
  return ErrorResponseSchema.parse(JSON.parse(response.body)).error
}

describe('framework errors', () => {
  test('a path parameter longer than any id answers 414 uri_too_long, without echoing it', async () => {
    const long = 'x'.repeat(101)
    for (const url of [`/api/people/${long}`, `/api/skills/${long}`]) {
      const response = await t.app.inject({ method: 'PATCH', url, headers: admin, payload: { name: 'Kept' } })
      expect(response.statusCode).toBe(414)
      expect(errorOf(response).code).toBe('uri_too_long')
      expect(response.body).not.toContain(long)
    }
  })

  test('a path parameter that is not valid percent-encoding answers 400 bad_request in the error shape', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/people/%E0%A4%A', headers: admin })
    expect(response.statusCode).toBe(400)
    expect(errorOf(response).code).toBe('bad_request')
  })

  test('malformed JSON answers 400 malformed_body', async () => {
    for (const payload of ['{"name": ', '{"name": "x"} trailing', '[1,', '{"__proto__": {"isAdmin": true}}']) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/skills',
        headers: { ...admin, 'content-type': 'application/json' },
        payload,
      })
      expect(response.statusCode, payload).toBe(400)
      expect(errorOf(response).code, payload).toBe('malformed_body')
    }
  })

  test('an empty body that says it is JSON answers 400 malformed_body', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/skills',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: '',
    })
    expect(response.statusCode).toBe(400)
    expect(errorOf(response).code).toBe('malformed_body')
  })

  test('a content type the route does not read answers 415 unsupported_media_type', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/skills',
      headers: { ...admin, 'content-type': 'application/xml' },
      payload: '<skill name="x"/>',
    })
    expect(response.statusCode).toBe(415)
    expect(errorOf(response).code).toBe('unsupported_media_type')
  })

  test('a body over the limit answers 413 payload_too_large', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/skills',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(21 * 1024 * 1024) }),
    })
    expect(response.statusCode).toBe(413)
    expect(errorOf(response).code).toBe('payload_too_large')
  })

  test('nothing was stored by any of the refused requests', async () => {
    const skills = await t.db.selectFrom('skills').select('name').execute()
    expect(skills.map((skill) => skill.name)).not.toContain('x')
  })
})
