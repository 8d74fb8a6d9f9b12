import { Link } from '@tanstack/react-router'
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { formatClock } from '#contracts/date-format.ts'
import type { MyMatch, Partner } from '#contracts/matching.ts'
import { privacyNotice } from '#contracts/privacy-notices.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Badge } from '#web/components/ui/badge.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Dialog, DialogActions } from '#web/components/ui/dialog.tsx'
import { TextAreaField } from '#web/components/ui/text-field.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { useFocusWhenShown } from '#web/lib/focus.ts'
import { currentReader, initials, programTypeLabel } from '#web/lib/format.ts'
import { useRespondToMatch } from '../api/use-respond-to-match.ts'
import { capitalize, namesList, roleLabels } from './criteria.ts'

/** The partner's clock now, in the reader's locale (an unknown zone reads as UTC, so it is left out). */
function localTime(timeZone: string): string | null {
  return formatClock(new Date(), { locale: currentReader().locale, timeZone })
}

const responseWords = { pending: 'Has not answered yet', accepted: 'Accepted', declined: 'Declined' } as const

function PartnerDetails({ partner }: { partner: Partner }) {
  const time = localTime(partner.timeZone)
  return (
    <li className="partner">
      <span className="avatar avatar-lg" aria-hidden="true">
        {initials(partner.name)}
      </span>
      <div className="partner-text">
        <p className="partner-name">
          {partner.name}
          {partner.role === 'mentor' || partner.role === 'mentee' ? (
            <span className="muted"> · {roleLabels[partner.role]}</span>
          ) : null}
        </p>
        <p className="muted">{[partner.title, partner.department].filter(Boolean).join(' · ')}</p>
        <p className="muted">
          {[partner.location, time ? `${time} local time (${partner.timeZone})` : partner.timeZone]
            .filter(Boolean)
            .join(' · ')}
        </p>
        <p className="partner-response">{responseWords[partner.response]}</p>
      </div>
    </li>
  )
}

/** One of my matches: who, why, and my answer. */
export function MyMatchCard({ match, headingLevel = 3 }: { match: MyMatch; headingLevel?: 2 | 3 }) {
  const respond = useRespondToMatch()
  const [isDeclineOpen, setIsDeclineOpen] = useState(false)
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const partnerNames = namesList(match.partners.map((partner) => partner.name))
  const headingId = `match-${match.id}-heading`
  const headingRef = useRef<HTMLHeadingElement>(null)
  const previousResponse = useRef(match.myResponse)

  // Once I have answered, the buttons go away: the keyboard continues from the match's heading.
  useEffect(() => {
    if (previousResponse.current === 'pending' && match.myResponse !== 'pending') headingRef.current?.focus()
    previousResponse.current = match.myResponse
  }, [match.myResponse])
  const isOpen = match.myResponse === 'pending' && (match.status === 'published' || match.status === 'active')
  // An ended match (completed, or ended early by a member) keeps its workspace: the closing survey is there.
  const hasWorkspace =
    match.myResponse !== 'declined' &&
    (match.status === 'published' ||
      match.status === 'active' ||
      match.status === 'completed' ||
      match.status === 'dissolved')
  const isEnded = match.status === 'completed' || match.status === 'dissolved'

  return (
    <article className="card my-match" aria-labelledby={headingId}>
      <div className="row" style={{ gap: 8 }}>
        <Badge tone="neutral">{programTypeLabel(match.program.type)}</Badge>
        {match.myRole === 'mentor' || match.myRole === 'mentee' ? (
          <Badge tone="neutral">You are the {roleLabels[match.myRole]?.toLowerCase()}</Badge>
        ) : null}
        {match.myResponse === 'accepted' ? <Badge tone="success">You accepted</Badge> : null}
        {match.myResponse === 'declined' ? <Badge tone="danger">You declined</Badge> : null}
        {match.status === 'completed' ? <Badge tone="neutral">Completed</Badge> : null}
        {match.status === 'dissolved' ? <Badge tone="neutral">Ended early</Badge> : null}
      </div>
      <Heading id={headingId} className="my-match-title" ref={headingRef} tabIndex={-1}>
        {match.program.name}: with {partnerNames}
      </Heading>
      <ul className="partner-list">
        {match.partners.map((partner) => (
          <PartnerDetails key={partner.personId} partner={partner} />
        ))}
      </ul>
      {match.reasons.length > 0 ? (
        <div>
          <p className="subheading">How you fit together</p>
          <ul className="reasons">
            {match.reasons.map((reason) => (
              <li key={reason}>{capitalize(reason)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {match.myResponse === 'declined' ? (
        <p className="muted" style={{ margin: 0 }}>
          You declined this match. You are back in the pool for the program's next matching run.
        </p>
      ) : null}
      {hasWorkspace ? (
        <p style={{ margin: 0 }}>
          <Link to="/matches/$matchId" params={{ matchId: match.id }} className="button button-secondary">
            {isEnded ? 'Open the workspace and closing survey' : 'Open the workspace'}
            <span className="visually-hidden"> with {partnerNames}</span>
          </Link>
        </p>
      ) : null}
      {respond.isError && !isDeclineOpen ? <Alert tone="error">{errorMessage(respond.error)}</Alert> : null}
      {isOpen ? (
        <div className="row">
          <Button
            isLoading={respond.isPending && respond.variables?.response === 'accepted'}
            onClick={() => respond.mutate({ matchId: match.id, response: 'accepted' })}
            aria-label={`Accept match with ${partnerNames}`}
          >
            Accept
          </Button>
          <Button
            variant="secondary"
            onClick={() => setIsDeclineOpen(true)}
            aria-label={`Decline match with ${partnerNames}`}
          >
            Decline
          </Button>
        </div>
      ) : null}
      <Dialog
        isOpen={isDeclineOpen}
        title={`Decline the match with ${partnerNames}?`}
        description="You return to the pool for the next matching run."
        onClose={() => {
          setIsDeclineOpen(false)
          respond.reset()
        }}
      >
        {isDeclineOpen ? (
          <DeclineForm
            isPending={respond.isPending}
            error={respond.isError ? errorMessage(respond.error) : null}
            onCancel={() => {
              setIsDeclineOpen(false)
              respond.reset()
            }}
            onDecline={(reason) =>
              respond.mutate(
                { matchId: match.id, response: 'declined', reason: reason || undefined },
                { onSuccess: () => setIsDeclineOpen(false) },
              )
            }
          />
        ) : null}
      </Dialog>
    </article>
  )
}

function DeclineForm({
  isPending,
  error,
  onCancel,
  onDecline,
}: {
  isPending: boolean
  error: string | null
  onCancel: () => void
  onDecline: (reason: string) => void
}) {
  const [reason, setReason] = useState('')
  const errorRef = useFocusWhenShown<HTMLDivElement>(error)
  function submit(event: FormEvent) {
    event.preventDefault()
    onDecline(reason.trim())
  }
  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Decline the match">
      {error ? (
        <Alert tone="error" isErrorSummary ref={errorRef}>
          {error}
        </Alert>
      ) : null}
      <TextAreaField
        label="Reason"
        hint={privacyNotice('decline', null)}
        rows={4}
        maxLength={2000}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        isOptional
      />
      <DialogActions>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" variant="danger" isLoading={isPending}>
          Decline match
        </Button>
      </DialogActions>
    </form>
  )
}
