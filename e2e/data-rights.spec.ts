import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import { parse } from 'csv-parse/sync'
import { strFromU8, unzipSync } from 'fflate'
import { DEMO_PROGRAM_NAME } from '../scripts/demo-history.ts'
import { type DemoPerson, demoPeople } from '../scripts/demo-organization.ts'
import { EXPORT_JSON_FILE, type PersonalDataExport } from '../src/contracts/data-rights.ts'
import { type ProgramInsights, ProgramInsightsSchema } from '../src/contracts/insights.ts'
import { ProgramMatchesSchema } from '../src/contracts/matching.ts'
import { ProgramListSchema } from '../src/contracts/programs.ts'
import { expect, expectNoAxeViolations, test } from './fixtures.ts'
import { expectStatus, signInAs, writeAs } from './peer-match.ts'

// Issue #11 point 4 in the browser, on the demo organization with its months of history: a
// participant downloads their data and finds their reflection in it; an admin erases them (typing
// their name), their partner's workspace still opens, the dashboard's counts are unchanged, and the
// erased name is in no API response the journey makes afterwards. Axe on every page visited.

test.use({ tandemData: 'demo', viewport: { width: 1280, height: 900 } })

const byName = (name: string): DemoPerson => {
  const person = demoPeople().find((p) => p.name === name)
  if (!person) throw new Error(`${name} is not in the demo organization`)
  return person
}

/** What the dashboard counts: everything but eligibility (an erasure is a departure), departments, names and when it was counted. */
function countedFigures(insights: ProgramInsights) {
  const { generatedAt, asOf, participation, crossDepartment, atRisk, ...rest } = insights
  return { ...rest, enrolled: participation.enrolled }
}

/**
 * Every /api/ response body the page receives from now on, or once a response matched `startsWith`
 * (that one excluded): what the page asks the server after the erasure answered.
 */
function recordApiResponses(page: Page, startsWith?: (url: URL) => boolean) {
  const bodies: Promise<{ url: string; body: string }>[] = []
  let isRecording = startsWith === undefined
  page.on('response', (response) => {
    const url = new URL(response.url())
    if (!url.pathname.startsWith('/api/')) return
    if (!isRecording) {
      if (startsWith?.(url) && response.ok()) isRecording = true
      return
    }
    bodies.push(
      response
        .body()
        .then((body) => ({ url: response.url(), body: body.toString('utf8') }))
        .catch(() => ({ url: response.url(), body: '' })),
    )
  })
  return () => Promise.all(bodies)
}

