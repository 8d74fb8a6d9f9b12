/** SQLSTATE of an error from PostgreSQL or PGlite (both drivers put it on `code`), else undefined. */
function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined
  return typeof error.code === 'string' ? error.code : undefined
}

/** A unique constraint refused the write (23505): the caller answers with its own "taken" error. */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === '23505'
}

/**
 * The write's result; when a unique constraint refuses it (a concurrent request won the race between the
 * service's own check and the write), the error `taken` gives instead, or the database's own when it gives none.
 */
export async function uniqueViolationAs<T>(write: Promise<T>, taken: () => Error | undefined): Promise<T> {
  try {
    return await write
  } catch (error) {
    throw (isUniqueViolation(error) ? taken() : undefined) ?? error
  }
}

/**
 * Two transactions met each other: a deadlock (40P01) or a serialization failure (40001). Nothing
 * was written; the same request sent again will most likely succeed.
 */
export function isConcurrentConflict(error: unknown): boolean {
  const state = sqlState(error)
  return state === '40P01' || state === '40001'
}

/**
 * The database refused a value itself: SQLSTATE class 22 (data exception: invalid text
 * representation, a character not in the repertoire or untranslatable (NUL, a lone surrogate in
 * JSON), numeric or datetime out of range, string too long, invalid JSON text) or a not-null, foreign
 * key or check constraint (23502, 23503, 23514). The contracts should refuse these first; this keeps
 * one that slips through a 4xx (`invalid_data`) instead of a 500. Nothing was written: the statement
 * failed, and with it its transaction.
 */
export function isDataError(error: unknown): boolean {
  const state = sqlState(error)
  if (state === undefined) return false
  return state.startsWith('22') || state === '23502' || state === '23503' || state === '23514'
}

/** Socket-level codes Node gives a connection that could not be made or was cut. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
])

/** What pg and pg-pool say when a connection ends, could not be made in time, or was already broken. */
const UNREACHABLE_MESSAGE =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable|Client was closed and is not queryable|Query read timeout|Postgres connection has been discarded)/

/**
 * The database cannot be reached or dropped the connection: a socket error (refused, reset, timed
 * out, unknown host), a connection pg ended or the pool could not make in time, SQLSTATE class 08
 * (connection exception), 57P01-57P03 (administrator shutdown, crash shutdown, cannot connect now)
 * or 53300 (too many connections). The request failed as a whole; the same request later, once the
 * database is back, will most likely succeed (`database_unavailable`, 503 with Retry-After).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause = error, depth = 0; cause !== undefined && cause !== null && depth < 5; depth++) {
    const state = sqlState(cause)
    if (state !== undefined) {
      if (UNREACHABLE_CODES.has(state) || state.startsWith('08') || state === '53300') return true
      if (state === '57P01' || state === '57P02' || state === '57P03') return true
    }
    if (cause instanceof Error && UNREACHABLE_MESSAGE.test(cause.message)) return true
    // Node reports a refused connection to a name with several addresses as an AggregateError.
    if (cause instanceof AggregateError && cause.errors.some((each) => isDatabaseUnavailable(each))) return true
    cause = cause instanceof Error ? cause.cause : undefined
  }
  return false
}

/** The statement ran past DATABASE_STATEMENT_TIMEOUT_SECONDS and PostgreSQL cancelled it (57014). */
export function isStatementTimeout(error: unknown): boolean {
  return sqlState(error) === '57014'
}
