import { Secret, TOTP } from 'otpauth'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { MfaChallengeSchema, MfaSetupSchema, SessionSchema } from '#contracts/auth.ts'
import { fixedClock } from '#server/clock.ts'
import type { PersonRow } from '#server/db/schema.ts'
import { createSecretBox, deriveKey } from '#server/secrets/secret-box.ts'
import { buildOrganization, buildPerson, TEST_PASSWORD } from '#server/test/factories.ts'
import { errorOf } from '#server/test/responses.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'
import { sealStoredTotpSecrets } from './mfa.service.ts'

// Issue #15 point 4, decision 040: codes are computed here from the secret at the app clock's time.
const clock = fixedClock('2027-03-20T09:00:00Z')
let t: TestApp
beforeAll(async () => {
  t = await createTestApp({}, { clock })
})
afterAll(() => t.close())

let ipSequence = 0
const nextIp = () => `10.9.${Math.floor(++ipSequence / 250)}.${ipSequence % 250}`

function codeAt(secret: string, at: Date = clock.now()): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: at.getTime(),
  })
}

function post(url: string, payload: unknown, headers: Record<string, string> = {}, ip = '10.9.255.1') {
  return t.app.inject({ method: 'POST', url, payload: payload as object, headers, remoteAddress: ip })
}

/** A person who has turned TOTP on: answers the secret and the recovery codes. */
async function enrolledPerson(role: 'admin' | 'program_manager' | 'participant' = 'participant') {
  const org = await buildOrganization(t.db)
  const person = await buildPerson(t.db, { organizationId: org.id, role })
  const headers = await sessionHeadersFor(t.db, person)
  const setup = MfaSetupSchema.parse((await post('/api/auth/mfa/setup', {}, headers)).json())
  const confirmed = await post('/api/auth/mfa/confirm', { code: codeAt(setup.secret) }, headers)
  expect(confirmed.statusCode).toBe(200)
  const { recoveryCodes } = confirmed.json() as { recoveryCodes: string[] }
  // The code just used is spent: the sign-ins below start one step later.
  clock.advance(30_000)
  return { org, person, headers, secret: setup.secret, recoveryCodes }
}

async function passwordStep(person: PersonRow, ip: string) {
  const response = await post('/api/auth/sign-in', { email: person.email, password: TEST_PASSWORD }, {}, ip)
  expect(response.statusCode).toBe(200)
  expect(response.cookies.find((c) => c.name === 'tandem_session')).toBeUndefined()
  return MfaChallengeSchema.parse(response.json())
}

function auditActions(personId: string) {
  return t.db
    .selectFrom('audit_events')
    .select(['action', 'details', 'outcome'])
    .where('target_id', '=', personId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}

describe('enrolling', () => {
  test('setup answers a secret, an otpauth URI and a QR code; only a right first code turns it on, with ten recovery codes', async () => {
    const org = await buildOrganization(t.db)
    const person = await buildPerson(t.db, { organizationId: org.id })
    const headers = await sessionHeadersFor(t.db, person)
    const setup = MfaSetupSchema.parse((await post('/api/auth/mfa/setup', {}, headers)).json())
    expect(setup.otpauthUri).toMatch(/^otpauth:\/\/totp\/Tandem:/)
    expect(setup.otpauthUri).toContain(`secret=${setup.secret}`)
    expect(setup.qrCodeDataUrl).toMatch(/^data:image\/svg\+xml;base64,/)
    // Not on until confirmed: the password alone still signs in.
    expect(
      (await post('/api/auth/sign-in', { email: person.email, password: TEST_PASSWORD }, {}, nextIp())).statusCode,
    ).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/mfa', headers })).json()).toEqual({
      isEnabled: false,
      recoveryCodesLeft: 0,
      isRequired: false,
    })
    const wrong = await post(
      '/api/auth/mfa/confirm',
      { code: '000000' === codeAt(setup.secret) ? '111111' : '000000' },
      headers,
    )
    expect(wrong.statusCode).toBe(400)
    const right = await post('/api/auth/mfa/confirm', { code: codeAt(setup.secret) }, headers)
    expect(right.statusCode).toBe(200)
    const { recoveryCodes } = right.json() as { recoveryCodes: string[] }
    expect(recoveryCodes).toHaveLength(10)
    expect(new Set(recoveryCodes).size).toBe(10)
    // Stored hashed, never as shown.
    const stored = await t.db
      .selectFrom('totp_recovery_codes')
      .select('code_hash')
      .where('person_id', '=', person.id)
      .execute()
    expect(stored).toHaveLength(10)
    expect(stored.map((row) => row.code_hash)).not.toContain(recoveryCodes[0])
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/mfa', headers })).json()).toMatchObject({
      isEnabled: true,
      recoveryCodesLeft: 10,
    })
    expect((await post('/api/auth/mfa/setup', {}, headers)).statusCode).toBe(409)
    expect((await auditActions(person.id)).map((event) => event.action)).toContain('mfa.enabled')
  })
})

