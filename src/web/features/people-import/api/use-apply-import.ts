import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { peopleKeys } from '#web/lib/query-keys.ts'

/** Applies a previewed import: all rows or none; the new people are invited unless asked not to. */
export function useApplyImport() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ importId, sendInvitations }: { importId: string; sendInvitations: boolean }) =>
      api.post('/api/people/imports/:importId/apply', { params: { importId }, body: { sendInvitations } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: peopleKeys.all }),
  })
}
