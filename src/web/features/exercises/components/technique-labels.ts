import type { Technique } from '#contracts/exercises.ts'

export const techniqueLabels: Record<Technique, string> = {
  role_play: 'Role playing',
  what_if: '“What if?” scenarios',
  empathy: 'Empathy exercise',
  change_of_perspective: 'Change of perspective',
  collaborative_storytelling: 'Collaborative storytelling',
  other: 'Other',
}

export const TECHNIQUES = Object.keys(techniqueLabels) as Technique[]

/** Non-empty lines of a text area, trimmed: one prompt per line. */
export function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
}
