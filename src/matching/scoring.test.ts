import { describe, expect, it } from 'vitest'
import { type CohortInput, parseCohort } from './cohort.schema.ts'
import { overlapMinutes, points, prepareCohort } from './prepared-cohort.ts'
import { buildCohort, buildPerson } from './reference-model.fixture.ts'
import { explainPair, infeasibility, scorePair } from './scoring.ts'

const prep = (doc: CohortInput) => prepareCohort(parseCohort(doc))

describe('points', () => {
  it('rounds half up in integers', () => {
    expect(points(1, 1, 2)).toBe(1) // 0.5
    expect(points(1, 1, 4)).toBe(0) // 0.25
    expect(points(3, 1, 2)).toBe(2) // 1.5
    expect(points(5000, 2, 3)).toBe(3333) // 3333.33
    expect(points(2000, 5, 7)).toBe(1429) // 1428.57
    expect(points(5000, 3, 0)).toBe(0) // den 0
  })
})

describe('question criteria', () => {
  const cohort = prep(
    buildCohort({
      program: {
        type: 'peer',
        weights: { complementarity: 0, seniority: 0, diversity: 0, overlap: 0 },
        questionCriteria: [
          { id: 'mode', rule: 'same', weight: 10 },
          { id: 'style', rule: 'different', weight: 5 },
          { id: 'topics', rule: 'overlap', weight: 20 },
          { id: 'days', rule: 'same', weight: 3 },
        ],
      },
      participants: [
        buildPerson({
          id: 'a',
          answers: { mode: 'Remote', style: 'Listener', topics: ['x', 'y', 'z'], days: ['Mon', 'Tue'] },
        }),
        buildPerson({
          id: 'b',
          answers: { mode: 'Remote', style: 'Talker', topics: ['y', 'z', 'w'], days: ['Tue', 'Mon'] },
        }),
        buildPerson({ id: 'c', answers: { topics: ['q'] } }),
      ],
    }),
  )

  it('scores same, different and overlap as num/den with the round-half-up formula, and explains them', () => {
    const { score, questionCriteria } = explainPair(cohort, 0, 1)
    expect(questionCriteria).toEqual([
      { id: 'mode', rule: 'same', points: 1000, num: 1, den: 1, value: 1, detail: { a: 'Remote', b: 'Remote' } },
      { id: 'style', rule: 'different', points: 500, num: 1, den: 1, value: 1, detail: { a: 'Listener', b: 'Talker' } },
      // options both chose / options either chose: 2/4 of 2000
      {
        id: 'topics',
        rule: 'overlap',
        points: 1000,
        num: 2,
        den: 4,
        value: 0.5,
        detail: { a: ['x', 'y', 'z'], b: ['y', 'z', 'w'], shared: ['y', 'z'] },
      },
      // a list answer is a set: the same days in another order are the same answer
      {
        id: 'days',
        rule: 'same',
        points: 300,
        num: 1,
        den: 1,
        value: 1,
        detail: { a: ['Mon', 'Tue'], b: ['Tue', 'Mon'] },
      },
    ])
    expect(score).toBe(2800)
    expect(scorePair(cohort, 0, 1)).toBe(2800)
    expect(scorePair(cohort, 1, 0)).toBe(2800)
  })

  it('scores an unanswered question 0 over the same den', () => {
    const { score, questionCriteria } = explainPair(cohort, 0, 2)
    expect(questionCriteria!.map(({ num, den, points }) => ({ num, den, points }))).toEqual([
      { num: 0, den: 1, points: 0 },
      { num: 0, den: 1, points: 0 },
      { num: 0, den: 4, points: 0 },
      { num: 0, den: 1, points: 0 },
    ])
    expect(questionCriteria![0].detail).toEqual({ a: 'Remote', b: null })
    expect(score).toBe(0)
  })

  it('adds nothing and explains nothing when the program has no question criteria', () => {
    const plain = prep(
      buildCohort({
        participants: [
          buildPerson({ id: 'a', answers: { mode: 'x' } }),
          buildPerson({ id: 'b', answers: { mode: 'x' } }),
        ],
      }),
    )
    expect(explainPair(plain, 0, 1)).not.toHaveProperty('questionCriteria')
  })
})

