/** Invalid cohort input: `path` names the field (`participants[17].seniority`), `message` says what is wrong. */
export class CohortError extends Error {
  readonly path: string
  readonly reason: string

  constructor(path: string, reason: string) {
    super(path ? `${path}: ${reason}` : reason)
    this.name = 'CohortError'
    this.path = path
    this.reason = reason
  }
}

/** Formats a Zod-style path (`['participants', 17, 'seniority']`) as `participants[17].seniority`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out === '' ? String(key) : `.${String(key)}`
  }
  return out
}
