import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { CreateCheckInBody } from '#contracts/wellbeing.ts'
import { api } from '#web/lib/api-client.ts'
import { myCheckInsQueryKey, myWellbeingQueryKey } from './wellbeing-keys.ts'

/** Check in on my mood and stress (before or after a session, or anytime); private to me. */
export function useRecordCheckIn(matchId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateCheckInBody) =>
      api.post('/api/matches/:matchId/wellbeing-checkins', { params: { matchId }, body }),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: myCheckInsQueryKey(matchId) })
      queryClient.invalidateQueries({ queryKey: myWellbeingQueryKey })
    },
  })
}
