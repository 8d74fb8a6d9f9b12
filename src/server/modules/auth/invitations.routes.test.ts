import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { InvitationPreviewSchema, InvitationSchema, SessionSchema } from '#contracts/auth.ts'
import type { OrganizationRow, PersonRow } from '#server/db/schema.ts'
import { backdateEmailLinks, buildOrganization, buildPerson } from '#server/test/factories.ts'
import { errorOf } from '#server/test/responses.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'
import { INVITATION_RESEND_INTERVAL_MS } from './invitations.service.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ publicUrl: 'https://tandem.example.test' })
})
afterAll(() => t.close())

async function adminOfNewOrg(): Promise<{ org: OrganizationRow; admin: PersonRow; headers: Record<string, string> }> {
  const org = await buildOrganization(t.db)
  const admin = await buildPerson(t.db, { organizationId: org.id, role: 'admin', name: 'Grace Admin' })
  return { org, admin, headers: await sessionHeadersFor(t.db, admin) }
}

function invite(headers: Record<string, string>, body: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/invitations', headers, payload: body })
}

/** The token of the newest invitation link mailed to this address, read from the outbox as a person would. */
async function invitationTokenFor(email: string): Promise<string> {
  const mail = await t.db
    .selectFrom('outbox_emails')
    .selectAll()
    .where('to_address', '=', email)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow()
  const match = (mail.text_body ?? '').match(/https:\/\/tandem\.example\.test\/accept-invitation\?token=([\w%-]+)/)
  if (!match) throw new Error(`no invitation link in: ${mail.text_body}`)
  return decodeURIComponent(match[1])
}

function accept(body: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/invitations/accept', payload: body })
}

