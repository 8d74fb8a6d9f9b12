import { textField } from './input.ts'

// Which time-zone names Tandem accepts. Kept apart from time.ts (the Temporal math) so the web's
// forms can validate a zone without shipping the Temporal polyfill.

const knownTimeZones = new Map<string, boolean>()

/**
 * An IANA time zone the runtime knows ('Europe/Paris', 'UTC'), including current names that ICU
 * lists only under their legacy canonical alias (Asia/Kolkata is listed as Asia/Calcutta, Europe/Kyiv
 * as Europe/Kiev). Offsets ('+05:30') and lower-case spellings are valid for Intl and Temporal but
 * are not zone names, so they are refused. The zone math (time.ts, Temporal) reads zones from the same
 * Intl data, so every name accepted here works there.
 */
export function isTimeZone(value: string): boolean {
  let known = knownTimeZones.get(value)
  if (known === undefined) {
    known = /^[A-Z][A-Za-z_+\-0-9]*(\/[A-Za-z_+\-0-9]+)*$/.test(value)
    if (known) {
      try {
        new Intl.DateTimeFormat('en', { timeZone: value })
      } catch {
        known = false
      }
    }
    if (knownTimeZones.size < 2000) knownTimeZones.set(value, known)
  }
  return known
}

/** Every schema with a time-zone field uses this: an unknown zone is a 400, never read as UTC. */
export const TimeZoneSchema = textField({ min: 1, max: 100 }).refine(
  isTimeZone,
  'must be an IANA time zone such as Europe/Paris or UTC',
)
