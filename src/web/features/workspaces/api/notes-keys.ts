import { coachingSessionKeys, workspaceKeys } from '#web/lib/query-keys.ts'
/** Query keys of the notes, reflections, action items and feedback sections of one match (src/web/lib/query-keys.ts). */
export const notesQueryKey = workspaceKeys.notes
export const reflectionsQueryKey = workspaceKeys.myReflections
export const actionItemsQueryKey = workspaceKeys.actionItems
export const matchFeedbackQueryKey = coachingSessionKeys.feedback
