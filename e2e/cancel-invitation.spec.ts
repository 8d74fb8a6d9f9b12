import { expect, expectNoAxeViolations, setUpOrganization, signIn, test } from './fixtures.ts'

const mistyped = { name: 'Lin Okafor', email: 'lin.okafr@northwind.example' }

test('an admin cancels an invitation sent to a mistyped address; its link stops working and says so', async ({
  page,
  browser,
  tandemUrl,
}) => {
  const admin = await setUpOrganization(tandemUrl)
  await signIn(page, admin.email, admin.password)
  const nav = page.getByRole('navigation', { name: 'Main' })

  // The admin invites someone, with a typo in the address.
  await nav.getByRole('link', { name: 'People', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible()
  await page.getByRole('button', { name: 'Invite person' }).click()
  const inviteDialog = page.getByRole('dialog', { name: 'Invite a person' })
  await inviteDialog.getByLabel('Name', { exact: true }).fill(mistyped.name)
  await inviteDialog.getByLabel('Email', { exact: true }).fill(mistyped.email)
  await inviteDialog.getByRole('button', { name: 'Send invitation' }).click()
  await expect(inviteDialog).toBeHidden()
  await expect(page.getByRole('status').filter({ hasText: '2 people' })).toBeVisible()

  // The link, as the outbox shows it.
  await nav.getByRole('link', { name: 'Outbox', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Outbox' })).toBeVisible()
  const subject = `${admin.name} invited you to ${admin.organizationName} on Tandem`
  await page.getByRole('row').filter({ hasText: mistyped.email }).getByRole('link', { name: subject }).click()
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible()
  const invitationLink = page.getByRole('link', { name: /\/accept-invitation\?token=/ })
  await expect(invitationLink).toHaveCount(1)
  const invitationUrl = await invitationLink.getAttribute('href')
  expect(invitationUrl).toBeTruthy()

  // The person page tells when the invitation was sent and until when it works.
  await nav.getByRole('link', { name: 'People', exact: true }).click()
  await page.getByRole('link', { name: mistyped.name }).click()
  await expect(page.getByRole('heading', { level: 1, name: mistyped.name })).toBeVisible()
  await expect(page.getByText(`Invitation sent`)).toContainText(`by ${admin.name}`)
  await expect(page.getByText(/the link works until/)).toBeVisible()
  await expect(page.getByRole('button', { name: 'Send invitation again' })).toBeVisible()
  await expectNoAxeViolations(page)

  // Cancel asks first; dismissing changes nothing.
  await page.getByRole('button', { name: 'Cancel invitation' }).click()
  const confirm = page.getByRole('dialog', { name: `Cancel the invitation to ${mistyped.name}?` })
  await expect(confirm).toBeVisible()
  await expect(confirm).toContainText(`The link sent to ${mistyped.email} stops working at once`)
  await expectNoAxeViolations(page)
  await confirm.getByRole('button', { name: 'Cancel', exact: true }).click()
  await expect(confirm).toBeHidden()
  await expect(page.getByRole('heading', { level: 1, name: mistyped.name })).toBeVisible()

  await page.getByRole('button', { name: 'Cancel invitation' }).click()
  await confirm.getByRole('button', { name: 'Cancel invitation' }).click()
  await expect(confirm).toBeHidden()
  const heading = page.getByRole('heading', { level: 1, name: 'Invitation cancelled' })
  await expect(heading).toBeVisible()
  await expect(heading).toBeFocused()
  await expect(
    page.getByRole('status').filter({ hasText: `The invitation to ${mistyped.email} is cancelled` }),
  ).toBeVisible()
  await expectNoAxeViolations(page)

  // The person has left the directory.
  await page.getByRole('main').getByRole('link', { name: 'Back to people' }).first().click()
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: '1 person' })).toBeVisible()
  await expect(page.getByRole('link', { name: mistyped.name })).toHaveCount(0)

  // The link from the outbox no longer works, and the page says why it might not.
  const strangerContext = await browser.newContext({ baseURL: tandemUrl })
  try {
    const stranger = await strangerContext.newPage()
    await stranger.goto(invitationUrl as string)
    await expect(stranger.getByText('This invitation link no longer works')).toBeVisible()
    await expect(stranger.getByText(/was cancelled by an administrator/)).toBeVisible()
    await expect(stranger.getByRole('button', { name: 'Accept invitation' })).toHaveCount(0)
    await expectNoAxeViolations(stranger)
  } finally {
    await strangerContext.close()
  }

  // The address can be invited again.
  await page.getByRole('button', { name: 'Invite person' }).click()
  await inviteDialog.getByLabel('Name', { exact: true }).fill(mistyped.name)
  await inviteDialog.getByLabel('Email', { exact: true }).fill(mistyped.email)
  await inviteDialog.getByRole('button', { name: 'Send invitation' }).click()
  await expect(inviteDialog).toBeHidden()
  await expect(page.getByRole('status').filter({ hasText: '2 people' })).toBeVisible()
  await expect(page.getByRole('link', { name: mistyped.name })).toBeVisible()
})
