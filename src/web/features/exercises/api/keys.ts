import { exerciseKeys } from '#web/lib/query-keys.ts'
/** The library's query keys (the workspace's session guide reads the same ones). */
export const exercisesQueryKey = exerciseKeys.all
export const questionsQueryKey = exerciseKeys.questions
