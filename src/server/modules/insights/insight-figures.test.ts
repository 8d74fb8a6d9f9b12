import { describe, expect, test } from 'vitest'
import { computeProgramInsights, type InsightRows } from './insight-figures.ts'
import { hiddenReasonFor } from './privacy-threshold.ts'

/**
 * A hand-checked cohort. 20 people may join the program, 16 enrolled (P1..P16), P17 withdrew.
 * Eight pairs:
 *   M1 P1+P2   completed  Sales+Eng   6 held (coached 3/3)
 *   M2 P3+P4   completed  Sales+Sales 6 held (4/2)
 *   M3 P5+P6   dissolved  Eng+Sales   3 held (2/1)
 *   M4 P7+P8   active     Eng+Eng     5 held (3/2), last 7 days ago
 *   M5 P9+P10  active     Sales+Eng   4 held (3/1), last 12 days ago; P9 rated the fit 2
 *   M6 P11+P12 active     Sales+Sales 3 held (3/0), last 40 days ago; P11 asked to be re-paired
 *   M7 P13+P14 published  both pending
 *   M8 P15+P16 declined   P15 declined, P16 pending (neither matched again)
 * Cadence 14 days (two periods: 28 days), target 6 sessions per match. Today is Monday 1 June 2026.
 */
const NOW = new Date('2026-06-01T12:00:00Z')
const day = (iso: string) => new Date(`${iso}T10:00:00Z`)
const DEPARTMENTS = 'S E S S E S E E S E S S S E S E S S E E'.split(' ')
const NAMES = 'Ana Ben Cleo Dan Eve Finn Gia Hal Ivy Jon Kai Lea Max Nia Oli Pam Quin Rae Sol Tia'.split(' ')
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
const P = (n: number) => id(n)
const M = (n: number) => id(100 + n)

function member(match: number, person: number, response: string) {
  return {
    matchId: M(match),
    personId: P(person),
    name: NAMES[person - 1],
    department: DEPARTMENTS[person - 1] === 'S' ? 'Sales' : 'Engineering',
    response,
  }
}

/** `coaches` lists who coached each held session, oldest first, the last one on `lastOn`. */
function held(match: number, coaches: number[], lastOn: string) {
  const last = day(lastOn).getTime()
  return coaches.map((coach, i) => ({
    matchId: M(match),
    status: 'held',
    startsAt: new Date(last - (coaches.length - 1 - i) * 14 * 86_400_000),
    coachId: P(coach),
  }))
}

