import { expect, expectNoAxeViolations, setUpOrganization, signIn, test } from './fixtures.ts'

// Issue #15 point 5: an admin creates an API token for an integration, sees its secret once, the
// integration lists people with it (and nothing else), and the admin revokes it.
test('an admin creates an API token, sees it once, an integration lists people with it, and the admin revokes it', async ({
  page,
  tandemUrl,
}) => {
  const admin = await setUpOrganization(tandemUrl)
  await signIn(page, admin.email, admin.password)

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API tokens', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'API tokens' })).toBeVisible()
  await expect(page.getByText('No API tokens yet')).toBeVisible()
  await expectNoAxeViolations(page)

  // Keyboard: the button opens the dialog; the form asks for a scope before sending.
  await page.getByRole('button', { name: 'Create token' }).focus()
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: 'Create an API token' })
  await expect(dialog).toBeVisible()
  await dialog.getByLabel('Name').fill('HR system sync')
  await dialog.getByRole('button', { name: 'Create token' }).click()
  await expect(dialog.getByText('choose at least one scope')).toBeVisible()
  await dialog.getByRole('checkbox', { name: /^Read people/ }).check()
  await dialog.getByLabel('Expires after').selectOption({ label: '30 days' })
  await expectNoAxeViolations(page)
  await dialog.getByRole('button', { name: 'Create token' }).click()

  const shown = page.getByRole('dialog', { name: 'Your new API token' })
  const secretField = shown.getByLabel('Token for HR system sync')
  await expect(secretField).toBeFocused()
  const secret = await secretField.inputValue()
  expect(secret).toMatch(/^tdm_[\w-]{43}$/)
  await expect(shown.getByRole('button', { name: 'Copy token' })).toBeVisible()
  await expectNoAxeViolations(page)
  await shown.getByRole('button', { name: 'Done' }).click()
  await expect(shown).toBeHidden()
  await expect(page.getByText('HR system sync is created. Its secret is not shown again.')).toBeVisible()

  const table = page.getByRole('table', { name: 'API tokens' })
  const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /HR system sync/ }) })
  await expect(row).toContainText('Read people')
  await expect(row).toContainText('Active')
  await expect(row.getByRole('cell').nth(2)).toHaveText('Never')
  // The secret is nowhere on the page any more, only its first characters.
  expect(await page.content()).not.toContain(secret)
  await expect(row).toContainText(`${secret.slice(0, 8)}…`)

  // The integration: a plain HTTP client with the token, no cookie, no CSRF token.
  const bearer = { authorization: `Bearer ${secret}` }
  const people = await fetch(`${tandemUrl}/api/people`, { headers: bearer })
  expect(people.status).toBe(200)
  const listed = (await people.json()) as { people: { id: string; name: string }[] }
  expect(listed.people.map((person) => person.name)).toContain(admin.name)
  const write = await fetch(`${tandemUrl}/api/people/${listed.people[0]?.id}`, {
    method: 'PATCH',
    headers: { ...bearer, 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Set by a token' }),
  })
  expect(write.status).toBe(403)
  expect((await fetch(`${tandemUrl}/api/me/matches`, { headers: bearer })).status).toBe(403)

  await page.reload()
  await expect(row.getByRole('cell').nth(2)).not.toHaveText('Never')

  await row.getByRole('button', { name: 'Revoke HR system sync' }).click()
  const confirm = page.getByRole('dialog', { name: 'Revoke HR system sync?' })
  await expect(confirm).toBeVisible()
  await expectNoAxeViolations(page)
  await confirm.getByRole('button', { name: 'Revoke token' }).click()
  await expect(page.getByText('HR system sync is revoked: it no longer works.')).toBeVisible()
  await expect(row).toContainText('Revoked')
  await expect(row.getByRole('button', { name: 'Revoke HR system sync' })).toHaveCount(0)
  expect((await fetch(`${tandemUrl}/api/people`, { headers: bearer })).status).toBe(401)
  await expectNoAxeViolations(page)
})
