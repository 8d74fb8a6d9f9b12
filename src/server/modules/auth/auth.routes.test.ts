import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { AuthSessionListSchema, SessionSchema } from '#contracts/auth.ts'
import { hashToken } from '#server/http/viewer.ts'
import { buildOrganization, buildPerson, TEST_PASSWORD } from '#server/test/factories.ts'
import { errorOf } from '#server/test/responses.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'
import { IP_LIMIT_FACTOR } from './auth.service.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

let ipSequence = 0
/** Each test signs in from its own address so the per-address limit of one test does not leak into another. */
const nextIp = () => `10.0.${Math.floor(++ipSequence / 250)}.${ipSequence % 250}`

function signInRequest(email: string, password: string, ip: string, cookie?: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email, password },
    remoteAddress: ip,
    headers: { 'user-agent': 'vitest browser', ...(cookie ? { cookie } : {}) },
  })
}

function sessionCookieOf(response: { cookies: Array<{ name: string; value: string }> }): string {
  const cookie = response.cookies.find((c) => c.name === 'tandem_session')
  if (!cookie) throw new Error('no session cookie was set')
  return `tandem_session=${cookie.value}`
}

async function personWithOrg(options: { role?: 'admin' | 'program_manager' | 'participant' } = {}) {
  const org = await buildOrganization(t.db)
  const person = await buildPerson(t.db, { organizationId: org.id, role: options.role ?? 'participant' })
  return { org, person }
}

