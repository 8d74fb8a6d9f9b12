import { request } from '@playwright/test'
import { DEMO_PASSWORD, type DemoPerson } from './demo-organization.ts'
import { expect, expectNoAxeViolations, setUpOrganization, signIn, test } from './fixtures.ts'
import { expectStatus, publishPeerMatch } from './peer-match.ts'

interface OutboxEmail {
  to: string
  subject: string
  text: string
}

/** The outbox as the admin reads it, newest first. */
async function outbox(baseURL: string, admin: { email: string }) {
  const api = await request.newContext({ baseURL })
  try {
    await expectStatus(
      await api.post('/api/auth/sign-in', { data: { email: admin.email, password: DEMO_PASSWORD } }),
      200,
      'POST /api/auth/sign-in',
    )
    const page = await expectStatus<{ emails: OutboxEmail[] }>(
      await api.get('/api/outbox', { params: { limit: 100 } }),
      200,
      'GET /api/outbox',
    )
    return page.emails
  } finally {
    await api.dispose()
  }
}

/** The cheapest organization with a published match: an admin who invites two peers, who accept. */
async function organizationWithMatch(baseURL: string) {
  const admin = await setUpOrganization(baseURL, { password: DEMO_PASSWORD })
  const peers = [
    { name: 'Ben Ortiz', email: 'ben.ortiz@northwind.example' },
    { name: 'Cleo Park', email: 'cleo.park@northwind.example' },
  ]
  const api = await request.newContext({ baseURL })
  try {
    const session = await expectStatus<{ csrfToken: string }>(
      await api.post('/api/auth/sign-in', { data: { email: admin.email, password: DEMO_PASSWORD } }),
      200,
      'POST /api/auth/sign-in',
    )
    for (const peer of peers) {
      await expectStatus(
        await api.post('/api/invitations', {
          headers: { 'x-csrf-token': session.csrfToken },
          data: { ...peer, role: 'participant' },
        }),
        201,
        `POST /api/invitations for ${peer.email}`,
      )
    }
  } finally {
    await api.dispose()
  }
  const emails = await outbox(baseURL, admin)
  const accept = await request.newContext({ baseURL })
  try {
    for (const peer of peers) {
      const token = emails
        .filter((email) => email.to === peer.email)
        .map((email) => /\/accept-invitation\?token=([^\s"<>&]+)/.exec(email.text)?.[1])
        .find(Boolean)
      if (!token) throw new Error(`No invitation email for ${peer.email}`)
      await expectStatus(
        await accept.post('/api/invitations/accept', {
          data: { token: decodeURIComponent(token), password: DEMO_PASSWORD },
        }),
        200,
        'POST /api/invitations/accept',
      )
    }
  } finally {
    await accept.dispose()
  }
  // publishPeerMatch signs people in by email with the demo password, which these people have.
  const asDemo = (person: { email: string }) => person as DemoPerson
  await publishPeerMatch(baseURL, asDemo(admin), [asDemo(peers[0]), asDemo(peers[1])], 'Spring peer coaching')
  return { admin, ben: peers[0] }
}

test('a person chooses their emails, and the unsubscribe link in an email works signed out', async ({
  page,
  browser,
  tandemUrl,
}) => {
  const { admin, ben } = await organizationWithMatch(tandemUrl)

  // Ben, signed in, turns off session reminders from the notifications page.
  await signIn(page, ben.email, DEMO_PASSWORD)
  await page.goto('/notifications')
  await page.getByRole('link', { name: 'Email preferences' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Email preferences' })).toBeVisible()
  const reminders = page.getByRole('checkbox', { name: 'Session reminders' })
  await expect(reminders).toBeChecked()
  await expect(reminders).toHaveAccessibleDescription('A day and an hour before each session.')
  await expectNoAxeViolations(page)
  await reminders.uncheck()
  await page.getByRole('button', { name: 'Save email preferences' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Your email preferences are saved.' })).toBeVisible()
  await expectNoAxeViolations(page)
  await page.reload()
  await expect(page.getByRole('checkbox', { name: 'Session reminders' })).not.toBeChecked()
  await expect(page.getByRole('checkbox', { name: 'Matches' })).toBeChecked()

  // The match email Ben got carries a link to stop "Matches" emails; he opens it in a signed-out browser.
  const matchEmail = (await outbox(tandemUrl, admin)).find(
    (email) => email.to === ben.email && email.subject.startsWith('Your match in'),
  )
  const link = /https?:\/\/\S+\/unsubscribe\/[\w-]+\?category=matches/.exec(matchEmail?.text ?? '')?.[0]
  expect(link, 'the match email has an unsubscribe link').toBeTruthy()
  const signedOut = await browser.newContext()
  try {
    const anonymous = await signedOut.newPage()
    await anonymous.goto(link ?? '')
    await expect(anonymous.getByRole('heading', { level: 1, name: 'Unsubscribe' })).toBeVisible()
    await expect(anonymous.getByText('b***@northwind.example')).toBeVisible()
    await expectNoAxeViolations(anonymous)
    await anonymous.getByRole('button', { name: 'Unsubscribe from Matches' }).click()
    await expect(anonymous.getByText('You are unsubscribed')).toBeVisible()
    await expect(anonymous.getByText('Tandem will send you no more "Matches" emails.')).toBeVisible()
    await expect(anonymous.getByRole('button', { name: 'Unsubscribe from all Tandem emails' })).toBeEnabled()
    await expectNoAxeViolations(anonymous)

    // A broken link says so plainly.
    await anonymous.goto('/unsubscribe/not-a-real-link')
    await expect(anonymous.getByText('This unsubscribe link does not work')).toBeVisible()
    await expectNoAxeViolations(anonymous)
  } finally {
    await signedOut.close()
  }

  // Ben's preferences show both choices.
  await page.reload()
  await expect(page.getByRole('checkbox', { name: 'Matches' })).not.toBeChecked()
  await expect(page.getByRole('checkbox', { name: 'Session reminders' })).not.toBeChecked()
  await expect(page.getByRole('checkbox', { name: 'Surveys' })).toBeChecked()
})
