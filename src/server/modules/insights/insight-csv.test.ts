import { parse } from 'csv-parse/sync'
import { describe, expect, test } from 'vitest'
import { INSIGHT_FIGURES } from '#contracts/insights.ts'
import { insightFigureCsv } from './insight-csv.ts'
import { computeProgramInsights, type InsightRows } from './insight-figures.ts'

const NOW = new Date('2026-06-01T12:00:00Z')
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`

/** One declined pair, one of whom has a name a spreadsheet would run as a formula. */
const rows: InsightRows = {
  program: {
    id: id(900),
    name: 'Spring',
    type: 'peer_coaching',
    status: 'active',
    cadenceDays: 14,
    targetSessionCount: 2,
    focusSkills: [{ slug: 'active-listening', name: 'Active listening' }],
  },
  eligiblePersonIds: [id(1), id(2), id(3)],
  enrollments: [
    { personId: id(1), status: 'enrolled', selfAssessment: {} },
    { personId: id(2), status: 'enrolled', selfAssessment: {} },
  ],
  matches: [{ id: id(101), status: 'declined', publishedAt: new Date('2026-05-20T10:00:00Z') }],
  members: [
    { matchId: id(101), personId: id(1), name: '=HYPERLINK("http://x")', department: 'Sales', response: 'declined' },
    { matchId: id(101), personId: id(2), name: 'Ben', department: 'Sales', response: 'pending' },
  ],
  sessions: [],
  goals: [],
  feedback: [],
  checkIns: [],
  fitAnswers: [],
  closingSurveys: [],
  openRepairRequestMatchIds: [],
}

describe('insightFigureCsv', () => {
  test('a figure hidden at the threshold stays hidden in its CSV, with the reason and the head count', () => {
    const insights = {
      ...computeProgramInsights(rows, NOW, 5),
      generatedAt: NOW.toISOString(),
      asOf: NOW.toISOString(),
    }
    expect(parse(insightFigureCsv(insights, 'participation'))).toEqual([
      ['measure', 'value'],
      ['enrolled', ''],
      ['eligible', ''],
      ['participation %', ''],
      ['people counted', '3'],
      [
        'hidden because',
        "Fewer than 5 people are counted here (3 so far), so it stays hidden: no one's answers can be singled out.",
      ],
    ])
    const shown = { ...computeProgramInsights(rows, NOW, 3), generatedAt: NOW.toISOString(), asOf: NOW.toISOString() }
    // 2 enrolled of 3 eligible = 66.7%.
    expect(parse(insightFigureCsv(shown, 'participation')).slice(1, 4)).toEqual([
      ['enrolled', '2'],
      ['eligible', '3'],
      ['participation %', '66.7'],
    ])
  })

  test('names that look like formulas are written as text; every figure has a header row', () => {
    const insights = {
      ...computeProgramInsights(rows, NOW, 5),
      generatedAt: NOW.toISOString(),
      asOf: NOW.toISOString(),
    }
    const atRisk = parse(insightFigureCsv(insights, 'at-risk'))
    expect(atRisk[1][2]).toBe('\'=HYPERLINK("http://x"); Ben')
    expect(atRisk[1][5]).toBe('Re-pair')
    for (const figure of INSIGHT_FIGURES) {
      expect(parse(insightFigureCsv(insights, figure))[0].length, figure).toBeGreaterThan(1)
    }
  })
})
