import { describe, expect, test } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import type { Person } from '#contracts/people.ts'
import type { OidcSettings } from '#contracts/sso.ts'
import { apiError, fakeApi } from '#web/test/fake-api.ts'
import { renderUi } from '#web/test/render.tsx'
import { SignInSettingsPage } from './sign-in-settings-page.tsx'

const adminId = '00000000-0000-4000-8000-0000000000a1'

function buildSettings(overrides: Partial<OidcSettings> = {}): OidcSettings {
  return {
    protocol: 'oidc',
    isEnabled: false,
    displayName: '',
    issuerUrl: '',
    clientId: '',
    isClientSecretSet: false,
    allowedDomains: [],
    isJitEnabled: false,
    isSsoRequired: false,
    breakGlassPersonId: null,
    redirectUri: 'https://tandem.example.com/api/auth/oidc/callback',
    saml: {
      idpSsoUrl: '',
      idpEntityId: '',
      idpCertificates: '',
      spEntityId: 'https://tandem.example.com/api/auth/saml/metadata',
      acsUrl: 'https://tandem.example.com/api/auth/saml/acs',
      metadataUrl: 'https://tandem.example.com/api/auth/saml/metadata',
    },
    updatedAt: null,
    ...overrides,
  }
}

const admin: Person = {
  id: adminId,
  email: 'ada@acme.com',
  employeeId: null,
  name: 'Ada Admin',
  role: 'admin',
  status: 'active',
  access: { status: 'active', invitedUntil: null },
  title: '',
  department: '',
  location: '',
  timeZone: 'UTC',
  locale: null,
  languages: [],
  seniority: 3,
  managerId: null,
  managerName: null,
  skillsOffered: [],
  skillsWanted: [],
  workingHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
  leftOn: null,
  deactivatedAt: null,
  erasedAt: null,
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
}

// The page's SCIM card (tested in scim-provisioning-card.component.test.tsx) reads this.
const noScim = { baseUrl: 'https://tandem.example.com/scim/v2', token: null }

const admins = { people: [admin], total: 1, isTotalCapped: false, limit: 100, nextCursor: null, previousCursor: null }