describe('scorePair and explainPair', () => {
  const peer = prep(
    buildCohort({
      participants: [
        buildPerson({ id: 'a', seniority: 5, department: 'Eng', skillsWanted: ['x', 'y'], skillsOffered: ['z'] }),
        buildPerson({ id: 'b', seniority: 3, department: 'Sales', skillsWanted: ['z'], skillsOffered: ['x'] }),
      ],
    }),
  )

  it('explains every criterion of a peer pair', () => {
    const { score, criteria } = explainPair(peer, 0, 1)
    expect(criteria.complementarity).toEqual({
      points: 3333,
      num: 2,
      den: 3,
      value: 0.6667,
      detail: { aWantsBOffers: ['x'], bWantsAOffers: ['z'] },
    })
    expect(criteria.seniority).toEqual({ points: 1429, num: 5, den: 7, value: 0.7143, detail: { a: 5, b: 3, gap: 2 } })
    expect(criteria.diversity).toEqual({ points: 2000, num: 1, den: 1, value: 1, detail: { a: 'Eng', b: 'Sales' } })
    expect(criteria.overlap).toEqual({ points: 1000, num: 240, den: 240, value: 1, detail: { overlapMinutes: 480 } })
    expect(score).toBe(3333 + 1429 + 2000 + 1000)
    expect(scorePair(peer, 0, 1)).toBe(score)
    expect(scorePair(peer, 1, 0)).toBe(score)
  })

  it('scores mentoring from the mentee side with the ideal gap', () => {
    const m = prep(
      buildCohort({
        program: { type: 'mentoring', mentoring: { idealSeniorityGap: 2 } },
        participants: [
          buildPerson({ id: 'mentor', role: 'mentor', seniority: 7, skillsOffered: ['x', 'y'], skillsWanted: ['q'] }),
          buildPerson({ id: 'mentee', role: 'mentee', seniority: 3, skillsWanted: ['x', 'y', 'z'] }),
        ],
      }),
    )
    const { criteria } = explainPair(m, 0, 1)
    expect(criteria.complementarity).toMatchObject({ points: 3333, num: 2, den: 3 })
    expect(criteria.complementarity.detail).toEqual({ menteeWantsMentorOffers: ['x', 'y'] })
    // gap 4, ideal 2: (7 - 2) / 7
    expect(criteria.seniority).toMatchObject({ points: 1429, num: 5, den: 7 })
    expect(criteria.seniority.detail).toEqual({ mentor: 7, mentee: 3, gap: 4, ideal: 2 })
    expect(criteria.diversity).toMatchObject({ points: 0, num: 0, den: 1 })
    expect(infeasibility(m, 0, 1)).toBeNull()
    expect(infeasibility(m, 1, 0)).toBe('roles')
  })

  it('gives 0 points for complementarity when nobody wants anything', () => {
    const p = prep(buildCohort({ participants: [buildPerson({ id: 'a' }), buildPerson({ id: 'b' })] }))
    expect(explainPair(p, 0, 1).criteria.complementarity).toMatchObject({ points: 0, num: 0, den: 0, value: 0 })
  })
})

