import { describe, expect, test } from 'vitest'
import type { RetentionHorizon } from '#contracts/insights.ts'
import { differenceWords, groupSizeWords, horizonWords, RETENTION_CSV_URL, retainedWords } from './retention-words.ts'

const horizon = (overrides: Partial<RetentionHorizon>): RetentionHorizon => ({
  months: 6,
  endsOn: '2025-07-15',
  observedMonths: 6,
  isComplete: true,
  measuredOn: '2025-07-15',
  isHidden: false,
  hiddenReason: null,
  participants: { retained: 5, left: 1, percent: 83.3 },
  nonParticipants: { retained: 5, left: 3, percent: 62.5 },
  differencePoints: 20.8,
  ...overrides,
})

describe('retention words', () => {
  test('a complete window is just its months; a running one says "so far" and what was observed', () => {
    expect(horizonWords(horizon({}))).toBe('6 months')
    const running = horizonWords(horizon({ months: 12, endsOn: '2026-01-15', observedMonths: 7, isComplete: false }))
    expect(running).toMatch(/^12 months, so far \(observed 7 of 12 months, until .*2026.*\)$/)
  })

  test('a group reads as a share and a count; hidden is an em dash', () => {
    expect(retainedWords({ retained: 5, left: 1, percent: 83.3 }, 6)).toBe('83.3% (5 of 6 stayed)')
    expect(retainedWords({ retained: 8, left: 0, percent: 100 }, 8)).toBe('100% (8 of 8 stayed)')
    expect(retainedWords({ retained: null, left: null, percent: null }, 3)).toBe('—')
  })

  test('the difference is signed in points', () => {
    expect(differenceWords(20.8)).toBe('+20.8 points')
    expect(differenceWords(-19)).toBe('-19 points')
    expect(differenceWords(1)).toBe('+1 point')
    expect(differenceWords(0)).toBe('no difference')
    expect(differenceWords(null)).toBe('—')
  })

  test('group sizes name the people in neither group', () => {
    expect(groupSizeWords(6, 7, 2)).toBe(
      '6 participants and 7 non-participants; 2 enrolled but never in a pair that went ahead are in neither group.',
    )
    expect(groupSizeWords(1, 1, 1)).toBe(
      '1 participant and 1 non-participant; 1 enrolled but never in a pair that went ahead is in neither group.',
    )
    expect(groupSizeWords(6, 7, 0)).toBe('6 participants and 7 non-participants.')
  })

  test('the CSV link is the retention download', () => {
    expect(RETENTION_CSV_URL).toBe('/api/insights/retention.csv')
  })
})
