import { expect, expectNoAxeViolations, setUpOrganization, signIn, test } from './fixtures.ts'

const scimUsers = (tandemUrl: string, token: string, init: RequestInit = {}) =>
  fetch(`${tandemUrl}/scim/v2/Users`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json', ...init.headers },
  })

test('an admin creates a SCIM token (shown once), the identity provider uses it, the admin rotates and revokes it', async ({
  page,
  tandemUrl,
}) => {
  const admin = await setUpOrganization(tandemUrl)
  await signIn(page, admin.email, admin.password)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign-in and provisioning' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Sign-in and provisioning' })).toBeVisible()
  await expect(page.getByText(/\/scim\/v2$/)).toBeVisible()
  await expect(page.getByText('None: provisioning is off')).toBeVisible()

  await page.getByRole('button', { name: 'Create token' }).click()
  const secretField = page.getByRole('textbox', { name: 'New SCIM token' })
  await expect(secretField).toHaveValue(/^tandem_scim_/)
  const token = await secretField.inputValue()
  await expectNoAxeViolations(page)

  // The identity provider creates a person with it.
  const created = await scimUsers(tandemUrl, token, {
    method: 'POST',
    body: JSON.stringify({ userName: 'river.song@example.test', name: { givenName: 'River', familyName: 'Song' } }),
  })
  expect(created.status).toBe(201)
  await page.reload()
  await expect(page.getByText(/last used/)).toBeVisible()
  await expect(page.getByRole('textbox', { name: 'New SCIM token' })).toHaveCount(0)

  // Rotating (confirmed in a dialog, by keyboard) ends the old token at once.
  await page.getByRole('button', { name: 'Rotate token' }).focus()
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: 'Rotate the SCIM token?' })
  await expect(dialog).toBeVisible()
  await expectNoAxeViolations(page)
  await dialog.getByRole('button', { name: 'Rotate token' }).click()
  await expect(secretField).not.toHaveValue(token)
  const rotated = await secretField.inputValue()
  expect((await scimUsers(tandemUrl, token)).status).toBe(401)
  expect((await scimUsers(tandemUrl, rotated)).status).toBe(200)

  await page.getByRole('button', { name: 'Revoke token' }).click()
  await page
    .getByRole('dialog', { name: 'Revoke the SCIM token?' })
    .getByRole('button', { name: 'Revoke token' })
    .click()
  await expect(page.getByText('None: provisioning is off')).toBeVisible()
  expect((await scimUsers(tandemUrl, rotated)).status).toBe(401)
  await expectNoAxeViolations(page)
})
