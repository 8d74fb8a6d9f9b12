import { readFile } from 'node:fs/promises'
import { parse } from 'csv-parse/sync'
import { DEMO_PROGRAM_NAME } from '../scripts/demo-history.ts'
import { demoPeople } from '../scripts/demo-organization.ts'
import { RetentionReportSchema } from '../src/contracts/insights.ts'
import {
  differenceWords,
  groupSizeWords,
  horizonWords,
  retainedWords,
} from '../src/web/features/insights/components/retention-words.ts'
import { DEMO_PASSWORD } from './demo-organization.ts'
import { expect, expectNoAxeViolations, signIn, test } from './fixtures.ts'

// Issue #6 point 3 in the browser, on the demo history (its program started 105 days ago and some
// people left): a program manager reads the Retention section of the organization overview, its
// "so far" figures with their group sizes, how retention is measured, and downloads it as CSV.

test.use({ tandemData: 'demo', viewport: { width: 1280, height: 900 } })

test('a program manager compares the retention of participants and non-participants', async ({ page }) => {
  test.setTimeout(180_000)
  const manager = demoPeople().find((person) => person.name === 'Samuel Adeyemi')
  if (manager?.role !== 'program_manager') throw new Error('The demo program manager is Samuel Adeyemi')
  await signIn(page, manager.email, DEMO_PASSWORD)

  const { report, program } = await test.step('the API measures the demo program "so far"', async () => {
    const response = await page.request.get('/api/insights/retention')
    expect(response.status()).toBe(200)
    const report = RetentionReportSchema.parse(await response.json())
    const program = report.programs.find((p) => p.name === DEMO_PROGRAM_NAME)
    if (!program) throw new Error('The demo program is in the retention report')
    expect(report.hasLeavers).toBe(true)
    // Started 105 days ago: three whole months observed of each window.
    expect(program.horizons.map((h) => [h.months, h.isComplete, h.observedMonths])).toEqual([
      [6, false, 3],
      [12, false, 3],
    ])
    expect(program.participants).toBeGreaterThanOrEqual(report.threshold)
    expect(program.nonParticipants).toBeGreaterThanOrEqual(report.threshold)
    return { report, program }
  })

  const retention = page.getByRole('region', { name: 'Retention', exact: true })
  await test.step('the Retention section shows both groups, their sizes and a chart', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Insights' })).toBeVisible()
    const card = retention.getByRole('article', { name: DEMO_PROGRAM_NAME })
    await expect(card).toBeVisible()
    await expect(card).toContainText(groupSizeWords(program.participants, program.nonParticipants, program.excluded))
    for (const h of program.horizons) {
      // The window's end date is written in the browser's locale: match the words before it.
      const words = horizonWords(h).replace(/, until .*$/, '')
      expect(words).toBe(`${h.months} months, so far (observed 3 of ${h.months} months`)
      const row = card.getByRole('row', { name: new RegExp(`^${words.replace(/[()]/g, '\\$&')}`) })
      await expect(row).toContainText(retainedWords(h.participants, program.participants))
      await expect(row).toContainText(retainedWords(h.nonParticipants, program.nonParticipants))
      await expect(row).toContainText(differenceWords(h.differencePoints))
    }
    await expect(card.getByRole('figure')).toContainText('participants against non-participants')
    await expect(card.getByText('Participants, 6 months (so far)', { exact: true })).toBeVisible()
    // The program that starts in three weeks is not measured yet.
    const later = report.programs.filter((p) => p.horizons.length === 0)
    expect(later.length).toBeGreaterThan(0)
    await expect(retention).toContainText(`Not measured yet: ${later[0]?.name}`)
    await expectNoAxeViolations(page)
  })

  await test.step('how retention is measured opens from the keyboard', async () => {
    const summary = retention.getByText('How retention is measured', { exact: true })
    await summary.focus()
    await page.keyboard.press('Enter')
    await expect(retention.getByText(/never enrolled in it/)).toBeVisible()
    await expectNoAxeViolations(page)
  })

  await test.step('the retention table downloads as CSV', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      retention.getByRole('link', { name: 'Download CSV of retention' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^insights-retention-\d{4}-\d{2}-\d{2}\.csv$/)
    const csv = await readFile(await download.path(), 'utf8')
    const rows: Record<string, string>[] = parse(csv, { columns: true })
    const demoRows = rows.filter((r) => r.program === DEMO_PROGRAM_NAME)
    expect(demoRows.map((r) => [r['starts on'], r.months, r['window complete'], r.participants])).toEqual([
      [program.startsOn, '6', 'no', String(program.participants)],
      [program.startsOn, '12', 'no', String(program.participants)],
    ])
  })
})
