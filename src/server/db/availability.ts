/** Where the availability lines go: the app's logger once it exists, the console before. */
export interface AvailabilityLogger {
  warn(message: string): void
  info(message: string): void
}

/**
 * Whether the database answers, as last seen by a query. An outage is logged once when it starts
 * ("database unavailable: <reason>") and once when a query succeeds again, instead of one stack per
 * failed request.
 */
export interface DatabaseAvailability {
  /** A query failed because the database could not be reached (see isDatabaseUnavailable). */
  recordFailure(error: unknown): void
  /** A query succeeded: ends an outage in progress. */
  recordSuccess(): void
  readonly isDown: boolean
  setLogger(logger: AvailabilityLogger): void
}

const consoleLogger: AvailabilityLogger = {
  warn: (message) => console.warn(message),
  info: (message) => console.info(message),
}

export interface AvailabilityOptions {
  /** A monotonic clock in milliseconds, for the outage's length (not a date). */
  elapsedMs?: () => number
  /**
   * How long queries must go on succeeding before the outage is declared over (default 1 s).
   * Terminated connections fail one by one, in between the successes of their replacements: they
   * are one incident, not a dozen.
   */
  settleMs?: number
}

export function createDatabaseAvailability(options: AvailabilityOptions = {}): DatabaseAvailability {
  const elapsedMs = options.elapsedMs ?? (() => performance.now())
  const settleMs = options.settleMs ?? 1_000
  let logger = consoleLogger
  let downSince: number | undefined
  let upAgainAt: number | undefined
  let settling: NodeJS.Timeout | undefined
  const declareOver = () => {
    if (downSince === undefined || upAgainAt === undefined) return
    const seconds = (upAgainAt - downSince) / 1000
    downSince = undefined
    upAgainAt = undefined
    logger.info(`database reachable again after ${seconds.toFixed(1)} s`)
  }
  return {
    recordFailure(error) {
      upAgainAt = undefined
      clearTimeout(settling)
      if (downSince !== undefined) return
      downSince = elapsedMs()
      logger.warn(`database unavailable: ${describe(error)}`)
    },
    recordSuccess() {
      if (downSince === undefined || upAgainAt !== undefined) return
      upAgainAt = elapsedMs()
      if (settleMs <= 0) return declareOver()
      settling = setTimeout(declareOver, settleMs)
      settling.unref()
    },
    get isDown() {
      return downSince !== undefined
    },
    setLogger(next) {
      logger = next
    },
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined
  const message = error.message || (error instanceof AggregateError ? describe(error.errors[0]) : error.name)
  return code && !message.includes(code) ? `${message} (${code})` : message
}
