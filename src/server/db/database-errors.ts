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
