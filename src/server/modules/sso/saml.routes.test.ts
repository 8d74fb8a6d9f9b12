import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { SessionSchema } from '#contracts/auth.ts'
import {
  OidcSettingsSchema,
  ParsedSamlMetadataSchema,
  SignInOptionsSchema,
  type UpdateSamlSettingsBody,
} from '#contracts/sso.ts'
import { fixedClock } from '#server/clock.ts'
import type { OrganizationRow, PersonRow } from '#server/db/schema.ts'
import { buildOrganization, buildPerson, TEST_PASSWORD } from '#server/test/factories.ts'
import { bodyOf, errorOf } from '#server/test/responses.ts'
import {
  buildSamlResponse,
  OTHER_IDP_CERT,
  readAuthnRequest,
  TEST_IDP_CERT,
  TEST_IDP_ENTITY_ID,
  testIdpMetadata,
} from '#server/test/saml-idp.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'

// SAML 2.0 single sign-on (issue #15 point 2, decision 039) against an identity provider built in
// the test (src/server/test/saml-idp.ts signs assertions with xml-crypto). The app runs on a pinned
// clock far from the system's: every time check must follow the app clock.

const PUBLIC_URL = 'http://tandem.test'
const SP_ENTITY_ID = `${PUBLIC_URL}/api/auth/saml/metadata`
const ACS_URL = `${PUBLIC_URL}/api/auth/saml/acs`
const IDP_SSO_URL = 'https://idp.acme.test/saml/sso'

const clock = fixedClock('2031-05-06T09:00:00Z')
let t: TestApp
let org: OrganizationRow
let admin: PersonRow
let adminHeaders: Record<string, string>
let sequence = 0
const unique = () => `${clock.now().getTime().toString(36)}${++sequence}`

beforeAll(async () => {
  t = await createTestApp({ publicUrl: PUBLIC_URL }, { clock })
  org = await buildOrganization(t.db)
  admin = await buildPerson(t.db, { organizationId: org.id, role: 'admin', email: `admin-${unique()}@acme.test` })
  adminHeaders = await sessionHeadersFor(t.db, admin)
})
afterAll(async () => {
  await t?.close()
})

function settings(overrides: Partial<UpdateSamlSettingsBody> = {}): UpdateSamlSettingsBody {
  return {
    protocol: 'saml',
    isEnabled: true,
    displayName: 'Acme SAML',
    idpSsoUrl: IDP_SSO_URL,
    idpEntityId: TEST_IDP_ENTITY_ID,
    idpCertificates: TEST_IDP_CERT,
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
  clock.advance(60 * 60_000)
  adminHeaders = await sessionHeadersFor(t.db, admin)
  bodyOf(await saveSettings(settings()), 200, OidcSettingsSchema)
})

/** Tandem's start: the redirect to the provider with its AuthnRequest, and the browser's cookie. */
async function start() {
  const response = await t.app.inject({ method: 'GET', url: `/api/auth/saml/start?organization=${org.slug}` })
  expect(response.statusCode, response.body).toBe(302)
  const cookie = response.cookies.find((c) => c.name === 'tandem_saml_request')
  return { ...readAuthnRequest(String(response.headers.location)), browserSecret: cookie?.value }
}

/** The provider's page posting its answer to the ACS (a cross-site POST: no cookie). */
function acs(samlResponse: string, relayState?: string | null) {
  const form = new URLSearchParams({ SAMLResponse: samlResponse })
  if (relayState) form.set('RelayState', relayState)
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/saml/acs',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: form.toString(),
  })
}

function finish(location: string, browserSecret: string | undefined) {
  return t.app.inject({
    method: 'GET',
    url: location,
    headers: browserSecret ? { cookie: `tandem_saml_request=${browserSecret}` } : {},
  })
}

/** The ACS, then (when it accepts) the browser's return to finish with its cookie. */
async function postToAcs(samlResponse: string, relayState?: string | null, browserSecret?: string) {
  const accepted = await acs(samlResponse, relayState)
  const location = String(accepted.headers.location ?? '')
  if (!location.startsWith('/api/auth/saml/finish')) return accepted
  return finish(location, browserSecret)
}

