/** The library's query keys (the workspace's session guide reads the same ones). */
export const exercisesQueryKey = ['exercises'] as const
export const questionsQueryKey = ['coaching-questions'] as const
