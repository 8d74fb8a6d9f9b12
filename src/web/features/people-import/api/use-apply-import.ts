import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { peopleKeys } from '#web/lib/query-keys.ts'

/** Applies a previewed import: all rows or none. */
export function useApplyImport() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (importId: string) => api.post('/api/people/imports/:importId/apply', { params: { importId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: peopleKeys.all }),
  })
}
