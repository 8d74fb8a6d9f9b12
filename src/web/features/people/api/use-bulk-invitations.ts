import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback, useRef, useState } from 'react'
import type { BULK_INVITATION_ACTIONS, InvitationSelection } from '#contracts/auth.ts'
import { api } from '#web/lib/api-client.ts'
import { outboxKeys, peopleKeys } from '#web/lib/query-keys.ts'

export type BulkInvitationAction = (typeof BULK_INVITATION_ACTIONS)[number]

/** How many of the selected people each bulk invitation action would reach. */
export function useInvitationSelectionCounts(selection: InvitationSelection, options: { isEnabled: boolean }) {
  return useQuery({
    queryKey: peopleKeys.invitationCounts(selection),
    queryFn: ({ signal }) => api.get('/api/invitations/bulk/counts', { query: selection, signal }),
    enabled: options.isEnabled,
  })
}

export interface BulkInvitationProgress {
  action: BulkInvitationAction
  /** People sent their invitation (or cancelled) so far, and those skipped (sent one a minute ago). */
  done: number
  skipped: number
  /** How many the action reaches in all, as counted before it started. */
  expected: number
  status: 'running' | 'stopped' | 'finished' | 'failed'
  error: unknown
}

/** The batch size: one request sends this many invitations in one transaction. */
const BATCH = 100

/**
 * Runs a bulk invitation action batch after batch (each call the server's next batch in name order),
 * so the page can show how far it got and stop between two batches.
 */
export function useBulkInvitations() {
  const queryClient = useQueryClient()
  const [progress, setProgress] = useState<BulkInvitationProgress | null>(null)
  const isStopping = useRef(false)

  const run = useCallback(
    async (action: BulkInvitationAction, selection: InvitationSelection, expected: number) => {
      isStopping.current = false
      let current: BulkInvitationProgress = { action, done: 0, skipped: 0, expected, status: 'running', error: null }
      setProgress(current)
      let after: string | undefined
      try {
        do {
          const batch = await api.post('/api/invitations/bulk', {
            body: { action, selection, limit: BATCH, ...(after ? { after } : {}) },
          })
          after = batch.nextCursor ?? undefined
          current = { ...current, done: current.done + batch.done, skipped: current.skipped + batch.skipped }
          setProgress(current)
        } while (after && !isStopping.current)
        setProgress({ ...current, status: after ? 'stopped' : 'finished' })
      } catch (error) {
        setProgress({ ...current, status: 'failed', error })
      } finally {
        queryClient.invalidateQueries({ queryKey: peopleKeys.all })
        queryClient.invalidateQueries({ queryKey: outboxKeys.all })
      }
    },
    [queryClient],
  )

  return {
    progress,
    run,
    stop: () => {
      isStopping.current = true
    },
    reset: () => setProgress(null),
  }
}
