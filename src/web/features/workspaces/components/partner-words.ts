import type { Workspace } from '#contracts/workspaces.ts'

/** The viewer's partners in words: "Ben Ortiz", "Ben Ortiz and Cai Wong", or "Your partner". */
export function partnerWords(workspace: Workspace): string {
  const names = workspace.partners.map((p) => p.name)
  if (names.length === 0) return 'Your partner'
  if (names.length === 1) return names[0] ?? 'Your partner'
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}
