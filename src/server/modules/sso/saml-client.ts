import { X509Certificate } from 'node:crypto'
import type { Profile, SAML } from '@node-saml/node-saml'
import { DOMParser } from '@xmldom/xmldom'
import { type ParsedSamlMetadata, pemCertificatesOf, SAML_ACS_PATH, SAML_METADATA_PATH } from '#contracts/sso.ts'
import type { Config } from '#server/config.ts'

// The SAML protocol through @node-saml/node-saml (decision 039): the AuthnRequest (HTTP-Redirect
// binding), the SP metadata, and the response's signature and audience. What node-saml checks
// against the system clock (the assertion's times) or not at all (recipient, destination) is
// checked here against the app clock; InResponseTo and replay are checked against the database.

const SAML_PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol'
const SAML_METADATA = 'urn:oasis:names:tc:SAML:2.0:metadata'
const XMLDSIG = 'http://www.w3.org/2000/09/xmldsig#'
const REDIRECT_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect'
const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer'
const EMAIL_NAME_ID = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress'

/** Clocks disagree a little: an assertion's times are honoured this much on either side. */
export const SAML_CLOCK_SKEW_MS = 3 * 60_000

/** Tandem's entity id: its metadata URL, stable for the instance (every organization's IdP registers it). */
export function spEntityIdOf(config: Config): string {
  return `${config.publicUrl}${SAML_METADATA_PATH}`
}

export function acsUrlOf(config: Config): string {
  return `${config.publicUrl}${SAML_ACS_PATH}`
}

/** The organization's identity provider, as saved. */
export interface SamlProviderSettings {
  idpSsoUrl: string
  idpEntityId: string
  /** PEM text, one or more certificates. */
  idpCertificates: string
}

/** Why an answer was refused, before it is put in the sign-in page's words. */
export type SamlCheckFailure =
  | 'invalid'
  | 'audience'
  | 'recipient'
  | 'expired'
  | 'in_response_to'
  | 'provider_error'
  | 'issuer'

export class SamlCheckError extends Error {
  readonly failure: SamlCheckFailure

  constructor(failure: SamlCheckFailure, detail: string) {
    super(detail)
    this.failure = failure
  }
}

// node-saml (and the XML signature code under it) costs about 0.4 s and 15 MB to import: it loads
// at the first SAML request, never at start-up (issue #14 point 5).
let nodeSaml: Promise<typeof import('@node-saml/node-saml')> | null = null
const loadNodeSaml = () => {
  nodeSaml ??= import('@node-saml/node-saml')
  return nodeSaml
}

async function samlOf(config: Config, provider: SamlProviderSettings, requestId?: string): Promise<SAML> {
  const { SAML, ValidateInResponseTo } = await loadNodeSaml()
  return new SAML({
    issuer: spEntityIdOf(config),
    callbackUrl: acsUrlOf(config),
    audience: spEntityIdOf(config),
    entryPoint: provider.idpSsoUrl,
    idpCert: pemCertificatesOf(provider.idpCertificates),
    // The assertion itself must carry a valid signature; a signed response around an unsigned
    // assertion is not enough (the Response is often not signed at all).
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    // Times are checked below against the app clock: node-saml reads the system clock.
    acceptedClockSkewMs: -1,
    // InResponseTo is checked against saml_requests (the database), not node-saml's memory cache.
    validateInResponseTo: ValidateInResponseTo.never,
    // Let the provider choose its NameID format, and ask for no particular authentication context
    // (asking for "password" breaks sign-ins with MFA or passwordless at Entra ID).
    identifierFormat: null,
    disableRequestedAuthnContext: true,
    ...(requestId ? { generateUniqueId: () => requestId } : {}),
  })
}

/**
 * The SP metadata the admin gives the identity provider: entity id, ACS (HTTP-POST), signed
 * assertions wanted. The same document at every request (a fixed ID), so a provider that polls it sees no change.
 */
export async function spMetadataXml(config: Config): Promise<string> {
  const saml = await samlOf(
    config,
    { idpSsoUrl: 'https://idp.invalid/', idpEntityId: '', idpCertificates: '' },
    '_tandem-sp-metadata',
  )
  return saml.generateServiceProviderMetadata(null)
}

/** The provider's sign-on URL carrying an AuthnRequest with this ID (HTTP-Redirect binding). */
export async function authorizeUrlOf(
  config: Config,
  provider: SamlProviderSettings,
  requestId: string,
  relayState: string,
): Promise<string> {
  return (await samlOf(config, provider, requestId)).getAuthorizeUrlAsync(relayState, undefined, {})
}

/** A signed-in identity, from an assertion whose signature, audience, issuer, times and recipient were checked. */
export interface SamlIdentity {
  issuer: string
  subject: string
  email: string | null
  name: string | null
  assertionId: string
  /** The request the assertion answers (from inside the signed assertion). */
  inResponseTo: string
  /** Until when the assertion can be used (its SubjectConfirmationData's NotOnOrAfter). */
  expiresAt: Date
}

type XmlNode = { $?: Record<string, string>; _?: string; [child: string]: unknown }

