import { DAY, MINUTE } from '#contracts/durations.ts'
import { toLocal } from '#contracts/time.ts'
import { isInsideSpans, type WorkingTime, workingSpans } from './working-hours.ts'

const STEP = 15 * MINUTE

export interface SlotMember extends WorkingTime {
  personId: string
}

export interface BusySpan {
  personId: string
  start: Date
  end: Date
}

export interface SlotSearch {
  members: SlotMember[]
  /** Scheduled sessions of the members (in any of their matches). */
  busy: BusySpan[]
  from: Date
  durationMinutes: number
  count: number
  /** Slots are spread one per local day of this zone (the viewer's), so the choices differ. */
  dayZone: string
  horizonDays?: number
}

/**
 * The earliest slots, on 15-minute boundaries, inside every member's working hours on their working
 * days and clear of their scheduled sessions: the first such slot of each day (in `dayZone`).
 */
export function suggestSlots(search: SlotSearch): { start: Date; end: Date }[] {
  const slots: { start: Date; end: Date }[] = []
  const duration = search.durationMinutes * MINUTE
  const limit = search.from.getTime() + (search.horizonDays ?? 28) * DAY
  const takenDays = new Set<string>()
  // Each member's working hours as instants, once: the loop below then compares numbers only.
  const until = new Date(limit + duration)
  const hours = new Map(search.members.map((member) => [member.personId, workingSpans(member, search.from, until)]))
  for (let t = Math.ceil(search.from.getTime() / STEP) * STEP; t <= limit && slots.length < search.count; t += STEP) {
    const start = new Date(t)
    const end = new Date(t + duration)
    const fits = search.members.every(
      (member) =>
        isInsideSpans(start, end, hours.get(member.personId) ?? []) &&
        !search.busy.some(
          (span) =>
            span.personId === member.personId &&
            span.start.getTime() < end.getTime() &&
            span.end.getTime() > start.getTime(),
        ),
    )
    if (!fits) continue
    const day = toLocal(start, search.dayZone).slice(0, 10)
    if (takenDays.has(day)) continue
    slots.push({ start, end })
    takenDays.add(day)
  }
  return slots
}
