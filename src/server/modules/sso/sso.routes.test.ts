import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { SessionSchema } from '#contracts/auth.ts'
import { OidcSettingsSchema, SignInOptionsSchema, type UpdateOidcSettingsBody } from '#contracts/sso.ts'
import type { OrganizationRow, PersonRow } from '#server/db/schema.ts'
import { createSecretBox, deriveKey } from '#server/secrets/secret-box.ts'
import { buildOrganization, buildPerson, TEST_PASSWORD } from '#server/test/factories.ts'
import { followProviderRedirects, startTestOidcProvider, type TestOidcProvider } from '#server/test/oidc-provider.ts'
import { bodyOf, errorOf } from '#server/test/responses.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'
import { sealStoredClientSecrets } from './sso.service.ts'

const PUBLIC_URL = 'http://tandem.test'
const REDIRECT_URI = `${PUBLIC_URL}/api/auth/oidc/callback`

let t: TestApp
let provider: TestOidcProvider
let org: OrganizationRow
let admin: PersonRow
let adminHeaders: Record<string, string>
let sequence = 0
const unique = () => `${Date.now().toString(36)}${++sequence}`

beforeAll(async () => {
  t = await createTestApp({ publicUrl: PUBLIC_URL })
  provider = await startTestOidcProvider({ redirectUris: [REDIRECT_URI] })
  org = await buildOrganization(t.db)
  admin = await buildPerson(t.db, { organizationId: org.id, role: 'admin', email: `admin-${unique()}@acme.test` })
  adminHeaders = await sessionHeadersFor(t.db, admin)
})
afterAll(async () => {
  await provider?.close()
  await t?.close()
})

function settings(overrides: Partial<UpdateOidcSettingsBody> = {}): UpdateOidcSettingsBody {
  return {
    isEnabled: true,
    displayName: 'Acme ID',
    issuerUrl: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    allowedDomains: ['acme.test'],
    isJitEnabled: false,
    isSsoRequired: false,
    breakGlassPersonId: null,
    ...overrides,
  }
}

function saveSettings(body: unknown, headers = adminHeaders) {
  return t.app.inject({ method: 'PUT', url: '/api/organization/oidc', headers, payload: body as object })
}

beforeEach(async () => {
  bodyOf(await saveSettings(settings()), 200, OidcSettingsSchema)
})

/** A provider account with a fresh subject, signed in at the provider next. */
function providerAccount(email: string, extra: { email_verified?: boolean; name?: string } = {}) {
  const subject = `sub-${unique()}`
  provider.accounts.set(subject, { email, email_verified: extra.email_verified ?? true, name: extra.name })
  provider.signInAs(subject)
  return subject
}

/** The browser's way through: Tandem's start, the provider, back to Tandem's callback with the code. */
async function startSignIn(organizationSlug = org.slug) {
  const start = await t.app.inject({ method: 'GET', url: `/api/auth/oidc/start?organization=${organizationSlug}` })
  const stateCookie = start.cookies.find((cookie) => cookie.name === 'tandem_oidc_state')
  return { start, location: start.headers.location as string, stateCookie: stateCookie?.value }
}

function callback(url: URL, stateCookie: string | undefined) {
  return t.app.inject({
    method: 'GET',
    url: `${url.pathname}${url.search}`,
    headers: stateCookie ? { cookie: `tandem_oidc_state=${stateCookie}` } : {},
  })
}

async function signInThroughProvider(options: { tamper?: (authorizationUrl: URL) => void } = {}) {
  const { start, location, stateCookie } = await startSignIn()
  expect(start.statusCode, start.body).toBe(302)
  const authorizationUrl = new URL(location)
  options.tamper?.(authorizationUrl)
  const back = await followProviderRedirects(authorizationUrl.href, PUBLIC_URL)
  return { back, stateCookie, response: await callback(back, stateCookie) }
}

function ssoErrorOf(response: { statusCode: number; headers: Record<string, unknown> }) {
  expect(response.statusCode).toBe(303)
  return new URL(String(response.headers.location), PUBLIC_URL).searchParams.get('sso_error')
}

