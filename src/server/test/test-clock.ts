import { type Clock, systemClock } from '#server/clock.ts'
import type { Db } from '#server/db/connect.ts'

const clocks = new WeakMap<Db, Clock>()

/** Ties a clock to a test database, so factories and signed-in headers stamp times the app agrees with. */
export function setClockOf(db: Db, clock: Clock): void {
  clocks.set(db, clock)
}

/** The clock of the test app that owns this database (the system clock for a bare test database). */
export function clockOf(db: Db): Clock {
  return clocks.get(db) ?? systemClock
}
