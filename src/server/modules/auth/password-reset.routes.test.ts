import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createMailer } from '#server/mail/mailer.ts'
import { buildOrganization, buildPerson, TEST_PASSWORD } from '#server/test/factories.ts'
import { errorOf } from '#server/test/responses.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'
import { PASSWORD_RESETS_PER_HOUR, requestPasswordReset } from './password-reset.service.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ publicUrl: 'https://tandem.example.test' })
})
afterAll(() => t.close())

/** Asks for a reset, then lets the queued job (lookup, link, mail) run. */
async function requestReset(email: string) {
  const response = await t.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email } })
  await t.jobs.drain()
  return response
}

function completeReset(token: string, password: string) {
  return t.app.inject({ method: 'POST', url: '/api/auth/password-reset/complete', payload: { token, password } })
}

function signIn(email: string, password: string) {
  return t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password } })
}

async function mailsTo(email: string) {
  return t.db
    .selectFrom('outbox_emails')
    .selectAll()
    .where('to_address', '=', email)
    .orderBy('created_at', 'desc')
    .execute()
}

async function resetTokenFor(email: string): Promise<string> {
  const [mail] = await mailsTo(email)
  const match = mail?.text_body?.match(/https:\/\/tandem\.example\.test\/reset-password\?token=([\w%-]+)/)
  if (!match) throw new Error('no reset link mailed')
  return decodeURIComponent(match[1])
}

async function activePerson() {
  const org = await buildOrganization(t.db)
  return buildPerson(t.db, { organizationId: org.id })
}

describe('password reset', () => {
  test('the answer is the same 202 whether or not the account exists; only a real active account gets mail', async () => {
    const person = await activePerson()
    const deactivated = await buildPerson(t.db, { organizationId: person.organization_id, status: 'deactivated' })
    const known = await requestReset(person.email.toUpperCase())
    const unknown = await requestReset('nobody-at-all@example.test')
    const inactive = await requestReset(deactivated.email)
    for (const response of [known, unknown, inactive]) expect(response.statusCode).toBe(202)
    expect(unknown.json()).toEqual(known.json())
    expect(inactive.json()).toEqual(known.json())
    // The request path does the same for every address: it queues one job (the job looks the account up).
    const queued = await sql<{ email: string }>`
      select data->>'email' as email from pgboss.job where name = 'password-reset' order by created_on`.execute(t.db)
    expect(queued.rows.map((row) => row.email.toLowerCase())).toEqual([
      person.email.toLowerCase(),
      'nobody-at-all@example.test',
      deactivated.email,
    ])
    expect(await mailsTo('nobody-at-all@example.test')).toHaveLength(0)
    expect(await mailsTo(deactivated.email)).toHaveLength(0)
    const [mail] = await mailsTo(person.email)
    expect(mail).toMatchObject({ subject: 'Reset your Tandem password', organization_id: person.organization_id })
    expect(mail.html_body).toContain('Choose a new password')
  })

  test('the link sets a new password once, signs the person out everywhere, and the old password stops working', async () => {
    const person = await activePerson()
    const laptop = await sessionHeadersFor(t.db, person)
    const phone = await sessionHeadersFor(t.db, person)
    await requestReset(person.email)
    const token = await resetTokenFor(person.email)

    const tooShort = await completeReset(token, 'short')
    expect(tooShort.statusCode).toBe(400)
    expect(errorOf(tooShort).code).toBe('validation_failed')

    const done = await completeReset(token, 'a brand new password')
    expect(done.statusCode).toBe(200)
    for (const headers of [laptop, phone]) {
      expect((await t.app.inject({ method: 'GET', url: '/api/auth/session', headers })).statusCode).toBe(401)
    }
    expect((await signIn(person.email, TEST_PASSWORD)).statusCode).toBe(401)
    expect((await signIn(person.email, 'a brand new password')).statusCode).toBe(200)

    const again = await completeReset(token, 'another new password')
    expect(again.statusCode).toBe(410)
    expect(errorOf(again).code).toBe('token_invalid')
    expect((await signIn(person.email, 'another new password')).statusCode).toBe(401)

    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'target_id'])
      .where('organization_id', '=', person.organization_id)
      .execute()
    expect(audit).toContainEqual({ action: 'password_reset.completed', target_id: person.id })
  })

  test('an expired link is refused and the password stays', async () => {
    const person = await activePerson()
    await requestReset(person.email)
    const token = await resetTokenFor(person.email)
    const [stored] = await t.db.selectFrom('email_tokens').selectAll().where('person_id', '=', person.id).execute()
    const lifetime = stored.expires_at.getTime() - stored.created_at.getTime()
    expect(lifetime).toBeGreaterThan(59 * 60_000)
    expect(lifetime).toBeLessThanOrEqual(60 * 60_000 + 1000)
    await sql`update email_tokens set expires_at = now() - interval '1 second' where person_id = ${person.id}`.execute(
      t.db,
    )
    const response = await completeReset(token, 'a brand new password')
    expect(response.statusCode).toBe(410)
    expect((await signIn(person.email, TEST_PASSWORD)).statusCode).toBe(200)
  })

  test('an invitation link cannot be used as a reset link', async () => {
    const person = await activePerson()
    const admin = await buildPerson(t.db, { organizationId: person.organization_id, role: 'admin' })
    const invited = await t.app.inject({
      method: 'POST',
      url: '/api/invitations',
      headers: await sessionHeadersFor(t.db, admin),
      payload: { email: 'invitee-reset@example.test', name: 'Invitee', role: 'participant' },
    })
    expect(invited.statusCode).toBe(201)
    const [mail] = await mailsTo('invitee-reset@example.test')
    const token = decodeURIComponent((mail.text_body ?? '').match(/token=([\w%-]+)/)?.[1] ?? '')
    expect((await completeReset(token, 'a brand new password')).statusCode).toBe(410)
  })

  test('a completed reset lifts a sign-in lockout caused by the forgotten password', async () => {
    const person = await activePerson()
    for (let i = 0; i < t.config.signInMaxAttempts; i++) await signIn(person.email, `forgotten ${i} password`)
    expect((await signIn(person.email, TEST_PASSWORD)).statusCode).toBe(429)
    await requestReset(person.email)
    expect((await completeReset(await resetTokenFor(person.email), 'a brand new password')).statusCode).toBe(200)
    expect((await signIn(person.email, 'a brand new password')).statusCode).toBe(200)
  })

  test(`at most ${PASSWORD_RESETS_PER_HOUR} reset emails an hour reach one person`, async () => {
    const person = await activePerson()
    for (let i = 0; i < PASSWORD_RESETS_PER_HOUR + 2; i++)
      expect((await requestReset(person.email)).statusCode).toBe(202)
    expect(await mailsTo(person.email)).toHaveLength(PASSWORD_RESETS_PER_HOUR)
  })

  test('requests worked at once (several workers or instances) still send at most the hourly limit', async () => {
    const person = await activePerson()
    const mailer = createMailer({ smtpUrl: undefined, from: t.config.mailFrom })
    const outcomes = await Promise.all(
      Array.from({ length: PASSWORD_RESETS_PER_HOUR + 3 }, () =>
        requestPasswordReset(t.db, mailer, t.config, person.email, null, t.clock.now()),
      ),
    )
    expect(outcomes.filter((outcome) => outcome.isSent)).toHaveLength(PASSWORD_RESETS_PER_HOUR)
    expect(await mailsTo(person.email)).toHaveLength(PASSWORD_RESETS_PER_HOUR)
  })
})
