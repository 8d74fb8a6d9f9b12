import { readFile } from 'node:fs/promises'
import { request } from '@playwright/test'
import { DEMO_PASSWORD, seedDemoOrganization } from './demo-organization.ts'
import { expect, expectNoAxeViolations, test } from './fixtures.ts'
import { publishPeerMatch, signInAs } from './peer-match.ts'

// Issue #6 points 1, 2 and 4 in the browser (the full journey on the demo history comes with the
// demo seed): a program manager opens the Insights tab of a program with a published match, sees
// the figures or why they are hidden, downloads a figure as CSV and opens the organization overview.

const programName = 'Peer coaching: insights'

test.use({ viewport: { width: 1280, height: 900 } })

test('a program manager reads the program dashboard and the organization overview', async ({ browser, tandemUrl }) => {
  test.setTimeout(240_000)
  const demo = await test.step('seed the demo organization through the API', () => seedDemoOrganization(tandemUrl))
  const manager = demo.person('Samuel Adeyemi')
  const { programId } = await test.step('a program manager publishes one match', () =>
    publishPeerMatch(tandemUrl, manager, [demo.person('Arjun Mehta'), demo.person('Maximilian Braun')], programName))

  const { context, page } = await signInAs(browser, tandemUrl, manager)
  try {
    await test.step('the Insights tab shows each figure, or why it is hidden', async () => {
      await page.goto(`/programs/${programId}`)
      await page.getByRole('tab', { name: 'Insights', exact: true }).click()
      await expect(page).toHaveURL(/tab=insights/)
      const participation = page.getByRole('region', { name: 'Participation', exact: true })
      await expect(participation).toContainText(/2 of \d+ eligible people enrolled/)
      // Two people in the only match: below the default threshold of 5.
      const acceptance = page.getByRole('region', { name: 'Match acceptance', exact: true })
      await expect(acceptance.getByText('Hidden to protect privacy')).toBeVisible()
      await expect(acceptance).toContainText('Fewer than 5 people are counted here (2 so far)')
      await expect(page.getByRole('region', { name: 'Matches that need attention', exact: true })).toContainText(
        'No match needs attention',
      )
      await expectNoAxeViolations(page)
    })

    await test.step('once the organization lowers its threshold to 2, the figures over 2 people show', async () => {
      const admin = await request.newContext({ baseURL: tandemUrl })
      try {
        const signedIn = await admin.post('/api/auth/sign-in', {
          data: { email: demo.admin.email, password: DEMO_PASSWORD },
        })
        const { csrfToken } = (await signedIn.json()) as { csrfToken: string }
        const changed = await admin.patch('/api/organization', {
          headers: { 'x-csrf-token': csrfToken },
          data: { aggregateThreshold: 2 },
        })
        expect(changed.status()).toBe(200)
      } finally {
        await admin.dispose()
      }
      await page.getByRole('button', { name: 'Refresh', exact: true }).click()
      const acceptance = page.getByRole('region', { name: 'Match acceptance', exact: true })
      await expect(acceptance.getByText('Hidden to protect privacy')).toBeHidden()
      await expect(acceptance.getByRole('definition').filter({ hasText: '2 of 2' })).toBeVisible()
      // The match is published, not yet accepted: no match went ahead, so no session figures yet.
      await expect(page.getByRole('region', { name: 'Sessions held against target', exact: true })).toContainText(
        'Nothing to count yet',
      )
      await expectNoAxeViolations(page)
    })

    await test.step('a figure downloads as CSV', async () => {
      const participation = page.getByRole('region', { name: 'Participation', exact: true })
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        participation.getByRole('link', { name: 'Download CSV of participation' }).click(),
      ])
      expect(download.suggestedFilename()).toMatch(/^insights-participation-\d{4}-\d{2}-\d{2}\.csv$/)
      const csv = await readFile(await download.path(), 'utf8')
      expect(csv.split('\n')[0]).toBe('measure,value')
      expect(csv).toContain('enrolled,2')
    })

    await test.step('the organization overview lists the program side by side', async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Insights' })).toBeVisible()
      const row = page.getByRole('row', { name: new RegExp(programName) })
      await expect(row).toBeVisible()
      await expect(row).toContainText('No data yet')
      await expectNoAxeViolations(page)
      await row.getByRole('link', { name: programName }).click()
      await expect(page).toHaveURL(/tab=insights/)
    })
  } finally {
    await context.close()
  }
})
