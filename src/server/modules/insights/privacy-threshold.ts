/**
 * The one place a figure about people is checked against the organization's privacy threshold
 * (its smallest group, default 5). Every response a program manager or admin reads that is computed
 * from people's answers (dashboard, overview, match page, feedback ratings, exports, digests) goes
 * through `withholdBelowThreshold`, so a group smaller than the threshold shows how many people it
 * counts and why it is hidden, never a value. The program's confidentiality terms promise exactly that.
 */

export interface Withheld {
  /** Distinct people the figure is computed over. */
  people: number
  isHidden: boolean
  /** Why the figure is hidden, in plain words; null when shown. */
  hiddenReason: string | null
}

/** The plain-words reason a figure over `people` is hidden, or null when it may be shown. */
export function hiddenReasonFor(people: number, threshold: number): string | null {
  if (people >= threshold) return null
  if (people === 0) {
    return `Nothing to count yet: figures appear once at least ${threshold} people are counted, so no one can be singled out.`
  }
  return `Fewer than ${threshold} people are counted here (${people} so far), so it stays hidden: no one's answers can be singled out.`
}

/**
 * A figure over `people`: its values when at least `threshold` people are counted, otherwise the
 * `hidden` values (nulls), with the people count and the reason either way.
 */
export function withholdBelowThreshold<T extends Record<string, unknown>>(
  people: number,
  threshold: number,
  values: T,
  hidden: { [K in keyof T]: T[K] | null },
): T & Withheld {
  const reason = hiddenReasonFor(people, threshold)
  return { people, isHidden: reason !== null, hiddenReason: reason, ...(reason === null ? values : hidden) } as T &
    Withheld
}

/** `{ a: null, b: null }` for the keys of a figure: what a hidden figure shows. */
export const nulls = <K extends string>(...keys: K[]) =>
  Object.fromEntries(keys.map((k) => [k, null])) as Record<K, null>

/**
 * What a manager learns from answers of a group too small to show: that someone raised a concern,
 * never who or what they answered. Used for the pairing-fit signal on the match page, the at-risk
 * list, the CSV export and the weekly digest alike.
 */
export const FIT_CONCERN_LABEL = 'A member raised a pairing-fit concern'