describe('Administration > Sign-in and provisioning', () => {
  test('an admin turns single sign-on on; the secret is sent once and then only said to be set', async () => {
    const saved = buildSettings({
      isEnabled: true,
      displayName: 'Acme ID',
      issuerUrl: 'https://login.acme.com',
      clientId: 'tandem',
      isClientSecretSet: true,
      allowedDomains: ['acme.com', 'acme.co.uk'],
      isSsoRequired: true,
      breakGlassPersonId: adminId,
      updatedAt: '2030-01-01T10:00:00.000Z',
    })
    const api = fakeApi({
      'GET /api/organization/scim': noScim,
      'GET /api/organization/oidc': buildSettings(),
      'GET /api/people': admins,
      'PUT /api/organization/oidc': saved,
    })
    await renderUi(<SignInSettingsPage />)
    await expect.element(page.getByText('https://tandem.example.com/api/auth/oidc/callback')).toBeVisible()
    await userEvent.click(page.getByRole('checkbox', { name: /Turn on single sign-on/ }))
    await userEvent.fill(page.getByRole('textbox', { name: 'Button name' }), 'Acme ID')
    await userEvent.fill(page.getByRole('textbox', { name: 'Issuer URL' }), 'https://login.acme.com')
    await userEvent.fill(page.getByRole('textbox', { name: 'Client ID' }), 'tandem')
    await userEvent.fill(page.getByLabelText('Client secret'), 's3cret-value')
    await userEvent.fill(page.getByRole('textbox', { name: 'Allowed email domains' }), 'acme.com, acme.co.uk')
    await userEvent.click(page.getByRole('checkbox', { name: /Require single sign-on/ }))
    await userEvent.selectOptions(page.getByRole('combobox', { name: 'Break-glass admin' }), adminId)
    await userEvent.click(page.getByRole('button', { name: 'Save sign-in settings' }))
    await expect.element(page.getByText('Sign-in settings saved.')).toBeVisible()
    expect(api.callsTo('PUT /api/organization/oidc')[0]?.body).toEqual({
      protocol: 'oidc',
      isEnabled: true,
      displayName: 'Acme ID',
      issuerUrl: 'https://login.acme.com',
      clientId: 'tandem',
      clientSecret: 's3cret-value',
      allowedDomains: ['acme.com', 'acme.co.uk'],
      isJitEnabled: false,
      isSsoRequired: true,
      breakGlassPersonId: adminId,
    })
    await expect.element(page.getByLabelText('Client secret')).toHaveValue('')
    await expect.element(page.getByText('A secret is set. Leave this empty to keep it.')).toBeVisible()
  })

  test('bad values are named next to their field, and the server refusal too', async () => {
    const api = fakeApi({
      'GET /api/organization/scim': noScim,
      'GET /api/organization/oidc': buildSettings({
        isEnabled: true,
        displayName: 'Acme ID',
        issuerUrl: 'https://login.acme.com',
        clientId: 'tandem',
        isClientSecretSet: true,
        allowedDomains: ['acme.com'],
      }),
      'GET /api/people': admins,
      'PUT /api/organization/oidc': apiError(422, 'oidc_discovery_failed', 'The discovery document could not be read', [
        { path: 'body.issuerUrl', message: 'has no readable OpenID Connect discovery document' },
      ]),
    })
    await renderUi(<SignInSettingsPage />)
    const domains = page.getByRole('textbox', { name: 'Allowed email domains' })
    await userEvent.fill(domains, 'not a domain!')
    await userEvent.click(page.getByRole('button', { name: 'Save sign-in settings' }))
    await expect.element(domains).toHaveAttribute('aria-invalid', 'true')
    expect(api.writes).toEqual([])
    await userEvent.fill(domains, 'acme.com')
    await userEvent.click(page.getByRole('button', { name: 'Save sign-in settings' }))
    await expect.element(page.getByText('Issuer URL has no readable OpenID Connect discovery document')).toBeVisible()
    // The saved secret is kept: none is sent.
    expect(api.callsTo('PUT /api/organization/oidc')[0]?.body).not.toHaveProperty('clientSecret')
  })

  test('an admin chooses SAML: the values to give the provider are shown, metadata fills the fields, the save sends SAML', async () => {
    const certificate = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n'
    const samlSaved = buildSettings({ protocol: 'saml', isEnabled: true, displayName: 'Acme SAML' })
    const api = fakeApi({
      'GET /api/organization/scim': noScim,
      'GET /api/organization/oidc': buildSettings(),
      'GET /api/people': admins,
      'POST /api/organization/saml/metadata': {
        idpSsoUrl: 'https://login.acme.com/saml2',
        idpEntityId: 'https://sts.acme.com/tenant/',
        idpCertificates: certificate,
      },
      'PUT /api/organization/oidc': samlSaved,
    })
    await renderUi(<SignInSettingsPage />)
    await userEvent.selectOptions(page.getByRole('combobox', { name: 'Kind of identity provider' }), 'saml')
    // The OpenID Connect fields give way to SAML's, with Tandem's values to copy.
    await expect.element(page.getByRole('textbox', { name: 'Client ID' })).not.toBeInTheDocument()
    await expect.element(page.getByText('https://tandem.example.com/api/auth/saml/acs')).toBeVisible()
    await expect.element(page.getByText('https://tandem.example.com/api/auth/saml/metadata').first()).toBeVisible()
    await userEvent.click(page.getByRole('checkbox', { name: 'Turn on single sign-on with SAML 2.0' }))
    await userEvent.fill(page.getByRole('textbox', { name: 'Button name' }), 'Acme SAML')
    await userEvent.fill(
      page.getByRole('textbox', { name: /Identity provider metadata XML/ }),
      '<md:EntityDescriptor/>',
    )
    await userEvent.click(page.getByRole('button', { name: 'Fill from metadata' }))
    await expect
      .element(page.getByRole('textbox', { name: 'Identity provider sign-on URL' }))
      .toHaveValue('https://login.acme.com/saml2')
    await expect
      .element(page.getByRole('textbox', { name: 'Identity provider entity ID' }))
      .toHaveValue('https://sts.acme.com/tenant/')
    await userEvent.fill(page.getByRole('textbox', { name: 'Allowed email domains' }), 'acme.com')
    await userEvent.click(page.getByRole('button', { name: 'Save sign-in settings' }))
    await expect.element(page.getByText('Sign-in settings saved.')).toBeVisible()
    expect(api.callsTo('POST /api/organization/saml/metadata')[0]?.body).toEqual({
      metadataXml: '<md:EntityDescriptor/>',
    })
    expect(api.callsTo('PUT /api/organization/oidc')[0]?.body).toEqual({
      protocol: 'saml',
      isEnabled: true,
      displayName: 'Acme SAML',
      idpSsoUrl: 'https://login.acme.com/saml2',
      idpEntityId: 'https://sts.acme.com/tenant/',
      idpCertificates: certificate,
      allowedDomains: ['acme.com'],
      isJitEnabled: false,
      isSsoRequired: false,
      breakGlassPersonId: null,
    })
  })

  test('a SAML certificate that is not PEM is named next to its field before anything is sent', async () => {
    const api = fakeApi({
      'GET /api/organization/scim': noScim,
      'GET /api/organization/oidc': buildSettings({
        protocol: 'saml',
        displayName: 'Acme SAML',
        allowedDomains: ['acme.com'],
      }),
      'GET /api/people': admins,
    })
    await renderUi(<SignInSettingsPage />)
    await userEvent.fill(
      page.getByRole('textbox', { name: 'Identity provider sign-on URL' }),
      'https://login.acme.com/saml2',
    )
    await userEvent.fill(page.getByRole('textbox', { name: 'Identity provider entity ID' }), 'https://sts.acme.com/')
    const certificate = page.getByRole('textbox', { name: 'Identity provider signing certificate' })
    await userEvent.fill(certificate, 'not a certificate')
    await userEvent.click(page.getByRole('button', { name: 'Save sign-in settings' }))
    await expect.element(certificate).toHaveAttribute('aria-invalid', 'true')
    expect(api.writes).toEqual([])
  })
})
