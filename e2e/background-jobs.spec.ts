import { expect, expectNoAxeViolations, setUpOrganization, signIn, test } from './fixtures.ts'

test('an admin opens the background jobs page: failed, retrying, running and completed jobs by tab', async ({
  page,
  tandemUrl,
}) => {
  const admin = await setUpOrganization(tandemUrl)
  await signIn(page, admin.email, admin.password)
  const nav = page.getByRole('navigation', { name: 'Main' })
  await nav.getByRole('link', { name: 'Background jobs', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Background jobs' })).toBeVisible()
  const tabs = page.getByRole('tablist', { name: 'Job state' })
  await expect(tabs.getByRole('tab', { name: 'Failed' })).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByText('No failed jobs.')).toBeVisible()
  await expectNoAxeViolations(page)

  // Arrow keys move between the tabs.
  await tabs.getByRole('tab', { name: 'Failed' }).focus()
  await page.keyboard.press('End')
  await expect(tabs.getByRole('tab', { name: 'Completed' })).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByRole('tabpanel')).toBeVisible()
  await expectNoAxeViolations(page)
})
