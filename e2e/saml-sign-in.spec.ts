import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { clockEnvironment } from './clock.ts'
import { expect, expectNoAxeViolations, setUpOrganization, signIn, test } from './fixtures.ts'

// Single sign-on with SAML 2.0 (issue #15 point 2, decision 039) through a real browser: an admin
// chooses SAML, fills the identity provider's settings from its metadata, and signs in through it
// (the test IdP of e2e/saml-idp-process.ts posts a signed assertion to the ACS); an address of a
// domain outside the list is refused with words on the sign-in page.

interface RunningIdp {
  base: string
  ssoUrl: string
  metadataUrl: string
  signInAs(email: string, name?: string): Promise<void>
}

let child: ChildProcess | undefined
test.afterEach(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM')
    await once(child, 'exit')
  }
  child = undefined
})

/** Starts the identity provider on the run's clock. */
async function startIdp(): Promise<RunningIdp> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'saml-idp-process.ts')
  child = spawn(process.execPath, [script], {
    env: { ...process.env, ...clockEnvironment() },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const [line] = (await once(createInterface({ input: child.stdout as NodeJS.ReadableStream }), 'line')) as [string]
  const started = JSON.parse(line) as Omit<RunningIdp, 'signInAs'>
  return {
    ...started,
    async signInAs(email, name = '') {
      const response = await fetch(
        `${started.base}/test-control/sign-in-as/${encodeURIComponent(email)}?name=${encodeURIComponent(name)}`,
        { method: 'POST' },
      )
      expect(response.status).toBe(204)
    },
  }
}

test('an admin sets up SAML single sign-on from the provider metadata, and signs in with "Sign in with <name>"', async ({
  page,
  browser,
  tandemUrl,
}) => {
  test.setTimeout(150_000) // two browsers and three axe scans on a shared machine
  const admin = await setUpOrganization(tandemUrl)
  const idp = await startIdp()
  const domain = admin.email.slice(admin.email.indexOf('@') + 1)

  await signIn(page, admin.email, admin.password)
  const nav = page.getByRole('navigation', { name: 'Main' })
  await nav.getByRole('link', { name: 'Sign-in and provisioning' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Sign-in and provisioning' })).toBeVisible()
  await page.getByRole('combobox', { name: 'Kind of identity provider' }).selectOption('saml')
  // What to give the provider.
  await expect(page.getByText(`${tandemUrl}/api/auth/saml/acs`)).toBeVisible()
  await expect(page.getByText(`${tandemUrl}/api/auth/saml/metadata`).first()).toBeVisible()
  await page.getByRole('checkbox', { name: 'Turn on single sign-on with SAML 2.0' }).check()
  await page.getByRole('textbox', { name: 'Button name' }).fill('Northwind SAML')
  const metadata = await (await fetch(idp.metadataUrl)).text()
  await page.getByRole('textbox', { name: /Identity provider metadata XML/ }).fill(metadata)
  await page.getByRole('button', { name: 'Fill from metadata' }).click()
  await expect(page.getByRole('textbox', { name: 'Identity provider sign-on URL' })).toHaveValue(idp.ssoUrl)
  await page.getByRole('textbox', { name: 'Allowed email domains' }).fill(domain)
  await page.getByRole('button', { name: 'Save sign-in settings' }).click()
  await expect(page.getByText('Sign-in settings saved.')).toBeVisible()
  await expectNoAxeViolations(page)

  const visitor = await browser.newContext({ baseURL: tandemUrl })
  try {
    const other = await visitor.newPage()
    // Refused: the address's domain is not in the list.
    await idp.signInAs('mallory@elsewhere.example')
    await other.goto('/sign-in')
    await other.getByRole('link', { name: 'Sign in with Northwind SAML' }).click()
    await expect(other).toHaveURL(/\/sign-in\?sso_error=sso_domain_not_allowed/)
    await expect(other.getByRole('alert')).toContainText('domain is not allowed')
    await expectNoAxeViolations(other)

    // Signed in as the admin, through the provider's signed assertion.
    await idp.signInAs(admin.email, admin.name)
    await other.getByRole('link', { name: 'Sign in with Northwind SAML' }).click()
    await expect(other.getByRole('heading', { level: 1, name: /^Welcome, / })).toBeVisible()
    const session = await other.request.get('/api/auth/session')
    expect((await session.json()).viewer.email).toBe(admin.email)
    await expectNoAxeViolations(other)
  } finally {
    await visitor.close()
  }

  await nav.getByRole('link', { name: 'Audit log' }).click()
  await expect(page.getByRole('rowheader', { name: 'Account linked to single sign-on' })).toBeVisible()
})