describe('overlap of working hours in UTC', () => {
  const pairOverlap = (a: Partial<CohortInput['participants'][0]>, b: Partial<CohortInput['participants'][0]>) => {
    const p = prep(buildCohort({ participants: [buildPerson({ id: 'a', ...a }), buildPerson({ id: 'b', ...b })] }))
    return explainPair(p, 0, 1).criteria.overlap.detail.overlapMinutes
  }

  it('counts windows that cross midnight', () => {
    expect(
      pairOverlap(
        { workingHours: { start: '22:00', end: '06:00' } },
        { workingHours: { start: '05:00', end: '09:00' } },
      ),
    ).toBe(60)
    expect(
      pairOverlap(
        { workingHours: { start: '22:00', end: '06:00' } },
        { workingHours: { start: '23:00', end: '01:00' } },
      ),
    ).toBe(120)
  })

  it('shifts by the UTC offsets', () => {
    // New York 09-17 is 14:00-22:00 UTC; Delhi 09-17 is 03:30-11:30 UTC
    expect(pairOverlap({ utcOffsetMinutes: -300 }, { utcOffsetMinutes: 330 })).toBe(0)
    // Delhi 17:00-01:00 is 11:30-19:30 UTC
    expect(
      pairOverlap(
        { utcOffsetMinutes: -300 },
        { utcOffsetMinutes: 330, workingHours: { start: '17:00', end: '01:00' } },
      ),
    ).toBe(330)
    // UTC+14 and UTC-12 are a day apart on the calendar but share the same UTC hours
    expect(pairOverlap({ utcOffsetMinutes: 840 }, { utcOffsetMinutes: -720 })).toBe(360)
  })

  it('treats start = end as a whole day, and 24:00 as midnight', () => {
    expect(pairOverlap({ workingHours: { start: '08:00', end: '08:00' } }, {})).toBe(480)
    expect(pairOverlap({ workingHours: { start: '16:00', end: '24:00' } }, {})).toBe(60)
  })

  it('is the circular sum over shifted intervals', () => {
    expect(overlapMinutes(1320, 1800, 300, 540)).toBe(60)
    expect(overlapMinutes(0, 1440, 100, 1540)).toBe(1440)
  })
})

describe('reporting chain', () => {
  // boss (participant) -> mid (outside the cohort) -> worker (participant)
  const chain = (constraints: NonNullable<CohortInput['program']['constraints']>) =>
    prep(
      buildCohort({
        program: { type: 'peer', constraints },
        participants: [buildPerson({ id: 'worker', managerId: 'mid' }), buildPerson({ id: 'boss', managerId: null })],
        org: { people: [{ id: 'mid', managerId: 'boss' }] },
      }),
    )

  it('follows the chain through people outside the cohort', () => {
    expect(infeasibility(chain({}), 0, 1)).toBe('reporting_chain')
    expect(infeasibility(chain({}), 1, 0)).toBe('reporting_chain')
  })

  it('stops at the configured depth', () => {
    expect(infeasibility(chain({ reportingChainDepth: 1 }), 0, 1)).toBeNull()
    expect(infeasibility(chain({ reportingChainDepth: 2 }), 0, 1)).toBe('reporting_chain')
  })

  it('can be switched off', () => {
    expect(infeasibility(chain({ excludeReportingChain: false }), 0, 1)).toBeNull()
  })

  it("uses a participant's own managerId over org.people", () => {
    const p = prep(
      buildCohort({
        participants: [buildPerson({ id: 'worker', managerId: null }), buildPerson({ id: 'boss' })],
        org: { people: [{ id: 'worker', managerId: 'boss' }] },
      }),
    )
    expect(infeasibility(p, 0, 1)).toBeNull()
  })
})

describe('other hard rules', () => {
  it('checks language, overlap, seniority gap, forbidden pairs and the minimum score', () => {
    const two = (constraints: NonNullable<CohortInput['program']['constraints']>, b = {}) =>
      prep(
        buildCohort({
          program: { type: 'peer', constraints },
          participants: [buildPerson({ id: 'a', seniority: 2 }), buildPerson({ id: 'b', seniority: 6, ...b })],
        }),
      )
    expect(infeasibility(two({}, { languages: ['fr'] }), 0, 1)).toBe('no_shared_language')
    expect(infeasibility(two({ requireSharedLanguage: false }, { languages: ['fr'] }), 0, 1)).toBeNull()
    expect(infeasibility(two({ minOverlapMinutes: 60 }, { utcOffsetMinutes: 600 }), 0, 1)).toBe('insufficient_overlap')
    expect(infeasibility(two({ maxSeniorityGap: 3 }), 0, 1)).toBe('seniority_gap')
    expect(infeasibility(two({ forbiddenPairs: [['b', 'a']] }), 0, 1)).toBe('forbidden_pair')
    expect(infeasibility(two({ minPairScore: 5000 }), 0, 1)).toBe('below_min_score')
    expect(infeasibility(two({}), 0, 0)).toBe('self')
  })
})