function fixture(overrides: Partial<InsightRows> = {}): InsightRows {
  return {
    program: {
      id: id(900),
      name: 'Spring peer coaching',
      type: 'peer_coaching',
      status: 'active',
      cadenceDays: 14,
      targetSessionCount: 6,
      focusSkills: [
        { slug: 'active-listening', name: 'Active listening' },
        { slug: 'giving-feedback', name: 'Giving feedback' },
      ],
    },
    eligiblePersonIds: Array.from({ length: 20 }, (_, i) => P(i + 1)),
    enrollments: [
      // Pre self-assessments: active listening 2,2,3,3,2,3; giving feedback 2,3,3,2 (P5, P6 never rated it).
      { personId: P(1), status: 'enrolled', selfAssessment: { 'active-listening': 2, 'giving-feedback': 2 } },
      { personId: P(2), status: 'enrolled', selfAssessment: { 'active-listening': 2, 'giving-feedback': 3 } },
      { personId: P(3), status: 'enrolled', selfAssessment: { 'active-listening': 3, 'giving-feedback': 3 } },
      { personId: P(4), status: 'enrolled', selfAssessment: { 'active-listening': 3, 'giving-feedback': 2 } },
      { personId: P(5), status: 'enrolled', selfAssessment: { 'active-listening': 2 } },
      { personId: P(6), status: 'enrolled', selfAssessment: { 'active-listening': 3 } },
      ...Array.from({ length: 10 }, (_, i) => ({ personId: P(i + 7), status: 'enrolled', selfAssessment: {} })),
      { personId: P(17), status: 'withdrawn', selfAssessment: {} },
    ],
    matches: [
      { id: M(1), status: 'completed', publishedAt: day('2026-01-05') },
      { id: M(2), status: 'completed', publishedAt: day('2026-01-05') },
      { id: M(3), status: 'dissolved', publishedAt: day('2026-01-05') },
      { id: M(4), status: 'active', publishedAt: day('2026-03-02') },
      { id: M(5), status: 'active', publishedAt: day('2026-03-02') },
      { id: M(6), status: 'active', publishedAt: day('2026-03-02') },
      { id: M(7), status: 'published', publishedAt: day('2026-05-30') },
      { id: M(8), status: 'declined', publishedAt: day('2026-05-04') },
    ],
    members: [
      ...[1, 2, 3, 4, 5, 6].flatMap((m) => [member(m, 2 * m - 1, 'accepted'), member(m, 2 * m, 'accepted')]),
      member(7, 13, 'pending'),
      member(7, 14, 'pending'),
      member(8, 15, 'declined'),
      member(8, 16, 'pending'),
    ],
    sessions: [
      ...held(1, [1, 2, 1, 2, 1, 2], '2026-04-06'),
      ...held(2, [3, 3, 4, 3, 4, 3], '2026-04-06'),
      ...held(3, [5, 6, 5], '2026-02-16'),
      ...held(4, [7, 8, 7, 8, 7], '2026-05-25'),
      ...held(5, [9, 9, 10, 9], '2026-05-20'),
      ...held(6, [11, 11, 11], '2026-04-22'),
      // Never counted: a session still to come, a cancelled one, a missed one.
      { matchId: M(4), status: 'scheduled', startsAt: day('2026-06-05'), coachId: P(8) },
      { matchId: M(6), status: 'cancelled', startsAt: day('2026-05-20'), coachId: P(12) },
      { matchId: M(6), status: 'missed', startsAt: day('2026-05-27'), coachId: P(12) },
    ],
    goals: [
      // 10 goals by 8 owners: 4 achieved (100 each), 5 in progress (50+50+40+30+30 = 200), 1 dropped (0).
      { matchId: M(1), ownerId: P(1), status: 'achieved', progress: 100 },
      { matchId: M(1), ownerId: P(1), status: 'active', progress: 50 },
      { matchId: M(1), ownerId: P(2), status: 'dropped', progress: 0 },
      { matchId: M(2), ownerId: P(3), status: 'achieved', progress: 100 },
      { matchId: M(3), ownerId: P(5), status: 'achieved', progress: 100 },
      { matchId: M(4), ownerId: P(7), status: 'achieved', progress: 100 },
      { matchId: M(4), ownerId: P(7), status: 'active', progress: 50 },
      { matchId: M(5), ownerId: P(9), status: 'active', progress: 40 },
      { matchId: M(6), ownerId: P(11), status: 'active', progress: 30 },
      { matchId: M(6), ownerId: P(12), status: 'active', progress: 30 },
    ],
    feedback: [
      // Givers P1, P1, P2, P3, P4, P5, P6, P6: 6 people, 8 forms.
      [1, 5, 4, 5],
      [1, 4, 4, 5],
      [2, 4, 4, 5],
      [3, 5, 4, 5],
      [4, 3, 3, 4],
      [5, 3, 3, 4],
      [6, 4, 3, 4],
      [6, 4, 3, 4],
    ].map(([giver, listening, questions, helpfulness]) => ({
      giverId: P(giver),
      listening,
      questions,
      helpfulness,
    })),
    checkIns: [
      // Week of 18 May: P7..P11, 5 people. Week of 25 May: P7..P10, 4 people.
      ...[
        [7, 4, 2],
        [8, 3, 3],
        [9, 4, 2],
        [10, 5, 2],
        [11, 4, 1],
      ].map(([p, mood, stress], i) => ({ personId: P(p), mood, stress, createdAt: day(`2026-05-${19 + i}`) })),
      ...[
        [7, 3, 3],
        [8, 4, 3],
        [9, 4, 2],
        [10, 5, 4],
      ].map(([p, mood, stress], i) => ({ personId: P(p), mood, stress, createdAt: day(`2026-05-${25 + i}`) })),
    ],
    fitAnswers: [
      { matchId: M(4), personId: P(7), fit: 5, keepPairing: 'yes' },
      { matchId: M(4), personId: P(8), fit: 4, keepPairing: 'yes' },
      { matchId: M(5), personId: P(9), fit: 2, keepPairing: 'unsure' },
      { matchId: M(5), personId: P(10), fit: 4, keepPairing: 'yes' },
    ],
    closingSurveys: [
      // satisfaction, would recommend, post active listening, post giving feedback
      [1, 1, 5, 10, 5, 3],
      [1, 2, 4, 9, 4, 4],
      [2, 3, 4, 9, 4, 4],
      [2, 4, 5, 10, 4, 3],
      [3, 5, 3, 8, 3, 5],
      [3, 6, 3, 4, 4, 5],
    ].map(([match, person, satisfaction, wouldRecommend, listening, feedback]) => ({
      matchId: M(match),
      personId: P(person),
      satisfaction,
      wouldRecommend,
      selfAssessment: { 'active-listening': listening, 'giving-feedback': feedback },
    })),
    openRepairRequestMatchIds: [M(6)],
    ...overrides,
  }
}

