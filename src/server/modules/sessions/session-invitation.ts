import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator'
import { tzlib_get_ical_block } from 'timezones-ical-library'
import { isAmbiguousLocal, isTimeZone, zonedAt } from '#contracts/time.ts'

// The .ics invitation of a session, written in the organizer's zone (DTSTART;TZID=...) with the
// zone's VTIMEZONE from timezones-ical-library (the IANA database compiled to iCalendar), so
// calendar programs show it right on both sides of a DST change.

/**
 * The VTIMEZONE block and its TZID for a zone, or null when the library does not know the zone. The
 * TZID is the zone's current name (Asia/Calcutta comes back as Asia/Kolkata, UTC as Etc/UTC).
 */
export function vtimezone(timeZone: string): { tzid: string; block: string } | null {
  if (!isTimeZone(timeZone)) return null
  const found = tzlib_get_ical_block(timeZone)
  if (!Array.isArray(found) || found.length < 2) return null
  const [block, tzidLine] = found
  return { tzid: tzidLine.replace(/^TZID=/, ''), block }
}

/** The zone the event is written in: the organizer's, or UTC where a zoned time would be misread. */
function eventZone(input: Pick<InvitationInput, 'startsAt' | 'endsAt' | 'timeZone'>): string {
  // A wall-clock time that happens twice (clocks falling back) is read differently by calendar
  // programs (RFC 5545 says the first, some take the second): such an event is written in UTC.
  if (isAmbiguousLocal(input.startsAt, input.timeZone) || isAmbiguousLocal(input.endsAt, input.timeZone)) return 'UTC'
  // A zone the VTIMEZONE library lacks (newer than its data) is written in UTC too: same instants.
  const tzid = vtimezone(input.timeZone)?.tzid
  return tzid === undefined || tzid === 'Etc/UTC' ? 'UTC' : tzid
}

export interface InvitationPerson {
  name: string
  email: string
}

export interface InvitationInput {
  uid: string
  sequence: number
  startsAt: Date
  endsAt: Date
  /** The organizer's IANA zone: DTSTART and DTEND are written in it. */
  timeZone: string
  isCancelled: boolean
  summary: string
  description: string
  location: string
  videoUrl: string | null
  organizer: InvitationPerson
  /** Everyone invited, the organizer included. */
  attendees: InvitationPerson[]
  /** When the invitation was written (DTSTAMP). */
  stamp: Date
}

/** The .ics text: METHOD:REQUEST, or METHOD:CANCEL with STATUS:CANCELLED once cancelled. */
export function buildInvitation(input: InvitationInput): string {
  const zone = eventZone(input)
  const calendar = ical({
    prodId: { company: 'Tandem', product: 'Tandem', language: 'EN' },
    method: input.isCancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    timezone: { name: null, generator: (tzid) => vtimezone(tzid)?.block ?? null },
  })
  calendar.createEvent({
    id: input.uid,
    sequence: input.sequence,
    stamp: input.stamp,
    timezone: zone,
    start: zonedAt(input.startsAt, zone),
    end: zonedAt(input.endsAt, zone),
    summary: input.summary,
    description: input.description,
    location: input.location || input.videoUrl || null,
    url: input.videoUrl,
    status: input.isCancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: input.organizer.name, email: input.organizer.email },
    attendees: input.attendees.map((person) => ({
      name: person.name,
      email: person.email,
      role: ICalAttendeeRole.REQ,
      rsvp: person.email !== input.organizer.email,
      status: person.email === input.organizer.email ? ICalAttendeeStatus.ACCEPTED : ICalAttendeeStatus.NEEDSACTION,
    })),
  })
  return calendar.toString()
}
