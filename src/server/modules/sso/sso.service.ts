import { createHash, randomBytes } from 'node:crypto'
import * as client from 'openid-client'
import { EmailSchema } from '#contracts/auth.ts'
import { MINUTE } from '#contracts/durations.ts'
import {
  OIDC_CALLBACK_PATH,
  OIDC_START_PATH,
  type OidcSettings,
  type ParsedSamlMetadata,
  SAML_METADATA_PATH,
  SAML_START_PATH,
  type SignInOptions,
  type SsoErrorCode,
  type SsoProtocol,
  type UpdateSsoSettingsBody,
  UpdateSsoSettingsBodySchema,
} from '#contracts/sso.ts'
import type { Config } from '#server/config.ts'
import type { Db } from '#server/db/connect.ts'
import type { OidcSettingsRow } from '#server/db/schema.ts'
import { AppError } from '#server/http/app-error.ts'
import type { Viewer } from '#server/http/viewer.ts'
import { recordAuditEvent } from '#server/modules/audit/audit.service.ts'
import {
  findPersonByEmail,
  findPersonInOrganization,
  type RequestMeta,
  type StartedSession,
  startSession,
} from '#server/modules/auth/auth.service.ts'
import { emitWebhookEvents, webhookEvents } from '#server/modules/webhooks/webhooks.service.ts'
import type { SecretBox } from '#server/secrets/secret-box.ts'
import type { OidcClients } from './oidc-client.ts'
import {
  acsUrlOf,
  authorizeUrlOf,
  checkSamlResponse,
  parseCertificates,
  parseIdpMetadata,
  responseEnvelopeOf,
  SamlCheckError,
  type SamlCheckFailure,
  type SamlProviderSettings,
  spEntityIdOf,
} from './saml-client.ts'
import {
  activateInvitedPerson,
  deleteExpiredSamlRows,
  deleteLoginStatesBefore,
  findActiveAdmin,
  findIdentity,
  findIdentityOfPerson,
  findOidcSettings,
  findOrganizationIdBySlug,
  findSamlRequest,
  finishSamlRequest,
  insertIdentity,
  insertLoginState,
  insertParticipant,
  insertSamlRequest,
  listClientSecretsToSeal,
  listEnabledSignOns,
  markSamlRequestUsed,
  recordSamlAssertion,
  resealClientSecret,
  takeLoginState,
  touchIdentity,
  upsertOidcSettings,
} from './sso.repository.ts'

/** A sign-in started at the provider must come back within this time. */
export const LOGIN_STATE_TTL_MS = 10 * MINUTE

/** A single sign-on refused: the browser is sent to the sign-in page with this code. */
export class SsoRefusal extends Error {
  readonly code: SsoErrorCode

  constructor(code: SsoErrorCode, detail = '') {
    super(detail || code)
    this.code = code
  }
}

export function redirectUriOf(config: Config): string {
  return `${config.publicUrl}${OIDC_CALLBACK_PATH}`
}

function hashState(state: string): string {
  return createHash('sha256').update(`oidc-state:${state}`).digest('hex')
}

function toOidcSettings(config: Config, row: OidcSettingsRow | undefined): OidcSettings {
  return {
    protocol: row?.protocol ?? 'oidc',
    isEnabled: row?.is_enabled ?? false,
    displayName: row?.display_name ?? '',
    issuerUrl: row?.issuer_url ?? '',
    clientId: row?.client_id ?? '',
    isClientSecretSet: (row?.client_secret ?? '') !== '',
    allowedDomains: row?.allowed_domains ?? [],
    isJitEnabled: row?.is_jit_enabled ?? false,
    isSsoRequired: row?.is_sso_required ?? false,
    breakGlassPersonId: row?.break_glass_person_id ?? null,
    redirectUri: redirectUriOf(config),
    saml: {
      idpSsoUrl: row?.saml_idp_sso_url ?? '',
      idpEntityId: row?.saml_idp_entity_id ?? '',
      idpCertificates: row?.saml_idp_certificates ?? '',
      spEntityId: spEntityIdOf(config),
      acsUrl: acsUrlOf(config),
      metadataUrl: `${config.publicUrl}${SAML_METADATA_PATH}`,
    },
    updatedAt: row ? row.updated_at.toISOString() : null,
  }
}

