import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { matchingQueryKey } from './keys.ts'

/** The program's "never pair" and "must pair" rules. */
export function usePairRules(programId: string) {
  return useQuery({
    queryKey: [...matchingQueryKey(programId), 'pair-rules'],
    queryFn: ({ signal }) => api.get('/api/programs/:programId/pair-rules', { params: { programId }, signal }),
  })
}
