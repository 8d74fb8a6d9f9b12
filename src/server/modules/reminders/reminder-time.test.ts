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
})
