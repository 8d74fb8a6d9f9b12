import { expect, test } from 'vitest'
import { testConfig } from '#server/config.ts'
import { OTHER_IDP_CERT, TEST_IDP_CERT } from '#server/test/saml-idp.ts'
import { parseCertificates, parseIdpMetadata, responseEnvelopeOf, spMetadataXml } from './saml-client.ts'

const body = (pem: string) => pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '')

test("an aggregate's identity provider is found; only its signing certificates, in PEM, are read", () => {
  const xml = `<?xml version="1.0"?>
<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
  <md:EntityDescriptor entityID="https://sp.example/"><md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/></md:EntityDescriptor>
  <md:EntityDescriptor entityID="https://sts.windows.net/tenant/">
    <md:RoleDescriptor><md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>IGNORED</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor></md:RoleDescriptor>
    <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
      <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${body(TEST_IDP_CERT)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
      <md:KeyDescriptor><ds:KeyInfo><ds:X509Data><ds:X509Certificate>
        ${body(OTHER_IDP_CERT)}
      </ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
      <md:KeyDescriptor use="encryption"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>ENCRYPTION</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
      <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://login.example/post"/>
      <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://login.example/saml2"/>
    </md:IDPSSODescriptor>
  </md:EntityDescriptor>
</md:EntitiesDescriptor>`
  const parsed = parseIdpMetadata(xml)
  expect(parsed).toMatchObject({
    idpEntityId: 'https://sts.windows.net/tenant/',
    idpSsoUrl: 'https://login.example/saml2',
  })
  const certificates = parseCertificates(parsed?.idpCertificates ?? '')
  expect(certificates.error).toBeNull()
  expect(certificates.pems.map(body)).toEqual([body(TEST_IDP_CERT), body(OTHER_IDP_CERT)])
})

test('text that is not identity provider metadata gives null', () => {
  expect(parseIdpMetadata('not xml at all')).toBeNull()
  expect(parseIdpMetadata('<html><body>login</body></html>')).toBeNull()
  expect(parseCertificates('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----').error).not.toBeNull()
})

test('the SP metadata names the entity id and the ACS, wants signed assertions and signs no requests', async () => {
  const xml = await spMetadataXml(testConfig({ publicUrl: 'https://tandem.example.com' }))
  expect(xml).toContain('entityID="https://tandem.example.com/api/auth/saml/metadata"')
  expect(xml).toContain('Location="https://tandem.example.com/api/auth/saml/acs"')
  expect(xml).toContain('WantAssertionsSigned="true"')
  expect(xml).toContain('AuthnRequestsSigned="false"')
  expect(await spMetadataXml(testConfig({ publicUrl: 'https://tandem.example.com' }))).toBe(xml)
})

test("a response's envelope is read without trusting it; garbage gives nulls", () => {
  const response = Buffer.from(
    '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" Destination="https://a/acs" InResponseTo="_r1"/>',
  ).toString('base64')
  expect(responseEnvelopeOf(response)).toEqual({ destination: 'https://a/acs', inResponseTo: '_r1' })
  expect(responseEnvelopeOf('%%%')).toEqual({ destination: null, inResponseTo: null })
})