describe('signing in with TOTP', () => {
  test('the password answers a pending sign-in, the code of the app then signs in; the same code is refused a second time', async () => {
    const { person, secret } = await enrolledPerson()
    const ip = nextIp()
    const challenge = await passwordStep(person, ip)
    const code = codeAt(secret)
    const signedIn = await post('/api/auth/sign-in/mfa', { pendingToken: challenge.pendingToken, code }, {}, ip)
    expect(signedIn.statusCode).toBe(200)
    expect(SessionSchema.parse(signedIn.json()).viewer.id).toBe(person.id)
    expect(signedIn.cookies.find((c) => c.name === 'tandem_session')).toBeDefined()
    // The pending sign-in is used up.
    const again = await post('/api/auth/sign-in/mfa', { pendingToken: challenge.pendingToken, code }, {}, ip)
    expect(errorOf(again).code).toBe('mfa_pending_expired')
    // Replay: a new pending sign-in with the same code, in the same window, is refused.
    const second = await passwordStep(person, ip)
    const replayed = await post('/api/auth/sign-in/mfa', { pendingToken: second.pendingToken, code }, {}, ip)
    expect(replayed.statusCode).toBe(401)
    expect(errorOf(replayed).code).toBe('invalid_mfa_code')
    // The next step's code works.
    clock.advance(30_000)
    const next = await post(
      '/api/auth/sign-in/mfa',
      { pendingToken: second.pendingToken, code: codeAt(secret) },
      {},
      ip,
    )
    expect(next.statusCode).toBe(200)
    const events = await auditActions(person.id)
    expect(events.filter((event) => event.action === 'auth.signed_in').map((event) => event.details)).toContainEqual({
      secondFactor: 'totp',
    })
    expect(events).toContainEqual(
      expect.objectContaining({
        action: 'auth.sign_in_failed',
        details: { reason: 'mfa_code_replayed' },
        outcome: 'failed',
      }),
    )
  })

  test('the secret is stored sealed (decision 047); one kept in the clear before is sealed at start and still works', async () => {
    const { person, secret } = await enrolledPerson()
    const stored = await t.db
      .selectFrom('person_totp')
      .select('secret')
      .where('person_id', '=', person.id)
      .executeTakeFirstOrThrow()
    expect(stored.secret).toMatch(/^tsk1\./)
    expect(stored.secret).not.toContain(secret)

    // As before sealing existed: the secret in the clear. It still works, and the start seals it.
    await t.db.updateTable('person_totp').set({ secret }).where('person_id', '=', person.id).execute()
    const box = createSecretBox(deriveKey(t.config.secretKey ?? ''))
    expect(await sealStoredTotpSecrets(t.db, box)).toBeGreaterThanOrEqual(1)
    expect(await sealStoredTotpSecrets(t.db, box)).toBe(0)
    const resealed = await t.db
      .selectFrom('person_totp')
      .select('secret')
      .where('person_id', '=', person.id)
      .executeTakeFirstOrThrow()
    expect(resealed.secret).toMatch(/^tsk1\./)
    // Copied onto another person's row, a sealed secret does not open there.
    expect(() => box.open(resealed.secret, 'totp:someone-else')).toThrow()
    const ip = nextIp()
    const challenge = await passwordStep(person, ip)
    clock.advance(30_000)
    const signedIn = await post(
      '/api/auth/sign-in/mfa',
      { pendingToken: challenge.pendingToken, code: codeAt(secret) },
      {},
      ip,
    )
    expect(signedIn.statusCode).toBe(200)
  })

  test('a recovery code works once', async () => {
    const { person, recoveryCodes } = await enrolledPerson()
    const ip = nextIp()
    const code = recoveryCodes[3] ?? ''
    const first = await passwordStep(person, ip)
    const used = await post(
      '/api/auth/sign-in/mfa',
      { pendingToken: first.pendingToken, code: code.toUpperCase() },
      {},
      ip,
    )
    expect(used.statusCode).toBe(200)
    const second = await passwordStep(person, ip)
    const reused = await post('/api/auth/sign-in/mfa', { pendingToken: second.pendingToken, code }, {}, ip)
    expect(reused.statusCode).toBe(401)
    expect(errorOf(reused).code).toBe('invalid_mfa_code')
    const events = await auditActions(person.id)
    expect(events).toContainEqual(
      expect.objectContaining({ action: 'mfa.recovery_code_used', details: { recoveryCodesLeft: 9 } }),
    )
    expect(events).toContainEqual(
      expect.objectContaining({ action: 'auth.sign_in_failed', details: { reason: 'wrong_mfa_code' } }),
    )
  })

  test('wrong codes are audited, end the pending sign-in after five, and count against the sign-in limit', async () => {
    const { person, secret } = await enrolledPerson()
    const ip = nextIp()
    const challenge = await passwordStep(person, ip)
    const right = codeAt(secret)
    const wrong = right === '123456' ? '654321' : '123456'
    const answers = []
    for (let i = 0; i < 5; i++) {
      answers.push(await post('/api/auth/sign-in/mfa', { pendingToken: challenge.pendingToken, code: wrong }, {}, ip))
    }
    expect(answers.slice(0, 4).map((r) => errorOf(r).code)).toEqual(Array(4).fill('invalid_mfa_code'))
    // The fifth wrong code reaches the sign-in limit of the email (5 in the test configuration) and ends it.
    expect(answers.map((r) => r.statusCode)).not.toContain(200)
    const after = await post('/api/auth/sign-in/mfa', { pendingToken: challenge.pendingToken, code: right }, {}, ip)
    expect(after.statusCode).not.toBe(200)
    // The password is now locked out too, for this email.
    const locked = await post('/api/auth/sign-in', { email: person.email, password: TEST_PASSWORD }, {}, ip)
    expect(locked.statusCode).toBe(429)
    const failures = (await auditActions(person.id)).filter((event) => event.action === 'auth.sign_in_failed')
    expect(failures.filter((event) => (event.details as { reason: string }).reason === 'wrong_mfa_code')).toHaveLength(
      5,
    )
  })

  test('a pending sign-in expires after five minutes', async () => {
    const { person, secret } = await enrolledPerson()
    const ip = nextIp()
    const challenge = await passwordStep(person, ip)
    clock.advance(5 * 60_000 + 1)
    const late = await post(
      '/api/auth/sign-in/mfa',
      { pendingToken: challenge.pendingToken, code: codeAt(secret) },
      {},
      ip,
    )
    expect(late.statusCode).toBe(401)
    expect(errorOf(late).code).toBe('mfa_pending_expired')
  })

  test('turning it off takes a current code or the password; then the password alone signs in again', async () => {
    const { person, headers, secret } = await enrolledPerson()
    const refused = await post('/api/auth/mfa/disable', { password: 'not the password at all' }, headers)
    expect(refused.statusCode).toBe(400)
    const off = await post('/api/auth/mfa/disable', { code: codeAt(secret) }, headers)
    expect(off.statusCode).toBe(204)
    const signedIn = await post('/api/auth/sign-in', { email: person.email, password: TEST_PASSWORD }, {}, nextIp())
    expect(signedIn.statusCode).toBe(200)
    expect((await auditActions(person.id)).map((event) => event.action)).toContain('mfa.disabled')
    // And with the password:
    const again = await enrolledPerson()
    expect((await post('/api/auth/mfa/disable', { password: TEST_PASSWORD }, again.headers)).statusCode).toBe(204)
  })
})