describe('sign-in', () => {
  test('the right password sets an httpOnly, SameSite=Lax session cookie and answers the viewer', async () => {
    const { org, person } = await personWithOrg()
    const response = await signInRequest(person.email.toUpperCase(), TEST_PASSWORD, nextIp())
    expect(response.statusCode).toBe(200)
    const session = SessionSchema.parse(response.json())
    expect(session.viewer).toEqual({
      id: person.id,
      name: person.name,
      email: person.email,
      role: 'participant',
      organizationId: org.id,
      organizationName: org.name,
      timeZone: person.time_zone,
      locale: null,
    })
    const cookie = response.cookies.find((c) => c.name === 'tandem_session')
    expect(cookie).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      maxAge: t.config.sessionTtlHours * 3600,
    })
    expect(cookie?.secure).toBeFalsy()
    // Only the hash of the token is stored, and the CSRF token given is that session's.
    const stored = await t.db
      .selectFrom('auth_sessions')
      .selectAll()
      .where('id', '=', hashToken(cookie?.value ?? ''))
      .executeTakeFirstOrThrow()
    expect(stored).toMatchObject({ person_id: person.id, csrf_token: session.csrfToken, user_agent: 'vitest browser' })
    const none = await t.db
      .selectFrom('auth_sessions')
      .select('id')
      .where('id', '=', cookie?.value ?? '')
      .execute()
    expect(none).toHaveLength(0)
  })

  test('the cookie is Secure when configured', async () => {
    const secure = await createTestApp({ cookieSecure: true })
    try {
      const org = await buildOrganization(secure.db)
      const person = await buildPerson(secure.db, { organizationId: org.id })
      const response = await secure.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: person.email, password: TEST_PASSWORD },
      })
      expect(response.statusCode).toBe(200)
      expect(response.cookies.find((c) => c.name === 'tandem_session')?.secure).toBe(true)
    } finally {
      await secure.close()
    }
  })

  test('signing in again rotates the session: the token the browser held stops working', async () => {
    const { person } = await personWithOrg()
    const ip = nextIp()
    const first = sessionCookieOf(await signInRequest(person.email, TEST_PASSWORD, ip))
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: first } })).statusCode,
    ).toBe(200)
    const second = sessionCookieOf(await signInRequest(person.email, TEST_PASSWORD, ip, first))
    expect(second).not.toBe(first)
    const old = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: first } })
    expect(old.statusCode).toBe(401)
    expect(errorOf(old).code).toBe('unauthenticated')
    const current = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: second } })
    expect(current.statusCode).toBe(200)
    expect(current.json().viewer.id).toBe(person.id)
  })

  test('a wrong password and an unknown email answer the same 401 with the error shape, and set no cookie', async () => {
    const { person } = await personWithOrg()
    const ip = nextIp()
    const wrong = await signInRequest(person.email, 'not the password at all', ip)
    const unknown = await signInRequest('nobody-here@example.test', 'not the password at all', ip)
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401)
      expect(errorOf(response)).toEqual({
        code: 'invalid_credentials',
        message: 'The email or password is incorrect',
        details: [],
      })
      expect(response.cookies.find((c) => c.name === 'tandem_session')).toBeUndefined()
    }
  })

  test('an invited person without a password cannot sign in', async () => {
    const org = await buildOrganization(t.db)
    const invited = await buildPerson(t.db, { organizationId: org.id, status: 'invited', password: null })
    const response = await signInRequest(invited.email, TEST_PASSWORD, nextIp())
    expect(response.statusCode).toBe(401)
    expect(errorOf(response).code).toBe('invalid_credentials')
  })

  test('a deactivated person: the wrong password says nothing more; the right one is told the account is deactivated', async () => {
    const org = await buildOrganization(t.db)
    const person = await buildPerson(t.db, { organizationId: org.id, status: 'deactivated' })
    const ip = nextIp()
    const wrong = await signInRequest(person.email, 'not the password at all', ip)
    expect(wrong.statusCode).toBe(401)
    expect(errorOf(wrong).code).toBe('invalid_credentials')
    const right = await signInRequest(person.email, TEST_PASSWORD, ip)
    expect(right.statusCode).toBe(403)
    expect(errorOf(right).code).toBe('account_deactivated')
    expect(right.cookies.find((c) => c.name === 'tandem_session')).toBeUndefined()
  })

  test('after too many failures the email is locked: 429 with retry-after, even with the right password', async () => {
    const { person } = await personWithOrg()
    const ip = nextIp()
    for (let i = 0; i < t.config.signInMaxAttempts; i++) {
      const response = await signInRequest(person.email, `wrong password ${i}`, ip)
      expect(response.statusCode).toBe(401)
    }
    const locked = await signInRequest(person.email, TEST_PASSWORD, ip)
    expect(locked.statusCode).toBe(429)
    const error = errorOf(locked)
    expect(error.code).toBe('rate_limited')
    expect(error.message).toMatch(/Try again in \d+ minutes?/)
    const retryAfter = Number(locked.headers['retry-after'])
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(t.config.signInWindowMinutes * 60)
    expect(locked.cookies.find((c) => c.name === 'tandem_session')).toBeUndefined()

    // From another address too: the limit is per email, kept in the database.
    expect((await signInRequest(person.email, TEST_PASSWORD, nextIp())).statusCode).toBe(429)

    // Once the failures have left the window, the right password works again.
    const beforeWindow = new Date(Date.now() - (t.config.signInWindowMinutes * 60_000 + 1000))
    await sql`update sign_in_attempts set created_at = ${beforeWindow} where email = ${person.email}`.execute(t.db)
    expect((await signInRequest(person.email, TEST_PASSWORD, ip)).statusCode).toBe(200)
  })

  test('a successful sign-in starts the failure count afresh', async () => {
    const { person } = await personWithOrg()
    const ip = nextIp()
    for (let i = 0; i < t.config.signInMaxAttempts - 1; i++) await signInRequest(person.email, 'wrong password!!', ip)
    expect((await signInRequest(person.email, TEST_PASSWORD, ip)).statusCode).toBe(200)
    expect((await signInRequest(person.email, 'wrong password!!', ip)).statusCode).toBe(401)
    expect((await signInRequest(person.email, TEST_PASSWORD, ip)).statusCode).toBe(200)
  })

  test('one address trying many accounts is locked too', async () => {
    const { person } = await personWithOrg()
    const ip = nextIp()
    const limit = t.config.signInMaxAttempts * IP_LIMIT_FACTOR
    // Spread over many emails so no single email reaches its own limit.
    await t.db
      .insertInto('sign_in_attempts')
      .values(
        Array.from({ length: limit }, (_, i) => ({
          email: `guess-${i}@example.test`,
          ip,
          succeeded: false,
          // By the app's clock: the column default is the database server's, which may differ.
          created_at: t.clock.now(),
        })),
      )
      .execute()
    const locked = await signInRequest(person.email, TEST_PASSWORD, ip)
    expect(locked.statusCode).toBe(429)
    expect(errorOf(locked).code).toBe('rate_limited')
    expect((await signInRequest(person.email, TEST_PASSWORD, nextIp())).statusCode).toBe(200)
  })

  test('a malformed body is a 400 validation_failed naming the field', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'not-an-email', password: 'x' },
    })
    expect(response.statusCode).toBe(400)
    const error = errorOf(response)
    expect(error.code).toBe('validation_failed')
    expect(error.details.map((d) => d.path)).toContain('body.email')
  })
})

describe('session and sign-out', () => {
  test('without a session: 401 unauthenticated', async () => {
    for (const url of ['/api/auth/session', '/api/auth/sessions']) {
      const response = await t.app.inject({ method: 'GET', url })
      expect(response.statusCode).toBe(401)
      expect(errorOf(response).code).toBe('unauthenticated')
    }
    const forged = await t.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { cookie: 'tandem_session=made-up-token' },
    })
    expect(forged.statusCode).toBe(401)
  })

  test('a session of a person deactivated since is no longer valid', async () => {
    const { person } = await personWithOrg()
    const headers = await sessionHeadersFor(t.db, person)
    await t.db.updateTable('people').set({ status: 'deactivated' }).where('id', '=', person.id).execute()
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/session', headers })).statusCode).toBe(401)
  })

  test('sign-out needs the CSRF token, then ends the session and clears the cookie', async () => {
    const { person } = await personWithOrg()
    const headers = await sessionHeadersFor(t.db, person)
    const forged = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { cookie: headers.cookie },
    })
    expect(forged.statusCode).toBe(403)
    expect(errorOf(forged).code).toBe('csrf_invalid')
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/session', headers })).statusCode).toBe(200)

    const response = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers })
    expect(response.statusCode).toBe(204)
    const cleared = response.cookies.find((c) => c.name === 'tandem_session')
    expect(cleared?.value).toBe('')
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/session', headers })).statusCode).toBe(401)
  })

  test('GET /api/auth/session answers the viewer with the CSRF token of the session', async () => {
    const { org, person } = await personWithOrg({ role: 'program_manager' })
    const headers = await sessionHeadersFor(t.db, person)
    const response = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers })
    expect(response.statusCode).toBe(200)
    expect(SessionSchema.parse(response.json())).toEqual({
      viewer: {
        id: person.id,
        name: person.name,
        email: person.email,
        role: 'program_manager',
        organizationId: org.id,
        organizationName: org.name,
        timeZone: person.time_zone,
        locale: null,
      },
      csrfToken: headers['x-csrf-token'],
      signInNotice: null,
      isMfaEnrollmentRequired: false,
    })
  })
})

