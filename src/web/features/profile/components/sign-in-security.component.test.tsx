import { describe, expect, test } from 'vitest'
import { page } from 'vitest/browser'
import { apiError, fakeApi, status } from '#web/test/fake-api.ts'
import { renderUi } from '#web/test/render.tsx'
import { SignInSecurity } from './sign-in-security.tsx'

const setup = {
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  otpauthUri: 'otpauth://totp/Tandem:ana%40example.test?issuer=Tandem&secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  qrCodeDataUrl: 'data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=',
}
const codes = Array.from({ length: 10 }, (_, i) => `abcde-fgh${String(i).padStart(2, '0')}`)

describe('sign-in security (two-step sign-in, issue #15 point 4)', () => {
  test('sets up an authenticator app: QR code and key, a wrong code is explained, a right one shows the recovery codes once', async () => {
    const api = fakeApi({
      'GET /api/auth/mfa': { isEnabled: false, recoveryCodesLeft: 0, isRequired: false },
      'POST /api/auth/mfa/setup': setup,
      'POST /api/auth/mfa/confirm': apiError(400, 'validation_failed', 'That code is not right.', [
        { path: 'body.code', message: 'is not the current code' },
      ]),
      'GET /api/auth/session': status(401, { error: { code: 'unauthenticated', message: 'Sign in', details: [] } }),
    })
    await renderUi(<SignInSecurity />)
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click()
    await expect
      .element(page.getByRole('img', { name: 'QR code to add Tandem to your authenticator app' }))
      .toBeVisible()
    await expect.element(page.getByTestId('totp-secret')).toHaveTextContent(setup.secret)
    const field = page.getByRole('textbox', { name: 'Code from your authenticator app' })
    await field.fill('000000')
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click()
    await expect.element(page.getByText(/not right/).first()).toBeVisible()
    api.on('POST /api/auth/mfa/confirm', { recoveryCodes: codes })
    api.on('GET /api/auth/mfa', { isEnabled: true, recoveryCodesLeft: 10, isRequired: false })
    await field.fill('123456')
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click()
    await expect.element(page.getByRole('list', { name: 'Recovery codes' })).toBeVisible()
    expect(page.getByRole('listitem').elements()).toHaveLength(10)
    expect(
      api.calls.find(
        (call) => call.path === '/api/auth/mfa/confirm' && (call.body as { code: string }).code === '123456',
      ),
    ).toBeDefined()
    await page.getByRole('button', { name: 'I have saved my recovery codes' }).click()
    await expect.element(page.getByText(/10 recovery codes left/)).toBeVisible()
  })

  test('turning it off sends the code typed', async () => {
    const api = fakeApi({
      'GET /api/auth/mfa': { isEnabled: true, recoveryCodesLeft: 7, isRequired: false },
      'POST /api/auth/mfa/disable': status(204),
    })
    await renderUi(<SignInSecurity />)
    await expect.element(page.getByText(/7 recovery codes left/)).toBeVisible()
    await page.getByRole('textbox', { name: /Code from your app or a recovery code/ }).fill('654321')
    await page.getByRole('button', { name: 'Turn off two-step sign-in' }).click()
    await expect
      .poll(() => api.calls.find((call) => call.path === '/api/auth/mfa/disable')?.body)
      .toEqual({ code: '654321' })
  })
})
