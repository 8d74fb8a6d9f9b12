import { HOUR } from '#contracts/durations.ts'
import { addLocalDays, localToInstant, toLocal } from '#contracts/time.ts'

export type ReminderLead = '24h' | '1h'

export interface ReminderTime {
  lead: ReminderLead
  at: Date
}

/**
 * The "day before" reminder: the same wall-clock time on the previous calendar day in the member's
 * zone (23 or 25 real hours before across a daylight-saving change). A time that does not exist
 * that day (the clocks skipped it) falls back to 24 real hours before.
 */
export function dayBeforeReminderAt(startsAt: Date, timeZone: string): Date {
  const local = toLocal(startsAt, timeZone)
  const converted = localToInstant(addLocalDays(local, -1), timeZone)
  return converted.kind === 'ok' ? converted.instant : new Date(startsAt.getTime() - 24 * HOUR)
}

/** The reminders of a session for a member in `timeZone`: a day before (local) and 60 real minutes before. */
export function reminderTimes(startsAt: Date, timeZone: string): ReminderTime[] {
  return [
    { lead: '24h', at: dayBeforeReminderAt(startsAt, timeZone) },
    { lead: '1h', at: new Date(startsAt.getTime() - HOUR) },
  ]
}

/** The reminders still ahead at `now` (a session scheduled 3 hours ahead gets only its 1 h reminder). */
export function upcomingReminderTimes(startsAt: Date, timeZone: string, now: Date): ReminderTime[] {
  return reminderTimes(startsAt, timeZone).filter((time) => time.at.getTime() > now.getTime())
}
