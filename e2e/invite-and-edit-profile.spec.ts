import { expect, expectNoAxeViolations, setUpOrganization, signIn, test } from './fixtures.ts'

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

const invitee = {
  name: 'Lin Okafor',
  email: 'lin.okafor@northwind.example',
  password: 'sunlight over the harbour at noon',
}

test('an admin invites a person, who accepts from the outbox link and edits their profile', async ({
  page,
  browser,
  tandemUrl,
}) => {
  const admin = await setUpOrganization(tandemUrl)

  // The admin invites a person from the directory.
  await signIn(page, admin.email, admin.password)
  await expectNoAxeViolations(page)
  const adminNav = page.getByRole('navigation', { name: 'Main' })
  await adminNav.getByRole('link', { name: 'People', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: '1 person' })).toBeVisible()
  await expect(page.getByRole('link', { name: admin.name })).toBeVisible()
  await expectNoAxeViolations(page)

  await page.getByRole('button', { name: 'Invite person' }).click()
  const dialog = page.getByRole('dialog', { name: 'Invite a person' })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByLabel('Name', { exact: true })).toBeFocused()
  await expectNoAxeViolations(page)
  await dialog.getByLabel('Name', { exact: true }).fill(invitee.name)
  await dialog.getByLabel('Email', { exact: true }).fill(invitee.email)
  await expect(dialog.getByLabel('Role', { exact: true })).toHaveValue('participant')
  await dialog.getByRole('button', { name: 'Send invitation' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByText(`${invitee.name} (${invitee.email}) will get an email`)).toBeVisible()
  // The directory lists them as invited.
  await expect(page.getByRole('status').filter({ hasText: '2 people' })).toBeVisible()
  const inviteeRow = page.getByRole('row').filter({ has: page.getByRole('link', { name: invitee.name }) })
  await expect(inviteeRow).toContainText('Invited')
  await expectNoAxeViolations(page)

  // The admin opens the outbox and the invitation email.
  await adminNav.getByRole('link', { name: 'Outbox', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Outbox' })).toBeVisible()
  const subject = `${admin.name} invited you to ${admin.organizationName} on Tandem`
  const emailRow = page.getByRole('row').filter({ hasText: invitee.email })
  await expect(emailRow.getByRole('link', { name: subject })).toBeVisible()
  await expect(emailRow).toContainText('Caught, not delivered')
  await expectNoAxeViolations(page)

  await emailRow.getByRole('link', { name: subject }).click()
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible()
  await expect(page.getByText(`Hello ${invitee.name},`)).toBeVisible()
  await expectNoAxeViolations(page)

  // The link in the email body leads to the invitation; the invited person opens it in their own browser.
  const invitationLink = page.getByRole('link', { name: /\/accept-invitation\?token=/ })
  await expect(invitationLink).toHaveCount(1)
  await expect(invitationLink).toHaveAttribute(
    'href',
    new RegExp(`^${escapeRegExp(tandemUrl)}/accept-invitation\\?token=`),
  )
  await invitationLink.click()
  await expect(page).toHaveURL(new RegExp(`^${escapeRegExp(tandemUrl)}/accept-invitation\\?token=[^&]{20,}$`))
  await expect(page.getByRole('heading', { level: 1, name: `Join ${admin.organizationName}` })).toBeVisible()
  const invitationUrl = page.url()

  const inviteeContext = await browser.newContext({ baseURL: tandemUrl })
  try {
    const person = await inviteeContext.newPage()
    await person.goto(invitationUrl)
    await expect(person.getByRole('heading', { level: 1, name: `Join ${admin.organizationName}` })).toBeVisible()
    await expect(person.getByText(`${admin.name} invited you to Tandem`)).toBeVisible()
    await expect(person.getByText(invitee.email)).toBeVisible()
    await expect(person.getByLabel('Your name')).toHaveValue(invitee.name)
    await expectNoAxeViolations(person)

    await person.getByLabel('Password', { exact: true }).fill(invitee.password)
    await person.getByRole('button', { name: 'Accept invitation' }).click()

    // Signed in as a participant: only the participant navigation.
    await expect(person.getByRole('heading', { level: 1, name: 'Welcome, Lin' })).toBeVisible()
    await expect(person.getByRole('banner')).toContainText(`Signed in as ${invitee.name}, Participant`)
    const nav = person.getByRole('navigation', { name: 'Main' })
    await expect(nav.getByRole('link', { name: 'Home', exact: true })).toBeVisible()
    await expect(nav.getByRole('link', { name: 'My profile', exact: true })).toBeVisible()
    for (const item of ['People', 'Import', 'Skills', 'Outbox', 'Organization settings']) {
      await expect(nav.getByRole('link', { name: item, exact: true })).toHaveCount(0)
    }
    await expectNoAxeViolations(person)
    // Admin pages lead a participant home.
    await person.goto('/people')
    await expect(person).toHaveURL(`${tandemUrl}/`)
    await expect(person.getByRole('heading', { level: 1, name: 'Welcome, Lin' })).toBeVisible()

    // They edit their profile.
    await nav.getByRole('link', { name: 'My profile', exact: true }).click()
    await expect(person.getByRole('heading', { level: 1, name: 'My profile' })).toBeVisible()
    const form = person.getByRole('form', { name: 'Profile' })
    await expect(form.getByLabel('Name', { exact: true })).toHaveValue(invitee.name)
    await expectNoAxeViolations(person)

    await form.getByLabel('Title', { exact: true }).fill('Customer success lead')
    await form.getByLabel('Time zone', { exact: true }).selectOption('Europe/Lisbon')
    await form.getByLabel('Languages', { exact: true }).fill('Portuguese')
    await form.getByLabel('Languages', { exact: true }).press('Enter')
    await expect(form.getByRole('button', { name: 'Remove Portuguese' })).toBeVisible()
    await form.getByLabel('Skills offered', { exact: true }).fill('Active listening')
    await form.getByLabel('Skills offered', { exact: true }).press('Enter')
    await expect(form.getByRole('button', { name: 'Remove Active listening' })).toBeVisible()
    await form.getByLabel('Skills wanted', { exact: true }).fill('Public speaking')
    await form.getByLabel('Skills wanted', { exact: true }).press('Enter')
    await expect(form.getByRole('button', { name: 'Remove Public speaking' })).toBeVisible()
    await form.getByLabel('Working hours start', { exact: true }).fill('08:30')
    await form.getByLabel('Working hours end', { exact: true }).fill('16:30')
    await form.getByRole('checkbox', { name: 'Friday', exact: true }).uncheck()
    await form.getByRole('button', { name: 'Save profile' }).click()
    await expect(form.getByText('Your profile is saved.')).toBeVisible()
    await expectNoAxeViolations(person)

    // A reload shows what was saved.
    await person.reload()
    await expect(person.getByRole('heading', { level: 1, name: 'My profile' })).toBeVisible()
    await expect(form.getByLabel('Title', { exact: true })).toHaveValue('Customer success lead')
    await expect(form.getByLabel('Time zone', { exact: true })).toHaveValue('Europe/Lisbon')
    await expect(form.getByRole('button', { name: 'Remove English' })).toBeVisible()
    await expect(form.getByRole('button', { name: 'Remove Portuguese' })).toBeVisible()
    await expect(form.getByRole('button', { name: 'Remove Active listening' })).toBeVisible()
    await expect(form.getByRole('button', { name: 'Remove Public speaking' })).toBeVisible()
    await expect(form.getByLabel('Working hours start', { exact: true })).toHaveValue('08:30')
    await expect(form.getByLabel('Working hours end', { exact: true })).toHaveValue('16:30')
    await expect(form.getByRole('checkbox', { name: 'Thursday', exact: true })).toBeChecked()
    await expect(form.getByRole('checkbox', { name: 'Friday', exact: true })).not.toBeChecked()
    // Each skill went to the right list.
    const saved = await (await person.request.get('/api/me/profile')).json()
    expect(saved).toMatchObject({
      title: 'Customer success lead',
      timeZone: 'Europe/Lisbon',
      languages: ['en', 'pt'],
      skillsOffered: ['active-listening'],
      skillsWanted: ['public-speaking'],
      workingHours: { start: '08:30', end: '16:30', days: [1, 2, 3, 4] },
      status: 'active',
    })

    // They sign out and back in with their new password.
    await person.getByRole('button', { name: 'Sign out', exact: true }).click()
    await expect(person.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
    await expectNoAxeViolations(person)
    await person.getByLabel('Email', { exact: true }).fill(invitee.email)
    await person.getByLabel('Password', { exact: true }).fill(invitee.password)
    await person.getByRole('button', { name: 'Sign in', exact: true }).click()
    await expect(person.getByRole('heading', { level: 1, name: 'Welcome, Lin' })).toBeVisible()
  } finally {
    await inviteeContext.close()
  }
})