/** The organization's single sign-on settings, without the client secret. */
export async function getOidcSettings(db: Db, config: Config, viewer: Viewer): Promise<OidcSettings> {
  return toOidcSettings(config, await findOidcSettings(db, viewer.organizationId))
}

/**
 * Saves the settings, of one kind of provider (the other kind's settings are kept). Turning OpenID
 * Connect on checks the provider's discovery document first; SAML certificates must parse; requiring
 * sign-on needs a break-glass admin (an active admin of the organization) so nobody is locked out
 * when the provider is down.
 */
export async function updateOidcSettings(
  db: Db,
  config: Config,
  clients: OidcClients,
  secrets: SecretBox,
  viewer: Viewer,
  input: UpdateSsoSettingsBody,
  now: Date,
): Promise<OidcSettings> {
  const body = UpdateSsoSettingsBodySchema.parse(input)
  const saved = await findOidcSettings(db, viewer.organizationId)
  const savedSecret = saved ? secrets.open(saved.client_secret, clientSecretContext(viewer.organizationId)) : undefined
  const isSaml = body.protocol === 'saml'
  const clientSecret = isSaml ? (savedSecret ?? '') : (body.clientSecret ?? savedSecret ?? '')
  if (!isSaml && clientSecret === '') {
    throw new AppError('validation_failed', 'clientSecret is required', [
      { path: 'body.clientSecret', message: 'is required' },
    ])
  }
  if (body.isSsoRequired && !body.isEnabled) {
    throw new AppError('validation_failed', 'isSsoRequired needs single sign-on turned on', [
      { path: 'body.isSsoRequired', message: 'needs single sign-on turned on' },
    ])
  }
  if (body.isSsoRequired && !body.breakGlassPersonId) {
    throw new AppError('break_glass_invalid', 'Requiring single sign-on needs a break-glass admin', [
      { path: 'body.breakGlassPersonId', message: 'is required while single sign-on is required' },
    ])
  }
  if (body.breakGlassPersonId && !(await findActiveAdmin(db, viewer.organizationId, body.breakGlassPersonId))) {
    throw new AppError('break_glass_invalid', 'The break-glass person must be an active admin of this organization', [
      { path: 'body.breakGlassPersonId', message: 'must be an active admin of this organization' },
    ])
  }
  if (isSaml) {
    const certificates = parseCertificates(body.idpCertificates)
    if (certificates.error) {
      throw new AppError(
        'saml_certificate_invalid',
        `The signing certificate could not be read: ${certificates.error}`,
        [{ path: 'body.idpCertificates', message: 'is not a readable PEM certificate' }],
      )
    }
  }
  const provider = isSaml
    ? { issuerUrl: saved?.issuer_url ?? '', clientId: saved?.client_id ?? '', clientSecret }
    : { issuerUrl: body.issuerUrl, clientId: body.clientId, clientSecret }
  if (!isSaml && body.isEnabled) {
    clients.forget(provider)
    try {
      await clients.configurationOf(provider)
    } catch (error) {
      throw new AppError(
        'oidc_discovery_failed',
        `The issuer's discovery document (${body.issuerUrl}/.well-known/openid-configuration) could not be read: ${describe(error)}`,
        [{ path: 'body.issuerUrl', message: 'has no readable OpenID Connect discovery document' }],
      )
    }
  }
  return db.transaction().execute(async (trx) => {
    const row = await upsertOidcSettings(
      trx,
      {
        organizationId: viewer.organizationId,
        isEnabled: body.isEnabled,
        displayName: body.displayName,
        issuerUrl: provider.issuerUrl,
        clientId: provider.clientId,
        clientSecret: clientSecret === '' ? '' : secrets.seal(clientSecret, clientSecretContext(viewer.organizationId)),
        allowedDomains: body.allowedDomains,
        isJitEnabled: body.isJitEnabled,
        isSsoRequired: body.isSsoRequired,
        breakGlassPersonId: body.breakGlassPersonId,
        updatedBy: viewer.personId,
        protocol: isSaml ? 'saml' : 'oidc',
        samlIdpSsoUrl: isSaml ? body.idpSsoUrl : (saved?.saml_idp_sso_url ?? ''),
        samlIdpEntityId: isSaml ? body.idpEntityId : (saved?.saml_idp_entity_id ?? ''),
        samlIdpCertificates: isSaml ? body.idpCertificates : (saved?.saml_idp_certificates ?? ''),
      },
      now,
    )
    await recordAuditEvent(trx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      address: viewer.address,
      action: 'sso.settings_updated',
      targetType: 'organization',
      targetId: viewer.organizationId,
      // Settings values, never the secret: only whether it was changed.
      details: isSaml
        ? {
            protocol: 'saml',
            isEnabled: body.isEnabled,
            idpSsoUrl: body.idpSsoUrl,
            idpEntityId: body.idpEntityId,
            isCertificateChanged: body.idpCertificates !== saved?.saml_idp_certificates,
            allowedDomains: body.allowedDomains,
            isJitEnabled: body.isJitEnabled,
            isSsoRequired: body.isSsoRequired,
            breakGlassPersonId: body.breakGlassPersonId,
          }
        : {
            isEnabled: body.isEnabled,
            issuerUrl: body.issuerUrl,
            clientId: body.clientId,
            isClientSecretChanged: body.clientSecret !== undefined && body.clientSecret !== savedSecret,
            allowedDomains: body.allowedDomains,
            isJitEnabled: body.isJitEnabled,
            isSsoRequired: body.isSsoRequired,
            breakGlassPersonId: body.breakGlassPersonId,
          },
    })
    return toOidcSettings(config, row)
  })
}

