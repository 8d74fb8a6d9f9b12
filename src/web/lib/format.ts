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

const statusLabels: Record<string, string> = {
  invited: 'Invited',
  active: 'Active',
  deactivated: 'Deactivated',
}

export function statusLabel(status: string): string {
  return statusLabels[status] ?? status
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

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

export function workingDaysLabel(days: number[]): string {
  if (days.length === 0) return 'No working days'
  const sorted = [...days].sort((a, b) => a - b)
  if (sorted.join() === '1,2,3,4,5') return 'Monday to Friday'
  return sorted.map((day) => weekdays.find((item) => item.value === day)?.short ?? String(day)).join(', ')
}