test('a participant downloads their data; an admin erases them and their name is gone', async ({
  browser,
  tandemUrl,
}) => {
  test.setTimeout(300_000)
  const maria = byName('Maria Garcia')
  const admin = await signInAs(browser, tandemUrl, maria)

  const { programId, matchId, member, partner, memberId, other, otherId } =
    await test.step('find an active pair of participants', async () => {
      const programs = ProgramListSchema.parse(
        await expectStatus(await admin.page.request.get('/api/programs'), 200, 'GET /api/programs'),
      )
      const program = programs.programs.find((p) => p.name === DEMO_PROGRAM_NAME)
      if (!program) throw new Error('The demo program is missing')
      const matches = ProgramMatchesSchema.parse(
        await expectStatus(
          await admin.page.request.get(`/api/programs/${program.id}/matches`, { params: { status: 'active' } }),
          200,
          'GET matches',
        ),
      )
      const participants = new Set(
        demoPeople()
          .filter((p) => p.role === 'participant')
          .map((p) => p.name),
      )
      const match = matches.matches.find(
        (m) => m.status === 'active' && m.members.length === 2 && m.members.every((x) => participants.has(x.name)),
      )
      if (!match) throw new Error('No active pair of participants in the demo program')
      const other = matches.matches
        .flatMap((m) => m.members)
        .find((x) => participants.has(x.name) && !match.members.some((y) => y.personId === x.personId))
      if (!other) throw new Error('No third participant in the demo program')
      return {
        otherId: other.personId,
        other: byName(other.name),
        programId: program.id,
        matchId: match.id,
        memberId: match.members[0].personId,
        member: byName(match.members[0].name),
        partner: byName(match.members[1].name),
      }
    })
  const reflection = `Before my data export I noticed ${Date.now().toString(36)} how often I interrupt.`

  await test.step(`${member.name} writes a private reflection and downloads their data with it`, async () => {
    const { context, page } = await signInAs(browser, tandemUrl, member)
    // Opened by its address: the workspace's Notes tab (issue #17, point 6).
    await page.goto(`/matches/${matchId}?section=notes`)
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    const reflections = page.getByRole('region', { name: 'Private reflections', exact: true })
    await reflections.getByLabel('New private reflection').fill(reflection)
    await reflections.getByRole('button', { name: 'Save reflection' }).click()
    await expect(reflections.getByText(reflection)).toBeVisible()
    await expectNoAxeViolations(page)

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Your data', exact: true }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Your data' })).toBeVisible()
    await expectNoAxeViolations(page)
    const downloading = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Download your data' }).click()
    const download = await downloading
    expect(download.suggestedFilename()).toMatch(/^tandem-data-\d{4}-\d\d-\d\d\.zip$/)
    const zip = unzipSync(new Uint8Array(await readFile(await download.path())))
    const data = JSON.parse(strFromU8(zip[EXPORT_JSON_FILE])) as PersonalDataExport
    expect(data.profile.name).toBe(member.name)
    expect(data.reflections.map((r) => r.body)).toContain(reflection)
    await expect(page.getByText('Your download has started')).toBeVisible()
    await expectNoAxeViolations(page)
    await context.close()
  })

  await test.step('Maria sets how long private reflections are kept on Organization settings', async () => {
    const { page } = admin
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Organization settings', exact: true })
      .click()
    const retention = page.getByRole('form', { name: 'Data retention' })
    const field = retention.getByLabel('Delete private reflections and check-in notes')
    await expect(field).toHaveValue('')
    await expectNoAxeViolations(page)
    await field.selectOption('24')
    await retention.getByRole('button', { name: 'Save retention' }).click()
    await expect(retention.getByText('Retention saved.')).toBeVisible()
    await page.reload()
    await expect(page.getByRole('form', { name: 'Data retention' }).getByLabel(/^Delete private/)).toHaveValue('24')
    await expectNoAxeViolations(page)
  })

  await test.step(`someone fails to sign in as ${other.name}; Maria resets ${other.name}'s sign-in`, async () => {
    const stranger = await browser.newContext({ baseURL: tandemUrl })
    const refused = await stranger.request.post('/api/auth/sign-in', {
      data: { email: other.email, password: 'a guess that is wrong' },
    })
    expect(refused.status()).toBe(401)
    await stranger.close()
    await (await writeAs(admin.page)).post(`/api/people/${otherId}/sign-in-reset`, {}, 200)
  })

  const insightsBefore = ProgramInsightsSchema.parse(
    await expectStatus(await admin.page.request.get(`/api/programs/${programId}/insights`), 200, 'insights before'),
  )
  const adminResponses = recordApiResponses(admin.page, (url) => url.pathname === `/api/people/${memberId}/erase`)
  /** Answers the journey fetched itself after the erasure (page.request emits no page events). */
  const directResponses: { url: string; body: string }[] = []

  await test.step(`Maria erases ${member.name} after typing their name`, async () => {
    const { page } = admin
    await page.goto(`/people/${memberId}`)
    await expect(page.getByRole('heading', { level: 1, name: member.name })).toBeVisible()
    await expectNoAxeViolations(page)
    await page.getByRole('button', { name: 'Erase…' }).click()
    const dialog = page.getByRole('dialog', { name: `Erase ${member.name}?` })
    await dialog.getByLabel(`Type ${member.name} to confirm`).fill('Someone else')
    await dialog.getByRole('button', { name: 'Erase for good' }).click()
    await expect(dialog.getByText(`Type ${member.name} exactly to confirm`)).toBeVisible()
    await expectNoAxeViolations(page)
    await dialog.getByLabel(`Type ${member.name} to confirm`).fill(member.name)
    await dialog.getByRole('button', { name: 'Erase for good' }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByRole('heading', { level: 1, name: 'Former member' })).toBeVisible()
    await expect(page.getByText('Erased. They appear as "Former member" from now on.')).toBeVisible()
    await expectNoAxeViolations(page)
  })

  await test.step('the program dashboard counts what it counted before', async () => {
    const { page } = admin
    await page.goto(`/programs/${programId}?tab=insights`)
    await expect(page.getByRole('region', { name: 'Match acceptance', exact: true })).toBeVisible()
    await expectNoAxeViolations(page)
    const answer = await expectStatus(
      await page.request.get(`/api/programs/${programId}/insights`),
      200,
      'insights after',
    )
    directResponses.push({ url: `/api/programs/${programId}/insights`, body: JSON.stringify(answer) })
    const after = ProgramInsightsSchema.parse(answer)
    expect(countedFigures(after)).toEqual(countedFigures(insightsBefore))
    await page.goto('/people')
    await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible()
    await expectNoAxeViolations(page)
  })

  const partnerSession = await signInAs(browser, tandemUrl, partner)
  const partnerResponses = recordApiResponses(partnerSession.page)
  await test.step(`${partner.name}'s workspace still opens, with a former member`, async () => {
    const { page } = partnerSession
    await page.goto(`/matches/${matchId}`)
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    await expect(page.getByText('Former member').first()).toBeVisible()
    await expectNoAxeViolations(page)
    await page.goto('/notifications')
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    await expectNoAxeViolations(page)
  })

  await test.step('the audit log shows the sign-in, the failed sign-in, the reset and the erasure, with actor and time', async () => {
    const { page } = admin
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log', exact: true }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible()
    const table = page.getByRole('table', { name: 'Audit events' })
    const rowsOf = (action: string) =>
      table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: action, exact: true }) })
    const byMaria = (action: string) => rowsOf(action).filter({ hasText: maria.name })
    await expect(byMaria('Signed in').first()).toBeVisible()
    await expect(byMaria('Sign-in reset by an admin')).toHaveCount(1)
    await expect(byMaria('Sign-in reset by an admin')).toContainText(other.name)
    await expect(byMaria('Person erased')).toHaveCount(1)
    await expect(byMaria('Person erased')).toContainText('Former member')
    const failed = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^Sign-in failed/ }) })
    await expect(failed.filter({ hasText: other.name })).toHaveCount(1)
    await expect(failed.filter({ hasText: other.name })).toContainText('Failed')
    for (const row of [byMaria('Person erased'), byMaria('Sign-in reset by an admin'), failed.first()]) {
      await expect(row.getByRole('cell').first().locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/)
    }
    await expectNoAxeViolations(page)

    await page.getByLabel('Kind').selectOption({ label: 'Sign-in and passwords' })
    await expect(byMaria('Person erased')).toHaveCount(0)
    await expect(byMaria('Sign-in reset by an admin')).toHaveCount(1)
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV' }).click(),
    ])
    const rows: Record<string, string>[] = parse(await readFile((await download.path()) ?? ''), { columns: true })
    const csvRow = (action: string, actor: string) => rows.find((r) => r.action === action && r.actor === actor)
    expect(csvRow('auth.signed_in', maria.name)?.time_utc).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(csvRow('sign_in.reset_by_admin', maria.name)).toMatchObject({ target: other.name, outcome: 'succeeded' })
    expect(rows.find((r) => r.action === 'auth.sign_in_failed' && r.target === other.name)).toMatchObject({
      outcome: 'failed',
    })
    await page.getByLabel('Kind').selectOption({ label: 'All events' })
    const [all] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV' }).click(),
    ])
    const allRows: Record<string, string>[] = parse(await readFile((await all.path()) ?? ''), { columns: true })
    const erased = allRows.find((r) => r.action === 'person.erased' && r.actor === maria.name)
    expect(erased).toMatchObject({ target: 'Former member', outcome: 'succeeded' })
    expect(erased?.time_utc).toMatch(/^\d{4}-\d\d-\d\dT/)
    const csvText = await readFile((await all.path()) ?? '', 'utf8')
    expect(csvText.toLowerCase()).not.toContain(member.name.toLowerCase())
  })

  await test.step(`${member.name} is in no API response since the erasure`, async () => {
    // The people directory searched for the name, as anyone might look for them.
    const search = await admin.page.request.get('/api/people', { params: { q: member.name } })
    directResponses.push({ url: '/api/people?q=', body: await search.text() })
    const responses = [...(await adminResponses()), ...(await partnerResponses()), ...directResponses]
    expect(responses.length).toBeGreaterThan(10)
    const withName = responses.filter((r) => r.body.toLowerCase().includes(member.name.toLowerCase())).map((r) => r.url)
    expect(withName).toEqual([])
    // Sign-in is impossible for the erased account.
    const signIn = await partnerSession.page.request.post('/api/auth/sign-in', {
      data: { email: member.email, password: 'tandem-demo-password' },
    })
    expect(signIn.status()).toBe(401)
  })
  await partnerSession.context.close()
  await admin.context.close()
})
