import { Secret, TOTP } from 'otpauth'
import { e2eNow } from './clock.ts'
import { expect, expectNoAxeViolations, setUpOrganization, signIn, test } from './fixtures.ts'

/** The code an authenticator app shows for the secret, `stepsAhead` 30-second steps from the run's clock. */
function codeFor(secret: string, stepsAhead = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: e2eNow() + stepsAhead * 30_000,
  })
}

test('an admin requires two-step sign-in, is held at set-up after the password, then sign-in asks for the code; a recovery code works once', async ({
  page,
  tandemUrl,
}) => {
  test.setTimeout(120_000)
  const admin = await setUpOrganization(tandemUrl)
  await signIn(page, admin.email, admin.password)

  // The admin requires two-step sign-in of admins and program managers (Organization settings).
  await page.goto('/organization')
  await page
    .getByRole('checkbox', { name: 'Require two-step sign-in (an authenticator app) for admins and program managers' })
    .check()
  await expect(page.getByRole('region', { name: 'Two-step sign-in' }).getByText('Saved.')).toBeVisible()
  await expectNoAxeViolations(page)
  await page.getByRole('button', { name: 'Sign out' }).click()

  // Their next password sign-in is held at the set-up step: scan the QR code (here: read the key), confirm.
  await page.goto('/sign-in')
  await page.getByLabel('Email', { exact: true }).fill(admin.email)
  await page.getByLabel('Password', { exact: true }).fill(admin.password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Set up two-step sign-in' })).toBeVisible()
  const security = page.getByRole('region', { name: 'Sign-in security' })
  await security.getByRole('button', { name: 'Set up an authenticator app' }).click()
  await expect(security.getByRole('img', { name: 'QR code to add Tandem to your authenticator app' })).toBeVisible()
  await expectNoAxeViolations(page)
  const secret = (await security.getByTestId('totp-secret').textContent()) ?? ''
  expect(secret).toMatch(/^[A-Z2-7]{32}$/)
  await security.getByLabel('Code from your authenticator app').fill(codeFor(secret))
  await security.getByRole('button', { name: 'Turn on two-step sign-in' }).click()
  const codes = security.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem')
  await expect(codes).toHaveCount(10)
  const recoveryCode = (await codes.first().textContent()) ?? ''
  await expectNoAxeViolations(page)
  await security.getByRole('button', { name: 'I have saved my recovery codes' }).click()
  // Set up: the app opens (on the profile page, where the set-up step was shown).
  await expect(page.getByRole('heading', { level: 1, name: 'My profile' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Sign-in security' }).getByText(/10 recovery codes left/)).toBeVisible()
  await expectNoAxeViolations(page)
  await page.getByRole('button', { name: 'Sign out' }).click()

  // The password alone no longer signs in: the code of the next step does (the first one is spent).
  await page.goto('/sign-in')
  await page.getByLabel('Email', { exact: true }).fill(admin.email)
  await page.getByLabel('Password', { exact: true }).fill(admin.password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Two-step sign-in' })).toBeVisible()
  await expectNoAxeViolations(page)
  await page.getByLabel('Code from your authenticator app').fill(codeFor(secret, 1))
  await page.getByRole('button', { name: 'Verify and sign in' }).click()
  await expect(page.getByRole('heading', { level: 1, name: /^Welcome, / })).toBeVisible()
  await page.getByRole('button', { name: 'Sign out' }).click()

  // A recovery code works once.
  for (const attempt of ['first', 'second']) {
    await page.goto('/sign-in')
    await page.getByLabel('Email', { exact: true }).fill(admin.email)
    await page.getByLabel('Password', { exact: true }).fill(admin.password)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click()
    await page.getByLabel('Recovery code').fill(recoveryCode)
    await page.getByRole('button', { name: 'Verify and sign in' }).click()
    if (attempt === 'first') {
      await expect(page.getByRole('heading', { level: 1, name: /^Welcome, / })).toBeVisible()
      await page.getByRole('button', { name: 'Sign out' }).click()
    } else {
      await expect(page.getByRole('alert')).toContainText('That code is not right')
      await expectNoAxeViolations(page)
    }
  }
})
