import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { OutboxEmailSchema, OutboxPageSchema } from '#contracts/outbox.ts'
import { buildOrganization, buildPerson } from '#server/test/factories.ts'
import { errorOf } from '#server/test/responses.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

async function orgWithAdmin() {
  const org = await buildOrganization(t.db)
  const admin = await buildPerson(t.db, { organizationId: org.id, role: 'admin' })
  return { org, admin, headers: await sessionHeadersFor(t.db, admin) }
}

function listOutbox(headers: Record<string, string>, query = '') {
  return t.app.inject({ method: 'GET', url: `/api/outbox${query}`, headers })
}

describe('outbox', () => {
  test("an admin reads their organization's mail newest first, page by page, and never another organization's", async () => {
    const a = await orgWithAdmin()
    const b = await orgWithAdmin()
    // Mail goes out through the real invitation flow, so the outbox shows what people actually receive.
    for (let i = 1; i <= 5; i++) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/invitations',
        headers: a.headers,
        payload: { email: `a-${i}@example.test`, name: `A ${i}`, role: 'participant' },
      })
      expect(response.statusCode).toBe(201)
    }
    const bInvite = await t.app.inject({
      method: 'POST',
      url: '/api/invitations',
      headers: b.headers,
      payload: { email: 'b-secret@example.test', name: 'B Secret', role: 'participant' },
    })
    expect(bInvite.statusCode).toBe(201)

    const first = OutboxPageSchema.parse((await listOutbox(a.headers, '?limit=2')).json())
    expect(first.emails.map((e) => e.to)).toEqual(['a-5@example.test', 'a-4@example.test'])
    expect(first.emails[0]).toMatchObject({ transport: 'outbox', error: null })
    expect(first.emails[0].text).toContain('/accept-invitation?token=')
    expect(first.emails[0].html).toContain('Accept the invitation')
    expect(first.nextCursor).not.toBeNull()

    const second = OutboxPageSchema.parse((await listOutbox(a.headers, `?limit=2&cursor=${first.nextCursor}`)).json())
    expect(second.emails.map((e) => e.to)).toEqual(['a-3@example.test', 'a-2@example.test'])
    const third = OutboxPageSchema.parse((await listOutbox(a.headers, `?limit=2&cursor=${second.nextCursor}`)).json())
    expect(third.emails.map((e) => e.to)).toEqual(['a-1@example.test'])
    expect(third.nextCursor).toBeNull()

    const all = OutboxPageSchema.parse((await listOutbox(a.headers)).json())
    expect(all.emails).toHaveLength(5)
    expect(JSON.stringify(all)).not.toContain('b-secret')

    const bPage = OutboxPageSchema.parse((await listOutbox(b.headers)).json())
    expect(bPage.emails.map((e) => e.to)).toEqual(['b-secret@example.test'])

    // One email by id: mine answers, the other organization's is not found.
    const mine = await t.app.inject({ method: 'GET', url: `/api/outbox/${first.emails[0].id}`, headers: a.headers })
    expect(mine.statusCode).toBe(200)
    expect(OutboxEmailSchema.parse(mine.json())).toEqual(first.emails[0])
    const theirs = await t.app.inject({ method: 'GET', url: `/api/outbox/${bPage.emails[0].id}`, headers: a.headers })
    expect(theirs.statusCode).toBe(404)
    expect(errorOf(theirs).code).toBe('not_found')

    // A cursor taken from the other organization's mail does not page into it.
    const foreignCursor = OutboxPageSchema.parse((await listOutbox(a.headers, `?cursor=${bPage.emails[0].id}`)).json())
    expect(foreignCursor.emails).toHaveLength(0)
  })

  test('participants and program managers get 403; without a session 401; bad input 400', async () => {
    const { org, headers } = await orgWithAdmin()
    for (const role of ['participant', 'program_manager'] as const) {
      const person = await buildPerson(t.db, { organizationId: org.id, role })
      const personHeaders = await sessionHeadersFor(t.db, person)
      const response = await listOutbox(personHeaders)
      expect(response.statusCode).toBe(403)
      expect(errorOf(response).code).toBe('forbidden')
    }
    const anonymous = await listOutbox({})
    expect(anonymous.statusCode).toBe(401)
    expect(errorOf(anonymous).code).toBe('unauthenticated')
    const badLimit = await listOutbox(headers, '?limit=1000')
    expect(badLimit.statusCode).toBe(400)
    expect(errorOf(badLimit).code).toBe('validation_failed')
    const badId = await t.app.inject({ method: 'GET', url: '/api/outbox/not-a-uuid', headers })
    expect(badId.statusCode).toBe(400)
  })
})
