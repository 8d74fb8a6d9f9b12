import { readFile } from 'node:fs/promises'
import { parse } from 'csv-parse/sync'
import { expect, expectNoAxeViolations, setUpOrganization, signIn, test } from './fixtures.ts'

// Issue #11 point 5: an admin reads who signed in, who failed to, from where and when, filters the
// log by kind and takes it away as CSV.
test('an admin sees a sign-in and a failed sign-in in the audit log, filters it by kind and downloads it as CSV', async ({
  page,
  browser,
  tandemUrl,
}) => {
  const admin = await setUpOrganization(tandemUrl)
  await signIn(page, admin.email, admin.password)

  // Someone else, in another browser, tries the admin's email with a wrong password.
  const intruder = await browser.newContext({ baseURL: tandemUrl })
  const other = await intruder.newPage()
  await other.goto('/sign-in')
  await other.getByLabel('Email', { exact: true }).fill(admin.email)
  await other.getByLabel('Password', { exact: true }).fill('guessing-the-password')
  await other.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(other.getByText('The email or password is incorrect')).toBeVisible()
  await intruder.close()

  const nav = page.getByRole('navigation', { name: 'Main' })
  await nav.getByRole('link', { name: 'Audit log', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible()
  const table = page.getByRole('table', { name: 'Audit events' })
  // "Signed in" is also in "Not signed in": rows are told apart by their action, the row header.
  const rowOf = (action: string | RegExp) =>
    table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: action, exact: true }) })
  const signedIn = rowOf('Signed in')
  await expect(signedIn).toHaveCount(1)
  await expect(signedIn.getByRole('cell').nth(1)).toHaveText(admin.name)
  await expect(signedIn.getByRole('cell').first().locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/)
  await expect(signedIn).toContainText('Succeeded')
  const failed = rowOf(/^Sign-in failed/)
  await expect(failed).toHaveCount(1)
  await expect(failed).toContainText('Not signed in')
  await expect(failed).toContainText('wrong password')
  await expect(failed).toContainText(admin.name)
  await expect(failed).toContainText('Failed')
  await expect(failed).toContainText('127.0.0.1')
  await expect(rowOf('Organization set up')).toHaveCount(1)
  await expectNoAxeViolations(page)

  // Only sign-in events: the set-up goes away, the two sign-in rows stay.
  await page.getByLabel('Kind').selectOption({ label: 'Sign-in and passwords' })
  await expect(rowOf('Organization set up')).toHaveCount(0)
  await expect(rowOf(/^Sign-in failed/)).toHaveCount(1)
  await expect(rowOf('Signed in')).toHaveCount(1)
  await expectNoAxeViolations(page)

  // The CSV holds the same filtered rows.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download CSV' }).click(),
  ])
  expect(download.suggestedFilename()).toBe('audit-log.csv')
  const rows: Record<string, string>[] = parse(await readFile((await download.path()) ?? ''), { columns: true })
  expect(rows.map((row) => [row.action, row.actor, row.outcome])).toEqual([
    ['auth.sign_in_failed', 'Not signed in', 'failed'],
    ['auth.signed_in', admin.name, 'succeeded'],
  ])
  expect(rows[0]).toMatchObject({ target: admin.name, address: '127.0.0.1', action_label: 'Sign-in failed' })
  expect(rows[1].time_utc).toMatch(/^\d{4}-\d\d-\d\dT/)
})
