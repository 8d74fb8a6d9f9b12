import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { createMemoryHistory, createRootRoute, createRouter, RouterProvider } from '@tanstack/react-router'
import type { ReactNode } from 'react'
import { render } from 'vitest-browser-react'
import type { Role, Session, Viewer } from '#contracts/auth.ts'
import { setCsrfToken } from '#web/lib/api-client.ts'
import { sessionQueryKey } from '#web/lib/session.ts'

export const testCsrfToken = 'csrf-test-token'

export function buildViewer(overrides: Partial<Viewer> = {}): Viewer {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    role: 'participant' satisfies Role,
    organizationId: '00000000-0000-4000-8000-0000000000a1',
    organizationName: 'Example Org',
    timeZone: 'UTC',
    locale: null,
    ...overrides,
  }
}

/**
 * Renders `ui` as the app does: a real QueryClient (no retries, so an error shows at once), the
 * signed-in session of `viewer`, and a router at `/` (components use Link), all inside real Chromium.
 * Requests go to `fetch`: install `fakeApi()` first.
 */
export async function renderUi(ui: ReactNode, { viewer = buildViewer() }: { viewer?: Viewer } = {}) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false }, mutations: { retry: false } },
  })
  const session: Session = { viewer, csrfToken: testCsrfToken, signInNotice: null, isMfaEnrollmentRequired: false }
  queryClient.setQueryData(sessionQueryKey, session)
  setCsrfToken(testCsrfToken)
  const router = createRouter({
    routeTree: createRootRoute({ component: () => ui }),
    history: createMemoryHistory({ initialEntries: ['/'] }),
  })
  const screen = await render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  )
  return { ...screen, queryClient }
}
