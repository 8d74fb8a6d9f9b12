// Words for the home page's upcoming sessions.

/** "Ben Ortiz", "Ben Ortiz and Carla Diaz", "Ben, Carla and Dan". */
export function withWhom(names: string[]): string {
  if (names.length === 0) return 'no partner'
  if (names.length === 1) return names[0]
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}

/** Said under the list when it shows fewer than there are. */
export function moreLine(shown: number, total: number): string | null {
  if (total <= shown) return null
  return `The next ${shown} of ${total} sessions. Each match workspace lists all of its own.`
}

/** A session that started but has not ended is under way. */
export const isUnderWay = (startsAt: string, now = Date.now()) => Date.parse(startsAt) <= now