function describe(error: unknown): string {
  if (error instanceof client.ResponseBodyError) return `${error.error} (${error.status})`
  if (error instanceof Error) return error.cause instanceof Error ? error.cause.message : error.message
  return String(error)
}

/** The single sign-on buttons of the public sign-in page: names and where they lead, nothing secret. */
export async function listSignInOptions(db: Db): Promise<SignInOptions> {
  const rows = await listEnabledSignOns(db)
  return {
    singleSignOn: rows.map((row) => ({
      organizationSlug: row.slug,
      displayName: row.display_name,
      isRequired: row.is_sso_required,
      startUrl: `${row.protocol === 'saml' ? SAML_START_PATH : OIDC_START_PATH}?organization=${encodeURIComponent(row.slug)}`,
    })),
  }
}

/** A sign-in on its way to the provider: where to send the browser, and the state its cookie keeps. */
export interface StartedOidcSignIn {
  redirectUrl: string
  state: string
}

async function enabledSettingsOf(db: Db, organizationId: string, protocol: SsoProtocol): Promise<OidcSettingsRow> {
  const settings = await findOidcSettings(db, organizationId)
  if (!settings?.is_enabled || settings.protocol !== protocol) throw new SsoRefusal('sso_not_configured')
  return settings
}

/** What the organization's OpenID Connect client secret is sealed for (decision 047). */
const clientSecretContext = (organizationId: string) => `oidc-client-secret:${organizationId}`

/**
 * Seals every stored client secret under the current key (kept in the clear before sealing existed,
 * or under SECRET_KEY_PREVIOUS after a rotation); run at each start. Answers how many.
 */
export async function sealStoredClientSecrets(db: Db, secrets: SecretBox): Promise<number> {
  const rows = await listClientSecretsToSeal(db, secrets.keyId)
  for (const row of rows) {
    const sealed = secrets.reseal(row.client_secret, clientSecretContext(row.organization_id))
    await resealClientSecret(db, row.organization_id, row.client_secret, sealed)
  }
  return rows.length
}

function providerOf(settings: OidcSettingsRow, secrets: SecretBox) {
  return {
    issuerUrl: settings.issuer_url,
    clientId: settings.client_id,
    clientSecret: secrets.open(settings.client_secret, clientSecretContext(settings.organization_id)),
  }
}

/**
 * Starts the authorization code flow with PKCE, state and nonce; the verifier and nonce stay on the
 * server (under the state's hash), the state also goes into a short-lived cookie of this browser.
 */
