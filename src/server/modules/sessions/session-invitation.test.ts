import ICAL from 'ical.js'
import { describe, expect, test } from 'vitest'
import { buildInvitation, vtimezone } from './session-invitation.ts'
import { localToUtc } from './session-time.ts'

function at(local: string, zone: string): Date {
  const converted = localToUtc(local, zone)
  if (converted.kind !== 'ok') throw new Error('gap')
  return converted.instant
}

function invitation(local: string, zone: string, isCancelled = false) {
  const startsAt = at(local, zone)
  return buildInvitation({
    uid: `${local}-${zone}@tandem`,
    sequence: 3,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 45 * 60_000),
    timeZone: zone,
    isCancelled,
    summary: 'Coaching session: Ana & Ben',
    description: 'Ana coaches Ben this time.\nFocus: saying no',
    location: 'Room 4.12',
    videoUrl: null,
    organizer: { name: 'Ana', email: 'ana@example.test' },
    attendees: [
      { name: 'Ana', email: 'ana@example.test' },
      { name: 'Ben', email: 'ben@example.test' },
    ],
    stamp: new Date('2026-11-24T00:00:00Z'),
  })
}

/** The UTC instant ical.js reads from DTSTART, resolving TZID through the file's own VTIMEZONE. */
function parsedStart(text: string): { utc: string; tzid: unknown; method: unknown; status: unknown } {
  const calendar = new ICAL.Component(ICAL.parse(text))
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone)
  const vevent = calendar.getFirstSubcomponent('vevent')
  if (!vevent) throw new Error('no VEVENT')
  const event = new ICAL.Event(vevent)
  return {
    utc: event.startDate.toJSDate().toISOString(),
    tzid: vevent.getFirstProperty('dtstart')?.getParameter('tzid'),
    method: calendar.getFirstPropertyValue('method'),
    status: vevent.getFirstPropertyValue('status'),
  }
}

describe('invitation (.ics)', () => {
  test.each([
    ['2027-01-15T09:00', 'Australia/Sydney', '2027-01-14T22:00:00.000Z'], // AEDT +11
    ['2027-07-15T09:00', 'Australia/Sydney', '2027-07-14T23:00:00.000Z'], // AEST +10
    ['2027-03-27T09:00', 'Europe/Berlin', '2027-03-27T08:00:00.000Z'], // the day before the change
    ['2027-03-29T09:00', 'Europe/Berlin', '2027-03-29T07:00:00.000Z'],
    ['2027-06-01T18:00', 'Asia/Kathmandu', '2027-06-01T12:15:00.000Z'],
  ])('%s in %s is read back as %s', (local, zone, utc) => {
    const text = invitation(local, zone)
    expect(text).toContain(`DTSTART;TZID=${zone}:${local.replace(/[-:]/g, '')}00`)
    expect(parsedStart(text)).toEqual({ utc, tzid: zone, method: 'REQUEST', status: 'CONFIRMED' })
  })

  test('UTC, and a time that happens twice (clocks fall back), are written in UTC', () => {
    const utc = invitation('2027-06-01T18:00', 'UTC')
    expect(utc).toContain('DTSTART:20270601T180000Z')
    expect(parsedStart(utc)).toMatchObject({ utc: '2027-06-01T18:00:00.000Z', tzid: undefined })
    // 01:30 on 7 November 2027 happens twice in Los Angeles; the session is the first (PDT) one.
    const repeated = invitation('2027-11-07T01:30', 'America/Los_Angeles')
    expect(repeated).toContain('DTSTART:20271107T083000Z')
    expect(repeated).not.toContain('VTIMEZONE')
    expect(parsedStart(repeated)).toMatchObject({ utc: '2027-11-07T08:30:00.000Z', tzid: undefined })
    // A session ending in the repeated hour too.
    expect(invitation('2027-11-07T00:50', 'America/Los_Angeles')).toContain('DTSTART:20271107T075000Z')
  })

  test('a cancellation keeps the UID and says so twice', () => {
    const text = invitation('2027-03-10T20:30', 'Asia/Kolkata', true)
    expect(parsedStart(text)).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', utc: '2027-03-10T15:00:00.000Z' })
    expect(text).toContain('UID:2027-03-10T20:30-Asia/Kolkata@tandem')
    expect(text).toContain('SEQUENCE:3')
  })

  test('VTIMEZONE: a fixed zone has one STANDARD; a DST zone lists each change with its offsets', () => {
    expect(vtimezone('Asia/Kolkata', 2026, 2028).split('\r\n')).toEqual([
      'BEGIN:VTIMEZONE',
      'TZID:Asia/Kolkata',
      'BEGIN:STANDARD',
      'DTSTART:20260101T053000',
      'TZOFFSETFROM:+0530',
      'TZOFFSETTO:+0530',
      'END:STANDARD',
      'END:VTIMEZONE',
    ])
    const la = vtimezone('America/Los_Angeles', 2027, 2027)
    expect(la).toContain('BEGIN:DAYLIGHT\r\nDTSTART:20270314T020000\r\nTZOFFSETFROM:-0800\r\nTZOFFSETTO:-0700')
    expect(la).toContain('BEGIN:STANDARD\r\nDTSTART:20271107T020000\r\nTZOFFSETFROM:-0700\r\nTZOFFSETTO:-0800')
    // Sydney starts the year on daylight time.
    expect(vtimezone('Australia/Sydney', 2027, 2027)).toMatch(
      /^BEGIN:VTIMEZONE\r\nTZID:Australia\/Sydney\r\nBEGIN:DAYLIGHT/,
    )
  })
})
