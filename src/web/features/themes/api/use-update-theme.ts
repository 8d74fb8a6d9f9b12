import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { UpdateThemeBody } from '#contracts/themes.ts'
import { api } from '#web/lib/api-client.ts'
import { invalidateThemeViews } from './invalidate-theme-views.ts'

export function useUpdateTheme() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ themeId, body }: { themeId: string; body: UpdateThemeBody }) =>
      api.patch('/api/themes/:themeId', { params: { themeId }, body }),
    onSuccess: () => invalidateThemeViews(queryClient),
  })
}
