/**
 * Fixed spans of time in milliseconds, for arithmetic on instants (`new Date(t + 2 * HOUR)`). A DAY here
 * is 24 hours, not a calendar day in a time zone: a day across a daylight-saving change is the time
 * module's business, not this one's.
 */
export const SECOND = 1000
export const MINUTE = 60 * SECOND
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR
