import { useQuery } from '@tanstack/react-query'
import { ThemeListSchema } from '#contracts/themes.ts'
import { api } from '#web/lib/api-client.ts'

/** The organization's themes, for the program's "theme it serves". */
export function useThemes() {
  return useQuery({
    queryKey: ['themes'],
    queryFn: ({ signal }) => api.get('/api/themes', ThemeListSchema, { signal }),
    staleTime: 5 * 60_000,
  })
}
