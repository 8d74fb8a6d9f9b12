import { WORKSPACE_SECTIONS, type WorkspaceSection } from '#contracts/workspaces.ts'

// The open section of a match workspace is in the URL (`/matches/<id>?section=sessions`), so a reload,
// a link or the back button keeps the place; the list itself is shared with the server's links.
export { WORKSPACE_SECTIONS, type WorkspaceSection }

export const workspaceSectionLabels: Record<WorkspaceSection, string> = {
  overview: 'Overview',
  goals: 'Goals',
  sessions: 'Sessions',
  notes: 'Notes',
  'action-items': 'Action items',
  feedback: 'Feedback',
  wellbeing: 'Wellbeing',
  pairing: 'Pairing',
}

/** The section named by a URL's `section` parameter, or undefined (the overview) for anything else. */
export function parseWorkspaceSection(value: unknown): WorkspaceSection | undefined {
  return WORKSPACE_SECTIONS.find((section) => section === value)
}
