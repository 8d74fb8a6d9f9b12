import { expect, expectNoAxeViolations, test } from './fixtures.ts'

const admin = {
  organizationName: 'Acme Robotics',
  name: 'Grace Hopper',
  email: 'grace@acme.example',
  password: 'a long and memorable passphrase',
}

test('a fresh instance is set up from the browser and its admin signs in', async ({ page }) => {
  // A fresh instance leads every page to set-up.
  await page.goto('/')
  await expect(page).toHaveURL(/\/setup$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Set up Tandem' })).toBeVisible()
  await expectNoAxeViolations(page)

  await page.getByLabel('Organization name').fill(admin.organizationName)
  await page.getByLabel('Your name').fill(admin.name)
  await page.getByLabel('Email', { exact: true }).fill(admin.email)
  await page.getByLabel('Password', { exact: true }).fill(admin.password)
  await page.getByRole('button', { name: 'Create organization' }).click()

  // Home, signed in as the admin, with the admin navigation.
  await expect(page).toHaveURL(/\/$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome, Grace' })).toBeVisible()
  await expect(page.getByRole('banner')).toContainText(`Signed in as ${admin.name}`)
  await expect(page.getByRole('banner')).toContainText(admin.organizationName)
  const nav = page.getByRole('navigation', { name: 'Main' })
  for (const item of ['Home', 'My profile', 'People', 'Import', 'Skills', 'Outbox', 'Organization settings']) {
    await expect(nav.getByRole('link', { name: item, exact: true })).toBeVisible()
  }
  await expectNoAxeViolations(page)

  // Set-up happens once: the page now leads home.
  await page.goto('/setup')
  await expect(page).toHaveURL(/\/$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome, Grace' })).toBeVisible()

  // The session survives a reload.
  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome, Grace' })).toBeVisible()
  await expect(nav.getByRole('link', { name: 'Outbox', exact: true })).toBeVisible()

  // Sign out, then back in.
  await page.getByRole('button', { name: 'Sign out', exact: true }).click()
  await expect(page).toHaveURL(/\/sign-in$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
  await expectNoAxeViolations(page)
  // Signed out for real: a signed-in page leads back to sign-in.
  await page.goto('/people')
  await expect(page).toHaveURL(/\/sign-in\?redirect=/)
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()

  await page.getByLabel('Email', { exact: true }).fill(admin.email)
  await page.getByLabel('Password', { exact: true }).fill(admin.password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  // Back to the page that asked for sign-in.
  await expect(page).toHaveURL(/\/people$/)
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible()
  await expect(page.getByRole('banner')).toContainText(`Signed in as ${admin.name}`)
})
