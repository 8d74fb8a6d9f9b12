import { describe, expect, test } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import type { AtRiskMatch, AtRiskPage, AtRiskPaging } from '#contracts/insights.ts'
import { type ApiCall, fakeApi } from '#web/test/fake-api.ts'
import { renderUi } from '#web/test/render.tsx'
import { AtRiskList } from './at-risk-list.tsx'

const programId = '00000000-0000-4000-8000-0000000000b1'
const path = `GET /api/programs/${programId}/insights/at-risk`

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`

function buildMatch(n: number): AtRiskMatch {
  return {
    matchId: uuid(1000 + n),
    status: 'active',
    members: [
      { personId: uuid(2000 + n), name: `Pair ${n} Ada` },
      { personId: uuid(3000 + n), name: `Pair ${n} Ben` },
    ],
    lastSessionAt: null,
    reasons: [
      {
        code: 'no_recent_session',
        label: `No session held in the ${30 + n} days since the match was published (cadence 14 days)`,
        action: 'nudge',
        actionLabel: 'Nudge the pair',
      },
    ],
  }
}

const paging: AtRiskPaging = {
  total: 45,
  countsByReason: { no_recent_session: 45, poor_fit: 3, repair_requested: 0, declined: 0 },
  sort: 'attention',
  limit: 20,
  offset: 0,
}

/** The server's page for the call's sort and offset: matches numbered from the offset (by name: from 100). */
function answerPage(call: ApiCall): AtRiskPage {
  const sort = (call.query.get('sort') ?? 'attention') as AtRiskPage['sort']
  const offset = Number(call.query.get('offset') ?? 0)
  const start = (sort === 'name' ? 100 : 0) + offset
  const count = Math.min(20, paging.total - offset)
  return {
    ...paging,
    sort,
    offset,
    asOf: '2027-04-01T09:00:00.000Z',
    matches: Array.from({ length: count }, (_, i) => buildMatch(start + i + 1)),
  }
}

const articles = () => page.getByRole('list', { name: 'At-risk matches' }).getByRole('article')

describe('at-risk list', () => {
  test('shows the first page from the dashboard, the counts per reason, then pages and sorts through the API', async () => {
    const api = fakeApi({ [path]: answerPage })
    const firstPage = Array.from({ length: 20 }, (_, i) => buildMatch(i + 1))
    await renderUi(<AtRiskList programId={programId} firstPage={firstPage} paging={paging} />)

    await expect
      .element(page.getByText('45 matches need attention: 45 no recent session, 3 pairing-fit concern.'))
      .toBeVisible()
    await expect.element(page.getByRole('heading', { name: 'Pair 1 Ada and Pair 1 Ben' })).toBeVisible()
    await expect.poll(() => articles().elements().length).toBe(20)
    await expect.element(page.getByText('Showing 1–20 of 45 · Page 1 of 3')).toBeVisible()
    expect(api.callsTo(path)).toEqual([])

    await userEvent.click(page.getByRole('button', { name: 'Next page' }))
    await expect.element(page.getByRole('heading', { name: 'Pair 21 Ada and Pair 21 Ben' })).toBeVisible()
    await expect.element(page.getByText('Showing 21–40 of 45 · Page 2 of 3')).toBeVisible()
    await userEvent.click(page.getByRole('button', { name: 'Next page' }))
    await expect.element(page.getByRole('heading', { name: 'Pair 41 Ada and Pair 41 Ben' })).toBeVisible()
    await expect.poll(() => articles().elements().length).toBe(5)
    await expect.element(page.getByRole('button', { name: 'Next page' })).toBeDisabled()

    await userEvent.selectOptions(page.getByRole('combobox', { name: 'Order' }), 'By name')
    await expect.element(page.getByRole('heading', { name: 'Pair 101 Ada and Pair 101 Ben' })).toBeVisible()
    await expect.element(page.getByText('Showing 1–20 of 45 · Page 1 of 3')).toBeVisible()
    expect(api.callsTo(path).map((call) => Object.fromEntries(call.query))).toEqual([
      { sort: 'attention', offset: '20', limit: '20' },
      { sort: 'attention', offset: '40', limit: '20' },
      { sort: 'name', offset: '0', limit: '20' },
    ])
  })

  test('no match at risk: the empty state, no paging and no request', async () => {
    const api = fakeApi({ [path]: answerPage })
    await renderUi(
      <AtRiskList
        programId={programId}
        firstPage={[]}
        paging={{
          ...paging,
          total: 0,
          countsByReason: { ...paging.countsByReason, no_recent_session: 0, poor_fit: 0 },
        }}
      />,
    )
    await expect.element(page.getByRole('heading', { name: 'No match needs attention' })).toBeVisible()
    await expect.element(page.getByRole('navigation', { name: 'At-risk matches pages' })).not.toBeInTheDocument()
    expect(api.callsTo(path)).toEqual([])
  })
})