describe('my sessions', () => {
  test('lists my live sessions with the current one flagged, never exposing the token hash; revokes one', async () => {
    const { person } = await personWithOrg()
    const other = await personWithOrg()
    const ip = nextIp()
    const laptop = sessionCookieOf(await signInRequest(person.email, TEST_PASSWORD, ip))
    const phone = await sessionHeadersFor(t.db, person)
    await sessionHeadersFor(t.db, other.person)

    const list = await t.app.inject({ method: 'GET', url: '/api/auth/sessions', headers: phone })
    expect(list.statusCode).toBe(200)
    const { sessions } = AuthSessionListSchema.parse(list.json())
    expect(sessions).toHaveLength(2)
    expect(sessions.filter((s) => s.isCurrent)).toHaveLength(1)
    const stored = await t.db.selectFrom('auth_sessions').select('id').where('person_id', '=', person.id).execute()
    for (const s of sessions) expect(stored.map((row) => row.id)).not.toContain(s.id)
    expect(JSON.stringify(list.json())).not.toContain(stored[0].id)

    const laptopSession = sessions.find((s) => !s.isCurrent)
    expect(laptopSession?.userAgent).toBe('vitest browser')
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/auth/sessions/${laptopSession?.id}`,
      headers: phone,
    })
    expect(revoked.statusCode).toBe(204)
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: laptop } })).statusCode,
    ).toBe(401)
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: phone })).statusCode).toBe(200)
  })

  test("someone else's session id is not found and stays live", async () => {
    const { person } = await personWithOrg()
    const other = await personWithOrg()
    const mine = await sessionHeadersFor(t.db, person)
    const theirs = await sessionHeadersFor(t.db, other.person)
    const theirList = AuthSessionListSchema.parse(
      (await t.app.inject({ method: 'GET', url: '/api/auth/sessions', headers: theirs })).json(),
    )
    const response = await t.app.inject({
      method: 'DELETE',
      url: `/api/auth/sessions/${theirList.sessions[0].id}`,
      headers: mine,
    })
    expect(response.statusCode).toBe(404)
    expect(errorOf(response).code).toBe('not_found')
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: theirs })).statusCode).toBe(200)
  })
})

describe('admins sign a person out everywhere', () => {
  test('an admin revokes every session of a person of their organization, recorded in the audit log', async () => {
    const { org, person } = await personWithOrg()
    const admin = await buildPerson(t.db, { organizationId: org.id, role: 'admin' })
    const adminHeaders = await sessionHeadersFor(t.db, admin)
    const one = await sessionHeadersFor(t.db, person)
    const two = await sessionHeadersFor(t.db, person)
    const response = await t.app.inject({
      method: 'DELETE',
      url: `/api/people/${person.id}/sessions`,
      headers: adminHeaders,
    })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ revoked: 2 })
    for (const headers of [one, two]) {
      expect((await t.app.inject({ method: 'GET', url: '/api/auth/session', headers })).statusCode).toBe(401)
    }
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'actor_id', 'target_id'])
      .where('organization_id', '=', org.id)
      .execute()
    expect(audit).toContainEqual({ action: 'sessions.revoked', actor_id: admin.id, target_id: person.id })
  })

  test('a participant gets 403; an admin of another organization gets 404 and nothing changes', async () => {
    const { org, person } = await personWithOrg()
    const colleague = await buildPerson(t.db, { organizationId: org.id })
    const otherOrg = await buildOrganization(t.db)
    const otherAdmin = await buildPerson(t.db, { organizationId: otherOrg.id, role: 'admin' })
    const target = await sessionHeadersFor(t.db, person)

    const asParticipant = await t.app.inject({
      method: 'DELETE',
      url: `/api/people/${person.id}/sessions`,
      headers: await sessionHeadersFor(t.db, colleague),
    })
    expect(asParticipant.statusCode).toBe(403)
    expect(errorOf(asParticipant).code).toBe('forbidden')

    const crossOrg = await t.app.inject({
      method: 'DELETE',
      url: `/api/people/${person.id}/sessions`,
      headers: await sessionHeadersFor(t.db, otherAdmin),
    })
    expect(crossOrg.statusCode).toBe(404)
    expect(errorOf(crossOrg).code).toBe('not_found')
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: target })).statusCode).toBe(200)
  })
})