describe('invitations', () => {
  test('an admin invites; the email carries a link; the link shows the invitation, works once and signs the person in', async () => {
    const { org, admin, headers } = await adminOfNewOrg()
    const response = await invite(headers, {
      email: 'New.Colleague@Example.test',
      name: 'New Colleague',
      role: 'program_manager',
    })
    expect(response.statusCode).toBe(201)
    const invitation = InvitationSchema.parse(response.json())
    expect(invitation).toMatchObject({
      email: 'new.colleague@example.test',
      role: 'program_manager',
      isReinvite: false,
    })
    const expiresIn = new Date(invitation.expiresAt).getTime() - Date.now()
    expect(expiresIn).toBeGreaterThan(6.9 * 24 * 3_600_000)
    expect(expiresIn).toBeLessThanOrEqual(7 * 24 * 3_600_000)

    const person = await t.db
      .selectFrom('people')
      .selectAll()
      .where('id', '=', invitation.personId)
      .executeTakeFirstOrThrow()
    expect(person).toMatchObject({ organization_id: org.id, status: 'invited', password_hash: null })

    const mail = await t.db
      .selectFrom('outbox_emails')
      .selectAll()
      .where('to_address', '=', 'new.colleague@example.test')
      .executeTakeFirstOrThrow()
    expect(mail.organization_id).toBe(org.id)
    expect(mail.subject).toBe(`Grace Admin invited you to ${org.name} on Tandem`)
    expect(mail.html_body).toContain('Accept the invitation')
    const token = await invitationTokenFor('new.colleague@example.test')
    // Only the hash is kept.
    const stored = await t.db.selectFrom('email_tokens').selectAll().where('person_id', '=', person.id).execute()
    expect(stored).toHaveLength(1)
    expect(stored[0].token_hash).not.toBe(token)

    const preview = await t.app.inject({ method: 'GET', url: `/api/invitations/${encodeURIComponent(token)}` })
    expect(preview.statusCode).toBe(200)
    expect(InvitationPreviewSchema.parse(preview.json())).toMatchObject({
      email: 'new.colleague@example.test',
      name: 'New Colleague',
      organizationName: org.name,
      invitedByName: 'Grace Admin',
    })

    const tooShort = await accept({ token, password: 'short' })
    expect(tooShort.statusCode).toBe(400)
    expect(errorOf(tooShort).details[0].path).toBe('body.password')

    const accepted = await accept({ token, password: 'my own long password', name: 'Newt Colleague' })
    expect(accepted.statusCode).toBe(200)
    const session = SessionSchema.parse(accepted.json())
    expect(session.viewer).toMatchObject({ id: person.id, name: 'Newt Colleague', role: 'program_manager' })
    const cookie = accepted.cookies.find((c) => c.name === 'tandem_session')
    expect(cookie?.httpOnly).toBe(true)
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { cookie: `tandem_session=${cookie?.value}` },
    })
    expect(me.statusCode).toBe(200)

    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'new.colleague@example.test', password: 'my own long password' },
    })
    expect(signIn.statusCode).toBe(200)

    // The second use of the same link is refused and changes nothing.
    const again = await accept({ token, password: 'an attacker password' })
    expect(again.statusCode).toBe(410)
    expect(errorOf(again).code).toBe('token_invalid')
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/invitations/${encodeURIComponent(token)}` })).statusCode,
    ).toBe(410)
    const attacker = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'new.colleague@example.test', password: 'an attacker password' },
    })
    expect(attacker.statusCode).toBe(401)

    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'actor_id', 'target_id'])
      .where('organization_id', '=', org.id)
      .execute()
    expect(audit).toContainEqual({ action: 'invitation.sent', actor_id: admin.id, target_id: person.id })
    expect(audit).toContainEqual({ action: 'invitation.accepted', actor_id: person.id, target_id: person.id })
  })

  test('an expired link is refused, and an unknown one too', async () => {
    const { headers } = await adminOfNewOrg()
    const response = await invite(headers, { email: 'late@example.test', name: 'Late Person', role: 'participant' })
    const { personId } = InvitationSchema.parse(response.json())
    const token = await invitationTokenFor('late@example.test')
    await sql`update email_tokens set expires_at = now() - interval '1 minute' where person_id = ${personId}`.execute(
      t.db,
    )
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/invitations/${encodeURIComponent(token)}` })).statusCode,
    ).toBe(410)
    const expired = await accept({ token, password: 'my own long password' })
    expect(expired.statusCode).toBe(410)
    expect(errorOf(expired).code).toBe('token_invalid')
    const person = await t.db.selectFrom('people').selectAll().where('id', '=', personId).executeTakeFirstOrThrow()
    expect(person).toMatchObject({ status: 'invited', password_hash: null })

    const unknown = await accept({ token: 'x'.repeat(43), password: 'my own long password' })
    expect(unknown.statusCode).toBe(410)
  })

  test('inviting a still-invited person again sends a new link and the old one stops working', async () => {
    const { headers } = await adminOfNewOrg()
    const sent = InvitationSchema.parse(
      (await invite(headers, { email: 'twice@example.test', name: 'Twice', role: 'participant' })).json(),
    )
    const first = await invitationTokenFor('twice@example.test')
    await backdateEmailLinks(t.db, sent.personId, INVITATION_RESEND_INTERVAL_MS)
    const again = await invite(headers, { email: 'twice@example.test', name: 'Twice Invited', role: 'admin' })
    expect(again.statusCode).toBe(201)
    expect(again.json()).toMatchObject({ isReinvite: true, name: 'Twice Invited', role: 'admin' })
    const second = await invitationTokenFor('twice@example.test')
    expect(second).not.toBe(first)
    expect((await accept({ token: first, password: 'my own long password' })).statusCode).toBe(410)
    expect((await accept({ token: second, password: 'my own long password' })).statusCode).toBe(200)
    const people = await t.db.selectFrom('people').select('id').where('email', '=', 'twice@example.test').execute()
    expect(people).toHaveLength(1)
  })

  test('two re-sends at once (a double click, two admins) send one email; the other is told 429 with Retry-After', async () => {
    const { headers } = await adminOfNewOrg()
    const email = 'resent.at.once@example.test'
    const sent = InvitationSchema.parse((await invite(headers, { email, name: 'At Once', role: 'participant' })).json())
    await backdateEmailLinks(t.db, sent.personId, INVITATION_RESEND_INTERVAL_MS)

    const body = { email, name: 'At Once', role: 'participant' }
    const responses = await Promise.all([invite(headers, body), invite(headers, body)])
    expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 429])
    const refused = responses.find((response) => response.statusCode === 429)
    expect(errorOf(refused as (typeof responses)[0]).code).toBe('invitation_recently_sent')
    const retryAfter = Number(refused?.headers['retry-after'])
    expect(retryAfter).toBeGreaterThan(50)
    expect(retryAfter).toBeLessThanOrEqual(60)

    const mails = await t.db.selectFrom('outbox_emails').select('id').where('to_address', '=', email).execute()
    expect(mails).toHaveLength(2) // the first invitation and one re-send
    const live = await t.db
      .selectFrom('email_tokens')
      .select('id')
      .where('person_id', '=', sent.personId)
      .where('expires_at', '>', new Date())
      .execute()
    expect(live).toHaveLength(1)
    // The link that went out is the one that works.
    const token = await invitationTokenFor(email)
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/invitations/${encodeURIComponent(token)}` })).statusCode,
    ).toBe(200)
  })

  test('two admins inviting a new address at once send one email', async () => {
    const { org, headers } = await adminOfNewOrg()
    const other = await buildPerson(t.db, { organizationId: org.id, role: 'admin' })
    const otherHeaders = await sessionHeadersFor(t.db, other)
    const email = 'new.at.once@example.test'
    const body = { email, name: 'New At Once', role: 'participant' }
    const responses = await Promise.all([invite(headers, body), invite(otherHeaders, body)])
    expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 429])
    const mails = await t.db.selectFrom('outbox_emails').select('id').where('to_address', '=', email).execute()
    expect(mails).toHaveLength(1)
  })

  test('sending again within a minute is refused and says when it can be sent; after that it works', async () => {
    const { headers } = await adminOfNewOrg()
    const body = { email: 'patient@example.test', name: 'Patient', role: 'participant' }
    const sent = InvitationSchema.parse((await invite(headers, body)).json())
    const tooSoon = await invite(headers, body)
    expect(tooSoon.statusCode).toBe(429)
    expect(errorOf(tooSoon)).toMatchObject({
      code: 'invitation_recently_sent',
      message: expect.stringMatching(/^An invitation was sent to patient@example.test less than a minute ago/),
    })
    expect(Number(tooSoon.headers['retry-after'])).toBeGreaterThan(0)
    await backdateEmailLinks(t.db, sent.personId, INVITATION_RESEND_INTERVAL_MS)
    expect((await invite(headers, body)).statusCode).toBe(201)
  })

  test('a send stored after this request read the clock (it won the lock) still means a wait of at most a minute', async () => {
    const { headers } = await adminOfNewOrg()
    const body = { email: 'raced@example.test', name: 'Raced', role: 'participant' }
    const sent = InvitationSchema.parse((await invite(headers, body)).json())
    // What the loser of the race sees: the winner's row carries a time later than its own `now`.
    await backdateEmailLinks(t.db, sent.personId, -2_000)
    const refused = await invite(headers, body)
    expect(refused.statusCode).toBe(429)
    expect(Number(refused.headers['retry-after'])).toBe(60)
  })

  test('an address that already has an account is refused with 409, here or in another organization', async () => {
    const { org, headers } = await adminOfNewOrg()
    const member = await buildPerson(t.db, { organizationId: org.id })
    const taken = await invite(headers, { email: member.email, name: 'Dup', role: 'participant' })
    expect(taken.statusCode).toBe(409)
    expect(errorOf(taken).code).toBe('email_taken')

    const other = await adminOfNewOrg()
    const outsider = await buildPerson(t.db, { organizationId: other.org.id, status: 'invited', password: null })
    const crossOrg = await invite(headers, { email: outsider.email, name: 'Stolen', role: 'admin' })
    expect(crossOrg.statusCode).toBe(409)
    const unchanged = await t.db
      .selectFrom('people')
      .selectAll()
      .where('id', '=', outsider.id)
      .executeTakeFirstOrThrow()
    expect(unchanged).toMatchObject({ organization_id: other.org.id, name: outsider.name, role: 'participant' })
    const tokens = await t.db.selectFrom('email_tokens').select('id').where('person_id', '=', outsider.id).execute()
    expect(tokens).toHaveLength(0)
  })

  test('participants and program managers cannot invite; without a session 401; without the CSRF token 403', async () => {
    const { org, headers } = await adminOfNewOrg()
    for (const role of ['participant', 'program_manager'] as const) {
      const person = await buildPerson(t.db, { organizationId: org.id, role })
      const response = await invite(await sessionHeadersFor(t.db, person), {
        email: `by-${role}@example.test`,
        name: 'X',
        role: 'admin',
      })
      expect(response.statusCode).toBe(403)
      expect(errorOf(response).code).toBe('forbidden')
    }
    const anonymous = await invite({}, { email: 'anon@example.test', name: 'X', role: 'admin' })
    expect(anonymous.statusCode).toBe(401)
    const noCsrf = await invite({ cookie: headers.cookie }, { email: 'nocsrf@example.test', name: 'X', role: 'admin' })
    expect(noCsrf.statusCode).toBe(403)
    expect(errorOf(noCsrf).code).toBe('csrf_invalid')
    const created = await t.db
      .selectFrom('people')
      .select('id')
      .where('email', 'in', [
        'by-participant@example.test',
        'by-program_manager@example.test',
        'anon@example.test',
        'nocsrf@example.test',
      ])
      .execute()
    expect(created).toHaveLength(0)
  })

  test('a link of a person deactivated before accepting no longer works', async () => {
    const { headers } = await adminOfNewOrg()
    const response = await invite(headers, { email: 'gone@example.test', name: 'Gone', role: 'participant' })
    const { personId } = InvitationSchema.parse(response.json())
    const token = await invitationTokenFor('gone@example.test')
    await t.db.updateTable('people').set({ status: 'deactivated' }).where('id', '=', personId).execute()
    expect((await accept({ token, password: 'my own long password' })).statusCode).toBe(410)
    const person = await t.db.selectFrom('people').selectAll().where('id', '=', personId).executeTakeFirstOrThrow()
    expect(person).toMatchObject({ status: 'deactivated', password_hash: null })
  })
})

describe('when mail cannot be sent', () => {
  test('the invitation is saved and its email job retries with back-off; the failure is kept in the outbox, and inviting again works', async () => {
    // Port 1 on the loopback refuses connections at once: an SMTP server that is down.
    const broken = await createTestApp({ smtpUrl: 'smtp://127.0.0.1:1' })
    try {
      const org = await buildOrganization(broken.db)
      const admin = await buildPerson(broken.db, { organizationId: org.id, role: 'admin' })
      const headers = await sessionHeadersFor(broken.db, admin)
      const response = await broken.app.inject({
        method: 'POST',
        url: '/api/invitations',
        headers,
        payload: { email: 'unlucky@example.test', name: 'Unlucky', role: 'participant' },
      })
      // SMTP delivery is a job: the request does not wait for the mail server.
      expect(response.statusCode).toBe(201)
      await broken.jobs.drain() // the first attempt fails; the retry is due 5-10 s later
      const [mail] = await broken.db.selectFrom('outbox_emails').selectAll().execute()
      expect(mail).toMatchObject({ to_address: 'unlucky@example.test', transport: 'smtp', sent_at: null })
      expect(mail.error).toBeTruthy()
      const jobs = await sql<{ state: string; retry_count: number }>`
        select state, retry_count from pgboss.job where name = 'email-send'`.execute(broken.db)
      expect(jobs.rows).toEqual([{ state: 'retry', retry_count: 0 }])
      // A minute later (sooner is refused: the first email is still being retried).
      await backdateEmailLinks(
        broken.db,
        InvitationSchema.parse(response.json()).personId,
        INVITATION_RESEND_INTERVAL_MS,
      )
      const again = await broken.app.inject({
        method: 'POST',
        url: '/api/invitations',
        headers,
        payload: { email: 'unlucky@example.test', name: 'Unlucky', role: 'participant' },
      })
      expect(again.statusCode).toBe(201)
      expect(
        await broken.db.selectFrom('people').select('id').where('email', '=', 'unlucky@example.test').execute(),
      ).toHaveLength(1)
    } finally {
      await broken.close()
    }
  })
})
