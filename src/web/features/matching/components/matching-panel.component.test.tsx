import { describe, expect, test } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import type { MatchingRun, ProgramMatches, ReviewMatch } from '#contracts/matching.ts'
import { buildProgramView, ids } from '#web/test/builders.ts'
import { type ApiCall, fakeApi } from '#web/test/fake-api.ts'
import { renderUi } from '#web/test/render.tsx'
import { MatchingPanel } from './matching-panel.tsx'

const programPath = `/api/programs/${ids.program}`
const runId = '00000000-0000-4000-8000-00000000d001'
const matchId = '00000000-0000-4000-8000-00000000d002'
const person = (n: number) => `00000000-0000-4000-8000-00000000e00${n}`

const program = buildProgramView({ status: 'matching', enrolledCount: 4 })

function member(n: number, name: string) {
  return {
    personId: person(n),
    name,
    department: 'Research',
    title: 'Engineer',
    role: 'peer' as const,
    response: 'pending' as const,
    responseReason: null,
    respondedAt: null,
  }
}

const proposal: ReviewMatch = {
  id: matchId,
  programId: ids.program,
  runId,
  status: 'proposed',
  origin: 'engine',
  score: 870,
  fitPercent: 87,
  isLocked: false,
  members: [member(1, 'Ann Lee'), member(2, 'Bo Chen')],
  explanation: {
    reasons: ['Ann wants public speaking, which Bo offers'],
    summary: 'Strong fit',
    criteria: null,
    questionCriteria: [],
    pairScores: null,
  },
  createdAt: '2030-01-10T10:00:00.000Z',
  publishedAt: null,
}

function buildMatches(matches: ReviewMatch[]): ProgramMatches {
  const unmatched = [
    {
      personId: person(3),
      name: 'Cy Park',
      department: 'Sales',
      title: 'Lead',
      reason: 'no_feasible_partner' as const,
      reasonText: 'No one shares a working hour',
    },
  ]
  return {
    programId: ids.program,
    matches,
    unmatched,
    counts: { proposed: matches.length, published: 0, active: 0, declined: 0, locked: 0, unmatched: 1 },
    page: { limit: 50, offset: 0, total: matches.length },
    unmatchedPage: { limit: 50, offset: 0, total: 1 },
  }
}

function buildRun(overrides: Partial<MatchingRun> = {}): MatchingRun {
  return {
    id: runId,
    programId: ids.program,
    runNumber: 1,
    status: 'queued',
    progress: 0,
    label: 'More weight on skills',
    settings: {},
    summary: null,
    error: null,
    startedBy: { id: ids.viewer, name: 'Ada Lovelace' },
    createdAt: '2030-01-10T10:00:00.000Z',
    startedAt: null,
    finishedAt: null,
    ...overrides,
  }
}

/** A server with no run yet: a started run is queued, then done at its first poll, and proposes one match. */
function serve() {
  let runs: MatchingRun[] = []
  let matches = buildMatches([])
  const api = fakeApi({
    [`GET ${programPath}/matching-runs`]: () => ({ runs }),
    [`GET ${programPath}/matches`]: () => matches,
    [`GET ${programPath}/pair-rules`]: { rules: [] },
    [`POST ${programPath}/matching-runs`]: (_call: ApiCall) => {
      runs = [buildRun()]
      return buildRun()
    },
    [`GET /api/matching-runs/${runId}`]: () => {
      runs = [buildRun({ status: 'succeeded', progress: 100, finishedAt: '2030-01-10T10:00:05.000Z' })]
      matches = buildMatches([proposal])
      return { ...runs[0], result: null }
    },
    [`POST ${programPath}/matches/publish`]: { published: 1, notified: 2, programStatus: 'active' },
  })
  return api
}

describe('the matching panel', () => {
  test('a run with a label and a weight is sent, followed to its end, and its proposals shown', async () => {
    const api = serve()
    await renderUi(<MatchingPanel program={program} />)
    await expect.element(page.getByRole('heading', { name: 'No matches yet' })).toBeVisible()
    await expect.element(page.getByRole('button', { name: 'Publish matches' })).toBeDisabled()

    await userEvent.click(page.getByText('Run options'))
    await userEvent.fill(page.getByRole('textbox', { name: /Label for this run/ }), '  More weight on skills ')
    await userEvent.fill(page.getByRole('spinbutton', { name: /Skills weight for this run/ }), '80')
    await userEvent.click(page.getByRole('button', { name: 'Run matching' }))

    await expect.element(page.getByText('Run 1 finished: 0 matches, 0 people unmatched.')).toBeVisible()
    expect(api.callsTo(`POST ${programPath}/matching-runs`)[0].body).toEqual({
      label: 'More weight on skills',
      weights: { complementarity: 80 },
    })
    const card = page.getByRole('article', { name: 'Match: Ann Lee and Bo Chen' })
    await expect.element(card).toBeVisible()
    // The fit as a share of the best possible score, what it is made of on demand (issue #17, point 4).
    await expect.element(card.getByText('87%')).toBeVisible()
    await expect.element(card.getByText(/Score 870: 87% of the best/)).not.toBeVisible()
    await userEvent.click(card.getByText('How the 87% fit is made'))
    await expect.element(card.getByText(/Score 870: 87% of the best/)).toBeVisible()
    await expect.element(page.getByText('No one shares a working hour')).toBeVisible()
    await expect.element(page.getByRole('button', { name: 'Re-run around locked matches' })).toBeVisible()
    await expect.element(page.getByRole('textbox', { name: /Label for this run/ })).toHaveValue('')
  })

  test('publishing names who will be notified, and says how many were', async () => {
    const api = serve()
    api.on(`GET ${programPath}/matches`, buildMatches([proposal]))
    await renderUi(<MatchingPanel program={program} />)
    await userEvent.click(page.getByRole('button', { name: 'Publish matches' }))
    const dialog = page.getByRole('dialog', { name: 'Publish matches?' })
    await expect.element(dialog.getByText('Ann Lee and Bo Chen')).toBeVisible()
    await expect.element(dialog.getByText('1 person stays unmatched and is not notified.')).toBeVisible()
    await userEvent.click(dialog.getByRole('button', { name: 'Publish and notify' }))
    await expect.element(page.getByText('1 match published; 2 people were notified.')).toBeVisible()
    expect(api.writes).toEqual([`POST ${programPath}/matches/publish`])
  })

  test('locking a proposal is sent and announced', async () => {
    const api = serve()
    api.on(`GET ${programPath}/matches`, buildMatches([proposal]))
    api.on(`POST /api/matches/${matchId}/lock`, { ...proposal, isLocked: true })
    await renderUi(<MatchingPanel program={program} />)
    await userEvent.click(page.getByRole('button', { name: 'Lock match: Ann Lee and Bo Chen' }))
    await expect.element(page.getByText('Locked: Ann Lee and Bo Chen.')).toBeVisible()
    expect(api.writes).toEqual([`POST /api/matches/${matchId}/lock`])
  })

  test('before enrollment closes there is nothing to run', async () => {
    serve()
    await renderUi(<MatchingPanel program={buildProgramView({ status: 'enrolling' })} />)
    await expect.element(page.getByText('Close enrollment on the Overview tab to start matching.')).toBeVisible()
    await expect.element(page.getByRole('button', { name: 'Run matching' })).not.toBeInTheDocument()
    await expect.element(page.getByRole('button', { name: 'Match by hand' })).toBeDisabled()
  })
})
