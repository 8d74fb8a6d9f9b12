import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { AT_RISK_PAGE_SIZE, type AtRiskMatch, type AtRiskPaging, type AtRiskSort } from '#contracts/insights.ts'
import { Badge } from '#web/components/ui/badge.tsx'
import { EmptyState } from '#web/components/ui/empty-state.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { Pagination } from '#web/components/ui/pagination.tsx'
import { SelectField } from '#web/components/ui/select-field.tsx'
import { formatDate, formatNumber } from '#web/lib/format.ts'
import { useAtRiskPage } from '../api/use-at-risk-page.ts'
import { matchStatusLabel } from './insight-words.ts'

const actionTones = { nudge: 'primary', talk_to_pair: 'warning', re_pair: 'danger' } as const

const SORT_OPTIONS: { value: AtRiskSort; label: string }[] = [
  { value: 'attention', label: 'Most reasons first' },
  { value: 'name', label: 'By name' },
  { value: 'quiet', label: 'Longest without a session' },
]

const REASON_WORDS = {
  no_recent_session: 'no recent session',
  poor_fit: 'pairing-fit concern',
  repair_requested: 're-pair requested',
  declined: 'declined, not matched again',
} as const

/**
 * The at-risk matches of a program, a page at a time in the chosen order, with how many there are
 * for each reason. The dashboard's first page (most reasons first) shows without another request.
 */
export function AtRiskList({
  programId,
  firstPage,
  paging,
}: {
  programId: string
  firstPage: AtRiskMatch[]
  paging: AtRiskPaging
}) {
  const [sort, setSort] = useState<AtRiskSort>('attention')
  const [page, setPage] = useState(1)
  const isFirstPage = sort === 'attention' && page === 1
  const offset = (page - 1) * AT_RISK_PAGE_SIZE
  const other = useAtRiskPage(programId, { sort, offset }, !isFirstPage)
  if (paging.total === 0) return <AtRiskMatches programId={programId} matches={[]} />
  const counts = (Object.keys(REASON_WORDS) as (keyof typeof REASON_WORDS)[])
    .filter((code) => paging.countsByReason[code] > 0)
    .map((code) => `${formatNumber(paging.countsByReason[code])} ${REASON_WORDS[code]}`)
  return (
    <div className="stack">
      <p style={{ margin: 0 }}>
        {paging.total === 1 ? '1 match needs attention' : `${formatNumber(paging.total)} matches need attention`}:{' '}
        {counts.join(', ')}.
      </p>
      <SelectField
        label="Order"
        value={sort}
        options={SORT_OPTIONS}
        onChange={(event) => {
          setSort(event.target.value as AtRiskSort)
          setPage(1)
        }}
      />
      {isFirstPage ? (
        <AtRiskMatches programId={programId} matches={firstPage} />
      ) : other.isError ? (
        <ErrorState error={other.error} onRetry={() => other.refetch()} />
      ) : other.data ? (
        <AtRiskMatches programId={programId} matches={other.data.matches} />
      ) : (
        <p className="muted">Loading…</p>
      )}
      {paging.total > AT_RISK_PAGE_SIZE ? (
        <Pagination
          page={page}
          pageSize={AT_RISK_PAGE_SIZE}
          total={paging.total}
          onPageChange={setPage}
          label="At-risk matches pages"
        />
      ) : null}
    </div>
  )
}

/** Matches that need a program manager, each with why and what to do; names only, never anyone's words. */
function AtRiskMatches({ programId, matches }: { programId: string; matches: AtRiskMatch[] }) {
  if (matches.length === 0) {
    return (
      <EmptyState title="No match needs attention" headingLevel={3}>
        <p>Every active pair met recently, rated their fit well and nobody asked to be re-paired.</p>
      </EmptyState>
    )
  }
  return (
    <ul className="stack" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="At-risk matches">
      {matches.map((match) => {
        const names = match.members.map((m) => m.name).join(' and ')
        const headingId = `at-risk-${match.matchId}`
        const hasRepairRequest = match.reasons.some((r) => r.code === 'repair_requested')
        return (
          <li key={match.matchId}>
            <article className="card stack" style={{ gap: 8 }} aria-labelledby={headingId}>
              <div className="row" style={{ justifyContent: 'space-between', gap: 8 }}>
                <h3 id={headingId} className="subheading" style={{ margin: 0 }}>
                  {names}
                </h3>
                <Badge tone="neutral">{matchStatusLabel(match.status)}</Badge>
              </div>
              <ul className="stack" style={{ gap: 4, margin: 0, paddingLeft: 20 }}>
                {match.reasons.map((reason) => (
                  <li key={reason.code}>
                    {reason.label}. <Badge tone={actionTones[reason.action]}>{reason.actionLabel}</Badge>
                  </li>
                ))}
              </ul>
              <p className="muted" style={{ margin: 0 }}>
                {match.lastSessionAt ? `Last session ${formatDate(match.lastSessionAt)}` : 'No session held yet'}
              </p>
              <div className="row" style={{ gap: 12 }}>
                <Link to="/programs/$programId/matches/$matchId" params={{ programId, matchId: match.matchId }}>
                  Open the match<span className="visually-hidden">: {names}</span>
                </Link>
                {hasRepairRequest ? (
                  <Link to="/programs/$programId" params={{ programId }} search={{ tab: 'follow-up' }}>
                    Read the re-pair request<span className="visually-hidden">: {names}</span>
                  </Link>
                ) : null}
              </div>
            </article>
          </li>
        )
      })}
    </ul>
  )
}
