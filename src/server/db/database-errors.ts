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
