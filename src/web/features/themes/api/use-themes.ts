import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { themeKeys } from '#web/lib/query-keys.ts'

/** The organization's themes: this page and the program form's "theme it serves" share them. */
export const themesQueryKey = themeKeys.all

export function useThemes() {
  return useQuery({
    queryKey: themesQueryKey,
    queryFn: ({ signal }) => api.get('/api/themes', { signal }),
  })
}
