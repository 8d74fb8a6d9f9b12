import { describe, expect, it } from 'vitest'
import { MAX_COHORT_BYTES, parseCohort, parseCohortText } from './cohort.schema.ts'
import { CohortError } from './errors.ts'
import { buildCohort, buildPerson } from './reference-model.fixture.ts'

function errorOf(input: unknown): CohortError {
  try {
    parseCohort(input)
  } catch (error) {
    if (error instanceof CohortError) return error
    throw error
  }
  throw new Error('expected a CohortError')
}

const two = [buildPerson({ id: 'a' }), buildPerson({ id: 'b' })]

describe('parseCohort', () => {
  it('applies the contract defaults', () => {
    const cohort = parseCohort(buildCohort({ participants: two }))
    expect(cohort.program).toMatchObject({
      objective: 'maxWeight',
      weights: { complementarity: 50, seniority: 20, diversity: 20, overlap: 10 },
      constraints: {
        excludeReportingChain: true,
        reportingChainDepth: null,
        requireSharedLanguage: true,
        minOverlapMinutes: 0,
        maxSeniorityGap: null,
        minPairScore: 0,
        forbiddenPairs: [],
      },
      scoring: { pointsPerWeightUnit: 100, overlapCapMinutes: 240 },
      candidateTopK: 50,
      mentoring: { defaultCapacity: 2, minSeniorityGap: 1, maxSeniorityGap: null, idealSeniorityGap: 2 },
      circles: { minSize: 3, maxSize: 5, targetSize: 4 },
    })
    expect(cohort.participants[0]).toMatchObject({
      managerId: null,
      workingHours: { start: '09:00', end: '17:00' },
      skillsWanted: [],
      skillsOffered: [],
    })
    expect(cohort.org.people).toEqual([])
  })

  it.each([
    ['a missing field', { seniority: undefined }, 'participants[1].seniority: is required'],
    ['a seniority out of range', { seniority: 9 }, 'participants[1].seniority: must be an integer 1..8'],
    ['a fractional seniority', { seniority: 2.5 }, 'participants[1].seniority: must be an integer 1..8'],
    ['a wrong type', { utcOffsetMinutes: '60' }, 'participants[1].utcOffsetMinutes: must be an integer -720..840'],
    ['no language', { languages: [] }, 'participants[1].languages: must list at least one language'],
    ['a repeated skill', { skillsWanted: ['x', 'x'] }, 'participants[1].skillsWanted: must not repeat "x"'],
    [
      'a bad time',
      { workingHours: { start: '9:00', end: '17:00' } },
      'participants[1].workingHours.start: must be a time "HH:MM"',
    ],
    [
      'an empty window',
      { workingHours: { start: '24:00', end: '00:00' } },
      'participants[1].workingHours: is an empty window (24:00-00:00)',
    ],
    ['an unknown field', { nickname: 'b' }, 'participants[1].nickname: unknown field'],
  ])('names the field on %s', (_, change, message) => {
    const doc = { ...buildCohort({ participants: two }), participants: [two[0], { ...two[1], ...change }] }
    expect(errorOf(doc).message).toBe(message)
  })

  it('rejects a wrong schema version, an unknown program type and a non-object', () => {
    expect(errorOf({ ...buildCohort({ participants: two }), schemaVersion: '2.0' }).message).toBe(
      'schemaVersion: must be "1.0"',
    )
    expect(errorOf(buildCohort({ participants: two, program: { type: 'speed-dating' as 'peer' } })).message).toBe(
      'program.type: must be one of peer, mentoring, circles',
    )
    expect(errorOf([]).message).toBe('must be a JSON object')
    expect(errorOf({ ...buildCohort({ participants: two }), cohortId: undefined }).path).toBe('cohortId')
  })

  it('reports an empty cohort', () => {
    expect(errorOf(buildCohort({ participants: [] })).message).toBe('participants: must not be empty (nobody to match)')
  })

  it('reports duplicate ids', () => {
    const doc = buildCohort({ participants: [...two, buildPerson({ id: 'a' })] })
    expect(errorOf(doc).message).toBe('participants[2].id: duplicate id "a" (also participants[0])')
  })

  it('reports an unknown manager', () => {
    const doc = buildCohort({ participants: [two[0], buildPerson({ id: 'b', managerId: 'ghost' })] })
    expect(errorOf(doc).message).toBe(
      'participants[1].managerId: unknown manager "ghost" (neither a participant nor in org.people)',
    )
  })

  it('reports a management cycle, also through people outside the cohort', () => {
    const doc = buildCohort({
      participants: [buildPerson({ id: 'a', managerId: 'x' }), buildPerson({ id: 'b' })],
      org: {
        people: [
          { id: 'x', managerId: 'y' },
          { id: 'y', managerId: 'a' },
        ],
      },
    })
    expect(errorOf(doc).message).toMatch(/managerId: management cycle "a" -> "x" -> "y" -> "a"$/)
    const self = buildCohort({ participants: [buildPerson({ id: 'a', managerId: 'a' })] })
    expect(errorOf(self).message).toBe('participants[0].managerId: management cycle "a" -> "a"')
  })

  it('requires a role in mentoring programs', () => {
    const doc = buildCohort({ program: { type: 'mentoring' }, participants: two })
    expect(errorOf(doc).message).toBe('participants[0].role: is required in a mentoring program (mentor or mentee)')
  })

  it('checks the circle sizes and the score range', () => {
    const sizes = buildCohort({ program: { type: 'circles', circles: { minSize: 4, maxSize: 3 } }, participants: two })
    expect(errorOf(sizes).path).toBe('program.circles.minSize')
    const huge = buildCohort({
      program: { type: 'peer', scoring: { pointsPerWeightUnit: 1_000_000 }, weights: { complementarity: 10_000 } },
      participants: two,
    })
    expect(errorOf(huge).path).toBe('program.scoring.pointsPerWeightUnit')
  })
})