export async function startOidcSignIn(
  db: Db,
  config: Config,
  clients: OidcClients,
  secrets: SecretBox,
  organizationSlug: string,
  now: Date,
): Promise<StartedOidcSignIn> {
  const organization = await findOrganizationIdBySlug(db, organizationSlug)
  if (!organization) throw new SsoRefusal('sso_not_configured')
  const settings = await enabledSettingsOf(db, organization.id, 'oidc')
  let configuration: client.Configuration
  try {
    configuration = await clients.configurationOf(providerOf(settings, secrets))
  } catch (error) {
    throw new SsoRefusal('sso_provider_unreachable', describe(error))
  }
  const state = client.randomState()
  const nonce = client.randomNonce()
  const codeVerifier = client.randomPKCECodeVerifier()
  await deleteLoginStatesBefore(db, now)
  await insertLoginState(
    db,
    {
      id: hashState(state),
      organizationId: organization.id,
      codeVerifier,
      nonce,
      expiresAt: new Date(now.getTime() + LOGIN_STATE_TTL_MS),
    },
    now,
  )
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUriOf(config),
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  })
  return { redirectUrl: url.href, state }
}

interface IdentityClaims {
  issuer: string
  subject: string
  email: string | null
  isEmailVerified: boolean
  name: string | null
}

async function claimsOf(
  configuration: client.Configuration,
  tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>,
): Promise<IdentityClaims> {
  const idToken = tokens.claims()
  if (!idToken) throw new SsoRefusal('sso_token_invalid', 'no ID token')
  let claims: Record<string, unknown> = { ...idToken }
  // Many providers put email and email_verified in the ID token; the others answer them at UserInfo.
  const isMissingEmail =
    typeof claims.email !== 'string' || (claims.email_verified === undefined && claims.xms_edov === undefined)
  if (isMissingEmail && configuration.serverMetadata().userinfo_endpoint) {
    const userInfo = await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub)
    claims = {
      ...userInfo,
      ...claims,
      email: claims.email ?? userInfo.email,
      email_verified: claims.email_verified ?? userInfo.email_verified,
      xms_edov: claims.xms_edov ?? userInfo.xms_edov,
    }
  }
  const name =
    typeof claims.name === 'string' && claims.name.trim()
      ? claims.name.trim()
      : [claims.given_name, claims.family_name].filter((part) => typeof part === 'string' && part.trim()).join(' ')
  return {
    issuer: idToken.iss,
    subject: idToken.sub,
    email: typeof claims.email === 'string' ? claims.email : null,
    // Entra ID never sends email_verified for work accounts; its optional claim xms_edov ("email
    // domain owner verified") stands in, only when email_verified is absent altogether.
    isEmailVerified: claims.email_verified === undefined ? claims.xms_edov === true : claims.email_verified === true,
    name: name || null,
  }
}

/** Why the provider exchange failed, in one of the sign-in page's codes. */
function refusalOf(error: unknown): SsoRefusal {
  if (error instanceof SsoRefusal) return error
  if (error instanceof client.AuthorizationResponseError) return new SsoRefusal('sso_provider_error', error.error)
  if (error instanceof client.ResponseBodyError) return new SsoRefusal('sso_code_rejected', error.error)
  if (error instanceof client.ClientError) return new SsoRefusal('sso_token_invalid', `${error.code}: ${error.message}`)
  return new SsoRefusal('sso_provider_unreachable', describe(error))
}

export interface OidcCallback {
  /** The callback's query string, as received (with the leading '?'). */
  search: string
  state: string | undefined
  /** The state this browser's cookie holds (set by the start). */
  cookieState: string | undefined
}

/**
 * Completes the flow: the code is exchanged and the ID token checked by openid-client (signature,
 * issuer, audience, expiry, nonce, PKCE); then the address must be verified and of an allowed
 * domain. The provider account is linked to the person with that address (an invited person becomes
 * active), or a participant is created when just-in-time creation is on. Every outcome is audited.
 */
