import { describe, expect, it } from 'vitest'
import { parseCohort } from '#matching/cohort.schema.ts'
import { runMatching } from '#matching/run-matching.ts'
import { type BuildCohortInput, buildCohort, type CohortEnrollee, type CohortRules } from './cohort-builder.ts'

function rulesFor(programType: CohortRules['programType'], changes: Partial<CohortRules['constraints']> = {}) {
  return {
    programType,
    objective: 'maxWeight',
    weights: { complementarity: 50, seniority: 20, diversity: 20, overlap: 10 },
    constraints: {
      excludeReportingChain: true,
      reportingChainDepth: null,
      excludeSameManagerPeers: false,
      requireSharedLanguage: true,
      minOverlapMinutes: 0,
      maxSeniorityGap: null,
      minPairScore: 0,
      avoidRepeatPartners: true,
      ...changes,
    },
    mentoring: { defaultCapacity: 2, minSeniorityGap: 1, maxSeniorityGap: null, idealSeniorityGap: 2 },
    circles: { minSize: 3, maxSize: 5, targetSize: 4 },
    candidateTopK: 50,
    questionCriteria: [] as CohortRules['questionCriteria'],
  } satisfies CohortRules
}

function enrollee(personId: string, changes: Partial<CohortEnrollee> = {}): CohortEnrollee {
  return {
    personId,
    seniority: 4,
    department: 'Sales',
    managerId: null,
    languages: ['en'],
    timeZone: 'UTC',
    workingHoursStart: '09:00',
    workingHoursEnd: '17:00',
    skillsWanted: [],
    skillsOffered: [],
    mentoringRole: null,
    mentorCapacity: null,
    answers: {},
    ...changes,
  }
}

function input(enrollees: CohortEnrollee[], changes: Partial<BuildCohortInput> = {}): BuildCohortInput {
  return {
    cohortId: 'c1',
    rules: rulesFor('peer_coaching'),
    enrollees,
    managerLinks: enrollees.map((e) => ({ id: e.personId, managerId: e.managerId })),
    referenceDate: '2026-01-15',
    keptMatches: [],
    mustPairs: [],
    neverPairs: [],
    earlierPartners: [],
    declinedPairs: [],
    ...changes,
  }
}

const participant = (built: ReturnType<typeof buildCohort>, id: string) =>
  built.cohort?.participants.find((p) => p.id === id)

