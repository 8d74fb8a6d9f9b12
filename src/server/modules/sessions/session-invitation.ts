import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
  type ICalTemporalInstantStub,
  type ICalTemporalPlainDateTimeStub,
  type ICalTemporalZonedDateTimeStub,
} from 'ical-generator'
import { isAmbiguousLocal, localParts, localToUtc, offsetMinutes, toLocal, zoneTransitions } from './session-time.ts'

// The .ics invitation of a session, written in the organizer's zone (DTSTART;TZID=...) with a
// VTIMEZONE computed from Intl, so calendar programs show it right on both sides of a DST change.

const pad = (value: number, width = 2) => String(value).padStart(width, '0')

/** '+0530', '-0800' (the form TZOFFSETFROM/TZOFFSETTO take). */
function icsOffset(minutes: number): string {
  const abs = Math.abs(minutes)
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`
}

function icsLocal(instant: Date, offset: number): string {
  const wall = new Date(instant.getTime() + offset * 60_000)
  return `${pad(wall.getUTCFullYear(), 4)}${pad(wall.getUTCMonth() + 1)}${pad(wall.getUTCDate())}T${pad(wall.getUTCHours())}${pad(wall.getUTCMinutes())}${pad(wall.getUTCSeconds())}`
}

/**
 * A VTIMEZONE for the zone covering the years from..to: the offset in force at the start, then every
 * transition (DAYLIGHT when the clocks go forward, STANDARD when they go back), each with its own
 * DTSTART and no RRULE, which RFC 5545 allows and every calendar program reads.
 */
export function vtimezone(timeZone: string, fromYear: number, toYear: number): string {
  const from = new Date(Date.UTC(fromYear, 0, 1))
  const to = new Date(Date.UTC(toYear + 1, 0, 1))
  const initial = offsetMinutes(from, timeZone)
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`]
  const component = (kind: 'STANDARD' | 'DAYLIGHT', at: Date, offsetFrom: number, offsetTo: number) => {
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${icsLocal(at, offsetFrom)}`,
      `TZOFFSETFROM:${icsOffset(offsetFrom)}`,
      `TZOFFSETTO:${icsOffset(offsetTo)}`,
      `END:${kind}`,
    )
  }
  const transitions = zoneTransitions(timeZone, from, to)
  // The period before the first transition: daylight if the next change sets the clocks back.
  const first = transitions[0]
  component(first && first.offsetTo < first.offsetFrom ? 'DAYLIGHT' : 'STANDARD', from, initial, initial)
  for (const t of transitions)
    component(t.offsetTo > t.offsetFrom ? 'DAYLIGHT' : 'STANDARD', t.at, t.offsetFrom, t.offsetTo)
  lines.push('END:VTIMEZONE')
  return lines.join('\r\n')
}

/** An instant seen in a zone, in the shape ical-generator takes for zoned times (Node has no Temporal yet). */
function zoned(instant: Date, timeZone: string): ICalTemporalZonedDateTimeStub {
  const p = localParts(instant, timeZone)
  const iso = instant.toISOString()
  const plain: ICalTemporalPlainDateTimeStub = {
    ...p,
    toJSON: () => toLocal(instant, timeZone),
    toString: () => toLocal(instant, timeZone),
    toPlainDate: () => ({
      year: p.year,
      month: p.month,
      day: p.day,
      toJSON: () => toLocal(instant, timeZone).slice(0, 10),
      toString: () => toLocal(instant, timeZone).slice(0, 10),
      toPlainDateTime: () => plain,
      toZonedDateTime: () => zoned(instant, timeZone),
    }),
    toZonedDateTime: (zone: string) => {
      const converted = localToUtc(toLocal(instant, timeZone), zone)
      return zoned(converted.kind === 'ok' ? converted.instant : instant, zone)
    },
  }
  const asInstant: ICalTemporalInstantStub = {
    epochMilliseconds: instant.getTime(),
    toJSON: () => iso,
    toString: () => iso,
    toZonedDateTimeISO: (zone: string) => zoned(instant, zone),
  }
  return {
    ...p,
    timeZoneId: timeZone,
    toInstant: () => asInstant,
    toJSON: () => iso,
    toString: () => iso,
    toPlainDateTime: () => plain,
    withTimeZone: (zone: string) => zoned(instant, zone),
  }
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
  // A wall-clock time that happens twice (clocks falling back) is read differently by calendar
  // programs (RFC 5545 says the first, some take the second): such an event is written in UTC.
  const zone =
    isAmbiguousLocal(input.startsAt, input.timeZone) || isAmbiguousLocal(input.endsAt, input.timeZone)
      ? 'UTC'
      : input.timeZone
  const fromYear = input.startsAt.getUTCFullYear() - 1
  const toYear = input.endsAt.getUTCFullYear() + 1
  const calendar = ical({
    prodId: { company: 'Tandem', product: 'Tandem', language: 'EN' },
    method: input.isCancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    timezone: { name: null, generator: (zone) => vtimezone(zone, fromYear, toYear) },
  })
  calendar.createEvent({
    id: input.uid,
    sequence: input.sequence,
    stamp: input.stamp,
    timezone: zone,
    start: zoned(input.startsAt, zone),
    end: zoned(input.endsAt, zone),
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
