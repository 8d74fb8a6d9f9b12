import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { isInsideSpans, isInWorkingHours, workingSpans } from './working-hours.ts'

const ben = {
  timeZone: 'America/Los_Angeles',
  workingHoursStart: '08:00',
  workingHoursEnd: '17:00',
  workingDays: [1, 2, 3, 4, 5],
}
const span = (iso: string, minutes: number) => [new Date(iso), new Date(Date.parse(iso) + minutes * 60_000)] as const

describe('working hours', () => {
  test('inside, at the edges, outside, on a day off', () => {
    expect(isInWorkingHours(...span('2027-03-17T15:00:00Z', 45), ben)).toBe(true) // Wed 08:00 PDT
    expect(isInWorkingHours(...span('2027-03-10T15:00:00Z', 45), ben)).toBe(false) // Wed 07:00 PST
    expect(isInWorkingHours(...span('2027-03-17T23:15:00Z', 45), ben)).toBe(true) // ends 17:00 sharp
    expect(isInWorkingHours(...span('2027-03-17T23:30:00Z', 45), ben)).toBe(false) // ends 17:15
    expect(isInWorkingHours(...span('2027-03-20T17:00:00Z', 45), ben)).toBe(false) // Saturday
  })

  test('a span running past midnight is never inside', () => {
    const night = { ...ben, workingHoursStart: '00:00', workingHoursEnd: '23:59', workingDays: [1, 2, 3, 4, 5, 6, 7] }
    expect(isInWorkingHours(...span('2027-03-18T06:30:00Z', 60), night)).toBe(false) // 23:30-00:30
  })

  test('09:00 local on each side of the 2027 changes, and in 30/45-minute zones', () => {
    const nine = (timeZone: string) => ({
      ...ben,
      timeZone,
      workingHoursStart: '09:00',
      workingDays: [1, 2, 3, 4, 5, 6, 7],
    })
    const cases: [string, string, string][] = [
      ['Europe/Paris', '2027-03-27T08:00:00Z', '2027-03-29T07:00:00Z'],
      ['Europe/Paris', '2027-10-30T07:00:00Z', '2027-11-01T08:00:00Z'],
      ['America/New_York', '2027-03-13T14:00:00Z', '2027-03-15T13:00:00Z'],
      ['America/New_York', '2027-11-06T13:00:00Z', '2027-11-08T14:00:00Z'],
      ['Australia/Sydney', '2027-04-02T22:00:00Z', '2027-04-04T23:00:00Z'],
      ['Australia/Sydney', '2027-10-01T23:00:00Z', '2027-10-03T22:00:00Z'],
      ['Australia/Adelaide', '2027-10-01T23:30:00Z', '2027-10-03T22:30:00Z'],
      ['Asia/Kathmandu', '2027-03-27T03:15:00Z', '2027-03-29T03:15:00Z'],
    ]
    for (const [zone, before, after] of cases) {
      for (const at of [before, after]) {
        expect(isInWorkingHours(...span(at, 30), nine(zone)), `${zone} ${at}`).toBe(true)
        // A minute earlier is before 09:00.
        expect(isInWorkingHours(...span(new Date(Date.parse(at) - 60_000).toISOString(), 30), nine(zone))).toBe(false)
      }
    }
  })

  test('spans computed once give the same answers as the check one span at a time', () => {
    const zones = fc.constantFrom(
      'Europe/Paris',
      'America/New_York',
      'Australia/Sydney',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
    )
    const hhmm = fc
      .integer({ min: 0, max: 23 * 60 + 59 })
      .map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`)
    fc.assert(
      fc.property(
        zones,
        hhmm,
        hhmm,
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { maxLength: 7 }),
        fc.integer({ min: Date.UTC(2027, 0, 1) / 900_000, max: Date.UTC(2028, 0, 1) / 900_000 }),
        fc.integer({ min: 1, max: 16 }),
        (timeZone, a, b, workingDays, quarter, quarters) => {
          const person = { timeZone, workingHoursStart: a < b ? a : b, workingHoursEnd: a < b ? b : a, workingDays }
          const start = new Date(quarter * 900_000)
          const end = new Date(start.getTime() + quarters * 900_000)
          const spans = workingSpans(
            person,
            new Date(start.getTime() - 86_400_000),
            new Date(end.getTime() + 86_400_000),
          )
          return isInWorkingHours(start, end, person) === isInsideSpans(start, end, spans)
        },
      ),
      { numRuns: 300 },
    )
  })
})
