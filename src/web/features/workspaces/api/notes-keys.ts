/** Query keys of the notes, reflections, action items and feedback sections of one match. */
export const notesQueryKey = (matchId: string) => ['workspace', matchId, 'notes'] as const
/** My own reflections only: never shared with anyone, so never cached under a key others could read. */
export const reflectionsQueryKey = (matchId: string) => ['workspace', matchId, 'my-reflections'] as const
export const actionItemsQueryKey = (matchId: string) => ['workspace', matchId, 'action-items'] as const
/** Under the sessions key: marking a session held (a sessions write) opens feedback for it, so it refreshes this too. */
export const matchFeedbackQueryKey = (matchId: string) => ['sessions', matchId, 'feedback'] as const
