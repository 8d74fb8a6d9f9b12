/**
 * Where the application reads the time. buildApp takes one (the system clock by default) and
 * hands it to every module on AppContext; services and repositories take the instant as a
 * `now: Date` parameter, so no rule depends on the real date and tests can pin or move time.
 */
export interface Clock {
  now(): Date
}

/** The real time: the only place outside waiting and logging where the server reads it (decision 018). */
export const systemClock: Clock = {
  now: () => new Date(),
}

/** A clock that stands still until a test moves it. */
export interface TestClock extends Clock {
  /** Jumps to an instant (an ISO string or a Date). */
  set(at: Date | string): void
  /** Moves forward (or back, when negative) by milliseconds. */
  advance(milliseconds: number): void
}

/** A settable clock for tests: `fixedClock('2027-03-20T09:00:00Z')`. */
export function fixedClock(start: Date | string): TestClock {
  let current = toTime(start)
  return {
    now: () => new Date(current),
    set(at) {
      current = toTime(at)
    },
    advance(milliseconds) {
      current += milliseconds
    },
  }
}

function toTime(at: Date | string): number {
  const time = (typeof at === 'string' ? new Date(at) : at).getTime()
  if (Number.isNaN(time)) throw new Error(`Not an instant: ${String(at)}`)
  return time
}
