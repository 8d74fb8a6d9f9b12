import { describe, expect, test } from 'vitest'
import { page } from 'vitest/browser'
import { fakeApi } from '#web/test/fake-api.ts'
import { renderUi } from '#web/test/render.tsx'
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
