import { expect, expectNoAxeViolations, setUpOrganization, signIn, test } from './fixtures.ts'

const member = { name: 'Lin Okafor', email: 'lin.okafor@northwind.example', password: 'a long first password' }

test("an admin never sees a member's reset link, resets the member's sign-in instead, and the member is told", async ({
  page,
  browser,
  tandemUrl,
}) => {
  test.setTimeout(180_000) // two browsers, four axe scans, a job to wait for, on a shared machine
  const admin = await setUpOrganization(tandemUrl)
  await signIn(page, admin.email, admin.password)
  const nav = page.getByRole('navigation', { name: 'Main' })

  // The admin invites a member; the mail catcher shows the invitation link (how people join without SMTP).
  await nav.getByRole('link', { name: 'People', exact: true }).click()
  await page.getByRole('button', { name: 'Invite person' }).click()
  const inviteDialog = page.getByRole('dialog', { name: 'Invite a person' })
  await inviteDialog.getByLabel('Name', { exact: true }).fill(member.name)
  await inviteDialog.getByLabel('Email', { exact: true }).fill(member.email)
  await inviteDialog.getByRole('button', { name: 'Send invitation' }).click()
  await expect(inviteDialog).toBeHidden()
  await nav.getByRole('link', { name: 'Outbox', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Outbox' })).toBeVisible()
  await expect(page.getByText('Development mail catcher: no email is delivered')).toBeVisible()
  const invitationSubject = `${admin.name} invited you to ${admin.organizationName} on Tandem`
  await page.getByRole('link', { name: invitationSubject }).click()
  const invitationUrl = await page.getByRole('link', { name: /\/accept-invitation\?token=/ }).getAttribute('href')
  expect(invitationUrl).toBeTruthy()

  const memberContext = await browser.newContext({ baseURL: tandemUrl })
  try {
    const person = await memberContext.newPage()
    await person.goto(invitationUrl as string)
    await person.getByLabel('Password', { exact: true }).fill(member.password)
    await person.getByRole('button', { name: 'Accept invitation' }).click()
    await expect(person.getByRole('heading', { level: 1, name: /^Welcome, / })).toBeVisible()

    // Someone (the admin, say) asks for the member's password reset: the outbox never shows that link.
    const asked = await page.request.post('/api/auth/password-reset', { data: { email: member.email } })
    expect(asked.status()).toBe(202)
    await expect(async () => {
      await page.goto('/outbox')
      await expect(page.getByRole('row').filter({ hasText: 'Reset your Tandem password' })).toHaveCount(1, {
        timeout: 1000,
      })
    }).toPass({ timeout: 15_000 })
    const resetRow = page.getByRole('row').filter({ hasText: 'Reset your Tandem password' })
    await expect(resetRow).toContainText('Hidden: a password-reset link for someone else')
    await expectNoAxeViolations(page)
    await resetRow.getByRole('link', { name: 'Reset your Tandem password' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Reset your Tandem password' })).toBeVisible()
    await expect(page.getByText('Hidden: a password-reset link for someone else')).toBeVisible()
    await expect(page.getByRole('link', { name: /reset-password\?token=/ })).toHaveCount(0)
    await expect(page.locator('body')).not.toContainText('token=')
    await expectNoAxeViolations(page)

    // The member cannot get in: the admin resets their sign-in, after a dialog that says what happens.
    await nav.getByRole('link', { name: 'People', exact: true }).click()
    await page.getByRole('link', { name: member.name }).click()
    await expect(page.getByRole('heading', { level: 1, name: member.name })).toBeVisible()
    await page.getByRole('button', { name: 'Reset sign-in' }).click()
    const confirm = page.getByRole('dialog', { name: `Reset ${member.name}'s sign-in?` })
    await expect(confirm).toContainText('sign them out on every device')
    await expect(confirm).toContainText('record in the audit log')
    await expectNoAxeViolations(page)
    await confirm.getByRole('button', { name: 'Reset sign-in' }).click()
    await expect(confirm).toBeHidden()
    await expect(page.getByText(`${member.name}'s sign-in is reset`)).toBeVisible()
    await expectNoAxeViolations(page)

    // Signed out everywhere: the member's open browser is sent to sign in.
    await person.reload()
    await expect(person.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible()

    // The new set-password link is in the mail catcher, where the admin passes it on.
    await nav.getByRole('link', { name: 'Outbox', exact: true }).click()
    await page.getByRole('link', { name: 'Your Tandem sign-in was reset: choose a new password' }).click()
    const resetUrl = await page.getByRole('link', { name: /\/reset-password\?token=/ }).getAttribute('href')
    expect(resetUrl).toBeTruthy()

    await person.goto(resetUrl as string)
    await person.getByLabel('New password', { exact: true }).fill('my own new password')
    await person.getByRole('button', { name: 'Set new password' }).click()
    await expect(person.getByText(/Your password has been changed/)).toBeVisible()
    await signIn(person, member.email, 'my own new password')
    // The day in the member's zone, written in their locale (the browser's here: en-US, "Apr 1, 2027").
    const notice = person.getByText(
      new RegExp(`Your sign-in was reset by ${admin.name} on (\\d{1,2} \\w+ \\d{4}|\\w+ \\d{1,2}, \\d{4})`),
    )
    await expect(notice).toBeVisible()
    await expectNoAxeViolations(person)
    await person.getByRole('button', { name: 'Dismiss' }).click()
    await expect(notice).toBeHidden()
    await person.reload()
    await expect(person.getByRole('heading', { level: 1, name: /^Welcome, / })).toBeVisible()
    await expect(person.getByText(/Your sign-in was reset by/)).toHaveCount(0)
  } finally {
    await memberContext.close()
  }
})
