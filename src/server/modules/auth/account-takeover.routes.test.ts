import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { SessionSchema, SignInResetSchema } from '#contracts/auth.ts'
import { OutboxEmailSchema, OutboxPageSchema } from '#contracts/outbox.ts'
import type { PersonRow } from '#server/db/schema.ts'
import {
  buildMatch,
  buildOrganization,
  buildPerson,
  buildPrivateWords,
  buildProgram,
  buildSession,
  TEST_PASSWORD,
} from '#server/test/factories.ts'
import { errorOf } from '#server/test/responses.ts'
import { createSmtpSink } from '#server/test/smtp-sink.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'

// Issue #11 point 1: an admin asked for a participant's password reset, read the link in the
// outbox, set a new password, signed in as the participant and read their private reflection.
// Every step of that sequence is tried here, on both mail configurations, and must fail.

const PUBLIC_URL = 'https://tandem.example.test'
const anyLink = /token=([\w%-]+)/g

/** A real SMTP server on the loopback: what it receives is what the mailbox owner would read. */
const smtp = createSmtpSink()
let smtpUrl = ''

beforeAll(async () => {
  smtpUrl = await smtp.start()
})
afterAll(async () => {
  await smtp.stop()
})

/** The last link of this kind the SMTP server received for this address (quoted-printable undone). */
function linkReceivedBy(email: string, path: string): string | null {
  for (const { raw } of [...smtp.received].reverse()) {
    if (!raw.includes(`To: ${email}`)) continue
    const text = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=')
    const match = text.match(new RegExp(`${path}\\?token=([\\w%-]+)`))
    if (match) return decodeURIComponent(match[1])
  }
  return null
}

