import { describe, expect, test } from 'vitest'
import { page } from 'vitest/browser'
import { apiError, fakeApi } from '#web/test/fake-api.ts'
import { buildViewer, renderUi } from '#web/test/render.tsx'
import { SignInPage } from './sign-in-page.tsx'

describe('sign-in page: single sign-on', () => {
  test('shows "Sign in with <name>" leading to the start of the single sign-on', async () => {
    fakeApi({
      'GET /api/auth/sign-in-options': {
        singleSignOn: [
          {
            organizationSlug: 'acme',
            displayName: 'Acme ID',
            isRequired: false,
            startUrl: '/api/auth/oidc/start?organization=acme',
          },
        ],
      },
    })
    await renderUi(<SignInPage />)
    await expect
      .element(page.getByRole('link', { name: 'Sign in with Acme ID' }))
      .toHaveAttribute('href', '/api/auth/oidc/start?organization=acme')
    await expect.element(page.getByRole('textbox', { name: 'Email' })).toBeVisible()
    await expect.element(page.getByText('Or sign in with your email and password:')).toBeVisible()
  })

  test('says when passwords are off (single sign-on required), keeping the form for the break-glass admin', async () => {
    fakeApi({
      'GET /api/auth/sign-in-options': {
        singleSignOn: [
          {
            organizationSlug: 'acme',
            displayName: 'Acme ID',
            isRequired: true,
            startUrl: '/api/auth/oidc/start?organization=acme',
          },
        ],
      },
    })
    await renderUi(<SignInPage />)
    await expect
      .element(
        page.getByText('Passwords are turned off for your organization, except for its emergency admin account:'),
      )
      .toBeVisible()
    await expect.element(page.getByRole('button', { name: 'Sign in' })).toBeVisible()
  })

  test('no button without single sign-on; a refused single sign-on is explained', async () => {
    fakeApi({ 'GET /api/auth/sign-in-options': { singleSignOn: [] } })
    await renderUi(<SignInPage ssoError="sso_email_unverified" />)
    await expect
      .element(page.getByRole('alert'))
      .toHaveTextContent(
        'Your identity provider has not verified your email address, so Tandem cannot sign you in with it.',
      )
    await expect.element(page.getByRole('button', { name: 'Sign in' })).toBeVisible()
    expect(page.getByRole('link', { name: /Sign in with/ }).elements()).toHaveLength(0)
  })
})

describe('sign-in page: two-step sign-in (issue #15 point 4)', () => {
  const challenge = { mfaRequired: true, pendingToken: 'pending-1', expiresAt: '2027-04-01T09:05:00.000Z' }
  const session = { viewer: buildViewer(), csrfToken: 'csrf', signInNotice: null, isMfaEnrollmentRequired: false }

  async function passPasswordStep() {
    await page.getByRole('textbox', { name: 'Email' }).fill('ana@example.test')
    await page.getByLabelText('Password').fill('correct horse battery')
    await page.getByRole('button', { name: 'Sign in' }).click()
  }

  test('after the password, asks for the code of the app and sends it with the pending sign-in', async () => {
    const api = fakeApi({
      'GET /api/auth/sign-in-options': { singleSignOn: [] },
      'POST /api/auth/sign-in': challenge,
      'POST /api/auth/sign-in/mfa': apiError(401, 'invalid_mfa_code', 'That code is not right.'),
    })
    await renderUi(<SignInPage />)
    await passPasswordStep()
    await expect.element(page.getByRole('heading', { name: 'Two-step sign-in' })).toBeVisible()
    const codeField = page.getByRole('textbox', { name: 'Code from your authenticator app' })
    await expect.element(codeField).toHaveAttribute('autocomplete', 'one-time-code')
    await codeField.fill('123 456')
    await page.getByRole('button', { name: 'Verify and sign in' }).click()
    await expect.element(page.getByRole('alert')).toHaveTextContent('That code is not right.')
    expect(api.calls.find((call) => call.path === '/api/auth/sign-in/mfa')?.body).toEqual({
      pendingToken: 'pending-1',
      code: '123 456',
    })
    api.on('POST /api/auth/sign-in/mfa', session)
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click()
    await page.getByRole('textbox', { name: 'Recovery code' }).fill('abcde-fghjk')
    await page.getByRole('button', { name: 'Verify and sign in' }).click()
    await expect
      .poll(() => api.calls.filter((call) => call.path === '/api/auth/sign-in/mfa').at(-1)?.body)
      .toEqual({ pendingToken: 'pending-1', code: 'abcde-fghjk' })
  })

  test('an ended pending sign-in goes back to email and password, saying why', async () => {
    fakeApi({
      'GET /api/auth/sign-in-options': { singleSignOn: [] },
      'POST /api/auth/sign-in': challenge,
      'POST /api/auth/sign-in/mfa': apiError(401, 'mfa_pending_expired', 'This sign-in has ended.'),
    })
    await renderUi(<SignInPage />)
    await passPasswordStep()
    await page.getByRole('textbox', { name: 'Code from your authenticator app' }).fill('123456')
    await page.getByRole('button', { name: 'Verify and sign in' }).click()
    await expect.element(page.getByRole('button', { name: 'Sign in' })).toBeVisible()
    await expect.element(page.getByRole('alert')).toHaveTextContent('This sign-in has ended.')
  })
})
