import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import type { MatchingRun } from '#contracts/matching.ts'
import { plural } from '#web/lib/format.ts'
import { matchingQueryKey } from '../api/keys.ts'
import { useMatchingRun } from '../api/use-matching-run.ts'
import { useMatchingRuns } from '../api/use-matching-runs.ts'

/**
 * Follows the matching run in progress (the one just started, or one started earlier in another tab or
 * before a reload) until it ends, then refreshes the matches and reports the outcome once per run.
 */
export function useFollowedRun(
  programId: string,
  { onSucceeded, onFailed }: { onSucceeded: (message: string) => void; onFailed: (message: string) => void },
) {
  const queryClient = useQueryClient()
  const runs = useMatchingRuns(programId)
  const [activeRunId, setActiveRunId] = useState<string | null>(null)
  const activeRun = useMatchingRun(activeRunId)
  // The queued run the start answered with: shown at once, before the first poll comes back.
  const [startedRun, setStartedRun] = useState<MatchingRun | null>(null)
  const report = useRef({ onSucceeded, onFailed })
  report.current = { onSucceeded, onFailed }

  // A run started earlier (another tab, before a reload) is followed as well.
  const reportedRunIds = useRef(new Set<string>())
  const runningId =
    runs.data?.runs.find(
      (run) => (run.status === 'queued' || run.status === 'running') && !reportedRunIds.current.has(run.id),
    )?.id ?? null
  useEffect(() => {
    if (runningId && activeRunId === null) setActiveRunId(runningId)
  }, [runningId, activeRunId])

  useEffect(() => {
    const run = activeRun.data
    if (!run || (run.status !== 'succeeded' && run.status !== 'failed')) return
    if (reportedRunIds.current.has(run.id)) return
    reportedRunIds.current.add(run.id)
    setActiveRunId(null)
    setStartedRun(null)
    queryClient.invalidateQueries({ queryKey: matchingQueryKey(programId) })
    if (run.status === 'succeeded') {
      report.current.onSucceeded(
        `Run ${run.runNumber} finished: ${plural(run.summary?.matches ?? 0, 'match', 'matches')}, ${plural(
          run.summary?.unmatched ?? 0,
          'person',
          'people',
        )} unmatched.`,
      )
    } else {
      report.current.onFailed(`Run ${run.runNumber} failed: ${run.error ?? 'the engine stopped'}`)
    }
  }, [activeRun.data, programId, queryClient])

  return {
    runs,
    isRunning: activeRunId !== null || runningId !== null,
    shownRun: activeRun.data ?? (startedRun && startedRun.id === activeRunId ? startedRun : null),
    /** Follows a run just started; false when it already ended and was reported (a fast run). */
    follow(run: MatchingRun): boolean {
      if (reportedRunIds.current.has(run.id)) return false
      setActiveRunId(run.id)
      setStartedRun(run)
      return true
    },
  }
}
