import { describe, expect, test } from 'vitest'
import { sessionDeltas, type TrendCheckIn, weeklyAverages, weekStartOf } from './wellbeing-trend.ts'

const checkIn = (overrides: Partial<TrendCheckIn>): TrendCheckIn => ({
  matchId: 'm1',
  sessionId: null,
  sessionStartsAt: null,
  moment: 'anytime',
  mood: 3,
  stress: 3,
  createdAt: new Date('2030-01-07T10:00:00Z'),
  ...overrides,
})

describe('weekStartOf', () => {
  test('is the Monday (UTC) of the week, Sunday belonging to the week before', () => {
    expect(weekStartOf(new Date('2030-01-07T00:00:00Z'))).toBe('2030-01-07') // a Monday
    expect(weekStartOf(new Date('2030-01-13T23:59:59Z'))).toBe('2030-01-07') // the Sunday after
    expect(weekStartOf(new Date('2030-01-14T00:00:00Z'))).toBe('2030-01-14')
    expect(weekStartOf(new Date('2030-01-01T12:00:00Z'))).toBe('2029-12-31') // across a year
    expect(weekStartOf(new Date('2026-05-24T23:59:59Z'))).toBe('2026-05-18') // the last second of a Sunday
  })
})

describe('weeklyAverages', () => {
  test('averages mood and stress per week, oldest week first, to one decimal', () => {
    const weeks = weeklyAverages([
      checkIn({ mood: 5, stress: 1, createdAt: new Date('2030-01-15T09:00:00Z') }),
      checkIn({ mood: 2, stress: 4, createdAt: new Date('2030-01-08T09:00:00Z') }),
      checkIn({ mood: 3, stress: 5, createdAt: new Date('2030-01-09T09:00:00Z') }),
      checkIn({ mood: 4, stress: 4, createdAt: new Date('2030-01-10T09:00:00Z') }),
    ])
    expect(weeks).toEqual([
      { weekStart: '2030-01-07', checkIns: 3, averageMood: 3, averageStress: 4.3 },
      { weekStart: '2030-01-14', checkIns: 1, averageMood: 5, averageStress: 1 },
    ])
  })

  test('no check-ins, no weeks', () => {
    expect(weeklyAverages([])).toEqual([])
  })
})

describe('sessionDeltas', () => {
  test('after minus before for sessions with both, ordered by session start; lone check-ins are left out', () => {
    const deltas = sessionDeltas([
      checkIn({ sessionId: 's2', sessionStartsAt: '2030-01-20T10:00:00.000Z', moment: 'after', mood: 4, stress: 2 }),
      checkIn({ sessionId: 's1', sessionStartsAt: '2030-01-10T10:00:00.000Z', moment: 'before', mood: 2, stress: 5 }),
      checkIn({ sessionId: 's2', sessionStartsAt: '2030-01-20T10:00:00.000Z', moment: 'before', mood: 3, stress: 3 }),
      checkIn({ sessionId: 's1', sessionStartsAt: '2030-01-10T10:00:00.000Z', moment: 'after', mood: 4, stress: 2 }),
      checkIn({ sessionId: 's3', sessionStartsAt: '2030-01-30T10:00:00.000Z', moment: 'before', mood: 1, stress: 5 }),
      checkIn({ moment: 'anytime', mood: 1, stress: 1 }),
    ])
    expect(deltas.map((d) => [d.sessionId, d.moodDelta, d.stressDelta])).toEqual([
      ['s1', 2, -3],
      ['s2', 1, -1],
    ])
    expect(deltas[0]).toMatchObject({ before: { mood: 2, stress: 5 }, after: { mood: 4, stress: 2 }, matchId: 'm1' })
  })
})
