import type { Page } from '@playwright/test'
import { demoPeople } from '../scripts/demo-organization.ts'
import type { MyMatchList } from '../src/contracts/matching.ts'
import type { PeopleList } from '../src/contracts/people.ts'
import type { ProgramList } from '../src/contracts/programs.ts'
import type { SessionList } from '../src/contracts/sessions.ts'
import { PROGRAM_TABS } from '../src/web/features/programs/routes/program-tabs.ts'
import { WORKSPACE_SECTIONS } from '../src/web/features/workspaces/routes/workspace-sections.ts'
import { DEMO_PASSWORD } from './demo-organization.ts'
import { expect, expectNoAxeViolations, signIn, test } from './fixtures.ts'

// Issue #14 point 3: every main page fits a 375 px phone screen without scrolling sideways (tables
// turn into cards or scroll inside their own box, tab bars wrap or scroll within themselves), for
// an admin and for a participant in the demo organization with its months of history.

// Not isMobile: a mobile browser zooms out to fit what overflows, which would hide the overflow from
// innerWidth; at a plain 375 px viewport a page that overflows scrolls.
test.use({ tandemData: 'demo', viewport: { width: 375, height: 812 }, hasTouch: true })

async function getJson<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(url)
  expect(response.status(), url).toBe(200)
  return (await response.json()) as T
}

/** Opens the page, waits until its data has arrived, and checks that nothing sticks out sideways. */
async function expectFitsPhone(page: Page, url: string) {
  await page.goto(url)
  await page.waitForLoadState('networkidle')
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible()
  const widths = await page.evaluate(() => ({
    scroll: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
    inner: window.innerWidth,
    // What sticks out, to name it in the failure.
    wide: [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5)
      .filter((element) => !element.parentElement?.closest('.table-wrap'))
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`),
  }))
  expect
    .soft(widths.scroll, `${url} scrolls sideways; too wide: ${widths.wide.join(', ')}`)
    .toBeLessThanOrEqual(widths.inner)
  // Every tab of a tab bar can be reached: either visible or inside a bar that scrolls.
  for (const tab of await page.getByRole('tab').all()) {
    await tab.scrollIntoViewIfNeeded()
    await expect.soft(tab, `${url}: tab ${await tab.textContent()}`).toBeInViewport()
  }
}

test('every page of an admin fits a 375 px screen', async ({ page }) => {
  test.setTimeout(300_000)
  const admin = demoPeople().find((person) => person.role === 'admin')
  if (!admin) throw new Error('The demo organization has an admin')
  await signIn(page, admin.email, DEMO_PASSWORD)

  const people = await getJson<PeopleList>(page, '/api/people?limit=1')
  const programs = await getJson<ProgramList>(page, '/api/programs')
  const program = programs.programs[0]
  const person = people.people[0]
  if (!program || !person) throw new Error('The demo organization has programs and people')

  const urls = [
    '/',
    '/profile',
    '/people',
    `/people/${person.id}`,
    '/import',
    '/skills',
    '/themes',
    '/outbox',
    '/admin/jobs',
    '/admin/system',
    '/admin/audit-log',
    '/admin/sign-in',
    '/admin/api-tokens',
    '/admin/webhooks',
    '/organization',
    '/me/data',
    '/insights',
    '/notifications',
    '/me/email-preferences',
    '/programs',
    '/programs/new',
    ...PROGRAM_TABS.map((tab) => `/programs/${program.id}?tab=${tab}`),
    '/exercises',
  ]
  for (const url of urls) {
    await test.step(url, async () => {
      await expectFitsPhone(page, url)
    })
  }
  await expectNoAxeViolations(page)
})

test('every page of a participant fits a 375 px screen', async ({ page }) => {
  test.setTimeout(300_000)
  // A participant of the demo program with a match that has sessions behind it.
  let found: { email: string; matchId: string; sessionId: string } | null = null
  for (const participant of demoPeople().filter((person) => person.role === 'participant')) {
    await signIn(page, participant.email, DEMO_PASSWORD)
    const { matches } = await getJson<MyMatchList>(page, '/api/me/matches')
    const match = matches.find((candidate) => candidate.status === 'active')
    if (match) {
      const sessions = await getJson<SessionList>(page, `/api/matches/${match.id}/sessions`)
      const session = sessions.past[0] ?? sessions.upcoming[0]
      if (session) {
        found = { email: participant.email, matchId: match.id, sessionId: session.id }
        break
      }
    }
    await page.context().clearCookies()
  }
  if (!found) throw new Error('A demo participant has an active match with sessions')

  const urls = [
    '/',
    '/profile',
    '/me/matches',
    // Every tab of the workspace (issue #17, point 6), the overview by its plain address.
    `/matches/${found.matchId}`,
    ...WORKSPACE_SECTIONS.filter((section) => section !== 'overview').map(
      (section) => `/matches/${found.matchId}?section=${section}`,
    ),
    `/matches/${found.matchId}/sessions/${found.sessionId}/guide`,
    '/exercises',
    '/programs',
    '/notifications',
    '/me/data',
    '/me/email-preferences',
  ]
  for (const url of urls) {
    await test.step(url, async () => {
      await expectFitsPhone(page, url)
    })
  }
  await expectNoAxeViolations(page)
})

test('the signed-out pages fit a 375 px screen', async ({ page }) => {
  for (const url of ['/sign-in', '/forgot-password']) {
    await test.step(url, async () => {
      await expectFitsPhone(page, url)
      await expectNoAxeViolations(page)
    })
  }
})
