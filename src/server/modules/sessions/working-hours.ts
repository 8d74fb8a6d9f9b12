import { wallClock } from '#contracts/time.ts'

const MINUTE = 60_000

export interface WorkingTime {
  timeZone: string
  /** 'HH:MM' */
  workingHoursStart: string
  workingHoursEnd: string
  /** ISO weekdays, 1 = Monday. */
  workingDays: number[]
}

/** The whole span lies inside the person's working hours, on one of their working days. */
export function isInWorkingHours(start: Date, end: Date, person: WorkingTime): boolean {
  const from = wallClock(start, person.timeZone)
  const lastMinute = wallClock(new Date(end.getTime() - MINUTE), person.timeZone)
  if (lastMinute.date !== from.date || !person.workingDays.includes(from.weekday)) return false
  const until = wallClock(end, person.timeZone)
  const endTime = until.date === from.date ? until.time : '24:00'
  return from.time >= person.workingHoursStart && endTime <= person.workingHoursEnd
}
