import { describe, expect, test } from 'vitest'
import { dayBeforeReminderAt, reminderTimes, upcomingReminderTimes } from './reminder-time.ts'

const hoursBetween = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 3_600_000

describe('reminder times', () => {
  test('Europe/Berlin across the end of summer time (Sun 25 Oct 2026): the day-before reminder is 25 hours ahead', () => {
    // Sun 25 Oct 18:00 CET (+01:00) = 17:00Z; Sat 24 Oct 18:00 CEST (+02:00) = 16:00Z.
    const startsAt = new Date('2026-10-25T17:00:00Z')
    const at = dayBeforeReminderAt(startsAt, 'Europe/Berlin')
    expect(at.toISOString()).toBe('2026-10-24T16:00:00.000Z')
    expect(hoursBetween(at, startsAt)).toBe(25)
    expect(reminderTimes(startsAt, 'Europe/Berlin')).toEqual([
      { lead: '24h', at: new Date('2026-10-24T16:00:00Z') },
      { lead: '1h', at: new Date('2026-10-25T16:00:00Z') },
    ])
  })

  test('America/New_York across the end of daylight time (Sun 1 Nov 2026): 25 hours; across its start (Sun 8 Mar 2026): 23 hours', () => {
    // Sun 1 Nov 18:00 EST (-05:00) = 23:00Z; Sat 31 Oct 18:00 EDT (-04:00) = 22:00Z.
    const november = new Date('2026-11-01T23:00:00Z')
    expect(dayBeforeReminderAt(november, 'America/New_York').toISOString()).toBe('2026-10-31T22:00:00.000Z')
    expect(hoursBetween(dayBeforeReminderAt(november, 'America/New_York'), november)).toBe(25)
    // Sun 8 Mar 18:00 EDT = 22:00Z; Sat 7 Mar 18:00 EST = 23:00Z.
    const march = new Date('2026-03-08T22:00:00Z')
    expect(dayBeforeReminderAt(march, 'America/New_York').toISOString()).toBe('2026-03-07T23:00:00.000Z')
    expect(hoursBetween(dayBeforeReminderAt(march, 'America/New_York'), march)).toBe(23)
  })

  test('a zone without daylight saving (Asia/Kolkata): exactly 24 hours; the 1 h reminder is always 60 minutes', () => {
    // Sun 25 Oct 18:00 IST (+05:30) = 12:30Z.
    const startsAt = new Date('2026-10-25T12:30:00Z')
    const [dayBefore, hourBefore] = reminderTimes(startsAt, 'Asia/Kolkata')
    expect(dayBefore.at.toISOString()).toBe('2026-10-24T12:30:00.000Z')
    expect(hourBefore.at.toISOString()).toBe('2026-10-25T11:30:00.000Z')
  })

  test('members in different zones each get their own local time the day before', () => {
    const startsAt = new Date('2026-10-25T17:00:00Z') // 18:00 in Berlin (CET), 13:00 in New York (still EDT)
    expect(dayBeforeReminderAt(startsAt, 'Europe/Berlin').toISOString()).toBe('2026-10-24T16:00:00.000Z')
    expect(dayBeforeReminderAt(startsAt, 'America/New_York').toISOString()).toBe('2026-10-24T17:00:00.000Z')
    expect(dayBeforeReminderAt(startsAt, 'Asia/Kolkata').toISOString()).toBe('2026-10-24T17:00:00.000Z')
  })

  test('a day-before time the clocks skipped falls back to 24 real hours; reminders already past are left out', () => {
    // Mon 30 Mar 2026 02:30 in Berlin (CEST) = 00:30Z; Sun 29 Mar 02:30 does not exist there.
    const startsAt = new Date('2026-03-30T00:30:00Z')
    expect(dayBeforeReminderAt(startsAt, 'Europe/Berlin').toISOString()).toBe('2026-03-29T00:30:00.000Z')
    const session = new Date('2026-10-25T17:00:00Z')
    expect(upcomingReminderTimes(session, 'Europe/Berlin', new Date('2026-10-25T12:00:00Z'))).toEqual([
      { lead: '1h', at: new Date('2026-10-25T16:00:00Z') },
    ])
    expect(upcomingReminderTimes(session, 'Europe/Berlin', new Date('2026-10-25T16:30:00Z'))).toEqual([])
    expect(upcomingReminderTimes(session, 'Europe/Berlin', new Date('2026-10-20T00:00:00Z'))).toHaveLength(2)
  })

  // The 2027 changes: a session at 10:00 local the day after each change, and its day-before reminder
  // at 10:00 local the day before (23 real hours across a spring-forward, 25 across a fall-back).
  test.each([
    ['Europe/Paris', '2027-03-29T08:00:00Z', '2027-03-28T08:00:00Z', 24], // both CEST (the change is at 02:00 on the 28th)
    ['Europe/Paris', '2027-03-28T08:00:00Z', '2027-03-27T09:00:00Z', 23],
    ['Europe/Paris', '2027-10-31T09:00:00Z', '2027-10-30T08:00:00Z', 25],
    ['America/New_York', '2027-03-14T14:00:00Z', '2027-03-13T15:00:00Z', 23],
    ['America/New_York', '2027-11-07T15:00:00Z', '2027-11-06T14:00:00Z', 25],
    ['Australia/Sydney', '2027-04-04T00:00:00Z', '2027-04-02T23:00:00Z', 25], // AEDT -> AEST
    ['Australia/Sydney', '2027-10-02T23:00:00Z', '2027-10-02T00:00:00Z', 23], // AEST -> AEDT
    ['Australia/Adelaide', '2027-10-02T23:30:00Z', '2027-10-02T00:30:00Z', 23],
    ['Australia/Lord_Howe', '2027-10-02T23:00:00Z', '2027-10-01T23:30:00Z', 23.5], // a 30-minute change
    ['Asia/Kolkata', '2027-03-28T04:30:00Z', '2027-03-27T04:30:00Z', 24],
    ['Asia/Kathmandu', '2027-10-31T04:15:00Z', '2027-10-30T04:15:00Z', 24],
  ])('%s: a session at %s is reminded the day before at %s (%s hours ahead)', (zone, starts, reminded, hours) => {
    const startsAt = new Date(starts)
    const at = dayBeforeReminderAt(startsAt, zone)
    expect(at.toISOString()).toBe(new Date(reminded).toISOString())
    expect(hoursBetween(at, startsAt)).toBe(hours)
  })

  test('a day-before time in the gap of Paris, New York or Sydney falls back to 24 real hours', () => {
    // 02:30 on the day after each change; 02:30 the day before does not exist there.
    for (const [zone, starts] of [
      ['Europe/Paris', '2027-03-29T00:30:00Z'],
      ['America/New_York', '2027-03-15T06:30:00Z'],
      ['Australia/Sydney', '2027-10-03T15:30:00Z'],
    ]) {
      const startsAt = new Date(starts)
      expect(hoursBetween(dayBeforeReminderAt(startsAt, zone), startsAt), zone).toBe(24)
    }
  })
})
