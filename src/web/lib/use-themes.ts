import { useQuery } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'
import { themeKeys } from '#web/lib/query-keys.ts'

/**
 * The organization's themes: the themes page and the program form's "theme it serves" share them,
 * so the hook lives in lib, outside both features (decision 023).
 */
export const themesQueryKey = themeKeys.all

export function useThemes() {
  return useQuery({
    queryKey: themesQueryKey,
    queryFn: ({ signal }) => api.get('/api/themes', { signal }),
  })
}
