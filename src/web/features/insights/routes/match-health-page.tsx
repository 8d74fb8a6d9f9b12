import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { COMPLETION_RULE } from '#contracts/fit-and-exits.ts'
import type { MatchHealth } from '#contracts/insights.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Badge } from '#web/components/ui/badge.tsx'
import { Bar } from '#web/components/ui/bar.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { ConfirmDialog } from '#web/components/ui/dialog.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { Table } from '#web/components/ui/table.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { formatDate, plural, roleLabel } from '#web/lib/format.ts'
import { useCompleteMatchAsManager } from '../api/use-complete-match-as-manager.ts'
import { useMatchHealth } from '../api/use-match-health.ts'
import { useNudgeMatch } from '../api/use-nudge-match.ts'
import { averageWords, matchStatusLabel } from '../components/insight-words.ts'

const actionTones = { nudge: 'primary', talk_to_pair: 'warning', re_pair: 'danger' } as const
const responseWords: Record<string, string> = { accepted: 'Accepted', declined: 'Declined', pending: 'Not answered' }
const memberRoleWords: Record<string, string> = { peer: 'Peer', mentor: 'Mentor', mentee: 'Mentee' }

const namesOf = (health: MatchHealth) => health.members.map((m) => m.name).join(' and ')
const dateOr = (value: string | null, empty: string) => (value ? formatDate(value) : empty)

/**
 * A program manager's page for one match: how it is doing, why it needs attention and what to do
 * (nudge the pair, read a re-pair request). Counts and dates only, never what anyone wrote.
 */
export function MatchHealthPage({ programId, matchId }: { programId: string; matchId: string }) {
  const health = useMatchHealth(programId, matchId)
  const backToInsights = (
    <Link to="/programs/$programId" params={{ programId }} search={{ tab: 'insights' }}>
      Back to Insights
    </Link>
  )
  if (health.isError) {
    return (
      <div className="page">
        <PageHeader title="Match" actions={backToInsights} />
        <ErrorState error={health.error} onRetry={() => health.refetch()} title="This match could not be loaded" />
      </div>
    )
  }
  if (!health.data) {
    return (
      <div className="page" aria-busy="true">
        <PageHeader title="Match" actions={backToInsights} />
        <Card>
          <SkeletonRows rows={8} label="Loading the match…" />
        </Card>
      </div>
    )
  }
  const data = health.data
  return (
    <div className="page">
      <PageHeader
        title={namesOf(data)}
        documentTitle={`Match: ${namesOf(data)}`}
        description={
          <>
            A match in {data.programName}. <Badge tone="neutral">{matchStatusLabel(data.status)}</Badge>
          </>
        }
        actions={backToInsights}
      />
      <div className="stack-lg">
        <AttentionCard data={data} programId={programId} />
        <div className="program-grid">
          <MembersCard data={data} />
          <DatesCard data={data} />
          <SessionsCard data={data} />
          <GoalsCard data={data} />
          <FitCard data={data} />
        </div>
        <CompletionCard data={data} programId={programId} />
        <p className="muted" style={{ margin: 0 }}>
          Dates and sessions of this match; figures from the members' answers only over at least {data.threshold}{' '}
          people, so never one member's answer. Reflections, notes, check-ins, feedback and survey comments stay with
          the members.
        </p>
      </div>
    </div>
  )
}

