const dateFormatter = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })
const dateTimeFormatter = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const numberFormatter = new Intl.NumberFormat()

function toDate(value: Date | string | number): Date {
  return value instanceof Date ? value : new Date(value)
}

export function formatDate(value: Date | string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return ''
  const date = toDate(value)
  return Number.isNaN(date.getTime()) ? String(value) : dateFormatter.format(date)
}

export function formatDateTime(value: Date | string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return ''
  const date = toDate(value)
  return Number.isNaN(date.getTime()) ? String(value) : dateTimeFormatter.format(date)
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

/** A calendar day ('2027-03-01') as the same day wherever the browser is. */
export function formatDay(day: string | null | undefined): string {
  if (!day) return ''
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!match) return formatDate(day)
  return dateFormatter.format(new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
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
