import { formatCalendarDay, formatDayOf, formatMoment, type Reader } from '#contracts/date-format.ts'

const numberFormatter = new Intl.NumberFormat()

// Dates on pages are written for the signed-in reader (issue #17, point 5): in the locale they chose
// on their profile (else the browser's) and in their profile's time zone (else the browser's), through
// the one date module the server's emails and notifications use too.
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
let reader: Reader = { locale: null, timeZone: browserZone() }

/** Set from the session: the viewer's locale and zone; null (signed out) goes back to the browser's. */
export function setReader(viewer: { locale: string | null; timeZone: string } | null) {
  reader = viewer ? { locale: viewer.locale, timeZone: viewer.timeZone } : { locale: null, timeZone: browserZone() }
}

/** The reader dates are written for now (a page that writes its own words with the date module). */
export function currentReader(): Reader {
  return reader
}

/** The day of an instant where the reader is: "10 Mar 2027" (en-GB), "Mar 10, 2027" (en-US). */
export function formatDate(value: Date | string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return ''
  return formatDayOf(value, reader)
}

/** An instant where the reader is: "10 Mar 2027, 20:30", "Mar 10, 2027, 8:30 PM". */
export function formatDateTime(value: Date | string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return ''
  return formatMoment(value, reader)
}

export function formatNumber(value: number): string {
  return numberFormatter.format(value)
}

/** "1 person", "3 people": pass both forms, English has irregular plurals. */
export function plural(count: number, one: string, many: string): string {
  return `${formatNumber(count)} ${count === 1 ? one : many}`
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean)
  if (parts.length === 0) return '?'
  const first = parts[0]?.[0] ?? ''
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : ''
  return (first + last).toUpperCase()
}

const roleLabels: Record<string, string> = {
  admin: 'Admin',
  program_manager: 'Program manager',
  participant: 'Participant',
}

export function roleLabel(role: string): string {
  return roleLabels[role] ?? role
}

export const seniorityLabels: Record<number, string> = {
  1: 'Intern / apprentice',
  2: 'Junior',
  3: 'Intermediate',
  4: 'Senior',
  5: 'Lead / staff',
  6: 'Principal / manager',
  7: 'Director',
  8: 'Executive',
}

/** ISO numbering, as the API stores working days: 1 = Monday ... 7 = Sunday. */
export const weekdays = [
  { value: 1, short: 'Mon', long: 'Monday' },
  { value: 2, short: 'Tue', long: 'Tuesday' },
  { value: 3, short: 'Wed', long: 'Wednesday' },
  { value: 4, short: 'Thu', long: 'Thursday' },
  { value: 5, short: 'Fri', long: 'Friday' },
  { value: 6, short: 'Sat', long: 'Saturday' },
  { value: 7, short: 'Sun', long: 'Sunday' },
] as const

let cachedTimeZones: string[] | null = null

/** Every IANA time zone the browser knows, UTC first. */
export function timeZones(): string[] {
  if (!cachedTimeZones) {
    const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []
    cachedTimeZones = ['UTC', ...zones.filter((zone) => zone !== 'UTC')]
  }
  return cachedTimeZones
}

export function workingDaysLabel(days: number[]): string {
  if (days.length === 0) return 'No working days'
  const sorted = [...days].sort((a, b) => a - b)
  if (sorted.join() === '1,2,3,4,5') return 'Monday to Friday'
  return sorted.map((day) => weekdays.find((item) => item.value === day)?.short ?? String(day)).join(', ')
}

const programTypeLabels: Record<string, string> = {
  peer_coaching: 'Peer coaching',
  coaching_circle: 'Coaching circles',
  peer_mentoring: 'Peer mentoring',
}

export function programTypeLabel(type: string): string {
  return programTypeLabels[type] ?? type
}

const programStatusLabels: Record<string, string> = {
  draft: 'Draft',
  enrolling: 'Enrolling',
  matching: 'Matching',
  active: 'Active',
  completed: 'Completed',
  archived: 'Archived',
}

export function programStatusLabel(status: string): string {
  return programStatusLabels[status] ?? status
}

/** "every 2 weeks", "every 10 days". */
export function cadenceLabel(days: number): string {
  if (days === 7) return 'every week'
  if (days % 7 === 0) return `every ${days / 7} weeks`
  return days === 1 ? 'every day' : `every ${days} days`
}

/** A calendar day ('2027-03-01') as the same day wherever the reader is, in their locale. */
export function formatDay(day: string | null | undefined): string {
  if (!day) return ''
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? formatCalendarDay(day, reader.locale) : formatDate(day)
}

/** "1 Mar 2027 – 30 Apr 2027", or what is known of it. */
export function dateRangeLabel(startsOn: string | null, endsOn: string | null): string {
  if (startsOn && endsOn) return `${formatDay(startsOn)} – ${formatDay(endsOn)}`
  if (startsOn) return `From ${formatDay(startsOn)}`
  if (endsOn) return `Until ${formatDay(endsOn)}`
  return 'Dates not set'
}

/** "45%" from 0..1. */
export function formatPercent(share: number): string {
  return `${Math.round(share * 100)}%`
}
