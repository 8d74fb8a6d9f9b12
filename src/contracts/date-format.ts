// The one way Tandem writes dates and times for people to read (issue #17, point 5): pages, emails,
// notifications and calendar descriptions all call these, in the reader's own locale and time zone.
// Intl.DateTimeFormat does the writing (the locale decides the order, the month names and the 12 or
// 24-hour clock); zone arithmetic stays in time.ts on Temporal. Two styles only: a day
// ("10 Mar 2027") and a moment ("10 Mar 2027, 20:30"); a session's span adds its weekday
// ("Wed, 10 Mar 2027, 20:30–21:15"). No imports: the web's first load ships it, without schema code.

/** The locales a person can choose on their profile; null (not chosen) reads as the browser's on pages. */
export const SUPPORTED_LOCALES = [
  { tag: 'en-GB', label: 'English (United Kingdom)' },
  { tag: 'en-US', label: 'English (United States)' },
  { tag: 'de-DE', label: 'Deutsch (Deutschland)' },
  { tag: 'es-ES', label: 'Español (España)' },
  { tag: 'fr-FR', label: 'Français (France)' },
  { tag: 'it-IT', label: 'Italiano (Italia)' },
  { tag: 'nl-NL', label: 'Nederlands (Nederland)' },
  { tag: 'pt-BR', label: 'Português (Brasil)' },
  { tag: 'hi-IN', label: 'हिन्दी (भारत)' },
  { tag: 'ja-JP', label: '日本語 (日本)' },
] as const
export type LocaleTag = (typeof SUPPORTED_LOCALES)[number]['tag']
export const LOCALE_TAGS = SUPPORTED_LOCALES.map((locale) => locale.tag) as [LocaleTag, ...LocaleTag[]]

/** Where no reader's choice is known and no browser speaks for them (emails, notifications). */
export const DEFAULT_LOCALE: LocaleTag = 'en-GB'

/** How one reader reads dates: their locale (undefined: the runtime's, i.e. the browser's) and time zone. */
export interface Reader {
  locale?: string | null
  timeZone: string
}

// Building a formatter is the slow part of Intl: each is built once per locale, zone and style.
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(locale: string | null | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`
  let built = formatters.get(key)
  if (!built) {
    built = new Intl.DateTimeFormat(locale ?? undefined, options)
    formatters.set(key, built)
  }
  return built
}

const zones = new Map<string, boolean>()

/** Whether the runtime knows the zone (schemas refuse unknown zones on the way in; this never throws). */
function isKnownZone(timeZone: string): boolean {
  let known = zones.get(timeZone)
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone })
      known = true
    } catch {
      known = false
    }
    zones.set(timeZone, known)
  }
  return known
}

/** A zone the runtime knows, else UTC (never throws while writing words). */
function zoneOf(reader: Reader): string {
  return isKnownZone(reader.timeZone) ? reader.timeZone : 'UTC'
}

const DAY = { day: 'numeric', month: 'short', year: 'numeric' } as const
const MOMENT = { ...DAY, hour: 'numeric', minute: '2-digit' } as const
const SPAN = { weekday: 'short', ...MOMENT } as const

function asDate(value: Date | string | number): Date | null {
  const date = value instanceof Date ? value : new Date(value)
  return Number.isNaN(date.getTime()) ? null : date
}

/** A calendar day ('2027-03-10') as that same day whatever the zone: "10 Mar 2027", "Mar 10, 2027". */
export function formatCalendarDay(day: string, locale?: string | null): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!match) return day
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
  return formatter(locale, { ...DAY, timeZone: 'UTC' }).format(date)
}

/** A calendar day without its year ('2027-05-18'): "18 May", "May 18". */
export function formatDayAndMonth(day: string, locale?: string | null): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!match) return day
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
  return formatter(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(date)
}

/** The day of an instant where the reader is. */
export function formatDayOf(instant: Date | string | number, reader: Reader): string {
  const date = asDate(instant)
  return date ? formatter(reader.locale, { ...DAY, timeZone: zoneOf(reader) }).format(date) : String(instant)
}

/** An instant where the reader is: "10 Mar 2027, 20:30" (en-GB), "Mar 10, 2027, 8:30 PM" (en-US). */
export function formatMoment(instant: Date | string | number, reader: Reader): string {
  const date = asDate(instant)
  return date ? formatter(reader.locale, { ...MOMENT, timeZone: zoneOf(reader) }).format(date) : String(instant)
}

/** The time of day only: "20:30", "8:30 PM". */
export function formatClock(instant: Date | string | number, reader: Reader): string {
  const date = asDate(instant)
  return date
    ? formatter(reader.locale, { hour: 'numeric', minute: '2-digit', timeZone: zoneOf(reader) }).format(date)
    : String(instant)
}

/**
 * A session's span where the reader is, its weekday first and the end's day only when it differs:
 * "Wed, 10 Mar 2027, 20:30–21:15".
 */
export function formatSpan(start: Date | string | number, end: Date | string | number, reader: Reader): string {
  const from = asDate(start)
  const to = asDate(end)
  if (!from || !to) return `${String(start)} – ${String(end)}`
  return formatter(reader.locale, { ...SPAN, timeZone: zoneOf(reader) }).formatRange(from, to)
}

/**
 * A span for someone, with the other members' local times beside it where their zones differ:
 * "Wed, 10 Mar 2027, 20:30–21:15 (Asia/Kolkata); for Ben Ortiz 16:00–16:45 (Europe/Berlin)".
 */
export function formatSpanForMembers(
  start: Date,
  end: Date,
  reader: Reader,
  others: { name: string; timeZone: string }[],
): string {
  const mine = `${formatSpan(start, end, reader)} (${zoneOf(reader)})`
  const elsewhere = others
    .filter((other) => isKnownZone(other.timeZone) && other.timeZone !== zoneOf(reader))
    .map((other) => {
      const theirs = { locale: reader.locale, timeZone: other.timeZone }
      const sameDay = formatDayOf(start, theirs) === formatDayOf(start, reader)
      const span = sameDay
        ? formatter(theirs.locale, { hour: 'numeric', minute: '2-digit', timeZone: other.timeZone }).formatRange(
            start,
            end,
          )
        : formatSpan(start, end, theirs)
      return `for ${other.name} ${span} (${other.timeZone})`
    })
  return [mine, ...elsewhere].join('; ')
}