describe('computeProgramInsights on the hand-checked cohort (threshold 5)', () => {
  const insights = computeProgramInsights(fixture(), NOW, 5)

  test('participation: 16 enrolled of 20 eligible = 80%', () => {
    expect(insights.participation).toEqual({
      people: 20,
      isHidden: false,
      hiddenReason: null,
      enrolled: 16,
      eligible: 20,
      percent: 80,
    })
  })

  test('acceptance: of 16 published members, 12 accepted (75%), 1 declined, 3 pending', () => {
    expect(insights.acceptance).toMatchObject({
      people: 16,
      members: 16,
      accepted: 12,
      declined: 1,
      pending: 3,
      acceptedPercent: 75,
    })
  })

  test('sessions: 6+6+3+5+4+3 = 27 held of 6 matches x 6 = 36 (75%), 4.5 per match, 2 at target', () => {
    expect(insights.sessions).toMatchObject({
      people: 12,
      isHidden: false,
      matches: 6,
      held: 27,
      target: 36,
      percent: 75,
      targetPerMatch: 6,
      averagePerMatch: 4.5,
      matchesAtTarget: 2,
    })
    // 3 held: M3, M6; 4: M5; 5: M4; 6 or more: M1, M2.
    expect(insights.sessions.distribution.map((b) => b.matches)).toEqual([0, 0, 0, 2, 1, 1, 2])
    expect(insights.sessions.distribution.at(-1)).toEqual({ held: 6, isTargetOrMore: true, matches: 2 })
  })

  test('active matches: M4 (7 days) and M5 (12 days) met within 28 days, M6 (40 days) did not: 2 of 3', () => {
    expect(insights.activeMatches).toMatchObject({ people: 6, windowDays: 28, matches: 3, active: 2, percent: 66.7 })
  })

  test('goals: 4 achieved of 10 set (40%), average progress 600 / 10 = 60', () => {
    expect(insights.goals).toMatchObject({
      people: 8,
      set: 10,
      achieved: 4,
      inProgress: 5,
      dropped: 1,
      percent: 40,
      averageProgress: 60,
    })
  })

  test('skill growth: active listening 2.5 -> 4 (+1.5) over 6 people; giving feedback over 4 people is hidden', () => {
    // Pre 2+2+3+3+2+3 = 15 / 6 = 2.5; post 5+4+4+4+3+4 = 24 / 6 = 4.
    expect(insights.skillGrowth[0]).toEqual({
      slug: 'active-listening',
      name: 'Active listening',
      people: 6,
      isHidden: false,
      hiddenReason: null,
      averagePre: 2.5,
      averagePost: 4,
      averageGrowth: 1.5,
    })
    expect(insights.skillGrowth[1]).toEqual({
      slug: 'giving-feedback',
      name: 'Giving feedback',
      people: 4,
      isHidden: true,
      hiddenReason: hiddenReasonFor(4, 5),
      averagePre: null,
      averagePost: null,
      averageGrowth: null,
    })
    expect(insights.skillGrowth[1].hiddenReason).toMatch(/^Fewer than 5 people are counted here \(4 so far\)/)
  })

  test('feedback ratings: 8 forms from 6 givers; 32/8 = 4, 28/8 = 3.5, 36/8 = 4.5', () => {
    expect(insights.feedback).toEqual({
      people: 6,
      isHidden: false,
      hiddenReason: null,
      forms: 8,
      listening: 4,
      questions: 3.5,
      helpfulness: 4.5,
    })
  })

  test('satisfaction 24/6 = 4; NPS: 4 promoters, 1 passive, 1 detractor of 6 -> (4-1)/6 = 50', () => {
    expect(insights.satisfaction).toMatchObject({
      people: 6,
      responses: 6,
      averageSatisfaction: 4,
      promoters: 4,
      passives: 1,
      detractors: 1,
      nps: 50,
    })
  })

  test('wellbeing: week of 18 May over 5 people (mood 20/5 = 4, stress 10/5 = 2); week of 25 May over 4 hidden', () => {
    expect(insights.wellbeing).toMatchObject({ people: 5, isHidden: false })
    expect(insights.wellbeing.weeks).toEqual([
      {
        weekStart: '2026-05-18',
        people: 5,
        isHidden: false,
        hiddenReason: null,
        checkIns: 5,
        averageMood: 4,
        averageStress: 2,
      },
      {
        weekStart: '2026-05-25',
        people: 4,
        isHidden: true,
        hiddenReason: hiddenReasonFor(4, 5),
        checkIns: null,
        averageMood: null,
        averageStress: null,
      },
    ])
  })

  test('give-and-take: M1 3/3, M3 2/1, M4 3/2 balanced; M2 4/2, M5 3/1, M6 3/0 not: 3 of 6 = 50%', () => {
    expect(insights.giveAndTake).toMatchObject({
      people: 12,
      isApplicable: true,
      pairs: 6,
      balancedPairs: 3,
      percent: 50,
    })
  })

  test('cross-department ties: M1, M3, M5 of the 6 matches that went ahead = 50%', () => {
    expect(insights.crossDepartment).toMatchObject({ people: 12, matches: 6, crossDepartment: 3, percent: 50 })
  })

  test('at risk: M6 (40 quiet days, re-pair request), M5 (poor fit), M8 (declined); each with its action', () => {
    expect(insights.atRisk.map((m) => [m.matchId, m.reasons.map((r) => [r.code, r.action])])).toEqual([
      [
        M(6),
        [
          ['no_recent_session', 'nudge'],
          ['repair_requested', 're_pair'],
        ],
      ],
      [M(5), [['poor_fit', 'talk_to_pair']]],
      [M(8), [['declined', 're_pair']]],
    ])
    const m6 = insights.atRisk[0]
    expect(m6.members).toEqual([
      { personId: P(11), name: 'Kai' },
      { personId: P(12), name: 'Lea' },
    ])
    expect(m6.lastSessionAt).toBe('2026-04-22T10:00:00.000Z')
    expect(m6.reasons[0].label).toBe('No session held for 40 days (cadence 14 days)')
    expect(m6.reasons.map((r) => r.actionLabel)).toEqual(['Nudge the pair', 'Re-pair'])
  })
})