export async function completeOidcSignIn(
  db: Db,
  config: Config,
  clients: OidcClients,
  secrets: SecretBox,
  callback: OidcCallback,
  meta: RequestMeta,
  now: Date,
): Promise<StartedSession> {
  if (!callback.state || !callback.cookieState || callback.state !== callback.cookieState) {
    await auditRefusal(db, null, null, meta, 'sso_state_invalid', 'oidc')
    throw new SsoRefusal('sso_state_invalid')
  }
  const loginState = await takeLoginState(db, hashState(callback.state), now)
  if (!loginState) {
    await auditRefusal(db, null, null, meta, 'sso_state_invalid', 'oidc')
    throw new SsoRefusal('sso_state_invalid')
  }
  const organizationId = loginState.organization_id
  let personId: string | null = null
  try {
    const settings = await enabledSettingsOf(db, organizationId, 'oidc')
    let claims: IdentityClaims
    try {
      const configuration = await clients.configurationOf(providerOf(settings, secrets))
      const tokens = await client.authorizationCodeGrant(
        configuration,
        new URL(`${redirectUriOf(config)}${callback.search}`),
        {
          pkceCodeVerifier: loginState.code_verifier,
          expectedNonce: loginState.nonce,
          expectedState: callback.state,
          idTokenExpected: true,
        },
      )
      claims = await claimsOf(configuration, tokens)
    } catch (error) {
      throw refusalOf(error)
    }
    const started = await db.transaction().execute(async (trx) => {
      const person = await personFor(trx, settings, claims, meta, now)
      personId = person.id
      const session = await startSession(trx, config, person, meta, now)
      await recordAuditEvent(trx, {
        organizationId,
        actorId: person.id,
        address: meta.ip,
        action: 'auth.signed_in',
        targetType: 'person',
        targetId: person.id,
        details: { method: 'oidc' },
      })
      return session
    })
    return started
  } catch (error) {
    const refusal = refusalOf(error)
    await auditRefusal(db, organizationId, personId, meta, refusal.code, 'oidc')
    throw refusal
  }
}

/**
 * The person a provider account signs in as, for either kind of provider: by the link made at an
 * earlier sign-in, else by a verified address of an allowed domain (an invited person becomes
 * active), else a new participant when just-in-time creation is on.
 */
async function personFor(
  db: Db,
  settings: OidcSettingsRow,
  claims: IdentityClaims,
  meta: RequestMeta,
  now: Date,
  method: SsoProtocol = 'oidc',
): Promise<{ id: string; organization_id: string }> {
  const organizationId = settings.organization_id
  const linked = await findIdentity(db, organizationId, claims.issuer, claims.subject)
  if (linked) {
    const person = await findPersonInOrganization(db, organizationId, linked.person_id)
    if (!person) throw new SsoRefusal('sso_no_account')
    if (person.status === 'deactivated') throw new SsoRefusal('sso_account_deactivated')
    await touchIdentity(db, organizationId, claims.issuer, claims.subject, now)
    return person
  }
  // A first sign-in links by address, and only by an address the provider vouches for.
  const email = EmailSchema.safeParse(claims.email ?? '')
  if (!email.success || !claims.isEmailVerified) throw new SsoRefusal('sso_email_unverified')
  const domain = email.data.slice(email.data.lastIndexOf('@') + 1)
  if (!settings.allowed_domains.includes(domain)) throw new SsoRefusal('sso_domain_not_allowed')
  const existing = await findPersonByEmail(db, email.data)
  if (existing && existing.organization_id !== organizationId) throw new SsoRefusal('sso_no_account')
  let person: { id: string; organization_id: string }
  if (existing) {
    if (existing.status === 'deactivated') throw new SsoRefusal('sso_account_deactivated')
    const other = await findIdentityOfPerson(db, organizationId, existing.id, claims.issuer)
    if (other) throw new SsoRefusal('sso_identity_conflict')
    if (existing.status === 'invited') {
      await activateInvitedPerson(db, organizationId, existing.id, now)
      await recordAuditEvent(db, {
        organizationId,
        actorId: existing.id,
        address: meta.ip,
        action: 'invitation.accepted',
        targetType: 'person',
        targetId: existing.id,
        details: { method },
      })
    }
    person = existing
  } else {
    if (!settings.is_jit_enabled) throw new SsoRefusal('sso_no_account')
    const name = (claims.name ?? email.data.slice(0, email.data.indexOf('@'))).slice(0, 200)
    person = await insertParticipant(db, { organizationId, email: email.data, name })
    await recordAuditEvent(db, {
      organizationId,
      actorId: person.id,
      address: meta.ip,
      action: 'person.created_by_sso',
      targetType: 'person',
      targetId: person.id,
      details: { role: 'participant' },
    })
    await emitWebhookEvents(db, organizationId, now, [
      webhookEvents.personCreated({ id: person.id, name, email: email.data, role: 'participant', status: 'active' }),
    ])
  }
  await insertIdentity(db, { organizationId, personId: person.id, issuer: claims.issuer, subject: claims.subject }, now)
  await recordAuditEvent(db, {
    organizationId,
    actorId: person.id,
    address: meta.ip,
    action: 'sso.linked',
    targetType: 'person',
    targetId: person.id,
    details: { issuer: claims.issuer },
  })
  return person
}