function AttentionCard({ data, programId }: { data: MatchHealth; programId: string }) {
  const nudge = useNudgeMatch(programId, data.matchId)
  const names = namesOf(data)
  const nudgeHint = data.nudge.isNudgedToday
    ? 'This pair was nudged today; you can nudge them again tomorrow.'
    : data.status !== 'active'
      ? 'Only an active match can be nudged.'
      : 'Sends both members a reminder to plan their next session, in Tandem and by email.'
  return (
    <Card title="Needs attention" labelledBy="match-attention-heading">
      {data.atRiskReasons.length === 0 ? (
        <p style={{ margin: 0 }}>
          Nothing needs attention: this pair meets, no fit concern was raised and nobody asked to be re-paired.
        </p>
      ) : (
        <ul
          className="stack"
          style={{ gap: 4, margin: 0, paddingLeft: 20 }}
          aria-label="Why this match needs attention"
        >
          {data.atRiskReasons.map((reason) => (
            <li key={reason.code}>
              {reason.label}. <Badge tone={actionTones[reason.action]}>{reason.actionLabel}</Badge>
            </li>
          ))}
        </ul>
      )}
      <div className="stack" style={{ gap: 8 }}>
        <div className="row" style={{ gap: 12, flexWrap: 'wrap' }}>
          <Button
            onClick={() => nudge.mutate()}
            isLoading={nudge.isPending}
            disabled={!data.nudge.canNudge}
            aria-describedby="match-nudge-hint"
          >
            Send a nudge
          </Button>
          {data.repairRequest.isOpen ? (
            <Link to="/programs/$programId" params={{ programId }} search={{ tab: 'follow-up' }}>
              Read the re-pair request in Follow-up<span className="visually-hidden">: {names}</span>
            </Link>
          ) : null}
        </div>
        <p id="match-nudge-hint" className="muted" style={{ margin: 0 }}>
          {nudgeHint}
        </p>
        {nudge.isSuccess ? (
          <Alert tone="success" title="Nudge sent">
            <p>
              {plural(nudge.data.notified, 'member was', 'members were')} reminded to plan their next session
              {nudge.data.emailed > 0 ? ` (${plural(nudge.data.emailed, 'email', 'emails')} sent)` : ''}.
            </p>
          </Alert>
        ) : null}
        {nudge.isError ? (
          <Alert tone="error" title="The nudge was not sent">
            <p>{errorMessage(nudge.error)}</p>
          </Alert>
        ) : null}
        {data.repairRequest.isOpen ? (
          <p style={{ margin: 0 }}>
            A member asked to be re-paired on {dateOr(data.repairRequest.openedAt, 'an unknown day')}; the request and
            its reason are on the Follow-up tab.
          </p>
        ) : null}
      </div>
    </Card>
  )
}