describe('the threshold', () => {
  test('the figure over 4 people shows at threshold 3: giving feedback 2.5 -> 3.5 (+1), the week of 25 May', () => {
    const insights = computeProgramInsights(fixture(), NOW, 3)
    // Pre 2+3+3+2 = 10 / 4 = 2.5; post 3+4+4+3 = 14 / 4 = 3.5.
    expect(insights.skillGrowth[1]).toMatchObject({
      people: 4,
      isHidden: false,
      hiddenReason: null,
      averagePre: 2.5,
      averagePost: 3.5,
      averageGrowth: 1,
    })
    // Mood 3+4+4+5 = 16 / 4 = 4; stress 3+3+2+4 = 12 / 4 = 3.
    expect(insights.wellbeing.weeks[1]).toMatchObject({
      isHidden: false,
      checkIns: 4,
      averageMood: 4,
      averageStress: 3,
    })
  })

  test('at threshold 7 the 6-person figures hide, with the reason; the at-risk list is not an aggregate', () => {
    const insights = computeProgramInsights(fixture(), NOW, 7)
    expect(insights.activeMatches).toMatchObject({
      people: 6,
      isHidden: true,
      matches: null,
      active: null,
      percent: null,
    })
    expect(insights.activeMatches.hiddenReason).toBe(
      "Fewer than 7 people are counted here (6 so far), so it stays hidden: no one's answers can be singled out.",
    )
    expect(insights.satisfaction).toMatchObject({ isHidden: true, averageSatisfaction: null, nps: null })
    expect(insights.feedback).toMatchObject({ isHidden: true, listening: null })
    expect(insights.wellbeing).toMatchObject({ people: 5, isHidden: true, weeks: [] })
    expect(insights.sessions).toMatchObject({ people: 12, isHidden: false, held: 27 })
    expect(insights.atRisk).toHaveLength(3)
  })

  test('an empty program hides everything: nothing to count yet', () => {
    const empty = computeProgramInsights(
      fixture({
        eligiblePersonIds: [],
        enrollments: [],
        matches: [],
        members: [],
        sessions: [],
        goals: [],
        feedback: [],
        checkIns: [],
        fitAnswers: [],
        closingSurveys: [],
        openRepairRequestMatchIds: [],
      }),
      NOW,
      5,
    )
    expect(empty.participation).toMatchObject({ people: 0, isHidden: true, percent: null })
    expect(empty.participation.hiddenReason).toBe(
      'Nothing to count yet: figures appear once at least 5 people are counted, so no one can be singled out.',
    )
    expect(empty.sessions.distribution).toEqual([])
    expect(empty.atRisk).toEqual([])
  })
})