async function sessionOf(response: { cookies: Array<{ name: string; value: string }> }) {
  const cookie = response.cookies.find((c) => c.name === 'tandem_session')
  expect(cookie, 'a session cookie').toBeDefined()
  const session = await t.app.inject({
    method: 'GET',
    url: '/api/auth/session',
    headers: { cookie: `tandem_session=${cookie?.value}` },
  })
  return bodyOf(session, 200, SessionSchema)
}

async function auditActions(personId: string | null, action: string) {
  let query = t.db
    .selectFrom('audit_events')
    .select(['action', 'details', 'outcome', 'target_id'])
    .where('organization_id', '=', org.id)
    .where('action', '=', action)
  if (personId) query = query.where('target_id', '=', personId)
  return query.execute()
}

describe('settings', () => {
  test('an admin saves the settings; the secret is never answered, only that it is set; the change is audited', async () => {
    const saved = bodyOf(await saveSettings(settings({ displayName: 'Acme Login' })), 200, OidcSettingsSchema)
    expect(saved).toMatchObject({ isEnabled: true, displayName: 'Acme Login', isClientSecretSet: true })
    expect(saved.redirectUri).toBe(REDIRECT_URI)
    const read = await t.app.inject({ method: 'GET', url: '/api/organization/oidc', headers: adminHeaders })
    expect(read.body).not.toContain(provider.clientSecret)
    // Saving again without a secret keeps the saved one.
    const { clientSecret: _omitted, ...withoutSecret } = settings()
    expect(bodyOf(await saveSettings(withoutSecret), 200, OidcSettingsSchema).isClientSecretSet).toBe(true)
    const audited = await t.db
      .selectFrom('audit_events')
      .select(['details'])
      .where('organization_id', '=', org.id)
      .where('action', '=', 'sso.settings_updated')
      .execute()
    expect(audited.length).toBeGreaterThan(0)
    expect(JSON.stringify(audited)).not.toContain(provider.clientSecret)
    // Stored sealed under the instance's key (decision 047): a copy of the database holds no working secret.
    const stored = await t.db
      .selectFrom('oidc_settings')
      .select('client_secret')
      .where('organization_id', '=', org.id)
      .executeTakeFirstOrThrow()
    expect(stored.client_secret).toMatch(/^tsk1\./)
    expect(stored.client_secret).not.toContain(provider.clientSecret)
  })

  test('a client secret kept in the clear before sealing is sealed at start, and sign-in still works', async () => {
    bodyOf(await saveSettings(settings()), 200, OidcSettingsSchema)
    await t.db
      .updateTable('oidc_settings')
      .set({ client_secret: provider.clientSecret })
      .where('organization_id', '=', org.id)
      .execute()
    const box = createSecretBox(deriveKey(t.config.secretKey ?? ''))
    expect(await sealStoredClientSecrets(t.db, box)).toBeGreaterThanOrEqual(1)
    const stored = await t.db
      .selectFrom('oidc_settings')
      .select('client_secret')
      .where('organization_id', '=', org.id)
      .executeTakeFirstOrThrow()
    expect(box.open(stored.client_secret, `oidc-client-secret:${org.id}`)).toBe(provider.clientSecret)
  })

  test('only an admin reads or changes them', async () => {
    const participant = await buildPerson(t.db, { organizationId: org.id, email: `p-${unique()}@acme.test` })
    const headers = await sessionHeadersFor(t.db, participant)
    expect((await t.app.inject({ method: 'GET', url: '/api/organization/oidc', headers })).statusCode).toBe(403)
    expect((await saveSettings(settings(), headers)).statusCode).toBe(403)
  })

  test('bad settings are refused with a 4xx that names the field', async () => {
    const http = await saveSettings(settings({ issuerUrl: 'http://login.example.com' }))
    expect(http.statusCode).toBe(400)
    expect(errorOf(http).details.map((detail) => detail.path)).toContain('body.issuerUrl')
    const domain = await saveSettings(settings({ allowedDomains: ['not a domain'] }))
    expect(errorOf(domain).details[0]?.path).toBe('body.allowedDomains.0')
    const noBreakGlass = await saveSettings(settings({ isSsoRequired: true }))
    expect(noBreakGlass.statusCode).toBe(422)
    expect(errorOf(noBreakGlass).code).toBe('break_glass_invalid')
    const participant = await buildPerson(t.db, { organizationId: org.id, email: `p-${unique()}@acme.test` })
    const notAdmin = await saveSettings(settings({ isSsoRequired: true, breakGlassPersonId: participant.id }))
    expect(errorOf(notAdmin).code).toBe('break_glass_invalid')
    const noDiscovery = await saveSettings(settings({ issuerUrl: 'http://127.0.0.1:9/nothing' }))
    expect(noDiscovery.statusCode).toBe(422)
    expect(errorOf(noDiscovery).code).toBe('oidc_discovery_failed')
  })

  test('the sign-in page learns the button name and the start address, nothing secret', async () => {
    const options = bodyOf(
      await t.app.inject({ method: 'GET', url: '/api/auth/sign-in-options' }),
      200,
      SignInOptionsSchema,
    )
    expect(options.singleSignOn).toContainEqual({
      organizationSlug: org.slug,
      displayName: 'Acme ID',
      isRequired: false,
      startUrl: `/api/auth/oidc/start?organization=${org.slug}`,
    })
    expect(JSON.stringify(options)).not.toContain(provider.clientSecret)
    expect(JSON.stringify(options)).not.toContain(provider.clientId)
  })
})