for (const mode of ['mail_catcher', 'smtp'] as const) {
  describe(`account takeover through the mail, ${mode === 'smtp' ? 'with SMTP_URL' : 'without SMTP (mail catcher)'}`, () => {
    let t: TestApp
    beforeAll(async () => {
      t = await createTestApp({
        publicUrl: PUBLIC_URL,
        smtpUrl: mode === 'smtp' ? smtpUrl : undefined,
      })
    })
    afterAll(() => t.close())

    const inject = (method: 'GET' | 'POST', url: string, headers: Record<string, string> = {}, payload?: object) =>
      t.app.inject({ method, url, headers, payload })

    /** An organization with an admin, a second admin and a participant who wrote a private reflection. */
    async function organization() {
      const org = await buildOrganization(t.db)
      const admin = await buildPerson(t.db, { organizationId: org.id, role: 'admin', name: 'Ada Admin' })
      const otherAdmin = await buildPerson(t.db, { organizationId: org.id, role: 'admin' })
      const participant = await buildPerson(t.db, { organizationId: org.id, time_zone: 'Asia/Tokyo' })
      const partner = await buildPerson(t.db, { organizationId: org.id })
      const program = await buildProgram(t.db, { organizationId: org.id, status: 'active' })
      const match = await buildMatch(t.db, {
        organizationId: org.id,
        programId: program.id,
        memberIds: [participant.id, partner.id],
        status: 'active',
      })
      const session = await buildSession(t.db, { match })
      const secret = `private-reflection-${crypto.randomUUID()}`
      await buildPrivateWords(t.db, {
        organizationId: org.id,
        matchId: match.id,
        sessionId: session.id,
        authorId: participant.id,
        partnerId: partner.id,
        text: secret,
      })
      return { org, admin, otherAdmin, participant, match, secret, headers: await sessionHeadersFor(t.db, admin) }
    }

    /** Everything an admin can read about the organization's mail and jobs, as one text. */
    async function everythingTheAdminSees(headers: Record<string, string>) {
      const texts: string[] = []
      const list = await inject('GET', '/api/outbox?limit=100', headers)
      expect(list.statusCode).toBe(200)
      texts.push(list.body)
      for (const email of OutboxPageSchema.parse(list.json()).emails) {
        const one = await inject('GET', `/api/outbox/${email.id}`, headers)
        expect(one.statusCode).toBe(200)
        texts.push(one.body)
      }
      for (const state of ['failed', 'retry', 'active', 'completed']) {
        const jobs = await inject('GET', `/api/admin/jobs?state=${state}&limit=100`, headers)
        expect(jobs.statusCode).toBe(200)
        texts.push(jobs.body)
      }
      return texts.join('\n')
    }

    async function allJobData(): Promise<string> {
      const rows = await sql<{ data: unknown }>`select data from pgboss.job`.execute(t.db)
      return JSON.stringify(rows.rows)
    }

    async function passwordResetEmailOf(person: PersonRow) {
      return t.db
        .selectFrom('outbox_emails')
        .selectAll()
        .where('recipient_person_id', '=', person.id)
        .where('kind', '=', 'password_reset')
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow()
    }

    test("an admin asks for a participant's reset and never gets a working credential for their account", async () => {
      const { admin, participant, match, secret, headers } = await organization()

      // 1. The admin asks for a reset of the participant's password (the public form: anyone can).
      const asked = await inject('POST', '/api/auth/password-reset', headers, { email: participant.email })
      expect(asked.statusCode).toBe(202)
      await t.jobs.drain()

      // The reset itself went out: the participant (and only the mailbox) has a working link.
      const stored = await passwordResetEmailOf(participant)
      expect(stored).toMatchObject({ kind: 'password_reset', has_credential: true })
      const realToken =
        mode === 'smtp'
          ? linkReceivedBy(participant.email, '/reset-password')
          : decodeURIComponent(stored.text_body?.match(/token=([\w%-]+)/)?.[1] ?? '')
      expect(realToken).toBeTruthy()
      if (mode === 'smtp') {
        // Delivered, then purged: the database keeps the metadata, not the link.
        expect(stored).toMatchObject({ text_body: null, html_body: null, attachments: [], attempts: 1 })
        expect(stored.sent_at).toBeInstanceOf(Date)
        expect(stored.body_purged_at).toBeInstanceOf(Date)
      }

      // 2. The admin reads the outbox list, the single email, and the Jobs page: no link, no body.
      const seen = await everythingTheAdminSees(headers)
      expect(seen).not.toContain(realToken as string)
      expect(seen).not.toContain('reset-password?token=')
      const one = OutboxEmailSchema.parse((await inject('GET', `/api/outbox/${stored.id}`, headers)).json())
      expect(one).toMatchObject({
        to: participant.email,
        kind: 'password_reset',
        hasCredential: true,
        text: null,
        html: null,
        bodyHidden: mode === 'smtp' ? 'smtp' : 'credential_for_someone_else',
        status: mode === 'smtp' ? 'sent' : 'caught',
      })
      // pg-boss's own job data (which the Jobs page reads) never holds a message either.
      const jobData = await allJobData()
      expect(jobData).not.toContain(realToken as string)
      expect(jobData).not.toContain('token=')
      expect(jobData).not.toContain('"message"')

      // 3. Any link the admin could find is tried: there is none, and a made-up one is refused.
      const found = [...seen.matchAll(anyLink)].map((m) => decodeURIComponent(m[1]))
      expect(found).toEqual([])
      const guessed = await inject(
        'POST',
        '/api/auth/password-reset/complete',
        {},
        {
          token: 'a'.repeat(43),
          password: 'the admin now owns this',
        },
      )
      expect(guessed.statusCode).toBe(410)

      // 4. The admin tries to sign in as the participant: the password was never changed.
      const signIn = await inject(
        'POST',
        '/api/auth/sign-in',
        {},
        { email: participant.email, password: 'the admin now owns this' },
      )
      expect(signIn.statusCode).toBe(401)
      expect(errorOf(signIn).code).toBe('invalid_credentials')

      // 5. The admin tries to read the participant's private reflection with their own session.
      const reflections = await inject('GET', `/api/matches/${match.id}/reflections`, headers)
      expect(reflections.statusCode).toBeGreaterThanOrEqual(400)
      expect(reflections.body).not.toContain(secret)

      // The participant's own link still works for the participant, and their own password too until then.
      const own = await inject('POST', '/api/auth/sign-in', {}, { email: participant.email, password: TEST_PASSWORD })
      expect(own.statusCode).toBe(200)
      expect(admin.id).not.toBe(participant.id)
    })

    test(
      mode === 'smtp'
        ? "with SMTP, even the admin's own reset link and every invitation link stay out of the outbox"
        : "in the mail catcher the admin reads their own reset link and invitation links, never another admin's reset",
      async () => {
        const { admin, otherAdmin, headers } = await organization()
        const asked = await inject('POST', '/api/auth/password-reset', {}, { email: admin.email })
        expect(asked.statusCode).toBe(202)
        await t.jobs.drain()
        const invited = await inject('POST', '/api/invitations', headers, {
          email: `newcomer-${crypto.randomUUID()}@example.test`,
          name: 'New Comer',
          role: 'participant',
        })
        expect(invited.statusCode).toBe(201)
        await t.jobs.drain()

        const page = OutboxPageSchema.parse((await inject('GET', '/api/outbox', headers)).json())
        expect(page.mode).toBe(mode)
        const ownReset = page.emails.find((e) => e.kind === 'password_reset')
        const invitation = page.emails.find((e) => e.kind === 'invitation')
        expect(ownReset).toMatchObject({ to: admin.email, hasCredential: true })
        expect(invitation).toMatchObject({ hasCredential: true })

        const otherHeaders = await sessionHeadersFor(t.db, otherAdmin)
        const seenByOther = OutboxEmailSchema.parse(
          (await inject('GET', `/api/outbox/${ownReset?.id}`, otherHeaders)).json(),
        )
        expect(seenByOther.text).toBeNull()

        if (mode === 'mail_catcher') {
          expect(ownReset?.text).toContain(`${PUBLIC_URL}/reset-password?token=`)
          expect(ownReset?.bodyHidden).toBeNull()
          expect(invitation?.text).toContain(`${PUBLIC_URL}/accept-invitation?token=`)
          expect(invitation?.html).toContain('Accept the invitation')
          expect(seenByOther.bodyHidden).toBe('credential_for_someone_else')
          // The other admin's whole view holds no reset link, yet does hold the invitation link.
          const seen = await everythingTheAdminSees(otherHeaders)
          expect(seen).not.toContain('reset-password?token=')
          expect(seen).toContain('accept-invitation?token=')
        } else {
          for (const email of page.emails) {
            expect(email).toMatchObject({ text: null, html: null, bodyHidden: 'smtp', status: 'sent' })
          }
          const seen = await everythingTheAdminSees(headers)
          expect(seen).not.toContain('token=')
          expect(linkReceivedBy(admin.email, '/reset-password')).toBeTruthy()
          // Delivered credentials are purged from the database too.
          const rows = await t.db
            .selectFrom('outbox_emails')
            .select(['text_body', 'body_purged_at'])
            .where('organization_id', '=', admin.organization_id)
            .where('has_credential', '=', true)
            .execute()
          expect(rows.length).toBe(2)
          for (const row of rows) expect(row).toMatchObject({ text_body: null, body_purged_at: expect.any(Date) })
        }
      },
    )

    test("Reset this person's sign-in: signed out everywhere, old password refused, a fresh link, audited, the person told once", async () => {
      const { admin, participant, headers } = await organization()
      const participantHeaders = await sessionHeadersFor(t.db, participant)
      await sessionHeadersFor(t.db, participant) // a second browser
      // An outstanding reset link from before the reset.
      await inject('POST', '/api/auth/password-reset', {}, { email: participant.email })
      await t.jobs.drain()
      const earlierToken =
        mode === 'smtp'
          ? linkReceivedBy(participant.email, '/reset-password')
          : decodeURIComponent((await passwordResetEmailOf(participant)).text_body?.match(/token=([\w%-]+)/)?.[1] ?? '')
      expect(earlierToken).toBeTruthy()

      const resetFrom = Date.now()
      const response = await inject('POST', `/api/people/${participant.id}/sign-in-reset`, headers)
      const resetUntil = Date.now()
      expect(response.statusCode, response.body).toBe(200)
      const reset = SignInResetSchema.parse(response.json())
      expect(reset).toMatchObject({
        personId: participant.id,
        sessionsEnded: 2,
        delivery: mode === 'smtp' ? 'email' : 'mail_catcher',
      })
      await t.jobs.drain()

      // Signed out everywhere: the sessions are gone, the old cookie answers 401.
      const sessions = await t.db
        .selectFrom('auth_sessions')
        .select('id')
        .where('person_id', '=', participant.id)
        .execute()
      expect(sessions).toEqual([])
      expect((await inject('GET', '/api/auth/session', participantHeaders)).statusCode).toBe(401)
      // The old password and the earlier reset link no longer work.
      const oldPassword = await inject(
        'POST',
        '/api/auth/sign-in',
        {},
        { email: participant.email, password: TEST_PASSWORD },
      )
      expect(oldPassword.statusCode).toBe(401)
      const earlier = await inject(
        'POST',
        '/api/auth/password-reset/complete',
        {},
        {
          token: earlierToken,
          password: 'not through the old link',
        },
      )
      expect(earlier.statusCode).toBe(410)

      // Audited: who, whom, from where.
      const audit = await t.db
        .selectFrom('audit_events')
        .selectAll()
        .where('action', '=', 'sign_in.reset_by_admin')
        .where('target_id', '=', participant.id)
        .executeTakeFirstOrThrow()
      expect(audit).toMatchObject({
        organization_id: participant.organization_id,
        actor_id: admin.id,
        target_type: 'person',
        address: '127.0.0.1',
        outcome: 'succeeded',
      })

      // The fresh way in: by email with SMTP; in the mail catcher, where admins read it.
      const list = OutboxPageSchema.parse((await inject('GET', '/api/outbox', headers)).json())
      const resetMail = list.emails.find((e) => e.kind === 'sign_in_reset')
      expect(resetMail).toMatchObject({ to: participant.email, hasCredential: true })
      const freshToken =
        mode === 'smtp'
          ? linkReceivedBy(participant.email, '/reset-password')
          : decodeURIComponent(resetMail?.text?.match(/token=([\w%-]+)/)?.[1] ?? '')
      if (mode === 'smtp') expect(resetMail?.text).toBeNull()
      expect(freshToken).toBeTruthy()
      expect(freshToken).not.toBe(earlierToken)
      const completed = await inject(
        'POST',
        '/api/auth/password-reset/complete',
        {},
        {
          token: freshToken,
          password: 'my own new password',
        },
      )
      expect(completed.statusCode, completed.body).toBe(200)

      // Told at the next sign-in, until dismissed; then never again.
      const signedIn = await inject(
        'POST',
        '/api/auth/sign-in',
        {},
        { email: participant.email, password: 'my own new password' },
      )
      expect(signedIn.statusCode).toBe(200)
      const session = SessionSchema.parse(signedIn.json())
      expect(session.signInNotice).toMatchObject({
        kind: 'sign_in_reset_by_admin',
        resetByName: 'Ada Admin',
        timeZone: 'Asia/Tokyo',
      })
      const resetAt = new Date(session.signInNotice?.resetAt ?? 0).getTime()
      expect(resetAt).toBeGreaterThanOrEqual(resetFrom)
      expect(resetAt).toBeLessThanOrEqual(resetUntil)
      const cookie = String(signedIn.headers['set-cookie']).split(';')[0]
      const newHeaders = { cookie, 'x-csrf-token': session.csrfToken }
      const again = SessionSchema.parse((await inject('GET', '/api/auth/session', newHeaders)).json())
      expect(again.signInNotice).not.toBeNull()
      expect((await inject('POST', '/api/auth/sign-in-notice/dismiss', newHeaders)).statusCode).toBe(204)
      expect(SessionSchema.parse((await inject('GET', '/api/auth/session', newHeaders)).json()).signInNotice).toBeNull()
      const later = await inject(
        'POST',
        '/api/auth/sign-in',
        {},
        { email: participant.email, password: 'my own new password' },
      )
      expect(SessionSchema.parse(later.json()).signInNotice).toBeNull()
    })

    test('the reset is refused on oneself (409), on another organization (404), to non-admins (403), on an invited person (409)', async () => {
      const { admin, participant, headers } = await organization()
      const self = await inject('POST', `/api/people/${admin.id}/sign-in-reset`, headers)
      expect(self.statusCode).toBe(409)
      expect(errorOf(self).code).toBe('self_sign_in_reset')

      const other = await organization()
      const foreign = await inject('POST', `/api/people/${other.participant.id}/sign-in-reset`, headers)
      expect(foreign.statusCode).toBe(404)
      expect(errorOf(foreign).code).toBe('not_found')
      // Nothing happened to the other organization's participant.
      const stillSignsIn = await inject(
        'POST',
        '/api/auth/sign-in',
        {},
        {
          email: other.participant.email,
          password: TEST_PASSWORD,
        },
      )
      expect(stillSignsIn.statusCode).toBe(200)

      for (const role of ['participant', 'program_manager'] as const) {
        const member = await buildPerson(t.db, { organizationId: admin.organization_id, role })
        const refused = await inject(
          'POST',
          `/api/people/${participant.id}/sign-in-reset`,
          await sessionHeadersFor(t.db, member),
        )
        expect(refused.statusCode).toBe(403)
      }
      const invited = await buildPerson(t.db, {
        organizationId: admin.organization_id,
        status: 'invited',
        password: null,
      })
      const notActive = await inject('POST', `/api/people/${invited.id}/sign-in-reset`, headers)
      expect(notActive.statusCode).toBe(409)
      expect(errorOf(notActive).code).toBe('person_not_active')
      const audits = await t.db
        .selectFrom('audit_events')
        .select('id')
        .where('action', '=', 'sign_in.reset_by_admin')
        .where('organization_id', 'in', [admin.organization_id, other.org.id])
        .execute()
      expect(audits).toEqual([])
    })

    test('the reset request answers the same for a known and an unknown address (the lookup happens in a job)', async () => {
      const { participant } = await organization()
      const known = await inject('POST', '/api/auth/password-reset', {}, { email: participant.email })
      const unknown = await inject('POST', '/api/auth/password-reset', {}, { email: 'nobody-here@example.test' })
      expect(known.statusCode).toBe(202)
      expect(unknown.statusCode).toBe(202)
      expect(known.body).toBe(unknown.body)
      await t.jobs.drain()
    })
  })
}
