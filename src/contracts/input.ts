import { z } from 'zod'

/**
 * The input rules every request contract is built from (decision 014): one text rule for every
 * free-text field and one range for every date. `src/server/http/request-contracts.test.ts` walks
 * every route's body, query and params and fails on a string that does not go through them.
 */

/**
 * Text PostgreSQL can store and people can read: no NUL (U+0000: text columns refuse it) and no
 * lone UTF-16 surrogate (JSON columns refuse it, and it is not a character). Chromium and Node
 * both have `String.prototype.isWellFormed`.
 */
export function isCleanText(value: string): boolean {
  return !value.includes('\u0000') && value.isWellFormed()
}

/** The one check object every text field carries; the contract walker looks for it by identity. */
export const cleanTextCheck = z.refine<string>(isCleanText, 'must not contain NUL characters or unpaired surrogates')

export interface TextFieldOptions {
  /** Longest accepted length, after trimming. */
  max: number
  /** Shortest accepted length, after trimming; 1 makes the field required. Default 0. */
  min?: number
  /** Default true. Passwords keep their spaces. */
  trim?: boolean
  /** The message when shorter than `min` (default 'is required' for min 1). */
  tooShort?: string
  /** The message when longer than `max` (default 'must be at most N characters'). */
  tooLong?: string
}

/** A free-text field: clean (see isCleanText), trimmed, and length-capped. */
export function textField({ max, min = 0, trim = true, tooShort, tooLong }: TextFieldOptions) {
  const base = trim ? z.string().trim() : z.string()
  const shortMessage = tooShort ?? (min === 1 ? 'is required' : `must be at least ${min} characters`)
  const bounded = min > 0 ? base.min(min, shortMessage) : base
  return bounded.max(max, tooLong ?? `must be at most ${max} characters`).check(cleanTextCheck)
}

/** Dates people type or pick: anything outside is a typo (year 0 or 9999), not a plan. */
export const EARLIEST_DATE = '1900-01-01'
export const LATEST_DATE = '2200-12-31'
/** The same range as instants: from the first moment of EARLIEST_DATE to the last of LATEST_DATE, UTC. */
export const EARLIEST_INSTANT = new Date(`${EARLIEST_DATE}T00:00:00Z`)
export const LATEST_INSTANT = new Date(`${LATEST_DATE}T23:59:59.999Z`)
const dateRangeMessage = `must be between ${EARLIEST_DATE} and ${LATEST_DATE}`

/** True when the instant lies in the accepted range (services check computed ends with it). */
export function isInstantInRange(instant: Date): boolean {
  const time = instant.getTime()
  return time >= EARLIEST_INSTANT.getTime() && time <= LATEST_INSTANT.getTime()
}

/** True when 'YYYY-MM-DD...' starts with a date in the accepted range (ISO strings sort as dates). */
export function isDateTextInRange(value: string): boolean {
  const date = value.slice(0, 10)
  return date >= EARLIEST_DATE && date <= LATEST_DATE
}

// A value that is not a date at all is the format's to report (one message per field), so the range
// checks pass it on.
const isDateShaped = (value: string) => /^\d{4}-\d{2}-\d{2}/.test(value)

/** The range check of dates and local date-times (by identity, like cleanTextCheck). */
export const dateRangeCheck = z.refine<string>(
  (value) => !isDateShaped(value) || isDateTextInRange(value),
  dateRangeMessage,
)
/** The range check of instants with an offset. */
export const instantRangeCheck = z.refine<string>(
  (value) => Number.isNaN(Date.parse(value)) || isInstantInRange(new Date(value)),
  dateRangeMessage,
)

/** A calendar date 'YYYY-MM-DD' between EARLIEST_DATE and LATEST_DATE (responses keep z.iso.date()). */
export const DateInputSchema = z.iso.date('must be a date YYYY-MM-DD').check(dateRangeCheck)

/** An ISO 8601 instant with an offset, inside the accepted range. */
export const InstantInputSchema = z.iso.datetime({ offset: true }).check(instantRangeCheck)

/** A wall-clock time without a zone, as a person types it: 'YYYY-MM-DDTHH:mm', in the accepted range. */
export const LocalDateTimeInputSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/, 'must be YYYY-MM-DDTHH:mm')
  .check(dateRangeCheck)

/** A PATCH body must change something: `{}` is refused (validation_failed) before any database work. */
export function hasSomeField(body: object): boolean {
  return Object.values(body).some((value) => value !== undefined)
}
export const NOTHING_TO_CHANGE = 'must change at least one field'