describe('sign-in through the provider', () => {
  test('the start redirects with PKCE (S256), state and nonce; the state is kept in a short-lived cookie', async () => {
    const { start, location, stateCookie } = await startSignIn()
    expect(start.statusCode).toBe(302)
    const url = new URL(location)
    expect(url.origin).toBe(provider.issuer)
    expect(url.searchParams.get('code_challenge_method')).toBe('S256')
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/)
    expect(url.searchParams.get('nonce')).toBeTruthy()
    expect(url.searchParams.get('state')).toBe(stateCookie)
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT_URI)
    const cookie = start.cookies.find((c) => c.name === 'tandem_oidc_state')
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', maxAge: 600 })
  })

  test('a verified address links to the existing person and signs them in with a normal session', async () => {
    const email = `ada-${unique()}@acme.test`
    const person = await buildPerson(t.db, { organizationId: org.id, email, name: 'Ada' })
    providerAccount(email.toUpperCase())
    const { response } = await signInThroughProvider()
    expect(response.statusCode, response.body).toBe(303)
    expect(response.headers.location).toBe('/')
    const session = await sessionOf(response)
    expect(session.viewer).toMatchObject({ id: person.id, email })
    const signedIn = await auditActions(person.id, 'auth.signed_in')
    expect(signedIn.at(-1)?.details).toEqual({ method: 'oidc' })
    expect(await auditActions(person.id, 'sso.linked')).toHaveLength(1)
    // A second sign-in finds the same person by the provider account, even after the address changed there.
    const subject = [...provider.accounts].find(([, account]) => account.email === email.toUpperCase())?.[0] ?? ''
    provider.accounts.set(subject, { email: `renamed-${unique()}@acme.test`, email_verified: true })
    provider.signInAs(subject)
    const again = await signInThroughProvider()
    expect((await sessionOf(again.response)).viewer.id).toBe(person.id)
  })

  test('an invited person becomes active on their first single sign-on', async () => {
    const email = `grace-${unique()}@acme.test`
    const invited = await buildPerson(t.db, { organizationId: org.id, email, status: 'invited', password: null })
    providerAccount(email)
    const { response } = await signInThroughProvider()
    expect((await sessionOf(response)).viewer.id).toBe(invited.id)
    const row = await t.db.selectFrom('people').select('status').where('id', '=', invited.id).executeTakeFirstOrThrow()
    expect(row.status).toBe('active')
    expect((await auditActions(invited.id, 'invitation.accepted')).at(-1)?.details).toEqual({ method: 'oidc' })
  })

  test('a wrong nonce in the ID token is refused', async () => {
    const email = `nonce-${unique()}@acme.test`
    await buildPerson(t.db, { organizationId: org.id, email })
    providerAccount(email)
    const { response } = await signInThroughProvider({
      tamper: (url) => url.searchParams.set('nonce', 'a-nonce-tandem-never-issued'),
    })
    expect(ssoErrorOf(response)).toBe('sso_token_invalid')
    expect(response.cookies.find((c) => c.name === 'tandem_session')).toBeUndefined()
    const failed = await auditActions(null, 'auth.sign_in_failed')
    expect(failed.at(-1)).toMatchObject({ outcome: 'failed', details: { method: 'oidc', reason: 'sso_token_invalid' } })
  })

  test('a code used twice is refused, and so is a state used twice', async () => {
    const email = `twice-${unique()}@acme.test`
    await buildPerson(t.db, { organizationId: org.id, email })
    providerAccount(email)
    const first = await signInThroughProvider()
    expect(first.response.headers.location).toBe('/')
    // The same callback again: its state was used.
    expect(ssoErrorOf(await callback(first.back, first.stateCookie))).toBe('sso_state_invalid')
    // The used code with a fresh state of this browser: the provider refuses the code.
    const { stateCookie } = await startSignIn()
    const replay = new URL(first.back)
    replay.searchParams.set('state', stateCookie ?? '')
    expect(ssoErrorOf(await callback(replay, stateCookie))).toBe('sso_code_rejected')
  })

  test('an expired code is refused', async () => {
    const shortLived = await startTestOidcProvider({ redirectUris: [REDIRECT_URI], codeTtlSeconds: 1 })
    try {
      bodyOf(await saveSettings(settings({ issuerUrl: shortLived.issuer })), 200, OidcSettingsSchema)
      const email = `late-${unique()}@acme.test`
      await buildPerson(t.db, { organizationId: org.id, email })
      shortLived.accounts.set('late', { email, email_verified: true })
      shortLived.signInAs('late')
      const { location, stateCookie } = await startSignIn()
      const back = await followProviderRedirects(location, PUBLIC_URL)
      await new Promise((resolve) => setTimeout(resolve, 2100))
      expect(ssoErrorOf(await callback(back, stateCookie))).toBe('sso_code_rejected')
    } finally {
      await shortLived.close()
    }
  })

  test("a callback without this browser's state cookie is refused", async () => {
    const email = `csrf-${unique()}@acme.test`
    await buildPerson(t.db, { organizationId: org.id, email })
    providerAccount(email)
    const { location } = await startSignIn()
    const back = await followProviderRedirects(location, PUBLIC_URL)
    expect(ssoErrorOf(await callback(back, undefined))).toBe('sso_state_invalid')
  })

  test('an address the provider has not verified is refused', async () => {
    const email = `unverified-${unique()}@acme.test`
    await buildPerson(t.db, { organizationId: org.id, email })
    providerAccount(email, { email_verified: false })
    expect(ssoErrorOf((await signInThroughProvider()).response)).toBe('sso_email_unverified')
  })

  test("without email_verified, Entra ID's xms_edov (domain owner verified) vouches for the address; nothing at all does not", async () => {
    const email = `entra-${unique()}@acme.test`
    const person = await buildPerson(t.db, { organizationId: org.id, email })
    const subject = `sub-${unique()}`
    provider.accounts.set(subject, { email })
    provider.signInAs(subject)
    expect(ssoErrorOf((await signInThroughProvider()).response)).toBe('sso_email_unverified')
    provider.accounts.set(subject, { email, xms_edov: true })
    expect((await sessionOf((await signInThroughProvider()).response)).viewer.id).toBe(person.id)
    // email_verified, when sent, decides: false is refused whatever xms_edov says.
    const other = `entra2-${unique()}@acme.test`
    await buildPerson(t.db, { organizationId: org.id, email: other })
    const otherSubject = `sub-${unique()}`
    provider.accounts.set(otherSubject, { email: other, email_verified: false, xms_edov: true })
    provider.signInAs(otherSubject)
    expect(ssoErrorOf((await signInThroughProvider()).response)).toBe('sso_email_unverified')
  })

  test('an address outside the allowed domains is refused', async () => {
    const email = `outsider-${unique()}@elsewhere.test`
    await buildPerson(t.db, { organizationId: org.id, email })
    providerAccount(email)
    expect(ssoErrorOf((await signInThroughProvider()).response)).toBe('sso_domain_not_allowed')
  })

  test('without an account: refused when just-in-time creation is off, a participant is created when it is on', async () => {
    const email = `newcomer-${unique()}@acme.test`
    providerAccount(email, { name: 'Nia Newcomer' })
    expect(ssoErrorOf((await signInThroughProvider()).response)).toBe('sso_no_account')
    expect(await t.db.selectFrom('people').select('id').where('email', '=', email).executeTakeFirst()).toBeUndefined()

    bodyOf(await saveSettings(settings({ isJitEnabled: true })), 200, OidcSettingsSchema)
    const { response } = await signInThroughProvider()
    const session = await sessionOf(response)
    expect(session.viewer).toMatchObject({ email, name: 'Nia Newcomer', role: 'participant' })
    expect(await auditActions(session.viewer.id, 'person.created_by_sso')).toHaveLength(1)
  })

  test('erasing a person forgets their provider account: the next sign-in with it finds no one', async () => {
    const email = `erased-${unique()}@acme.test`
    const person = await buildPerson(t.db, { organizationId: org.id, email, name: 'Eri Erased' })
    const subject = providerAccount(email)
    expect((await signInThroughProvider()).response.headers.location).toBe('/')
    const erased = await t.app.inject({
      method: 'POST',
      url: `/api/people/${person.id}/erase`,
      headers: adminHeaders,
      payload: { confirmName: 'Eri Erased' },
    })
    expect(erased.statusCode, erased.body).toBe(200)
    const links = await t.db
      .selectFrom('oidc_identities')
      .select('subject')
      .where('person_id', '=', person.id)
      .execute()
    expect(links).toEqual([])
    provider.signInAs(subject)
    expect(ssoErrorOf((await signInThroughProvider()).response)).toBe('sso_no_account')
  })

  test('a deactivated person is refused', async () => {
    const email = `gone-${unique()}@acme.test`
    await buildPerson(t.db, { organizationId: org.id, email, status: 'deactivated' })
    providerAccount(email)
    expect(ssoErrorOf((await signInThroughProvider()).response)).toBe('sso_account_deactivated')
  })

  test('an organization without single sign-on sends the browser back to the sign-in page', async () => {
    const other = await buildOrganization(t.db)
    const { start } = await startSignIn(other.slug)
    expect(ssoErrorOf(start)).toBe('sso_not_configured')
    const bad = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/start?organization=Not%20A%20Slug' })
    expect(bad.statusCode).toBe(400)
  })
})