describe('an admin resets the sign-in of a person who lost their phone', () => {
  test('two-step sign-in is turned off with the password (the person sets both up again)', async () => {
    const { org, person } = await enrolledPerson()
    const admin = await buildPerson(t.db, { organizationId: org.id, role: 'admin' })
    const reset = await post(`/api/people/${person.id}/sign-in-reset`, {}, await sessionHeadersFor(t.db, admin))
    expect(reset.statusCode).toBe(200)
    expect(
      await t.db.selectFrom('person_totp').select('person_id').where('person_id', '=', person.id).execute(),
    ).toEqual([])
    expect(
      await t.db.selectFrom('totp_recovery_codes').select('id').where('person_id', '=', person.id).execute(),
    ).toEqual([])
    const event = (await auditActions(person.id)).find((e) => e.action === 'sign_in.reset_by_admin')
    expect(event?.details).toMatchObject({ isTotpRemoved: true })
  })
})

describe('organization requirement', () => {
  test('an admin requires MFA of staff: a program manager without TOTP is asked to enroll; enrolling clears it; participants are not asked', async () => {
    const org = await buildOrganization(t.db)
    const admin = await buildPerson(t.db, { organizationId: org.id, role: 'admin' })
    const manager = await buildPerson(t.db, { organizationId: org.id, role: 'program_manager' })
    const participant = await buildPerson(t.db, { organizationId: org.id, role: 'participant' })
    const adminHeaders = await sessionHeadersFor(t.db, admin)
    const managerHeaders = await sessionHeadersFor(t.db, manager)
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: '/api/organization/mfa-policy',
          headers: managerHeaders,
          payload: { isRequiredForStaff: true },
        })
      ).statusCode,
    ).toBe(403)
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/organization/mfa-policy',
      headers: adminHeaders,
      payload: { isRequiredForStaff: true },
    })
    expect(put.json()).toEqual({ isRequiredForStaff: true })
    const ip = nextIp()
    const managerSignIn = await post('/api/auth/sign-in', { email: manager.email, password: TEST_PASSWORD }, {}, ip)
    const session = SessionSchema.parse(managerSignIn.json())
    expect(session.isMfaEnrollmentRequired).toBe(true)
    const cookie = `tandem_session=${managerSignIn.cookies.find((c) => c.name === 'tandem_session')?.value}`
    const headers = { cookie, 'x-csrf-token': session.csrfToken }
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/session', headers })).json().isMfaEnrollmentRequired,
    ).toBe(true)
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/mfa', headers })).json().isRequired).toBe(true)
    // Until enrolled, the API refuses everything but setting it up (and signing out).
    const held = await t.app.inject({ method: 'GET', url: '/api/me/profile', headers })
    expect(held.statusCode).toBe(403)
    expect(errorOf(held).code).toBe('mfa_enrollment_required')
    const setup = MfaSetupSchema.parse((await post('/api/auth/mfa/setup', {}, headers)).json())
    expect((await post('/api/auth/mfa/confirm', { code: codeAt(setup.secret) }, headers)).statusCode).toBe(200)
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/session', headers })).json().isMfaEnrollmentRequired,
    ).toBe(false)
    const participantSignIn = await post(
      '/api/auth/sign-in',
      { email: participant.email, password: TEST_PASSWORD },
      {},
      nextIp(),
    )
    expect(SessionSchema.parse(participantSignIn.json()).isMfaEnrollmentRequired).toBe(false)
    const events = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('organization_id', '=', org.id)
      .execute()
    expect(events.map((event) => event.action)).toContain('mfa.policy_updated')
  })
})