describe('buildCohort', () => {
  it("takes each participant's offset at the program start date (DST)", () => {
    const people = [enrollee('paris', { timeZone: 'Europe/Paris' }), enrollee('ny', { timeZone: 'America/New_York' })]
    const winter = buildCohort(input(people, { referenceDate: '2026-01-15' }))
    const summer = buildCohort(input(people, { referenceDate: '2026-07-15' }))
    expect(participant(winter, 'paris')?.utcOffsetMinutes).toBe(60)
    expect(participant(summer, 'paris')?.utcOffsetMinutes).toBe(120)
    expect(participant(winter, 'ny')?.utcOffsetMinutes).toBe(-300)
    expect(participant(summer, 'ny')?.utcOffsetMinutes).toBe(-240)
    // the day Europe switched but the US had already: 2026-03-20 Paris +60, New York -240
    const between = buildCohort(input(people, { referenceDate: '2026-03-20' }))
    expect(participant(between, 'paris')?.utcOffsetMinutes).toBe(60)
    expect(participant(between, 'ny')?.utcOffsetMinutes).toBe(-240)
  })

  it('produces a cohort the engine accepts, with working hours, skills and the org chart', () => {
    const people = [
      enrollee('a', { managerId: 'boss', skillsWanted: ['negotiation'], workingHoursStart: '08:30:00' }),
      enrollee('b', { skillsOffered: ['negotiation'], department: '' }),
    ]
    const built = buildCohort(
      input(people, {
        managerLinks: [
          { id: 'a', managerId: 'boss' },
          { id: 'b', managerId: null },
          { id: 'boss', managerId: 'ceo' },
          { id: 'ceo', managerId: null },
        ],
      }),
    )
    const cohort = parseCohort(built.cohort)
    expect(cohort.participants.map((p) => p.id)).toEqual(['a', 'b'])
    expect(cohort.participants[0].workingHours).toEqual({ start: '08:30', end: '17:00' })
    expect(cohort.participants[1].department).toBeNull()
    expect(cohort.org.people).toEqual([
      { id: 'boss', managerId: 'ceo' },
      { id: 'ceo', managerId: null },
    ])
    expect(cohort.program.type).toBe('peer')
  })

  it('forbids pairs of peers with the same manager only when the rule asks for it', () => {
    const people = [
      enrollee('a', { managerId: 'm' }),
      enrollee('b', { managerId: 'm' }),
      enrollee('c', { managerId: 'm' }),
      enrollee('d', { managerId: 'other' }),
    ]
    const links = [
      ...people.map((e) => ({ id: e.personId, managerId: e.managerId })),
      { id: 'm', managerId: null },
      { id: 'other', managerId: null },
    ]
    const off = buildCohort(input(people, { managerLinks: links }))
    expect(off.cohort?.program.constraints?.forbiddenPairs).toEqual([])
    const on = buildCohort(
      input(people, { managerLinks: links, rules: rulesFor('peer_coaching', { excludeSameManagerPeers: true }) }),
    )
    expect(on.cohort?.program.constraints?.forbiddenPairs).toEqual([
      ['a', 'b'],
      ['a', 'c'],
      ['b', 'c'],
    ])
    // the engine then pairs d with one of them, never two of m's reports together
    const result = runMatching(parseCohort(on.cohort))
    expect(result.matches).toHaveLength(1)
    expect(result.matches[0].members).toContain('d')
  })

  it('forbids earlier partners when avoidRepeatPartners, and declined pairs always', () => {
    const people = ['a', 'b', 'c', 'd'].map((id) => enrollee(id))
    const earlierPartners: [string, string][] = [['b', 'a']]
    const declinedPairs: [string, string][] = [['c', 'd']]
    const avoid = buildCohort(input(people, { earlierPartners, declinedPairs }))
    expect(avoid.cohort?.program.constraints?.forbiddenPairs).toEqual([
      ['c', 'd'],
      ['a', 'b'],
    ])
    const allow = buildCohort(
      input(people, {
        earlierPartners,
        declinedPairs,
        rules: rulesFor('peer_coaching', { avoidRepeatPartners: false }),
      }),
    )
    expect(allow.cohort?.program.constraints?.forbiddenPairs).toEqual([['c', 'd']])
    const result = runMatching(parseCohort(avoid.cohort))
    const pairs = result.matches.map((m) => [...m.members].sort().join('-'))
    expect(pairs).not.toContain('a-b')
    expect(pairs).not.toContain('c-d')
  })

  it('keeps never pairs, and drops forbidden pairs of people outside the cohort', () => {
    const people = ['a', 'b', 'c'].map((id) => enrollee(id))
    const built = buildCohort(
      input(people, {
        neverPairs: [
          ['a', 'c'],
          ['a', 'gone'],
        ],
      }),
    )
    expect(built.cohort?.program.constraints?.forbiddenPairs).toEqual([['a', 'c']])
  })

  it('takes kept matches and must pairs out of the cohort', () => {
    const people = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => enrollee(id))
    const built = buildCohort(
      input(people, {
        keptMatches: [{ personIds: ['a', 'b'] }],
        mustPairs: [
          ['c', 'd'],
          ['d', 'e'],
        ],
      }),
    )
    expect(built.mustMatches).toEqual([['c', 'd']])
    expect(built.cohort?.participants.map((p) => p.id)).toEqual(['e', 'f'])
    expect(built.enrolleeCount).toBe(6)
  })

  it('mentoring: kept and must matches use up mentor capacity, the rest stays in the cohort', () => {
    const people = [
      enrollee('mentor', { seniority: 7, mentoringRole: 'mentor', mentorCapacity: 3 }),
      enrollee('full', { seniority: 7, mentoringRole: 'mentor', mentorCapacity: 1 }),
      enrollee('m1', { seniority: 3, mentoringRole: 'mentee' }),
      enrollee('m2', { seniority: 3, mentoringRole: 'mentee' }),
      enrollee('m3', { seniority: 3, mentoringRole: 'mentee' }),
      enrollee('m4', { seniority: 3, mentoringRole: 'mentee' }),
    ]
    const built = buildCohort(
      input(people, {
        rules: rulesFor('peer_mentoring'),
        keptMatches: [
          { personIds: ['mentor', 'm1'], mentorId: 'mentor' },
          { personIds: ['full', 'm2'], mentorId: 'full' },
        ],
        mustPairs: [['m3', 'mentor']],
      }),
    )
    expect(built.mustMatches).toEqual([['mentor', 'm3']])
    expect(built.cohort?.participants.map((p) => [p.id, p.capacity])).toEqual([
      ['mentor', 1],
      ['m4', undefined],
    ])
  })

  it('reports unusable profiles instead of failing the run', () => {
    const people = [
      enrollee('a'),
      enrollee('mute', { languages: [] }),
      enrollee('lost', { timeZone: 'Mars/Olympus' }),
      enrollee('b'),
    ]
    const built = buildCohort(input(people))
    expect(built.invalidProfiles.map((p) => p.personId)).toEqual(['mute', 'lost'])
    expect(built.cohort?.participants.map((p) => p.id)).toEqual(['a', 'b'])
  })

  it('cuts managers that are not in the org chart and returns no cohort when nobody is left', () => {
    const built = buildCohort(input([enrollee('a', { managerId: 'ghost' })], { managerLinks: [] }))
    expect(built.cohort?.participants[0].managerId).toBeNull()
    expect(() => parseCohort(built.cohort)).not.toThrow()
    const empty = buildCohort(input([enrollee('a'), enrollee('b')], { keptMatches: [{ personIds: ['a', 'b'] }] }))
    expect(empty.cohort).toBeNull()
  })
})

