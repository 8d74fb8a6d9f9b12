import type { CriterionName } from '#contracts/matching.ts'

export const criterionLabels: Record<CriterionName, string> = {
  complementarity: 'Skills',
  seniority: 'Seniority',
  diversity: 'Cross-department',
  overlap: 'Shared hours',
}

export const roleLabels: Record<string, string> = {
  peer: 'Peer',
  mentor: 'Mentor',
  mentee: 'Mentee',
  member: 'Member',
}

/** "Ana Lima and Ben Ortiz", "Ana Lima, Ben Ortiz and Carla Diaz". */
export function namesList(names: string[]): string {
  if (names.length <= 1) return names[0] ?? ''
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}

/** The API's reasons read as sentences in a list: "similar seniority" -> "Similar seniority". */
export function capitalize(text: string): string {
  return text ? text[0]?.toUpperCase() + text.slice(1) : text
}