function children(node: XmlNode | undefined, name: string): XmlNode[] {
  const value = node?.[name]
  return Array.isArray(value) ? (value as XmlNode[]) : []
}

function instant(value: string | undefined, what: string): number | null {
  if (value === undefined) return null
  const time = Date.parse(value)
  if (Number.isNaN(time)) throw new SamlCheckError('invalid', `${what} is not an instant`)
  return time
}

function firstString(value: unknown): string | null {
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' && first.trim() ? first.trim() : null
}

/** The address and name attributes of Entra ID, Okta, Google Workspace and Keycloak (docs/sso.md). */
function emailOf(profile: Profile): string | null {
  const attributes = (profile.attributes ?? {}) as Record<string, unknown>
  for (const name of [
    'email',
    'mail',
    'Email',
    'emailAddress',
    'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
    'urn:oid:0.9.2342.19200300.100.1.3',
  ]) {
    const value = firstString(attributes[name])
    if (value) return value.toLowerCase()
  }
  return profile.nameIDFormat === EMAIL_NAME_ID && profile.nameID ? profile.nameID.toLowerCase() : null
}

function nameOf(profile: Profile): string | null {
  const attributes = (profile.attributes ?? {}) as Record<string, unknown>
  const full =
    firstString(attributes.name) ??
    firstString(attributes.displayName) ??
    firstString(attributes['http://schemas.microsoft.com/identity/claims/displayname'])
  if (full) return full
  const given =
    firstString(attributes.firstName) ??
    firstString(attributes.givenName) ??
    firstString(attributes['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname'])
  const family =
    firstString(attributes.lastName) ??
    firstString(attributes.surname) ??
    firstString(attributes['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname'])
  return [given, family].filter(Boolean).join(' ') || null
}

/** node-saml's refusals carry only a message: each is put in one of Tandem's kinds. */
async function failureOf(error: unknown): Promise<SamlCheckError> {
  if (error instanceof SamlCheckError) return error
  const { SamlStatusError } = await loadNodeSaml()
  if (error instanceof SamlStatusError) return new SamlCheckError('provider_error', error.message)
  const message = error instanceof Error ? error.message : String(error)
  if (/audience/i.test(message)) return new SamlCheckError('audience', message)
  if (/issuer/i.test(message)) return new SamlCheckError('issuer', message)
  return new SamlCheckError('invalid', message)
}

/**
 * The Response element's Destination and InResponseTo, read before any check (they are outside the
 * assertion's signature): the InResponseTo only finds the request; the signed one must match it.
 */
export function responseEnvelopeOf(samlResponse: string): { destination: string | null; inResponseTo: string | null } {
  try {
    const xml = Buffer.from(samlResponse, 'base64').toString('utf8')
    const document = new DOMParser({
      errorHandler: { warning: () => {}, error: () => {}, fatalError: () => {} },
    }).parseFromString(xml, 'text/xml')
    const root = document?.documentElement
    if (root?.localName !== 'Response' || root.namespaceURI !== SAML_PROTOCOL) {
      return { destination: null, inResponseTo: null }
    }
    return {
      destination: root.getAttribute('Destination') || null,
      inResponseTo: root.getAttribute('InResponseTo') || null,
    }
  } catch {
    return { destination: null, inResponseTo: null }
  }
}

/**
 * Checks a POSTed SAMLResponse: node-saml verifies the assertion's signature with the provider's
 * certificates, its audience (Tandem's entity id) and issuer; then, on the signed assertion, the
 * bearer confirmation's Recipient (the ACS URL), its NotOnOrAfter and the Conditions' window
 * against `now` (the app clock), and the InResponseTo it carries. The Response's Destination must
 * be the ACS URL when given.
 */
