import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { inflateRawSync } from 'node:zlib'
import { SignedXml } from 'xml-crypto'

// A SAML identity provider built in the test: it reads Tandem's AuthnRequest (HTTP-Redirect binding)
// and answers with a Response whose assertion it signs with xml-crypto (RSA-SHA256, exclusive
// canonicalization), as Entra ID, Okta or Keycloak do. Each field can be spoiled to test a refusal.
// Its keys are test fixtures (src/server/test/saml/*.pem, self-signed, made with openssl for these tests only).

const fixture = (name: string) => readFileSync(new URL(`./saml/${name}`, import.meta.url), 'utf8')

export const TEST_IDP_CERT = fixture('idp-cert.pem')
const TEST_IDP_KEY = fixture('idp-key.pem')
/** Another provider's key and certificate: its signatures do not verify with TEST_IDP_CERT. */
export const OTHER_IDP_CERT = fixture('other-idp-cert.pem')
const OTHER_IDP_KEY = fixture('other-idp-key.pem')

export const TEST_IDP_ENTITY_ID = 'https://idp.acme.test/saml'

const EMAIL_ATTRIBUTE = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress'
const NAME_ATTRIBUTE = 'http://schemas.microsoft.com/identity/claims/displayname'

/** What Tandem's AuthnRequest says: its ID, where to answer, who asks, and the RelayState sent along. */
export interface ReadAuthnRequest {
  id: string
  acsUrl: string
  issuer: string
  destination: string
  relayState: string | null
}

/** Decodes the AuthnRequest of a redirect to the provider (SAMLRequest: deflate + base64). */
export function readAuthnRequest(redirectUrl: string): ReadAuthnRequest {
  const url = new URL(redirectUrl)
  const encoded = url.searchParams.get('SAMLRequest')
  if (!encoded) throw new Error(`no SAMLRequest in ${redirectUrl}`)
  const xml = inflateRawSync(Buffer.from(encoded, 'base64')).toString('utf8')
  const attribute = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(xml)?.[1] ?? ''
  return {
    id: attribute('ID'),
    acsUrl: attribute('AssertionConsumerServiceURL'),
    issuer: /<saml:Issuer[^>]*>([^<]*)<\/saml:Issuer>/.exec(xml)?.[1] ?? '',
    destination: attribute('Destination'),
    relayState: url.searchParams.get('RelayState'),
  }
}

export interface AssertionOptions {
  /** The request answered (InResponseTo of the Response and of the subject confirmation); omitted: unsolicited. */
  inResponseTo?: string
  acsUrl: string
  audience: string
  email: string
  name?: string
  nameId?: string
  issuer?: string
  /** The instant the provider signs at (its clock). */
  now: Date
  /** How long the assertion can be used (default 5 minutes). */
  validForMs?: number
  /** Sign with another provider's key. */
  signWithOtherKey?: boolean
  /** Leave the assertion unsigned. */
  unsigned?: boolean
  /** Change the signed XML afterwards (a tampered assertion). */
  tamper?: (signedXml: string) => string
  assertionId?: string
}

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

const newId = () => `_${randomBytes(16).toString('hex')}`

/** A SAML Response (base64, as the HTTP-POST binding carries it) with a signed assertion. */
export function buildSamlResponse(options: AssertionOptions): string {
  const issuer = options.issuer ?? TEST_IDP_ENTITY_ID
  const issuedAt = options.now.toISOString()
  const until = new Date(options.now.getTime() + (options.validForMs ?? 5 * 60_000)).toISOString()
  const notBefore = new Date(options.now.getTime() - 60_000).toISOString()
  const inResponseTo = options.inResponseTo ? ` InResponseTo="${xmlEscape(options.inResponseTo)}"` : ''
  const assertionId = options.assertionId ?? newId()
  const attributes = [
    `<saml:Attribute Name="${EMAIL_ATTRIBUTE}"><saml:AttributeValue>${xmlEscape(options.email)}</saml:AttributeValue></saml:Attribute>`,
    options.name
      ? `<saml:Attribute Name="${NAME_ATTRIBUTE}"><saml:AttributeValue>${xmlEscape(options.name)}</saml:AttributeValue></saml:Attribute>`
      : '',
  ].join('')
  const assertion =
    `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${assertionId}" Version="2.0" IssueInstant="${issuedAt}">` +
    `<saml:Issuer>${xmlEscape(issuer)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">${xmlEscape(options.nameId ?? `nid-${options.email}`)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData${inResponseTo} NotOnOrAfter="${until}" Recipient="${xmlEscape(options.acsUrl)}"/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${notBefore}" NotOnOrAfter="${until}"><saml:AudienceRestriction><saml:Audience>${xmlEscape(options.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${issuedAt}" SessionIndex="${newId()}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` +
    `</saml:Assertion>`
  const response =
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="${newId()}" Version="2.0" IssueInstant="${issuedAt}" Destination="${xmlEscape(options.acsUrl)}"${inResponseTo}>` +
    `<saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">${xmlEscape(issuer)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
    assertion +
    `</samlp:Response>`
  let xml = response
  if (!options.unsigned) {
    const signer = new SignedXml({
      privateKey: options.signWithOtherKey ? OTHER_IDP_KEY : TEST_IDP_KEY,
      canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
      signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    })
    signer.addReference({
      xpath: "//*[local-name(.)='Assertion']",
      digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
      transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
    })
    signer.computeSignature(response, {
      prefix: 'ds',
      location: { reference: "//*[local-name(.)='Assertion']/*[local-name(.)='Issuer']", action: 'after' },
    })
    xml = signer.getSignedXml()
  }
  if (options.tamper) xml = options.tamper(xml)
  return Buffer.from(xml, 'utf8').toString('base64')
}

/** The IdP's metadata, as an admin would download it. */
export function testIdpMetadata(ssoUrl: string): string {
  const body = TEST_IDP_CERT.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '')
  return `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${TEST_IDP_ENTITY_ID}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" WantAuthnRequestsSigned="false">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${body}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>
    </md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${ssoUrl}/post"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${ssoUrl}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`
}
