import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { RouterProvider } from '@tanstack/react-router'
import { useState } from 'react'
import { isApiError } from '#web/lib/api-client.ts'
import { forgetSession, sessionQueryKey } from '#web/lib/session.ts'
import { createAppRouter } from './router.tsx'

function createApp() {
  let router: ReturnType<typeof createAppRouter> | null = null
  // A 401 anywhere means the session ended (expired, revoked, deactivated): back to sign-in.
  const onError = (error: unknown) => {
    if (!isApiError(error, 'unauthenticated') || !router) return
    forgetSession(queryClient)
    const here = router.state.location.href
    router.navigate({ to: '/sign-in', search: { redirect: here } })
  }
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (query.queryKey[0] !== sessionQueryKey[0]) onError(error)
      },
    }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Client errors will not fix themselves; retry only what might be transient.
        retry: (failureCount, error) => failureCount < 2 && !(isApiError(error) && error.status < 500),
      },
    },
  })
  router = createAppRouter(queryClient)
  return { queryClient, router }
}

export function App() {
  const [{ queryClient, router }] = useState(createApp)
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  )
}
