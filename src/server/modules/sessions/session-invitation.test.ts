import ICAL from 'ical.js'
import { describe, expect, test } from 'vitest'
import { localToInstant } from '#contracts/time.ts'
import { buildInvitation, vtimezone } from './session-invitation.ts'

function at(local: string, zone: string): Date {
  const converted = localToInstant(local, zone)
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
    // Each side of the 2027 changes in Europe, North America and Australia, and the 30-minute zones.
    ['2027-03-27T10:00', 'Europe/Paris', '2027-03-27T09:00:00.000Z'], // CET +01
    ['2027-03-28T10:00', 'Europe/Paris', '2027-03-28T08:00:00.000Z'], // CEST +02, the day of the change
    ['2027-10-30T10:00', 'Europe/Paris', '2027-10-30T08:00:00.000Z'],
    ['2027-10-31T10:00', 'Europe/Paris', '2027-10-31T09:00:00.000Z'],
    ['2027-03-13T10:00', 'America/New_York', '2027-03-13T15:00:00.000Z'], // EST -05
    ['2027-03-14T10:00', 'America/New_York', '2027-03-14T14:00:00.000Z'], // EDT -04
    ['2027-11-06T10:00', 'America/New_York', '2027-11-06T14:00:00.000Z'],
    ['2027-11-07T10:00', 'America/New_York', '2027-11-07T15:00:00.000Z'],
    ['2027-04-03T10:00', 'Australia/Sydney', '2027-04-02T23:00:00.000Z'], // AEDT +11
    ['2027-04-04T10:00', 'Australia/Sydney', '2027-04-04T00:00:00.000Z'], // AEST +10
    ['2027-10-02T10:00', 'Australia/Sydney', '2027-10-02T00:00:00.000Z'],
    ['2027-10-03T10:00', 'Australia/Sydney', '2027-10-02T23:00:00.000Z'],
    ['2027-04-04T10:00', 'Australia/Adelaide', '2027-04-04T00:30:00.000Z'], // ACST +09:30
    ['2027-10-03T10:00', 'Australia/Adelaide', '2027-10-02T23:30:00.000Z'], // ACDT +10:30
    ['2027-04-04T10:00', 'Australia/Lord_Howe', '2027-04-03T23:30:00.000Z'], // +10:30
    ['2027-10-03T10:00', 'Australia/Lord_Howe', '2027-10-02T23:00:00.000Z'], // +11
    ['2027-10-31T10:00', 'Asia/Kolkata', '2027-10-31T04:30:00.000Z'],
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

  test('VTIMEZONE from timezones-ical-library: a fixed zone has one STANDARD; a DST zone its yearly rules', () => {
    expect(vtimezone('Asia/Kolkata')?.block.split('\r\n')).toEqual([
      'BEGIN:VTIMEZONE',
      'TZID:Asia/Kolkata',
      'X-LIC-LOCATION:Asia/Kolkata',
      expect.stringMatching(/^LAST-MODIFIED:\d{8}T\d{6}Z$/),
      'BEGIN:STANDARD',
      'TZNAME:IST',
      'TZOFFSETFROM:+0530',
      'TZOFFSETTO:+0530',
      'DTSTART:19700101T000000',
      'END:STANDARD',
      'END:VTIMEZONE',
    ])
    const ny = vtimezone('America/New_York')?.block ?? ''
    expect(ny).toContain(
      'TZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nDTSTART:19700308T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
    )
    expect(ny).toContain(
      'TZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nDTSTART:19701101T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
    )
    // A legacy alias comes back under the zone's current name; a zone nobody knows, as nothing.
    expect(vtimezone('Asia/Calcutta')?.tzid).toBe('Asia/Kolkata')
    expect(vtimezone('Mars/Olympus')).toBeNull()
  })

  test('an alias is written under the current name, with a VTIMEZONE of that name', () => {
    const text = invitation('2027-03-10T20:30', 'Asia/Calcutta')
    expect(text).toContain('DTSTART;TZID=Asia/Kolkata:20270310T203000')
    expect(parsedStart(text)).toMatchObject({ utc: '2027-03-10T15:00:00.000Z', tzid: 'Asia/Kolkata' })
  })

  test('a repeated hour in Paris, New York and Sydney is written in UTC', () => {
    expect(invitation('2027-10-31T02:30', 'Europe/Paris')).toContain('DTSTART:20271031T003000Z')
    expect(invitation('2027-11-07T01:30', 'America/New_York')).toContain('DTSTART:20271107T053000Z')
    expect(invitation('2027-04-04T02:30', 'Australia/Sydney')).toContain('DTSTART:20270403T153000Z')
  })
})
