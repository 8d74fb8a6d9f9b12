import { parse } from 'csv-parse/sync'
import { describe, expect, test } from 'vitest'
import {
  addMonths,
  computeProgramRetention,
  type RetentionPerson,
  type RetentionProgram,
  retentionHiddenReason,
  wholeMonthsBetween,
} from './retention.ts'
import { retentionCsv } from './retention-csv.ts'

/**
 * A hand-checked organization. The program starts on 15 January 2025; today is 10 September 2025.
 *   6-month window ends 2025-07-15: complete.
 *   12-month window ends 2026-01-15: still running, observed 7 whole months (Feb 15 .. Aug 15 passed).
 *
 * Participants (in a match that went ahead), employed at the start: P1..P6 (6 people)
 *   P1, P2, P3, P6 never left; P4 left 2025-05-01; P5 left 2025-08-01.
 *   At 6 months (2025-07-15): P4 gone -> 5 of 6 retained = 83.3 %, 1 left.
 *   So far at 12 months (today): P4 and P5 gone -> 4 of 6 = 66.7 %, 2 left.
 * Non-participants (never enrolled), employed at the start: N1..N8 (8 people)
 *   N1, N2, N5, N7 never left; N3 left 2025-03-01; N4 left 2025-06-30;
 *   N6 left 2025-07-15 (the last day of the window: not "after" it, so not retained);
 *   N8 left 2025-09-10 (today: not retained so far).
 *   At 6 months: N3, N4, N6 gone -> 5 of 8 = 62.5 %, 3 left.
 *   So far at 12 months: N3, N4, N6, N8 gone -> 4 of 8 = 50 %, 4 left.
 * Differences: 83.3 - 62.5 = 20.8 points; 66.7 - 50 = 16.7 points.
 * Excluded (enrolled, never in a match that went ahead): E1 (stayed), E2 (left 2025-02-01) -> 2.
 * Not employed at the start, in neither group: X1 left 2025-01-10, X2 left on the start day
 * 2025-01-15, and P7 (a match member who left 2024-12-01).
 */
const TODAY = '2025-09-10'
const person = (id: string, leftOn: string | null = null): RetentionPerson => ({ id, leftOn })
const PEOPLE: RetentionPerson[] = [
  person('P1'),
  person('P2'),
  person('P3'),
  person('P4', '2025-05-01'),
  person('P5', '2025-08-01'),
  person('P6'),
  person('P7', '2024-12-01'),
  person('N1'),
  person('N2'),
  person('N3', '2025-03-01'),
  person('N4', '2025-06-30'),
  person('N5'),
  person('N6', '2025-07-15'),
  person('N7'),
  person('N8', '2025-09-10'),
  person('E1'),
  person('E2', '2025-02-01'),
  person('X1', '2025-01-10'),
  person('X2', '2025-01-15'),
]
const PROGRAM: RetentionProgram = {
  id: '00000000-0000-4000-8000-000000000900',
  name: 'Spring peer coaching',
  type: 'peer_coaching',
  status: 'active',
  startsOn: '2025-01-15',
  enrolledPersonIds: ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'E1', 'E2'],
  participantPersonIds: ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7'],
}

describe('computeProgramRetention on the hand-checked organization', () => {
  const result = computeProgramRetention(PROGRAM, PEOPLE, TODAY, 5)

  test('group sizes: 6 participants, 8 non-participants, 2 excluded', () => {
    expect(result).toMatchObject({
      programId: PROGRAM.id,
      startsOn: '2025-01-15',
      notMeasuredReason: null,
      participants: 6,
      nonParticipants: 8,
      excluded: 2,
    })
  })

  test('6 months, complete: 83.3 % of participants against 62.5 % of non-participants', () => {
    expect(result.horizons[0]).toEqual({
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
    })
  })

  test('12 months, still running: "so far" as of today, observed 7 of 12 months', () => {
    expect(result.horizons[1]).toEqual({
      months: 12,
      endsOn: '2026-01-15',
      observedMonths: 7,
      isComplete: false,
      measuredOn: TODAY,
      isHidden: false,
      hiddenReason: null,
      participants: { retained: 4, left: 2, percent: 66.7 },
      nonParticipants: { retained: 4, left: 4, percent: 50 },
      differencePoints: 16.7,
    })
  })

  test('a year later both windows are complete and measured on their last day', () => {
    const later = computeProgramRetention(PROGRAM, PEOPLE, '2026-01-15', 5)
    expect(later.horizons.map((h) => [h.isComplete, h.observedMonths, h.measuredOn])).toEqual([
      [true, 6, '2025-07-15'],
      [true, 12, '2026-01-15'],
    ])
    // Nobody left between 10 September 2025 and 15 January 2026: the 12-month figures stay 4/6 and 4/8.
    expect(later.horizons[1]?.participants).toEqual({ retained: 4, left: 2, percent: 66.7 })
    expect(later.horizons[1]?.nonParticipants).toEqual({ retained: 4, left: 4, percent: 50 })
  })
})

