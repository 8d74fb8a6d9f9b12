import { describe, expect, test } from 'vitest'
import {
  formatCalendarDay,
  formatClock,
  formatDayOf,
  formatMoment,
  formatSpan,
  formatSpanForMembers,
} from './date-format.ts'
import { LocaleSchema } from './people.ts'

// One instant, three readers: the same moment in each one's locale and zone.
const instant = new Date('2027-03-10T19:30:00Z')
const end = new Date('2027-03-10T20:15:00Z')
const london = { locale: 'en-GB', timeZone: 'Europe/London' }
const newYork = { locale: 'en-US', timeZone: 'America/New_York' }
const berlin = { locale: 'de-DE', timeZone: 'Europe/Berlin' }

// Intl may put a narrow no-break space before AM/PM and thin spaces around the range's dash.
const plain = (text: string) => text.replace(/[\u202f\u2009\u00a0]/g, ' ')

describe('one date style for every reader', () => {
  test('the same instant in three locales and time zones', () => {
    expect(plain(formatMoment(instant, london))).toBe('10 Mar 2027, 19:30')
    expect(plain(formatMoment(instant, newYork))).toBe('Mar 10, 2027, 2:30 PM')
    expect(plain(formatMoment(instant, berlin))).toBe('10. März 2027, 20:30')
    expect(formatDayOf(instant, london)).toBe('10 Mar 2027')
    expect(formatDayOf(instant, newYork)).toBe('Mar 10, 2027')
    expect(formatDayOf(instant, berlin)).toBe('10. März 2027')
    expect(plain(formatClock(instant, newYork))).toBe('2:30 PM')
  })

  test('a session span names its weekday, and its end day only when it differs', () => {
    expect(plain(formatSpan(instant, end, london))).toBe('Wed, 10 Mar 2027, 19:30–20:15')
    expect(plain(formatSpan(instant, end, newYork))).toBe('Wed, Mar 10, 2027, 2:30 – 3:15 PM')
    expect(plain(formatSpan(instant, end, berlin))).toBe('Mi., 10. März 2027, 20:30–21:15 Uhr')
    // Past midnight in Tokyo: both days are written.
    const tokyo = { locale: 'en-GB', timeZone: 'Asia/Tokyo' }
    expect(plain(formatSpan(new Date('2027-03-10T14:30:00Z'), new Date('2027-03-10T15:15:00Z'), tokyo))).toBe(
      'Wed, 10 Mar 2027, 23:30 – Thu, 11 Mar 2027, 00:15',
    )
  })

  test("where two zones meet, the other member's local time is beside mine", () => {
    expect(
      plain(
        formatSpanForMembers(instant, end, { locale: 'en-GB', timeZone: 'Asia/Kolkata' }, [
          { name: 'Ben Ortiz', timeZone: 'Europe/Berlin' },
          { name: 'Same Zone', timeZone: 'Asia/Kolkata' },
        ]),
      ),
    ).toBe('Thu, 11 Mar 2027, 01:00–01:45 (Asia/Kolkata); for Ben Ortiz Wed, 10 Mar 2027, 20:30–21:15 (Europe/Berlin)')
    expect(plain(formatSpanForMembers(instant, end, london, [{ name: 'Ben Ortiz', timeZone: 'Europe/Berlin' }]))).toBe(
      'Wed, 10 Mar 2027, 19:30–20:15 (Europe/London); for Ben Ortiz 20:30–21:15 (Europe/Berlin)',
    )
  })

  test('a calendar day is that day in any zone; nonsense is shown as it came', () => {
    expect(formatCalendarDay('2027-03-01', 'en-GB')).toBe('1 Mar 2027')
    expect(formatCalendarDay('2027-03-01', 'en-US')).toBe('Mar 1, 2027')
    expect(formatCalendarDay('not a day', 'en-GB')).toBe('not a day')
    expect(formatMoment('not a date', london)).toBe('not a date')
    // An unknown zone never throws while writing words: it reads as UTC.
    expect(plain(formatMoment(instant, { locale: 'en-GB', timeZone: 'Mars/Olympus' }))).toBe('10 Mar 2027, 19:30')
  })

  test('only the listed locales are accepted on a profile', () => {
    expect(LocaleSchema.safeParse('de-DE').success).toBe(true)
    const refused = LocaleSchema.safeParse('xx-YY')
    expect(refused.success).toBe(false)
    expect(refused.error?.issues[0].message).toMatch(/^is not a supported locale/)
  })
})