function MembersCard({ data }: { data: MatchHealth }) {
  return (
    <Card title="Members" labelledBy="match-members-heading">
      <Table caption="Members of the match" isCaptionHidden>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Department</th>
            <th scope="col">Role</th>
            <th scope="col">Answer</th>
          </tr>
        </thead>
        <tbody>
          {data.members.map((m) => (
            <tr key={m.personId}>
              <th scope="row">{m.name}</th>
              <td>{m.department || '—'}</td>
              <td>{memberRoleWords[m.role] ?? roleLabel(m.role)}</td>
              <td>
                {responseWords[m.response] ?? m.response}
                {m.respondedAt ? `, ${formatDate(m.respondedAt)}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Card>
  )
}

function DatesCard({ data }: { data: MatchHealth }) {
  const quiet = data.daysSinceLastSession
  return (
    <Card title="Dates" labelledBy="match-dates-heading">
      <dl className="detail-list">
        <dt>Published</dt>
        <dd>{dateOr(data.publishedAt, 'Not published')}</dd>
        <dt>Accepted</dt>
        <dd>{dateOr(data.acceptedAt, data.status === 'published' ? 'Waiting for answers' : 'No date recorded')}</dd>
        {data.endedAt ? (
          <>
            <dt>Ended</dt>
            <dd>{formatDate(data.endedAt)}</dd>
          </>
        ) : null}
        <dt>Last session</dt>
        <dd>{dateOr(data.lastSessionAt, 'No session held yet')}</dd>
        <dt>Next session</dt>
        <dd>{dateOr(data.nextSessionAt, 'None scheduled')}</dd>
        <dt>Since the last session</dt>
        <dd>
          {quiet === null ? '—' : plural(quiet, 'day', 'days')} (cadence {plural(data.cadenceDays, 'day', 'days')})
        </dd>
      </dl>
    </Card>
  )
}

function Counts({ label, items }: { label: string; items: [string, string][] }) {
  return (
    <dl className="counts" aria-label={label}>
      {items.map(([term, value]) => (
        <div key={term} className="count">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )
}

function SessionsCard({ data }: { data: MatchHealth }) {
  const s = data.sessions
  return (
    <Card title="Sessions" labelledBy="match-sessions-heading">
      <Counts
        label="Sessions"
        items={[
          ['Held', `${s.held} of ${s.target}`],
          ['Scheduled ahead', String(s.scheduled)],
          ['Cancelled', String(s.cancelled)],
          ['Missed', String(s.missed)],
        ]}
      />
      <Bar value={s.held} max={s.target} />
    </Card>
  )
}

/** A figure over the match's members that the privacy threshold withholds: how many, and why. */
function Withheld({ reason }: { reason: string | null }) {
  return (
    <p className="muted" style={{ margin: 0 }}>
      {reason}
    </p>
  )
}

function GoalsCard({ data }: { data: MatchHealth }) {
  const g = data.goals
  return (
    <Card title="Goals" labelledBy="match-goals-heading">
      {g.isHidden ? (
        <Withheld reason={g.hiddenReason} />
      ) : g.set === 0 ? (
        <p style={{ margin: 0 }}>No goals set yet.</p>
      ) : (
        <Counts
          label="Goals"
          items={[
            ['Set', String(g.set)],
            ['Achieved', String(g.achieved)],
            ['In progress', String(g.inProgress)],
            ['Dropped', String(g.dropped)],
          ]}
        />
      )}
    </Card>
  )
}

function FitCard({ data }: { data: MatchHealth }) {
  const f = data.fit
  return (
    <Card title="Pairing fit" labelledBy="match-fit-heading">
      <p style={{ margin: 0 }}>
        {f.isConcernRaised
          ? 'Fit concern raised: a member rated the fit poorly or would rather not keep this pairing. Talk to the pair.'
          : 'No fit concern raised.'}
      </p>
      {f.isHidden || !f.keepPairing ? (
        <p className="muted" style={{ margin: 0 }}>
          Members are told you see only whether a concern was raised, never which member raised it or what anyone
          answered; totals appear only over at least {data.threshold} people.
        </p>
      ) : (
        <>
          <Counts
            label="Pairing fit"
            items={[
              ['Answers', String(f.answers)],
              ['Average fit', averageWords(f.averageFit)],
              ['Keep pairing: yes', String(f.keepPairing.yes)],
              ['Unsure', String(f.keepPairing.unsure)],
              ['No', String(f.keepPairing.no)],
            ]}
          />
          <p className="muted" style={{ margin: 0 }}>
            Totals over {f.people} people, never who answered what.
          </p>
        </>
      )}
    </Card>
  )
}

/** Completing the match as its program manager (issue #17): the rule in words, a confirmation, then what it did. */
function CompletionCard({ data, programId }: { data: MatchHealth; programId: string }) {
  const complete = useCompleteMatchAsManager(programId, data.matchId)
  const [isConfirming, setIsConfirming] = useState(false)
  const names = namesOf(data)
  return (
    <Card title="Complete this match" labelledBy="match-completion-heading">
      <p style={{ margin: 0 }}>{COMPLETION_RULE}</p>
      {complete.isSuccess ? (
        <Alert tone="success" title="Match completed">
          <p>
            {names} completed their match.{' '}
            {complete.data.cancelledSessions > 0
              ? `${plural(complete.data.cancelledSessions, 'session still to come was', 'sessions still to come were')} cancelled; each member got the calendar cancellation.`
              : 'No session was still to come.'}
            {complete.data.closedRepairRequests > 0
              ? ` ${plural(complete.data.closedRepairRequests, 're-pair request was', 're-pair requests were')} closed.`
              : ''}
          </p>
        </Alert>
      ) : data.status === 'active' ? (
        <div>
          <Button variant="secondary" onClick={() => setIsConfirming(true)}>
            Complete this match
          </Button>
        </div>
      ) : (
        <p className="muted" style={{ margin: 0 }}>
          Only an active match can be completed; this one is {matchStatusLabel(data.status).toLowerCase()}.
        </p>
      )}
      <ConfirmDialog
        isOpen={isConfirming}
        title="Complete this match?"
        confirmLabel="Complete the match"
        isPending={complete.isPending}
        error={complete.isError ? errorMessage(complete.error) : null}
        onClose={() => {
          setIsConfirming(false)
          complete.reset()
        }}
        onConfirm={() => complete.mutate(undefined, { onSuccess: () => setIsConfirming(false) })}
      >
        <p>
          {names} will see their match as completed. Their sessions still to come are cancelled and each member gets the
          calendar cancellation; open re-pair requests on it are closed.
        </p>
      </ConfirmDialog>
    </Card>
  )
}
