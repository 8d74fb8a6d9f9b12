import { describe, expect, test, vi } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import type { SessionList } from '#contracts/sessions.ts'
import { buildWorkspace, ids } from '#web/test/builders.ts'
import { fakeApi } from '#web/test/fake-api.ts'
import { renderUi } from '#web/test/render.tsx'
import { WorkspacePage } from './workspace-page.tsx'
import type { WorkspaceSection } from './workspace-sections.ts'

const matchPath = `/api/matches/${ids.match}`

const sessions: SessionList = {
  upcoming: [],
  past: [],
  balance: [],
  nextRoles: { coachId: null, coacheeId: null },
  cadenceDays: 14,
  canSchedule: true,
  myTimeZone: 'Europe/London',
}

/** The overview's answers only: any other request (another tab's data) fails the test. */
function serveOverview() {
  return fakeApi({
    [`GET ${matchPath}/workspace`]: buildWorkspace(),
    [`GET ${matchPath}/sessions`]: sessions,
    [`GET ${matchPath}/action-items`]: { actionItems: [] },
    [`GET ${matchPath}/feedback`]: { received: [], given: [], due: [] },
  })
}

describe('the match workspace', () => {
  test('opens on its overview: the summary and the agreement, and loads no other tab’s data', async () => {
    const api = serveOverview()
    const onSectionChange = vi.fn<(section: WorkspaceSection) => void>()
    await renderUi(<WorkspacePage matchId={ids.match} onSectionChange={onSectionChange} />)

    const tabs = page.getByRole('tablist', { name: 'Workspace sections' }).getByRole('tab')
    await expect.element(tabs.first()).toHaveAccessibleName('Overview')
    expect(tabs.all().map((tab) => tab.element().textContent)).toEqual([
      'Overview',
      'Goals',
      'Sessions',
      'Notes',
      'Action items',
      'Feedback',
      'Wellbeing',
      'Pairing',
    ])
    await expect.element(page.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true')
    const glance = page.getByRole('region', { name: 'At a glance' })
    await expect.element(glance.getByText('None scheduled')).toBeVisible()
    await expect.element(glance.getByText('No goals yet')).toBeVisible()
    await expect.element(glance.getByText('None received yet')).toBeVisible()
    await expect.element(glance.getByText('Not agreed yet', { exact: false })).toBeVisible()
    await expect
      .element(glance.getByRole('link', { name: 'See sessions' }))
      .toHaveAttribute('href', `/matches/${ids.match}?section=sessions`)
    await expect.element(page.getByRole('region', { name: 'Agreement' })).toBeVisible()
    expect(new Set(api.calls.map((call) => call.path))).toEqual(
      new Set([
        `${matchPath}/workspace`,
        `${matchPath}/sessions`,
        `${matchPath}/action-items`,
        `${matchPath}/feedback`,
      ]),
    )

    // A tab is chosen by click or by the arrow keys (the page puts it in the address).
    await userEvent.click(page.getByRole('tab', { name: 'Goals' }))
    expect(onSectionChange).toHaveBeenLastCalledWith('goals')
    await userEvent.keyboard('{ArrowLeft}')
    expect(onSectionChange).toHaveBeenLastCalledWith('pairing')
  })

  test('a section named in the address opens alone', async () => {
    const api = fakeApi({ [`GET ${matchPath}/workspace`]: buildWorkspace() })
    await renderUi(<WorkspacePage matchId={ids.match} section="goals" onSectionChange={() => {}} />)
    await expect.element(page.getByRole('tab', { name: 'Goals' })).toHaveAttribute('aria-selected', 'true')
    await expect.element(page.getByRole('region', { name: 'Goals' })).toBeVisible()
    await expect.element(page.getByRole('region', { name: 'At a glance' })).not.toBeInTheDocument()
    expect(api.calls.map((call) => call.path)).toEqual([`${matchPath}/workspace`])
  })
})
