import { describe, expect, test } from 'vitest'
import {
  CreateProgramBodySchema,
  defaultProgramSettings,
  EnrollmentQuestionSchema,
  MatchingRulesSchema,
  mergeMatchingRules,
  PROGRAM_TYPES,
} from '#contracts/programs.ts'
import { enrollmentClosedReason, isEligible } from './programs.service.ts'

describe('defaultProgramSettings', () => {
  test('every type has valid rules', () => {
    for (const type of PROGRAM_TYPES) {
      expect(MatchingRulesSchema.safeParse(defaultProgramSettings(type).matchingRules).success).toBe(true)
    }
  })

  test('peer coaching: 6 sessions every 14 days, 45 min, similar seniority, hierarchy excluded', () => {
    const settings = defaultProgramSettings('peer_coaching')
    expect(settings).toMatchObject({ targetSessionCount: 6, sessionCadenceDays: 14, sessionMinutes: 45 })
    expect(settings.matchingRules.constraints).toMatchObject({
      maxSeniorityGap: 2,
      excludeReportingChain: true,
      reportingChainDepth: null,
      excludeSameManagerPeers: true,
    })
    expect(settings.confidentialityTerms).toMatch(/private reflections/i)
  })

  test('circles: groups of 3..5, 8 sessions every 14 days', () => {
    const settings = defaultProgramSettings('coaching_circle')
    expect(settings).toMatchObject({ targetSessionCount: 8, sessionCadenceDays: 14 })
    expect(settings.matchingRules.circles).toEqual({ minSize: 3, maxSize: 5, targetSize: 4 })
  })

  test('mentoring: 10 sessions every 21 days, a seniority gap, capacity 2, as many matches as possible', () => {
    const settings = defaultProgramSettings('peer_mentoring')
    expect(settings).toMatchObject({ targetSessionCount: 10, sessionCadenceDays: 21 })
    expect(settings.matchingRules.objective).toBe('maxCardinalityThenWeight')
    expect(settings.matchingRules.mentoring).toMatchObject({
      minSeniorityGap: 1,
      idealSeniorityGap: 2,
      defaultCapacity: 2,
    })
    expect(settings.matchingRules.constraints.maxSeniorityGap).toBeNull()
  })

  test('each call returns a fresh copy: editing one does not change the defaults', () => {
    defaultProgramSettings('peer_coaching').matchingRules.weights.overlap = 999
    expect(defaultProgramSettings('peer_coaching').matchingRules.weights.overlap).toBe(10)
  })
})

describe('matching rules', () => {
  test('a patch merges one level deep and the result is validated', () => {
    const base = defaultProgramSettings('peer_coaching').matchingRules
    const merged = mergeMatchingRules(base, { weights: { diversity: 0 }, circles: { minSize: 6 } })
    expect(merged.weights).toEqual({ ...base.weights, diversity: 0 })
    const parsed = MatchingRulesSchema.safeParse(merged)
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.path).toEqual(['circles', 'minSize'])
  })

  test('all weights 0 and negative weights are refused', () => {
    const base = defaultProgramSettings('peer_coaching').matchingRules
    const zero = { complementarity: 0, seniority: 0, diversity: 0, overlap: 0 }
    expect(MatchingRulesSchema.safeParse({ ...base, weights: zero }).success).toBe(false)
    expect(MatchingRulesSchema.safeParse({ ...base, weights: { ...base.weights, seniority: -1 } }).success).toBe(false)
  })
})

describe('contracts', () => {
  test('a choice question needs options; a scale question takes none', () => {
    expect(EnrollmentQuestionSchema.safeParse({ id: 'q1', kind: 'single_choice', prompt: 'Pick' }).success).toBe(false)
    expect(
      EnrollmentQuestionSchema.safeParse({ id: 'q1', kind: 'scale', prompt: 'Rate', options: ['a', 'b'] }).success,
    ).toBe(false)
    expect(
      EnrollmentQuestionSchema.safeParse({ id: 'q1', kind: 'multiple_choice', prompt: 'Pick', options: ['a', 'b'] })
        .success,
    ).toBe(true)
  })

  test('dates must be in order', () => {
    const parsed = CreateProgramBodySchema.safeParse({
      type: 'peer_coaching',
      name: 'P',
      startsOn: '2030-05-01',
      endsOn: '2030-04-01',
    })
    expect(parsed.error?.issues[0]?.path).toEqual(['endsOn'])
  })
})

describe('eligibility and enrollment windows', () => {
  test('everyone, departments, people', () => {
    const person = { id: '00000000-0000-4000-8000-000000000001', department: 'Sales' }
    expect(isEligible({ kind: 'everyone' }, person)).toBe(true)
    expect(isEligible({ kind: 'departments', departments: ['Sales'] }, person)).toBe(true)
    expect(isEligible({ kind: 'departments', departments: ['Finance'] }, person)).toBe(false)
    expect(isEligible({ kind: 'people', personIds: [person.id] }, person)).toBe(true)
    expect(isEligible({ kind: 'people', personIds: ['00000000-0000-4000-8000-000000000002'] }, person)).toBe(false)
  })

  test('open while enrolling or active, until the closing day', () => {
    const program = { status: 'enrolling', enrollmentClosesOn: '2030-03-03' } as Parameters<
      typeof enrollmentClosedReason
    >[0]
    expect(enrollmentClosedReason(program, '2030-03-03')).toBeNull()
    expect(enrollmentClosedReason(program, '2030-03-04')).toBe('Enrollment for this program closed on 3 Mar 2030')
    expect(enrollmentClosedReason(program, '2030-03-04', 'en-US')).toBe(
      'Enrollment for this program closed on Mar 3, 2030',
    )
    expect(enrollmentClosedReason({ ...program, status: 'active' }, '2030-03-01')).toBeNull()
    expect(enrollmentClosedReason({ ...program, status: 'draft' }, '2030-03-01')).toMatch(/not opened/)
    expect(enrollmentClosedReason({ ...program, status: 'matching' }, '2030-03-01')).toMatch(/closed/)
  })
})
