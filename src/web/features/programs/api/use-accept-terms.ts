import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'

/** I accept a program's confidentiality terms; every query is refreshed, as the match workspace opens. */
export function useAcceptTerms() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (programId: string) =>
      api.post('/api/programs/:programId/enrollment/accept-terms', { params: { programId } }),
    onSuccess: () => queryClient.invalidateQueries(),
  })
}