describe('rules of the figures', () => {
  test('a match published 30 days ago without any session is at risk; one published 20 days ago is not', () => {
    const rows = fixture({
      matches: [
        { id: M(1), status: 'active', publishedAt: day('2026-05-02') },
        { id: M(2), status: 'active', publishedAt: day('2026-05-12') },
      ],
      members: [member(1, 1, 'accepted'), member(1, 2, 'accepted'), member(2, 3, 'accepted'), member(2, 4, 'accepted')],
      sessions: [],
      fitAnswers: [{ matchId: M(2), personId: P(3), fit: 4, keepPairing: 'no' }],
      openRepairRequestMatchIds: [],
    })
    const atRisk = computeProgramInsights(rows, NOW, 5).atRisk
    expect(atRisk.map((m) => [m.matchId, m.reasons.map((r) => r.code)])).toEqual([
      [M(1), ['no_recent_session']],
      [M(2), ['poor_fit']],
    ])
    expect(atRisk[0].reasons[0].label).toBe(
      'No session held in the 30 days since the match was published (cadence 14 days)',
    )
  })

  test('a declined match whose members are matched again is no longer at risk', () => {
    const rows = fixture()
    rows.matches.push({ id: M(9), status: 'published', publishedAt: day('2026-05-31') })
    rows.members.push(member(9, 15, 'pending'), member(9, 16, 'pending'))
    expect(computeProgramInsights(rows, NOW, 5).atRisk.map((m) => m.matchId)).toEqual([M(6), M(5)])
  })

  test('give-and-take is for peer coaching only', () => {
    const rows = fixture()
    rows.program = { ...rows.program, type: 'peer_mentoring' }
    expect(computeProgramInsights(rows, NOW, 5).giveAndTake).toMatchObject({
      isApplicable: false,
      isHidden: true,
      pairs: null,
    })
  })
})