describe('buildCohort with question criteria', () => {
  it('carries the criteria and only their answers: a scale as its number, options without repeats, blanks left out', () => {
    const rules = {
      ...rulesFor('peer_coaching'),
      questionCriteria: [
        { questionId: 'mode', rule: 'same' as const, weight: 15 },
        { questionId: 'topics', rule: 'overlap' as const, weight: 10 },
        { questionId: 'energy', rule: 'different' as const, weight: 5 },
      ],
    }
    const built = buildCohort(
      input(
        [
          enrollee('a', { answers: { mode: 'Remote', topics: ['x', 'y', 'x'], energy: 4, why: 'private words' } }),
          enrollee('b', { answers: { mode: '  ', topics: [] } }),
        ],
        { rules },
      ),
    )
    const cohort = built.cohort!
    expect(cohort.program.questionCriteria).toEqual([
      { id: 'mode', rule: 'same', weight: 15 },
      { id: 'topics', rule: 'overlap', weight: 10 },
      { id: 'energy', rule: 'different', weight: 5 },
    ])
    expect(cohort.participants[0].answers).toEqual({ mode: 'Remote', topics: ['x', 'y'], energy: '4' })
    expect(cohort.participants[1]).not.toHaveProperty('answers')
    expect(() => parseCohort(cohort)).not.toThrow()
  })

  it('leaves the cohort as before when the program has no question criteria', () => {
    const built = buildCohort(input([enrollee('a', { answers: { mode: 'Remote' } }), enrollee('b')]))
    expect(built.cohort!.program).not.toHaveProperty('questionCriteria')
    expect(built.cohort!.participants[0]).not.toHaveProperty('answers')
  })
})
