import { PEOPLE_CSV_COLUMNS } from '../src/contracts/people-import.ts'
import { expect, expectNoAxeViolations, setUpOrganization, signIn, test } from './fixtures.ts'
import { dayFromToday, expectStatus } from './peer-match.ts'

// Issue #15, point 1: an admin imports 20 people with invitations on (one email each); a program
// manager enrolls three who have not signed up yet; one follows their link, sets a password, accepts
// the program's confidentiality terms when prompted and reaches the program; the admin then cancels
// the invitations of a whole department from the People page.

const people = Array.from({ length: 20 }, (_, index) => ({
  email: `person${String(index + 1).padStart(2, '0')}@northwind.example`,
  name: `Person ${String(index + 1).padStart(2, '0')}`,
  department: index < 3 ? 'Design' : 'Operations',
}))

function csv(): string {
  const row = (person: (typeof people)[number]) =>
    PEOPLE_CSV_COLUMNS.map((column) =>
      column === 'email'
        ? person.email
        : column === 'name'
          ? person.name
          : column === 'department'
            ? person.department
            : column === 'languages'
              ? 'English'
              : column === 'skills_offered'
                ? 'Giving feedback'
                : '',
    ).join(',')
  return [PEOPLE_CSV_COLUMNS.join(','), ...people.map(row)].join('\n')
}

test('an admin imports 20 people with invitations; three are enrolled; one signs up, accepts the terms and reaches the program', async ({
  page,
  browser,
  tandemUrl,
}) => {
  const admin = await setUpOrganization(tandemUrl)
  await signIn(page, admin.email, admin.password)

  await test.step('the admin imports 20 people with invitations on', async () => {
    await page.goto('/import')
    await expect(page.getByRole('link', { name: 'Download a template CSV' })).toBeVisible()
    await page.getByRole('textbox', { name: /Or paste CSV text/ }).fill(csv())
    await page.getByRole('button', { name: 'Preview import' }).click()
    await expect(page.getByText('Ready to apply')).toBeVisible()
    const invite = page.getByRole('checkbox', { name: 'Send invitations to the 20 new people now' })
    await expect(invite).toBeChecked()
    await expectNoAxeViolations(page)
    await page.getByRole('button', { name: 'Apply import' }).click()
    await expect(page.getByText('Import applied')).toBeVisible()
    await expect(page.getByText(/20 invitations sent/)).toBeVisible()
    await expectNoAxeViolations(page)
  })

  await test.step('each invitation email is in the outbox once', async () => {
    const outbox = await expectStatus<{ emails: { to: string; kind: string }[] }>(
      await page.request.get('/api/outbox', { params: { limit: 100 } }),
      200,
      'GET /api/outbox',
    )
    for (const person of people) {
      expect(outbox.emails.filter((email) => email.to === person.email && email.kind === 'invitation')).toHaveLength(1)
    }
    await page.goto('/people')
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Person 01' }) })
    await expect(row).toContainText(/Invited \(until /)
    await expectNoAxeViolations(page)
  })

  const session = await expectStatus<{ csrfToken: string }>(
    await page.request.get('/api/auth/session'),
    200,
    'GET /api/auth/session',
  )
  const headers = { 'x-csrf-token': session.csrfToken }
  const program = await expectStatus<{ id: string; name: string }>(
    await page.request.post('/api/programs', {
      headers,
      data: { type: 'peer_coaching', name: 'Design peers', startsOn: dayFromToday(7), endsOn: dayFromToday(90) },
    }),
    201,
    'POST /api/programs',
  )
  await expectStatus(
    await page.request.post(`/api/programs/${program.id}/transitions`, { headers, data: { to: 'enrolling' } }),
    200,
    'transition to enrolling',
  )

  await test.step('the program manager enrolls the three designers, who have not signed up yet', async () => {
    await page.goto(`/programs/${program.id}?tab=enrollments`)
    await page.getByRole('button', { name: 'Enroll people', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'Enroll people' })
    await dialog.getByLabel('Or a whole department').selectOption('Design')
    await dialog.getByRole('button', { name: 'Add everyone in Design', exact: true }).click()
    await expect(
      dialog.getByText('Added 3 of 3 people in Design (3 not signed up yet: they will be invited).'),
    ).toBeVisible()
    await expectNoAxeViolations(page)
    await dialog.getByRole('button', { name: 'Enroll 3 people', exact: true }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByText(/3 people enrolled\. 3 people have not signed up yet/)).toBeVisible()
  })

  const outbox = await expectStatus<{ emails: { to: string; subject: string; text: string | null }[] }>(
    await page.request.get('/api/outbox', { params: { limit: 100 } }),
    200,
    'GET /api/outbox',
  )
  const enrollmentEmail = outbox.emails.find(
    (email) => email.to === people[0]!.email && email.subject.includes('enrolled you in Design peers'),
  )
  const link = /(\/accept-invitation\?token=[^\s"<>&]+)/.exec(enrollmentEmail?.text ?? '')?.[1]
  expect(link, 'the enrollment invitation names the program and carries a link').toBeTruthy()

  await test.step('one of them follows the link, sets a password, accepts the terms and reaches the program', async () => {
    const context = await browser.newContext({ baseURL: tandemUrl })
    try {
      const own = await context.newPage()
      await own.goto(link!)
      await own.getByLabel('Password', { exact: true }).fill('a long password for person one')
      await own.getByRole('button', { name: 'Accept invitation' }).click()
      await expect(own.getByRole('heading', { level: 1, name: /^Welcome, / })).toBeVisible()
      const prompt = own.getByRole('region', { name: 'Accept the confidentiality terms of Design peers' })
      await expect(prompt).toBeVisible()
      await expectNoAxeViolations(own)
      await prompt.getByRole('button', { name: 'Accept the terms of Design peers' }).click()
      await expect(prompt).toBeHidden()
      await own.goto(`/programs/${program.id}`)
      await expect(own.getByRole('heading', { level: 1, name: 'Design peers' })).toBeVisible()
      await expectNoAxeViolations(own)
    } finally {
      await context.close()
    }
  })

  await test.step('the admin cancels the invitations of everyone in Operations from the People page', async () => {
    await page.goto('/people?department=Operations')
    await page.getByRole('button', { name: 'Invitations for these people…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Invitations for these people' })
    await expect(dialog.getByText(/everyone in Operations/)).toBeVisible()
    await expect(dialog.getByRole('button', { name: 'Send again to 17 invited' })).toBeEnabled()
    await expectNoAxeViolations(page)
    await dialog.getByRole('button', { name: 'Cancel invitations…' }).click()
    await dialog.getByRole('button', { name: 'Cancel 17 invitations', exact: true }).click()
    await expect(dialog.getByText('Cancelled 17 invitations')).toBeVisible()
    await expect(dialog.getByRole('button', { name: 'Invite 17 people' })).toBeEnabled()
    await dialog.getByRole('button', { name: 'Done' }).click()
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Person 10' }) })
    await expect(row).toContainText('Not invited')
  })
})