type Spoil = Partial<Parameters<typeof buildSamlResponse>[0]>

/** The browser's way through: Tandem's start, the provider's answer, posted back to the ACS. */
async function signInAs(email: string, spoil: Spoil = {}) {
  const request = await start()
  const samlResponse = buildSamlResponse({
    inResponseTo: request.id,
    acsUrl: request.acsUrl,
    audience: request.issuer,
    email,
    name: 'Ada Lovelace',
    now: clock.now(),
    ...spoil,
  })
  return { request, samlResponse, response: await postToAcs(samlResponse, request.relayState, request.browserSecret) }
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

async function lastRefusal() {
  const row = await t.db
    .selectFrom('audit_events')
    .select(['details', 'outcome'])
    .where('organization_id', '=', org.id)
    .where('action', '=', 'auth.sign_in_failed')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.details
}

describe('service provider metadata and settings', () => {
  test('the SP metadata sits at a stable URL: entity id, ACS (HTTP-POST) and signed assertions wanted', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/auth/saml/metadata' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toContain('application/samlmetadata+xml')
    expect(response.body).toContain(`entityID="${SP_ENTITY_ID}"`)
    expect(response.body).toContain('WantAssertionsSigned="true"')
    expect(response.body).toMatch(
      new RegExp(
        `AssertionConsumerService[^>]*Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"[^>]*Location="${ACS_URL}"`,
      ),
    )
  })

  test('an admin chooses SAML: the answer gives the values to copy to the provider; the button starts SAML', async () => {
    const saved = bodyOf(await saveSettings(settings()), 200, OidcSettingsSchema)
    expect(saved.protocol).toBe('saml')
    expect(saved.saml).toEqual({
      idpSsoUrl: IDP_SSO_URL,
      idpEntityId: TEST_IDP_ENTITY_ID,
      idpCertificates: TEST_IDP_CERT,
      spEntityId: SP_ENTITY_ID,
      acsUrl: ACS_URL,
      metadataUrl: SP_ENTITY_ID,
    })
    const options = bodyOf(
      await t.app.inject({ method: 'GET', url: '/api/auth/sign-in-options' }),
      200,
      SignInOptionsSchema,
    )
    expect(options.singleSignOn).toContainEqual({
      organizationSlug: org.slug,
      displayName: 'Acme SAML',
      isRequired: false,
      startUrl: `/api/auth/saml/start?organization=${org.slug}`,
    })
    // One kind per organization: the OpenID Connect start now says it is not set up.
    const oidc = await t.app.inject({ method: 'GET', url: `/api/auth/oidc/start?organization=${org.slug}` })
    expect(ssoErrorOf(oidc)).toBe('sso_not_configured')
  })

  test("the provider's metadata XML fills the form; a bad certificate or metadata is refused naming the field", async () => {
    const parsed = bodyOf(
      await t.app.inject({
        method: 'POST',
        url: '/api/organization/saml/metadata',
        headers: adminHeaders,
        payload: { metadataXml: testIdpMetadata(IDP_SSO_URL) },
      }),
      200,
      ParsedSamlMetadataSchema,
    )
    expect(parsed.idpEntityId).toBe(TEST_IDP_ENTITY_ID)
    expect(parsed.idpSsoUrl).toBe(IDP_SSO_URL)
    expect(parsed.idpCertificates.replace(/\s/g, '')).toBe(TEST_IDP_CERT.replace(/\s/g, ''))
    const notMetadata = await t.app.inject({
      method: 'POST',
      url: '/api/organization/saml/metadata',
      headers: adminHeaders,
      payload: { metadataXml: '<html>not metadata</html>' },
    })
    expect(notMetadata.statusCode).toBe(422)
    expect(errorOf(notMetadata).code).toBe('saml_metadata_invalid')
    const badCertificate = await saveSettings(
      settings({ idpCertificates: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----' }),
    )
    expect(badCertificate.statusCode).toBe(422)
    expect(errorOf(badCertificate).code).toBe('saml_certificate_invalid')
    expect(errorOf(badCertificate).details[0]?.path).toBe('body.idpCertificates')
    const notPem = await saveSettings(settings({ idpCertificates: 'hello' }))
    expect(notPem.statusCode).toBe(400)
    const participant = await buildPerson(t.db, { organizationId: org.id, email: `p-${unique()}@acme.test` })
    const headers = await sessionHeadersFor(t.db, participant)
    expect((await saveSettings(settings(), headers)).statusCode).toBe(403)
  })
})

describe('sign-in through the identity provider', () => {
  test('the start sends an AuthnRequest (redirect binding) naming Tandem and its ACS; its ID is kept', async () => {
    const request = await start()
    expect(request.destination).toBe(IDP_SSO_URL)
    expect(request.issuer).toBe(SP_ENTITY_ID)
    expect(request.acsUrl).toBe(ACS_URL)
    expect(request.relayState).toBe(request.id)
    const kept = await t.db.selectFrom('saml_requests').selectAll().where('id', '=', request.id).executeTakeFirst()
    expect(kept?.organization_id).toBe(org.id)
    expect(kept?.expires_at.getTime()).toBe(clock.now().getTime() + 10 * 60_000)
  })

  test('a good signed assertion signs the person with that address in, with a normal session', async () => {
    const email = `ada-${unique()}@acme.test`
    const person = await buildPerson(t.db, { organizationId: org.id, email, name: 'Ada' })
    const { response } = await signInAs(email.toUpperCase())
    expect(response.statusCode, response.body).toBe(303)
    expect(response.headers.location).toBe('/')
    expect((await sessionOf(response)).viewer).toMatchObject({ id: person.id, email })
    const link = await t.db
      .selectFrom('oidc_identities')
      .selectAll()
      .where('person_id', '=', person.id)
      .executeTakeFirstOrThrow()
    expect(link).toMatchObject({ issuer: TEST_IDP_ENTITY_ID, subject: `nid-${email.toUpperCase()}` })
    const signedIn = await t.db
      .selectFrom('audit_events')
      .select(['details'])
      .where('target_id', '=', person.id)
      .where('action', '=', 'auth.signed_in')
      .executeTakeFirstOrThrow()
    expect(signedIn.details).toEqual({ method: 'saml' })
  })

  test('a tampered assertion, one signed by another key and an unsigned one are refused: sso_assertion_invalid', async () => {
    const email = `bo-${unique()}@acme.test`
    await buildPerson(t.db, { organizationId: org.id, email })
    const victim = `victim-${unique()}@acme.test`
    await buildPerson(t.db, { organizationId: org.id, email: victim })
    const tampered = await signInAs(email, { tamper: (xml) => xml.replace(email, victim) })
    expect(ssoErrorOf(tampered.response)).toBe('sso_assertion_invalid')
    expect(tampered.response.cookies.find((c) => c.name === 'tandem_session')).toBeUndefined()
    expect(await lastRefusal()).toEqual({ method: 'saml', reason: 'sso_assertion_invalid' })
    expect(ssoErrorOf((await signInAs(email, { signWithOtherKey: true })).response)).toBe('sso_assertion_invalid')
    expect(ssoErrorOf((await signInAs(email, { unsigned: true })).response)).toBe('sso_assertion_invalid')
    // Another provider (right key, wrong issuer) is refused too.
    expect(ssoErrorOf((await signInAs(email, { issuer: 'https://other.test/saml' })).response)).toBe(
      'sso_assertion_invalid',
    )
  })

  test('an assertion for another audience is refused: sso_audience_mismatch', async () => {
    const email = `cy-${unique()}@acme.test`
    await buildPerson(t.db, { organizationId: org.id, email })
    const { response } = await signInAs(email, { audience: 'https://another-app.test/saml' })
    expect(ssoErrorOf(response)).toBe('sso_audience_mismatch')
  })

  test('an assertion for another recipient is refused: sso_recipient_mismatch', async () => {
    const email = `di-${unique()}@acme.test`
    await buildPerson(t.db, { organizationId: org.id, email })
    const { response } = await signInAs(email, { acsUrl: 'https://another-app.test/acs' })
    expect(ssoErrorOf(response)).toBe('sso_recipient_mismatch')
  })

  test('an expired assertion is refused on the app clock: sso_assertion_expired', async () => {
    const email = `ed-${unique()}@acme.test`
    await buildPerson(t.db, { organizationId: org.id, email })
    const request = await start()
    const samlResponse = buildSamlResponse({
      inResponseTo: request.id,
      acsUrl: request.acsUrl,
      audience: request.issuer,
      email,
      now: clock.now(),
      validForMs: 60_000,
    })
    // Past its NotOnOrAfter and the three minutes of clock skew, still within the request's ten minutes.
    clock.advance(5 * 60_000)
    expect(ssoErrorOf(await postToAcs(samlResponse, request.relayState, request.browserSecret))).toBe(
      'sso_assertion_expired',
    )
    // Issued in the future (a provider whose clock is ahead by more than the skew).
    const early = await signInAs(email, { now: new Date(clock.now().getTime() + 10 * 60_000) })
    expect(ssoErrorOf(early.response)).toBe('sso_assertion_expired')
  })

  test('a replayed assertion is refused: sso_assertion_replayed, even by another instance of the same database', async () => {
    const email = `fa-${unique()}@acme.test`
    await buildPerson(t.db, { organizationId: org.id, email })
    const { request, samlResponse, response } = await signInAs(email)
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe('/')
    const again = await postToAcs(samlResponse, request.relayState)
    expect(ssoErrorOf(again)).toBe('sso_assertion_replayed')
    expect(again.cookies.find((c) => c.name === 'tandem_session')).toBeUndefined()
    const seen = await t.db.selectFrom('saml_assertions').selectAll().where('organization_id', '=', org.id).execute()
    expect(seen.length).toBeGreaterThan(0)
    // A second answer (a new assertion) to the same request is refused as well.
    const second = buildSamlResponse({
      inResponseTo: request.id,
      acsUrl: request.acsUrl,
      audience: request.issuer,
      email,
      now: clock.now(),
    })
    expect(ssoErrorOf(await postToAcs(second, request.relayState))).toBe('sso_assertion_replayed')
  })

  test('an answer to no request of ours (IdP-initiated, unknown or for another request) is refused: sso_state_invalid', async () => {
    const email = `gu-${unique()}@acme.test`
    await buildPerson(t.db, { organizationId: org.id, email })
    const unsolicited = buildSamlResponse({ acsUrl: ACS_URL, audience: SP_ENTITY_ID, email, now: clock.now() })
    expect(ssoErrorOf(await postToAcs(unsolicited))).toBe('sso_state_invalid')
    const unknown = buildSamlResponse({
      inResponseTo: '_unknown',
      acsUrl: ACS_URL,
      audience: SP_ENTITY_ID,
      email,
      now: clock.now(),
    })
    expect(ssoErrorOf(await postToAcs(unknown))).toBe('sso_state_invalid')
    // Signed for one request, posted with another's RelayState.
    const first = await start()
    const other = await start()
    const crossed = buildSamlResponse({
      inResponseTo: first.id,
      acsUrl: ACS_URL,
      audience: SP_ENTITY_ID,
      email,
      now: clock.now(),
    })
    expect(ssoErrorOf(await postToAcs(crossed, other.relayState))).toBe('sso_state_invalid')
    // A RelayState that names no request of ours: the Response's InResponseTo finds it.
    const replaced = await start()
    const withOtherRelayState = buildSamlResponse({
      inResponseTo: replaced.id,
      acsUrl: ACS_URL,
      audience: SP_ENTITY_ID,
      email,
      now: clock.now(),
    })
    expect(
      (await postToAcs(withOtherRelayState, 'https://portal.acme.test/', replaced.browserSecret)).headers.location,
    ).toBe('/')
    // Without RelayState, the Response's InResponseTo finds the request.
    const withoutRelayState = buildSamlResponse({
      inResponseTo: first.id,
      acsUrl: ACS_URL,
      audience: SP_ENTITY_ID,
      email,
      now: clock.now(),
    })
    expect((await postToAcs(withoutRelayState, null, first.browserSecret)).headers.location).toBe('/')
  })

  test('only the browser that started the sign-in gets the session, once (no login CSRF)', async () => {
    const email = `lo-${unique()}@acme.test`
    await buildPerson(t.db, { organizationId: org.id, email })
    const request = await start()
    expect(request.browserSecret).toMatch(/^[\w-]{43}$/)
    const accepted = await acs(
      buildSamlResponse({ inResponseTo: request.id, acsUrl: ACS_URL, audience: SP_ENTITY_ID, email, now: clock.now() }),
      request.relayState,
    )
    expect(accepted.statusCode).toBe(303)
    const location = String(accepted.headers.location)
    expect(location).toBe(`/api/auth/saml/finish?request=${request.id}`)
    expect(accepted.cookies.find((c) => c.name === 'tandem_session')).toBeUndefined()
    // Another browser (an answer pushed into a victim's browser) has no cookie, or another one.
    expect(ssoErrorOf(await finish(location, undefined))).toBe('sso_state_invalid')
    expect(ssoErrorOf(await finish(location, (await start()).browserSecret))).toBe('sso_state_invalid')
    const done = await finish(location, request.browserSecret)
    expect(done.headers.location).toBe('/')
    expect((await sessionOf(done)).viewer.email).toBe(email)
    expect(ssoErrorOf(await finish(location, request.browserSecret))).toBe('sso_state_invalid')
  })

  test('the account rules are those of OpenID Connect: domains, deactivated, invited, just-in-time', async () => {
    const outside = await signInAs(`ha-${unique()}@elsewhere.test`)
    expect(ssoErrorOf(outside.response)).toBe('sso_domain_not_allowed')
    const nobody = await signInAs(`nobody-${unique()}@acme.test`)
    expect(ssoErrorOf(nobody.response)).toBe('sso_no_account')
    const gone = `gone-${unique()}@acme.test`
    await buildPerson(t.db, { organizationId: org.id, email: gone, status: 'deactivated' })
    expect(ssoErrorOf((await signInAs(gone)).response)).toBe('sso_account_deactivated')
    const invitedEmail = `inv-${unique()}@acme.test`
    const invited = await buildPerson(t.db, { organizationId: org.id, email: invitedEmail, status: 'invited' })
    expect((await signInAs(invitedEmail)).response.headers.location).toBe('/')
    const activated = await t.db.selectFrom('people').select(['status']).where('id', '=', invited.id).executeTakeFirst()
    expect(activated?.status).toBe('active')
    bodyOf(await saveSettings(settings({ isJitEnabled: true })), 200, OidcSettingsSchema)
    const newcomer = `new-${unique()}@acme.test`
    const created = await signInAs(newcomer)
    expect((await sessionOf(created.response)).viewer).toMatchObject({
      email: newcomer,
      name: 'Ada Lovelace',
      role: 'participant',
    })
  })

  test('SAML required: passwords are refused except for the break-glass admin', async () => {
    bodyOf(await saveSettings(settings({ isSsoRequired: true, breakGlassPersonId: admin.id })), 200, OidcSettingsSchema)
    const email = `pw-${unique()}@acme.test`
    await buildPerson(t.db, { organizationId: org.id, email })
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email, password: TEST_PASSWORD },
    })
    expect(refused.statusCode).toBe(403)
    expect(errorOf(refused).code).toBe('sso_required')
    const breakGlass = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: admin.email, password: TEST_PASSWORD },
    })
    expect(breakGlass.statusCode).toBe(200)
    bodyOf(await saveSettings(settings()), 200, OidcSettingsSchema)
  })

  test('a certificate rollover: either of two saved certificates verifies', async () => {
    bodyOf(
      await saveSettings(settings({ idpCertificates: `${OTHER_IDP_CERT}${TEST_IDP_CERT}` })),
      200,
      OidcSettingsSchema,
    )
    const email = `ro-${unique()}@acme.test`
    await buildPerson(t.db, { organizationId: org.id, email })
    expect((await signInAs(email, { signWithOtherKey: true })).response.headers.location).toBe('/')
    expect((await signInAs(email)).response.headers.location).toBe('/')
  })
})