describe('threshold hiding', () => {
  test('participants (6) under a threshold of 7: both horizons hidden, the sizes stay, the reason names the group', () => {
    const result = computeProgramRetention(PROGRAM, PEOPLE, TODAY, 7)
    expect(result.participants).toBe(6)
    expect(result.nonParticipants).toBe(8)
    for (const h of result.horizons) {
      expect(h.isHidden).toBe(true)
      expect(h.hiddenReason).toContain('participants (6)')
      expect(h.hiddenReason).not.toContain('non-participants')
      expect(h.participants).toEqual({ retained: null, left: null, percent: null })
      expect(h.nonParticipants).toEqual({ retained: null, left: null, percent: null })
      expect(h.differencePoints).toBeNull()
    }
  })

  test('both groups under the threshold are both named; at the threshold it shows', () => {
    expect(retentionHiddenReason(6, 8, 9)).toContain('participants (6) and non-participants (8)')
    expect(retentionHiddenReason(6, 8, 6)).toBeNull()
    expect(computeProgramRetention(PROGRAM, PEOPLE, TODAY, 6).horizons[0]?.isHidden).toBe(false)
  })
})

describe('programs not measured yet', () => {
  test('a program starting later has no horizons and says when it starts', () => {
    const result = computeProgramRetention({ ...PROGRAM, startsOn: '2025-10-01' }, PEOPLE, TODAY, 5)
    expect(result.horizons).toEqual([])
    expect(result.notMeasuredReason).toBe('The program starts on 2025-10-01; retention is measured from then.')
  })

  test('a program without a start date has no groups and says so', () => {
    const result = computeProgramRetention({ ...PROGRAM, startsOn: null }, PEOPLE, TODAY, 5)
    expect(result).toMatchObject({ participants: 0, nonParticipants: 0, excluded: 0, horizons: [] })
    expect(result.notMeasuredReason).toContain('no start date')
  })

  test('started today: 0 of 6 months observed, everyone employed so far', () => {
    const result = computeProgramRetention({ ...PROGRAM, startsOn: TODAY }, PEOPLE, TODAY, 1)
    expect(result.horizons[0]).toMatchObject({ observedMonths: 0, isComplete: false, measuredOn: TODAY })
    // Employed at the start (left after 2025-09-10 or never): P1 P2 P3 P6 / N1 N2 N5 N7 / E1.
    expect(result).toMatchObject({ participants: 4, nonParticipants: 4, excluded: 1 })
    expect(result.horizons[0]?.participants).toEqual({ retained: 4, left: 0, percent: 100 })
  })
})

describe('calendar months', () => {
  test('addMonths keeps the day, or the last day of a shorter month', () => {
    expect(addMonths('2025-01-15', 6)).toBe('2025-07-15')
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28')
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28')
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28')
    expect(addMonths('2025-07-01', 12)).toBe('2026-07-01')
  })

  test('wholeMonthsBetween counts the months that fully passed', () => {
    expect(wholeMonthsBetween('2025-01-15', '2025-09-10')).toBe(7)
    expect(wholeMonthsBetween('2025-01-15', '2025-09-15')).toBe(8)
    expect(wholeMonthsBetween('2025-01-31', '2025-02-28')).toBe(1)
    expect(wholeMonthsBetween('2025-01-15', '2025-02-14')).toBe(0)
  })
})

describe('retentionCsv', () => {
  test('one line per horizon, a formula-like name is written as text, hidden values stay empty', () => {
    const shown = computeProgramRetention({ ...PROGRAM, name: '=HYPERLINK("x")' }, PEOPLE, TODAY, 5)
    const hidden = computeProgramRetention({ ...PROGRAM, id: 'other', name: 'Small circle' }, PEOPLE, TODAY, 7)
    const later = computeProgramRetention({ ...PROGRAM, id: 'later', name: 'Later', startsOn: null }, PEOPLE, TODAY, 5)
    const rows: string[][] = parse(
      retentionCsv({
        generatedAt: `${TODAY}T12:00:00.000Z`,
        today: TODAY,
        threshold: 5,
        hasLeavers: true,
        programs: [shown, hidden, later],
      }),
    )
    expect(rows[0]).toHaveLength(18)
    expect(rows.slice(1).map((r) => r.length)).toEqual([18, 18, 18, 18, 18])
    expect(rows[1]).toEqual([
      `'=HYPERLINK("x")`,
      '2025-01-15',
      '6',
      '2025-07-15',
      '2025-07-15',
      '6',
      'yes',
      '6',
      '5',
      '1',
      '83.3',
      '8',
      '5',
      '3',
      '62.5',
      '20.8',
      '2',
      '',
    ])
    expect(rows[2]?.slice(2, 7)).toEqual(['12', '2026-01-15', TODAY, '7', 'no'])
    expect(rows[3]?.slice(8, 11)).toEqual(['', '', ''])
    expect(rows[3]?.[17]).toContain('participants (6)')
    expect(rows[5]?.[0]).toBe('Later')
    expect(rows[5]?.[17]).toContain('no start date')
  })
})
