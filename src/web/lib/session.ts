import { type QueryClient, queryOptions, useQuery } from '@tanstack/react-query'
import type { Role, Session, Viewer } from '#contracts/auth.ts'
import { sessionKeys } from '#web/lib/query-keys.ts'
import { api, isApiError, setCsrfToken } from './api-client.ts'
import { setReader } from './format.ts'

export const sessionQueryKey = sessionKeys.current

/** The current session, or null when nobody is signed in (401 is an answer here, not an error). */
export const sessionQueryOptions = queryOptions({
  queryKey: sessionQueryKey,
  queryFn: async (): Promise<Session | null> => {
    try {
      const session = await api.get('/api/auth/session')
      setCsrfToken(session.csrfToken)
      setReader(session.viewer)
      return session
    } catch (error) {
      if (isApiError(error, 'unauthenticated')) {
        setCsrfToken(null)
        return null
      }
      throw error
    }
  },
  staleTime: 5 * 60_000,
})

/** After sign-in, set-up or accepting an invitation: the answer is the new session. */
export function storeSession(queryClient: QueryClient, session: Session) {
  setCsrfToken(session.csrfToken)
  setReader(session.viewer)
  queryClient.setQueryData(sessionQueryKey, session)
}

/** After sign-out or a 401: forget everything cached for the previous viewer. */
export function forgetSession(queryClient: QueryClient) {
  setCsrfToken(null)
  setReader(null)
  queryClient.clear()
  queryClient.setQueryData(sessionQueryKey, null)
}

/** The signed-in person; only inside the signed-in layout, which guarantees a session. */
export function useViewer(): Viewer {
  const { data } = useQuery(sessionQueryOptions)
  if (!data) throw new Error('useViewer() needs a signed-in session')
  return data.viewer
}

const roleRank: Record<Role, number> = { participant: 0, program_manager: 1, admin: 2 }

export function hasRole(viewer: Pick<Viewer, 'role'>, role: Role): boolean {
  return roleRank[viewer.role] >= roleRank[role]
}
