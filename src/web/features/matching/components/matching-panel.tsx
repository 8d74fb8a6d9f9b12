import { useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { CRITERIA, type CriterionName, type MatchingRun, type ReviewMatch } from '#contracts/matching.ts'
import type { ProgramView } from '#contracts/programs.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { ConfirmDialog } from '#web/components/ui/dialog.tsx'
import { EmptyState } from '#web/components/ui/empty-state.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { TextField } from '#web/components/ui/text-field.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { plural } from '#web/lib/format.ts'
import { matchingQueryKey } from '../api/keys.ts'
import { useCreatePairRule } from '../api/use-create-pair-rule.ts'
import { useDissolveMatch } from '../api/use-dissolve-match.ts'
import { useLockMatch } from '../api/use-lock-match.ts'
import { useMatchingRun } from '../api/use-matching-run.ts'
import { useMatchingRuns } from '../api/use-matching-runs.ts'
import { useProgramMatches } from '../api/use-program-matches.ts'
import { usePublishMatches } from '../api/use-publish-matches.ts'
import { useStartMatchingRun } from '../api/use-start-matching-run.ts'
import { criterionLabels, namesList } from './criteria.ts'
import { ManualMatchDialog } from './manual-match-dialog.tsx'
import { MatchCard } from './match-card.tsx'
import { PairRulesCard } from './pair-rules-card.tsx'
import { RunProgress } from './run-progress.tsx'
import { RunsTable } from './runs-table.tsx'
import { SwapDialog } from './swap-dialog.tsx'

/** Unmatched people shown at first, and added by each "Show more". */
const UNMATCHED_PAGE = 50

type Confirm = { kind: 'forbid' | 'dissolve'; match: ReviewMatch } | { kind: 'publish' } | null

/** The program manager's matching: run, watch progress, compare runs, review, adjust and publish. */
export function MatchingPanel({ program }: { program: ProgramView }) {
  const queryClient = useQueryClient()
  const runs = useMatchingRuns(program.id)
  const [unmatchedLimit, setUnmatchedLimit] = useState(UNMATCHED_PAGE)
  const matches = useProgramMatches(program.id, unmatchedLimit)
  const start = useStartMatchingRun(program.id)
  const lock = useLockMatch(program.id)
  const dissolve = useDissolveMatch(program.id)
  const forbid = useCreatePairRule(program.id)
  const publish = usePublishMatches(program.id)
  const [activeRunId, setActiveRunId] = useState<string | null>(null)
  const activeRun = useMatchingRun(activeRunId)
  // The queued run the start answered with: shown at once, before the first poll comes back.
  const [startedRun, setStartedRun] = useState<MatchingRun | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [actionError, setActionError] = useState<string | null>(null)
  const [confirm, setConfirm] = useState<Confirm>(null)
  const [swapping, setSwapping] = useState<ReviewMatch | null>(null)
  const [isManualOpen, setIsManualOpen] = useState(false)
  const [label, setLabel] = useState('')
  const [weights, setWeights] = useState<Record<CriterionName, string>>({
    complementarity: '',
    seniority: '',
    diversity: '',
    overlap: '',
  })

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
    queryClient.invalidateQueries({ queryKey: matchingQueryKey(program.id) })
    if (run.status === 'succeeded') {
      setActionError(null)
      setNotice(
        `Run ${run.runNumber} finished: ${plural(run.summary?.matches ?? 0, 'match', 'matches')}, ${plural(
          run.summary?.unmatched ?? 0,
          'person',
          'people',
        )} unmatched.`,
      )
    } else {
      setActionError(`Run ${run.runNumber} failed: ${run.error ?? 'the engine stopped'}`)
    }
  }, [activeRun.data, program.id, queryClient])

  const review = matches.data
  const proposed = review?.matches.filter((match) => match.status === 'proposed') ?? []
  const others = review?.matches.filter((match) => match.status !== 'proposed') ?? []
  const unmatched = review?.unmatched ?? []
  const unmatchedTotal = review?.unmatchedPage.total ?? 0
  // After "Show more", focus goes to the first person added (the button may be gone by then).
  const firstAddedIndex = useRef<number | null>(null)
  useEffect(() => {
    const index = firstAddedIndex.current
    if (index === null || matches.isPlaceholderData || !review) return
    firstAddedIndex.current = null
    const added = review.unmatched[index]
    if (added) document.getElementById(`unmatched-${added.personId}`)?.focus()
  }, [review, matches.isPlaceholderData])
  const everyone = [...(review?.matches.flatMap((match) => match.members) ?? []), ...unmatched].filter(
    (person, index, all) => all.findIndex((item) => item.personId === person.personId) === index,
  )
  const canRun = program.status === 'matching' || program.status === 'active'
  const isRunning = activeRunId !== null || runningId !== null
  const shownRun = activeRun.data ?? (startedRun && startedRun.id === activeRunId ? startedRun : null)
  const toNotify = proposed.flatMap((match) => match.members.map((member) => member.name))

  function startRun(event: FormEvent) {
    event.preventDefault()
    // The button stays focusable while a run works (a disabled button would drop the keyboard focus).
    if (isRunning || start.isPending) return
    const overrides = Object.fromEntries(
      CRITERIA.filter((criterion) => weights[criterion] !== '').map((criterion) => [
        criterion,
        Number(weights[criterion]),
      ]),
    )
    setNotice(null)
    setActionError(null)
    start.mutate(
      { label: label.trim() || undefined, ...(Object.keys(overrides).length > 0 ? { weights: overrides } : {}) },
      {
        onSuccess: (run) => {
          // A fast run may already be followed (from the runs list) and reported: nothing to follow then.
          if (reportedRunIds.current.has(run.id)) return
          setActiveRunId(run.id)
          setStartedRun(run)
          setLabel('')
        },
        onError: (error) => setActionError(errorMessage(error)),
      },
    )
  }

  function say(message: string) {
    setActionError(null)
    setNotice(message)
  }

  function closeConfirm() {
    setConfirm(null)
    forbid.reset()
    dissolve.reset()
    publish.reset()
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

  const confirmMatch = confirm && confirm.kind !== 'publish' ? confirm.match : null
  const confirmNames = confirmMatch ? namesList(confirmMatch.members.map((member) => member.name)) : ''

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
          <form className="stack" onSubmit={startRun} aria-label="Run matching">
            <p style={{ margin: 0 }} className="muted">
              Matching proposes {program.type === 'coaching_circle' ? 'circles' : 'pairs'} for everyone enrolled and not
              yet matched. Locked, hand-made and published matches are kept. Nothing is visible to participants until
              you publish.
            </p>
            <details className="run-options">
              <summary>Run options</summary>
              <div className="stack" style={{ marginTop: 12 }}>
                <TextField
                  label="Label for this run"
                  hint="To tell runs apart when you compare them, for example “more weight on skills”."
                  value={label}
                  onChange={(event) => setLabel(event.target.value)}
                  isOptional
                />
                <div className="grid-2">
                  {CRITERIA.map((criterion) => (
                    <TextField
                      key={criterion}
                      label={`${criterionLabels[criterion]} weight for this run`}
                      hint={`Program setting: ${program.matchingRules.weights[criterion]}`}
                      type="number"
                      inputMode="numeric"
                      min={0}
                      max={1000}
                      value={weights[criterion]}
                      onChange={(event) => setWeights((current) => ({ ...current, [criterion]: event.target.value }))}
                      isOptional
                    />
                  ))}
                </div>
              </div>
            </details>
            <div className="row">
              <Button type="submit" aria-disabled={isRunning || start.isPending || undefined}>
                {proposed.length > 0 ? 'Re-run around locked matches' : 'Run matching'}
              </Button>
            </div>
          </form>
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
        <Card title={`Unmatched (${unmatchedTotal})`} labelledBy="unmatched-heading" headingLevel={3}>
          {unmatched.length === 0 ? (
            <p className="muted">Everyone enrolled is matched or proposed.</p>
          ) : (
            <ul className="unmatched-list" aria-label="Unmatched people">
              {unmatched.map((person) => (
                <li key={person.personId} id={`unmatched-${person.personId}`} tabIndex={-1}>
                  <span className="match-member-name">{person.name}</span>
                  <span className="muted"> · {[person.title, person.department].filter(Boolean).join(' · ')}</span>
                  <span className="unmatched-reason">{person.reasonText}</span>
                </li>
              ))}
            </ul>
          )}
          {unmatched.length < unmatchedTotal ? (
            <div className="row" style={{ marginTop: 12 }}>
              <span className="muted" id="unmatched-shown">
                Showing {unmatched.length} of {unmatchedTotal}
              </span>
              <Button
                variant="secondary"
                aria-describedby="unmatched-shown"
                isLoading={matches.isFetching && matches.isPlaceholderData}
                onClick={() => {
                  firstAddedIndex.current = unmatched.length
                  setUnmatchedLimit(unmatched.length + UNMATCHED_PAGE)
                }}
              >
                Show more
              </Button>
            </div>
          ) : null}
        </Card>
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
      <ConfirmDialog
        isOpen={confirm?.kind === 'forbid'}
        title="Forbid this pair?"
        confirmLabel="Forbid this pair"
        tone="danger"
        isPending={forbid.isPending}
        error={forbid.isError ? errorMessage(forbid.error) : null}
        onClose={closeConfirm}
        onConfirm={() => {
          const members = confirmMatch?.members
          const [first, second] = members ?? []
          if (!first || !second || members?.length !== 2) return
          forbid.mutate(
            { kind: 'never', personIds: [first.personId, second.personId] },
            {
              onSuccess: () => {
                closeConfirm()
                say(`${confirmNames} will never be paired; their proposed match was dissolved.`)
              },
            },
          )
        }}
      >
        <p>
          {confirmNames} will never be paired in this program. Their proposed match is dissolved and both return to the
          unmatched.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        isOpen={confirm?.kind === 'dissolve'}
        title="Dissolve this match?"
        confirmLabel="Dissolve"
        tone="danger"
        isPending={dissolve.isPending}
        error={dissolve.isError ? errorMessage(dissolve.error) : null}
        onClose={closeConfirm}
        onConfirm={() => {
          if (!confirmMatch) return
          dissolve.mutate(confirmMatch.id, {
            onSuccess: () => {
              closeConfirm()
              say(`${confirmNames} are unmatched again.`)
            },
          })
        }}
      >
        <p>{confirmNames} return to the unmatched. The next run may pair them again unless you forbid the pair.</p>
      </ConfirmDialog>
      <ConfirmDialog
        isOpen={confirm?.kind === 'publish'}
        title="Publish matches?"
        confirmLabel="Publish and notify"
        isPending={publish.isPending}
        error={publish.isError ? errorMessage(publish.error) : null}
        onClose={closeConfirm}
        onConfirm={() =>
          publish.mutate(undefined, {
            onSuccess: (result) => {
              closeConfirm()
              say(
                `${plural(result.published, 'match', 'matches')} published; ${plural(result.notified, 'person was', 'people were')} notified.`,
              )
            },
          })
        }
      >
        <p>
          {plural(proposed.length, 'proposed match', 'proposed matches')} will be published.{' '}
          {plural(toNotify.length, 'person', 'people')} will be notified in the app and by email, and can accept or
          decline:
        </p>
        <p className="notify-list">{namesList(toNotify)}</p>
        {unmatchedTotal > 0 ? (
          <p className="muted">
            {plural(unmatchedTotal, 'person stays', 'people stay')} unmatched and {unmatchedTotal === 1 ? 'is' : 'are'}{' '}
            not notified.
          </p>
        ) : null}
      </ConfirmDialog>
    </div>
  )
}
