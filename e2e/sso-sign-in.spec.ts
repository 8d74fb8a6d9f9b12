import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import type { TestAccount } from '../src/server/test/oidc-provider.ts'
import { clockEnvironment } from './clock.ts'
import { expect, expectNoAxeViolations, setUpOrganization, signIn, test } from './fixtures.ts'

// Single sign-on with OpenID Connect (issue #15 point 2) through a real browser: an admin sets it up
// against a real OpenID provider (oidc-provider, run here in the journey's process), and signs in
// with it; an address the provider has not verified is refused with words on the sign-in page.

interface RunningProvider {
  issuer: string
  clientId: string
  clientSecret: string
  signInAs(subject: string): Promise<void>
}

let child: ChildProcess | undefined
test.afterEach(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM')
    await once(child, 'exit')
  }
  child = undefined
})

/** Starts the provider on the run's clock (see e2e/oidc-provider-process.ts). */
async function startProvider(redirectUri: string, accounts: Record<string, TestAccount>): Promise<RunningProvider> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'oidc-provider-process.ts')
  child = spawn(process.execPath, [script], {
    env: {
      ...process.env,
      ...clockEnvironment(),
      REDIRECT_URIS: JSON.stringify([redirectUri]),
      ACCOUNTS: JSON.stringify(accounts),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const [line] = (await once(createInterface({ input: child.stdout as NodeJS.ReadableStream }), 'line')) as [string]
  const started = JSON.parse(line) as Omit<RunningProvider, 'signInAs'>
  return {
    ...started,
    async signInAs(subject) {
      const response = await fetch(`${started.issuer}/test-control/sign-in-as/${subject}`, { method: 'POST' })
      expect(response.status).toBe(204)
    },
  }
}

test('an admin sets up single sign-on, and signs in with "Sign in with <name>"', async ({
  page,
  browser,
  tandemUrl,
}) => {
  test.setTimeout(150_000) // two browsers and three axe scans on a shared machine
  const admin = await setUpOrganization(tandemUrl)
  const provider = await startProvider(`${tandemUrl}/api/auth/oidc/callback`, {
    ada: { email: admin.email, email_verified: true, name: admin.name },
    mallory: { email: 'mallory@northwind.example', email_verified: false },
  })

  await signIn(page, admin.email, admin.password)
  const nav = page.getByRole('navigation', { name: 'Main' })
  await nav.getByRole('link', { name: 'Sign-in and provisioning' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Sign-in and provisioning' })).toBeVisible()
  await expect(page.getByText(`${tandemUrl}/api/auth/oidc/callback`)).toBeVisible()
  await page.getByRole('checkbox', { name: /Turn on single sign-on/ }).check()
  await page.getByRole('textbox', { name: 'Button name' }).fill('Northwind ID')
  await page.getByRole('textbox', { name: 'Issuer URL' }).fill(provider.issuer)
  await page.getByRole('textbox', { name: 'Client ID' }).fill(provider.clientId)
  await page.getByLabel('Client secret').fill(provider.clientSecret)
  await page.getByRole('textbox', { name: 'Allowed email domains' }).fill('northwind.example')
  await page.getByRole('button', { name: 'Save sign-in settings' }).click()
  await expect(page.getByText('Sign-in settings saved.')).toBeVisible()
  await expect(page.getByText('A secret is set. Leave this empty to keep it.')).toBeVisible()
  await expectNoAxeViolations(page)

  const visitor = await browser.newContext({ baseURL: tandemUrl })
  try {
    const other = await visitor.newPage()
    // Refused: the provider has not verified this address.
    await provider.signInAs('mallory')
    await other.goto('/sign-in')
    await other.getByRole('link', { name: 'Sign in with Northwind ID' }).click()
    await expect(other.getByRole('alert')).toContainText('has not verified your email address')
    await expect(other).toHaveURL(/\/sign-in\?sso_error=sso_email_unverified/)
    await expectNoAxeViolations(other)

    // Signed in: the provider's verified address is the admin's (after leaving the provider's own
    // session of the refused account, as signing out there would).
    await visitor.clearCookies()
    await provider.signInAs('ada')
    await other.getByRole('link', { name: 'Sign in with Northwind ID' }).click()
    await expect(other.getByRole('heading', { level: 1, name: /^Welcome, / })).toBeVisible()
    await expect(other.getByRole('navigation', { name: 'Main' })).toBeVisible()
    const session = await other.request.get('/api/auth/session')
    expect((await session.json()).viewer.email).toBe(admin.email)
    await expectNoAxeViolations(other)
  } finally {
    await visitor.close()
  }

  // The audit log tells both.
  await nav.getByRole('link', { name: 'Audit log' }).click()
  await expect(page.getByRole('rowheader', { name: 'Account linked to single sign-on' })).toBeVisible()
  await expect(page.getByRole('rowheader', { name: 'Single sign-on settings changed' })).toBeVisible()
})