function auditRefusal(
  db: Db,
  organizationId: string | null,
  personId: string | null,
  meta: RequestMeta,
  reason: SsoErrorCode,
  method: SsoProtocol,
): Promise<unknown> {
  return recordAuditEvent(db, {
    organizationId,
    actorId: null,
    address: meta.ip,
    action: 'auth.sign_in_failed',
    targetType: 'person',
    targetId: personId,
    details: { method, reason },
    outcome: 'failed',
  })
}

// SAML 2.0 (decision 039): SP-initiated sign-in, the assertion consumer service, the IdP's metadata.

function samlProviderOf(settings: OidcSettingsRow): SamlProviderSettings {
  return {
    idpSsoUrl: settings.saml_idp_sso_url,
    idpEntityId: settings.saml_idp_entity_id,
    idpCertificates: settings.saml_idp_certificates,
  }
}

/** Fills the SAML form from the identity provider's metadata XML (nothing is saved). */
export function readSamlMetadata(metadataXml: string): ParsedSamlMetadata {
  const parsed = parseIdpMetadata(metadataXml)
  if (!parsed?.idpEntityId || !parsed.idpSsoUrl || !parsed.idpCertificates) {
    throw new AppError(
      'saml_metadata_invalid',
      'This is not the SAML metadata of an identity provider with an HTTP-Redirect sign-on URL and a signing certificate',
      [{ path: 'body.metadataXml', message: 'is not usable identity provider metadata' }],
    )
  }
  return parsed
}

/**
 * Starts an SP-initiated sign-in: an AuthnRequest with a fresh ID, kept in saml_requests for ten
 * minutes (the InResponseTo the answer must carry), sent by the HTTP-Redirect binding. The ID also
 * goes as RelayState, so the answer finds its organization before anything is verified. The
 * browser keeps a secret in a cookie (its hash is on the row): the session starts only when that
 * browser comes back (finishSamlSignIn), so an answer cannot be pushed into another browser.
 */
export async function startSamlSignIn(
  db: Db,
  config: Config,
  organizationSlug: string,
  now: Date,
): Promise<{ redirectUrl: string; browserSecret: string }> {
  const organization = await findOrganizationIdBySlug(db, organizationSlug)
  if (!organization) throw new SsoRefusal('sso_not_configured')
  const settings = await enabledSettingsOf(db, organization.id, 'saml')
  // An XML ID is an NCName: it may not start with a digit.
  const requestId = `_${randomBytes(20).toString('hex')}`
  const browserSecret = randomBytes(32).toString('base64url')
  await deleteExpiredSamlRows(db, now)
  await insertSamlRequest(
    db,
    {
      id: requestId,
      organizationId: organization.id,
      browserHash: hashBrowserSecret(browserSecret),
      expiresAt: new Date(now.getTime() + LOGIN_STATE_TTL_MS),
    },
    now,
  )
  return { redirectUrl: await authorizeUrlOf(config, samlProviderOf(settings), requestId, requestId), browserSecret }
}

function hashBrowserSecret(secret: string): string {
  return createHash('sha256').update(`saml-browser:${secret}`).digest('hex')
}

const SAML_REFUSALS: Record<SamlCheckFailure, SsoErrorCode> = {
  invalid: 'sso_assertion_invalid',
  issuer: 'sso_assertion_invalid',
  audience: 'sso_audience_mismatch',
  recipient: 'sso_recipient_mismatch',
  expired: 'sso_assertion_expired',
  in_response_to: 'sso_state_invalid',
  provider_error: 'sso_provider_error',
}

export interface SamlPost {
  SAMLResponse: string
  RelayState?: string | undefined
}

/**
 * The assertion consumer service: the request the answer names (RelayState, else the Response's
 * InResponseTo) gives the organization; node-saml and checkSamlResponse verify the assertion
 * (signature, issuer, audience, recipient, times on the app clock); the signed InResponseTo must be
 * that request. The assertion's ID is then recorded until it expires (a second use is a replay),
 * the request is marked used, and the person is found or linked as for OpenID Connect. No session
 * yet: the provider's page posted this (a cross-site POST carries no SameSite=Lax cookie), so the
 * browser is sent to finishSamlSignIn, where its cookie shows it is the one that started.
 */
