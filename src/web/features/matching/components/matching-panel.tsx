import { useState } from 'react'
import type { ReviewMatch } from '#contracts/matching.ts'
import type { ProgramView } from '#contracts/programs.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { EmptyState } from '#web/components/ui/empty-state.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { plural } from '#web/lib/format.ts'
import { useLockMatch } from '../api/use-lock-match.ts'
import { useProgramMatches } from '../api/use-program-matches.ts'
import { namesList } from './criteria.ts'
import { ManualMatchDialog } from './manual-match-dialog.tsx'
import { MatchCard } from './match-card.tsx'
import { type Confirm, MatchConfirmDialogs } from './match-confirm-dialogs.tsx'
import { PairRulesCard } from './pair-rules-card.tsx'
import { RunMatchingForm } from './run-matching-form.tsx'
import { RunProgress } from './run-progress.tsx'
import { RunsTable } from './runs-table.tsx'
import { SwapDialog } from './swap-dialog.tsx'
import { UnmatchedCard } from './unmatched-card.tsx'
import { useFollowedRun } from './use-followed-run.ts'

/** Unmatched people shown at first, and added by each "Show more". */
const UNMATCHED_PAGE = 50

/** The program manager's matching: run, watch progress, compare runs, review, adjust and publish. */
export function MatchingPanel({ program }: { program: ProgramView }) {
  const [unmatchedLimit, setUnmatchedLimit] = useState(UNMATCHED_PAGE)
  const matches = useProgramMatches(program.id, unmatchedLimit)
  const lock = useLockMatch(program.id)
  const [notice, setNotice] = useState<string | null>(null)
  const [actionError, setActionError] = useState<string | null>(null)
  const [confirm, setConfirm] = useState<Confirm>(null)
  const [swapping, setSwapping] = useState<ReviewMatch | null>(null)
  const [isManualOpen, setIsManualOpen] = useState(false)
  const { runs, isRunning, shownRun, follow } = useFollowedRun(program.id, {
    onSucceeded: say,
    onFailed: setActionError,
  })

  const review = matches.data
  const proposed = review?.matches.filter((match) => match.status === 'proposed') ?? []
  const others = review?.matches.filter((match) => match.status !== 'proposed') ?? []
  const unmatched = review?.unmatched ?? []
  const unmatchedTotal = review?.unmatchedPage.total ?? 0
  const everyone = [...(review?.matches.flatMap((match) => match.members) ?? []), ...unmatched].filter(
    (person, index, all) => all.findIndex((item) => item.personId === person.personId) === index,
  )
  const canRun = program.status === 'matching' || program.status === 'active'

  function say(message: string) {
    setActionError(null)
    setNotice(message)
  }

  const actions = {
    pendingMatchId: lock.isPending ? (lock.variables?.matchId ?? null) : null,
    onToggleLock: (match: ReviewMatch) =>
      lock.mutate(
        { matchId: match.id, isLocked: !match.isLocked },
        {
          onSuccess: (updated) =>
            say(
              `${updated.isLocked ? 'Locked' : 'Unlocked'}: ${namesList(updated.members.map((member) => member.name))}.`,
            ),
          onError: (error) => setActionError(errorMessage(error)),
        },
      ),
    onForbid: (match: ReviewMatch) => setConfirm({ kind: 'forbid', match }),
    onSwap: (match: ReviewMatch) => setSwapping(match),
    onDissolve: (match: ReviewMatch) => setConfirm({ kind: 'dissolve', match }),
  }

  return (
    <div className="stack-lg">
      <Card title="Matching" labelledBy="matching-heading">
        {!canRun ? (
          <Alert tone="info" isLive={false}>
            {program.status === 'draft' || program.status === 'enrolling'
              ? 'Close enrollment on the Overview tab to start matching.'
              : 'This program is no longer matching people.'}
          </Alert>
        ) : (
          <RunMatchingForm
            program={program}
            isRunning={isRunning}
            hasProposals={proposed.length > 0}
            onStarting={() => {
              setNotice(null)
              setActionError(null)
            }}
            onStarted={follow}
            onError={setActionError}
          />
        )}
        <div aria-live="polite" className="stack" style={{ gap: 8, marginTop: 12 }}>
          {shownRun && (shownRun.status === 'queued' || shownRun.status === 'running') ? (
            <RunProgress run={shownRun} />
          ) : null}
        </div>
        <div role="status" style={{ marginTop: notice ? 12 : 0 }}>
          {notice ? (
            <Alert tone="success" isLive={false}>
              {notice}
            </Alert>
          ) : null}
        </div>
        <div role="alert" style={{ marginTop: actionError ? 12 : 0 }}>
          {actionError ? (
            <Alert tone="error" isLive={false}>
              {actionError}
            </Alert>
          ) : null}
        </div>
      </Card>

      {runs.data && runs.data.runs.length > 0 ? (
        <section aria-labelledby="runs-heading" className="stack">
          <h2 id="runs-heading" style={{ margin: 0 }}>
            Runs
          </h2>
          <RunsTable programId={program.id} runs={runs.data.runs} />
        </section>
      ) : runs.isError ? (
        <ErrorState error={runs.error} onRetry={() => runs.refetch()} />
      ) : null}

      <section aria-labelledby="proposals-heading" className="stack">
        <div className="row" style={{ justifyContent: 'space-between' }}>
          <h2 id="proposals-heading" style={{ margin: 0 }}>
            Matches
          </h2>
          <div className="row">
            {review ? (
              <span className="muted">
                {plural(review.counts.proposed, 'proposed', 'proposed')} · {review.counts.locked} locked ·{' '}
                {review.counts.published + review.counts.active} published · {review.counts.unmatched} unmatched
              </span>
            ) : null}
            <Button
              variant="secondary"
              onClick={() => setIsManualOpen(true)}
              disabled={!canRun || unmatched.length < 2}
            >
              Match by hand
            </Button>
            <Button onClick={() => setConfirm({ kind: 'publish' })} disabled={proposed.length === 0 || isRunning}>
              Publish matches
            </Button>
          </div>
        </div>
        {matches.isError ? (
          <ErrorState error={matches.error} onRetry={() => matches.refetch()} />
        ) : !review ? (
          <Card>
            <SkeletonRows rows={4} label="Loading matches…" />
          </Card>
        ) : review.matches.length === 0 ? (
          <Card>
            <EmptyState title="No matches yet" headingLevel={3} icon={<span>◎</span>}>
              <p>
                {canRun
                  ? 'Run matching to see proposed matches with the reasons for each.'
                  : 'Matches appear here once the program is matching.'}
              </p>
            </EmptyState>
          </Card>
        ) : (
          <div className="match-grid">
            {[...proposed, ...others].map((match) => (
              <MatchCard key={match.id} match={match} actions={actions} />
            ))}
          </div>
        )}
      </section>

      <div className="grid-2" style={{ alignItems: 'start' }}>
        <UnmatchedCard
          unmatched={unmatched}
          total={unmatchedTotal}
          isLoadingMore={matches.isFetching && matches.isPlaceholderData}
          isPlaceholderData={matches.isPlaceholderData || !review}
          onShowMore={(shown) => setUnmatchedLimit(shown + UNMATCHED_PAGE)}
        />
        <PairRulesCard programId={program.id} people={everyone} onChanged={say} />
      </div>

      <ManualMatchDialog
        program={program}
        unmatched={unmatched}
        isOpen={isManualOpen}
        onClose={() => setIsManualOpen(false)}
        onCreated={(message) => {
          setIsManualOpen(false)
          say(message)
        }}
      />
      <SwapDialog
        programId={program.id}
        match={swapping}
        otherMatches={proposed.filter((match) => match.id !== swapping?.id)}
        unmatched={unmatched}
        onClose={() => setSwapping(null)}
        onSwapped={(message) => {
          setSwapping(null)
          say(message)
        }}
      />
      <MatchConfirmDialogs
        programId={program.id}
        confirm={confirm}
        proposed={proposed}
        unmatchedTotal={unmatchedTotal}
        onClose={() => setConfirm(null)}
        onDone={say}
      />
    </div>
  )
}
