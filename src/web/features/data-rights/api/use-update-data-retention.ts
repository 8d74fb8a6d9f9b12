import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { UpdateDataRetentionBody } from '#contracts/data-rights.ts'
import { api } from '#web/lib/api-client.ts'
import { dataRetentionQueryKey } from './use-data-retention.ts'

export function useUpdateDataRetention() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: UpdateDataRetentionBody) => api.put('/api/organization/data-retention', { body }),
    onSuccess: (retention) => queryClient.setQueryData(dataRetentionQueryKey, retention),
  })
}