export async function completeSamlSignIn(
  db: Db,
  config: Config,
  post: SamlPost,
  meta: RequestMeta,
  now: Date,
): Promise<{ requestId: string }> {
  // RelayState first (Tandem sends the request ID in it), else the Response's InResponseTo (a
  // provider may drop or replace RelayState).
  const byRelayState = post.RelayState ? await findSamlRequest(db, post.RelayState, now) : undefined
  const inResponseTo = byRelayState ? null : responseEnvelopeOf(post.SAMLResponse).inResponseTo
  const request = byRelayState ?? (inResponseTo ? await findSamlRequest(db, inResponseTo, now) : undefined)
  if (!request) {
    await auditRefusal(db, null, null, meta, 'sso_state_invalid', 'saml')
    throw new SsoRefusal('sso_state_invalid', 'unknown or expired request (IdP-initiated sign-in is not accepted)')
  }
  const organizationId = request.organization_id
  let personId: string | null = null
  try {
    const settings = await enabledSettingsOf(db, organizationId, 'saml')
    let identity: Awaited<ReturnType<typeof checkSamlResponse>>
    try {
      identity = await checkSamlResponse(config, samlProviderOf(settings), post.SAMLResponse, now)
    } catch (error) {
      if (error instanceof SamlCheckError) throw new SsoRefusal(SAML_REFUSALS[error.failure], error.message)
      throw error
    }
    if (identity.inResponseTo !== request.id) throw new SsoRefusal('sso_state_invalid', 'InResponseTo does not match')
    return await db.transaction().execute(async (trx) => {
      const isFirstUse = await recordSamlAssertion(
        trx,
        { organizationId, issuer: identity.issuer, assertionId: identity.assertionId, expiresAt: identity.expiresAt },
        now,
      )
      if (!isFirstUse) throw new SsoRefusal('sso_assertion_replayed')
      const person = await personFor(
        trx,
        settings,
        {
          issuer: identity.issuer,
          subject: identity.subject,
          email: identity.email,
          // The organization's own directory vouches for the addresses it asserts (decision 039);
          // the allowed-domain list still applies.
          isEmailVerified: true,
          name: identity.name,
        },
        meta,
        now,
        'saml',
      )
      personId = person.id
      if (!(await markSamlRequestUsed(trx, request.id, person.id, now))) throw new SsoRefusal('sso_assertion_replayed')
      return { requestId: request.id }
    })
  } catch (error) {
    if (!(error instanceof SsoRefusal)) throw error
    await auditRefusal(db, organizationId, personId, meta, error.code, 'saml')
    throw error
  }
}

/**
 * The browser's return from the assertion consumer service: the request must have been answered,
 * not finished yet, and this browser's cookie must hold the secret of the browser that started it
 * (else `sso_state_invalid`: started in another browser). Then the session starts, once.
 */
export async function finishSamlSignIn(
  db: Db,
  config: Config,
  requestId: string,
  browserSecret: string | undefined,
  meta: RequestMeta,
  now: Date,
): Promise<StartedSession> {
  const finished = browserSecret
    ? await finishSamlRequest(db, requestId, hashBrowserSecret(browserSecret), now)
    : undefined
  if (!finished) {
    await auditRefusal(db, null, null, meta, 'sso_state_invalid', 'saml')
    throw new SsoRefusal('sso_state_invalid', 'not the browser that started this sign-in, or already finished')
  }
  const person = await findPersonInOrganization(db, finished.organization_id, finished.person_id)
  if (!person || person.status === 'deactivated') {
    await auditRefusal(db, finished.organization_id, finished.person_id, meta, 'sso_account_deactivated', 'saml')
    throw new SsoRefusal('sso_account_deactivated')
  }
  return db.transaction().execute(async (trx) => {
    const session = await startSession(trx, config, person, meta, now)
    await recordAuditEvent(trx, {
      organizationId: person.organization_id,
      actorId: person.id,
      address: meta.ip,
      action: 'auth.signed_in',
      targetType: 'person',
      targetId: person.id,
      details: { method: 'saml' },
    })
    return session
  })
}