describe('question criteria', () => {
  const answered = [buildPerson({ id: 'a', answers: { mode: 'Remote', topics: ['x', 'y'] } }), buildPerson({ id: 'b' })]

  it('are optional: a cohort without them parses as before, one with them keeps them', () => {
    expect(parseCohort(buildCohort({ participants: two })).program).not.toHaveProperty('questionCriteria')
    const doc = buildCohort({
      program: { type: 'peer', questionCriteria: [{ id: 'mode', rule: 'same', weight: 10 }] },
      participants: answered,
    })
    const cohort = parseCohort(doc)
    expect(cohort.program.questionCriteria).toEqual([{ id: 'mode', rule: 'same', weight: 10 }])
    expect(cohort.participants[0].answers).toEqual({ mode: 'Remote', topics: ['x', 'y'] })
  })

  it('name the bad field: rule, weight, duplicate id, answer type, weight range', () => {
    const withCriteria = (questionCriteria: unknown, participants = answered) =>
      buildCohort({ program: { type: 'peer', questionCriteria } as never, participants })
    expect(errorOf(withCriteria([{ id: 'mode', rule: 'equal', weight: 1 }])).message).toBe(
      'program.questionCriteria[0].rule: must be one of same, different, overlap',
    )
    expect(errorOf(withCriteria([{ id: 'mode', rule: 'same', weight: -1 }])).message).toBe(
      'program.questionCriteria[0].weight: must be an integer 0..1000000',
    )
    expect(
      errorOf(
        withCriteria([
          { id: 'mode', rule: 'same', weight: 1 },
          { id: 'mode', rule: 'overlap', weight: 2 },
        ]),
      ).message,
    ).toBe('program.questionCriteria[1].id: duplicate id "mode"')
    const badAnswer = [buildPerson({ id: 'a', answers: { mode: 3 } as never }), buildPerson({ id: 'b' })]
    expect(errorOf(withCriteria([], badAnswer)).path).toBe('participants[0].answers.mode')
    const heavy = buildCohort({
      program: {
        type: 'peer',
        scoring: { pointsPerWeightUnit: 1000 },
        questionCriteria: [{ id: 'm', rule: 'same', weight: 1_000_000 }],
      },
      participants: two,
    })
    expect(errorOf(heavy).path).toBe('program.scoring.pointsPerWeightUnit')
  })
})

describe('parseCohortText', () => {
  it('reports invalid JSON in one line', () => {
    expect(() => parseCohortText('{"schemaVersion": ')).toThrowError(/^not valid JSON \(.*\)$/)
  })

  it('refuses a document over the size limit before parsing it', () => {
    const text = ' '.repeat(MAX_COHORT_BYTES + 1)
    expect(() => parseCohortText(text)).toThrowError('input is 16.0 MB, larger than the 16.0 MB limit for one cohort')
  })
})
