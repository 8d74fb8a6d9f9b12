import type { QueryClient } from '@tanstack/react-query'
import { insightKeys, programKeys } from '#web/lib/query-keys.ts'
import { themesQueryKey } from '#web/lib/use-themes.ts'

/** Programs and the organization overview show theme names, so they refresh with the themes. */
export function invalidateThemeViews(queryClient: QueryClient) {
  queryClient.invalidateQueries({ queryKey: themesQueryKey })
  queryClient.invalidateQueries({ queryKey: programKeys.all })
  queryClient.invalidateQueries({ queryKey: insightKeys.all })
}