export async function checkSamlResponse(
  config: Config,
  provider: SamlProviderSettings,
  samlResponse: string,
  now: Date,
): Promise<SamlIdentity> {
  let profile: Profile | null
  try {
    ;({ profile } = await (await samlOf(config, provider)).validatePostResponseAsync({ SAMLResponse: samlResponse }))
  } catch (error) {
    throw await failureOf(error)
  }
  if (!profile) throw new SamlCheckError('invalid', 'no assertion')
  // node-saml checks idpIssuer on logout messages only: the signed assertion's Issuer is checked here.
  if (profile.issuer !== provider.idpEntityId) {
    throw new SamlCheckError('issuer', `Issuer ${profile.issuer ?? '(none)'}, expected ${provider.idpEntityId}`)
  }
  const { destination } = responseEnvelopeOf(samlResponse)
  if (destination !== null && destination !== acsUrlOf(config)) {
    throw new SamlCheckError('recipient', `Destination ${destination}`)
  }
  const assertion = (profile.getAssertion?.() as { Assertion?: XmlNode } | undefined)?.Assertion
  const assertionId = assertion?.$?.ID
  if (!assertion || !assertionId) throw new SamlCheckError('invalid', 'the assertion has no ID')
  const nowMs = now.getTime()

  const conditions = children(assertion, 'Conditions')[0]
  const notBefore = instant(conditions?.$?.NotBefore, 'NotBefore')
  const conditionsNotOnOrAfter = instant(conditions?.$?.NotOnOrAfter, 'NotOnOrAfter')
  if (notBefore !== null && nowMs + SAML_CLOCK_SKEW_MS < notBefore) {
    throw new SamlCheckError('expired', 'not valid yet')
  }
  if (conditionsNotOnOrAfter !== null && nowMs - SAML_CLOCK_SKEW_MS >= conditionsNotOnOrAfter) {
    throw new SamlCheckError('expired', 'the conditions have expired')
  }

  // Web Browser SSO profile: a bearer confirmation for this ACS, in answer to our request, in time.
  const confirmations = children(children(assertion, 'Subject')[0], 'SubjectConfirmation').filter(
    (confirmation) => confirmation.$?.Method === BEARER,
  )
  const data = confirmations.flatMap((confirmation) => children(confirmation, 'SubjectConfirmationData'))
  if (data.length === 0) throw new SamlCheckError('invalid', 'no bearer subject confirmation')
  const forUs = data.filter((entry) => entry.$?.Recipient === acsUrlOf(config))
  if (forUs.length === 0) {
    throw new SamlCheckError('recipient', `Recipient ${data.map((entry) => entry.$?.Recipient ?? '(none)').join(', ')}`)
  }
  const inTime = forUs.filter((entry) => {
    const until = instant(entry.$?.NotOnOrAfter, 'NotOnOrAfter')
    const from = instant(entry.$?.NotBefore, 'NotBefore')
    return until !== null && nowMs - SAML_CLOCK_SKEW_MS < until && (from === null || nowMs + SAML_CLOCK_SKEW_MS >= from)
  })
  const confirmation = inTime[0]
  if (!confirmation) throw new SamlCheckError('expired', 'the subject confirmation has expired')
  const inResponseTo = confirmation.$?.InResponseTo
  if (!inResponseTo) throw new SamlCheckError('in_response_to', 'unsolicited (IdP-initiated) answers are not accepted')
  if (!profile.nameID) throw new SamlCheckError('invalid', 'no NameID')
  return {
    issuer: profile.issuer,
    subject: profile.nameID,
    email: emailOf(profile),
    name: nameOf(profile),
    assertionId,
    inResponseTo,
    expiresAt: new Date((instant(confirmation.$?.NotOnOrAfter, 'NotOnOrAfter') ?? nowMs) + SAML_CLOCK_SKEW_MS),
  }
}

/** The certificates of a pasted PEM text that parse as X.509, or the reason one does not. */
export function parseCertificates(text: string): { pems: string[]; error: string | null } {
  const pems = pemCertificatesOf(text)
  for (const pem of pems) {
    try {
      new X509Certificate(pem)
    } catch (error) {
      return { pems, error: error instanceof Error ? error.message : String(error) }
    }
  }
  return { pems, error: pems.length === 0 ? 'no certificate' : null }
}

function toPem(base64: string): string {
  const body = base64.replace(/\s+/g, '')
  return `-----BEGIN CERTIFICATE-----\n${(body.match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----\n`
}

/**
 * Reads an identity provider's metadata: its entity id, the HTTP-Redirect SingleSignOnService and
 * its signing certificates. Null when the text is not IdP metadata.
 */
export function parseIdpMetadata(xml: string): ParsedSamlMetadata | null {
  let document: Document | undefined
  try {
    document = new DOMParser({
      errorHandler: { warning: () => {}, error: () => {}, fatalError: () => {} },
    }).parseFromString(xml, 'text/xml') as unknown as Document
  } catch {
    return null
  }
  // The first entity that is an identity provider (an aggregate lists several; Entra ID's also has
  // WS-Federation roles beside its IDPSSODescriptor, whose certificates are not read).
  const entity = Array.from(document?.getElementsByTagNameNS(SAML_METADATA, 'EntityDescriptor') ?? []).find(
    (descriptor) => descriptor.getElementsByTagNameNS(SAML_METADATA, 'IDPSSODescriptor').length > 0,
  )
  const idp = entity?.getElementsByTagNameNS(SAML_METADATA, 'IDPSSODescriptor')[0]
  if (!entity || !idp) return null
  const services = Array.from(idp.getElementsByTagNameNS(SAML_METADATA, 'SingleSignOnService'))
  const redirect = services.find((service) => service.getAttribute('Binding') === REDIRECT_BINDING)
  const certificates = Array.from(idp.getElementsByTagNameNS(SAML_METADATA, 'KeyDescriptor'))
    // A key without `use` serves both signing and encryption.
    .filter((key) => {
      const use = key.getAttribute('use')
      return !use || use === 'signing'
    })
    .flatMap((key) => Array.from(key.getElementsByTagNameNS(XMLDSIG, 'X509Certificate')))
    .map((certificate) => toPem(certificate.textContent ?? ''))
  return {
    idpEntityId: entity.getAttribute('entityID') ?? '',
    idpSsoUrl: redirect?.getAttribute('Location') ?? '',
    idpCertificates: [...new Set(certificates)].join(''),
  }
}
