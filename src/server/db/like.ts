/** LIKE's wildcards (`%`, `_`) and its escape character in `value`, escaped so they match themselves. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`)
}

/** A LIKE/ILIKE pattern that finds `text` anywhere in a value, taken literally: `50%` finds "50%", not "500". */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`
}
