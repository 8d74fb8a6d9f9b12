import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { CreateThemeBody } from '#contracts/themes.ts'
import { api } from '#web/lib/api-client.ts'
import { themesQueryKey } from '#web/lib/use-themes.ts'

export function useCreateTheme() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateThemeBody) => api.post('/api/themes', { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: themesQueryKey }),
  })
}
