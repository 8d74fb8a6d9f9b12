import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { invalidateThemeViews } from './invalidate-theme-views.ts'

/** Deleting a theme leaves the programs that served it without one. */
export function useDeleteTheme() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (themeId: string) => api.delete('/api/themes/:themeId', { params: { themeId } }),
    onSuccess: () => invalidateThemeViews(queryClient),
  })
}