describe('single sign-on required', () => {
  test('passwords are refused, except for the break-glass admin', async () => {
    const email = `pw-${unique()}@acme.test`
    await buildPerson(t.db, { organizationId: org.id, email })
    bodyOf(await saveSettings(settings({ isSsoRequired: true, breakGlassPersonId: admin.id })), 200, OidcSettingsSchema)
    try {
      const refused = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email, password: TEST_PASSWORD },
      })
      expect(refused.statusCode).toBe(403)
      expect(errorOf(refused)).toMatchObject({ code: 'sso_required' })
      expect(errorOf(refused).message).toContain('Sign in with Acme ID')
      const breakGlass = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: admin.email, password: TEST_PASSWORD },
      })
      expect(breakGlass.statusCode, breakGlass.body).toBe(200)
      // Nor can an invitation link set a password.
      const invitee = `invitee-${unique()}@acme.test`
      const invitation = await t.app.inject({
        method: 'POST',
        url: '/api/invitations',
        headers: adminHeaders,
        payload: { email: invitee, name: 'Ivy Invitee' },
      })
      expect(invitation.statusCode, invitation.body).toBe(201)
      const mail = await t.db
        .selectFrom('outbox_emails')
        .select('text_body')
        .where('to_address', '=', invitee)
        .executeTakeFirstOrThrow()
      const token = decodeURIComponent(/accept-invitation\?token=([\w%-]+)/.exec(mail.text_body ?? '')?.[1] ?? '')
      const accepted = await t.app.inject({
        method: 'POST',
        url: '/api/invitations/accept',
        payload: { token, password: 'a long enough password' },
      })
      expect(accepted.statusCode, accepted.body).toBe(403)
      expect(errorOf(accepted).code).toBe('sso_required')
      // Single sign-on still works for everyone.
      providerAccount(email)
      expect((await signInThroughProvider()).response.headers.location).toBe('/')
      const options = bodyOf(
        await t.app.inject({ method: 'GET', url: '/api/auth/sign-in-options' }),
        200,
        SignInOptionsSchema,
      )
      expect(options.singleSignOn.find((option) => option.organizationSlug === org.slug)?.isRequired).toBe(true)
    } finally {
      bodyOf(await saveSettings(settings()), 200, OidcSettingsSchema)
    }
  })
})
