import { lazy, Suspense, useRef, useState } from 'react'
import type { Agreement, Workspace } from '#contracts/workspaces.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Announcement } from '#web/components/ui/announcement.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { EmptyState } from '#web/components/ui/empty-state.tsx'
import { LoadingState } from '#web/components/ui/loading-state.tsx'
import { errorMessage, isApiError } from '#web/lib/api-client.ts'
import { formatDateTime } from '#web/lib/format.ts'
import { useViewer } from '#web/lib/session.ts'
import { useAcceptAgreement } from '../api/use-accept-agreement.ts'
import {
  type AgreementMember,
  type MemberAcceptance,
  memberAcceptances,
  proposerName,
  stillToAccept,
} from './agreement-status.ts'
import { namesList } from './workspace-words.ts'

// The form (and the schema that checks it) loads when someone proposes or changes the agreement.
const AgreementForm = lazy(() => import('./agreement-form.tsx').then((m) => ({ default: m.AgreementForm })))

/** The agreement: the focus we explore and our ground rules, accepted by every member. */
export function AgreementSection({ matchId, workspace }: { matchId: string; workspace: Workspace }) {
  const viewer = useViewer()
  const [isEditing, setIsEditing] = useState(false)
  const [announcement, setAnnouncement] = useState<string | null>(null)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const members: AgreementMember[] = [
    { personId: viewer.id, name: viewer.name, isMe: true },
    ...workspace.partners.map((partner) => ({ personId: partner.personId, name: partner.name, isMe: false })),
  ]
  const agreement = workspace.agreement

  function closeForm(message: string | null) {
    setIsEditing(false)
    setAnnouncement(message)
    // The form goes away: the keyboard continues from the section's heading.
    requestAnimationFrame(() => headingRef.current?.focus())
  }

  return (
    <section className="card stack" aria-labelledby="agreement-heading">
      <h2 id="agreement-heading" className="card-title" ref={headingRef} tabIndex={-1}>
        Agreement
      </h2>
      <p className="muted" style={{ margin: 0 }}>
        The focus you explore together and your ground rules. Every member accepts it; any change needs everyone's
        acceptance again.
      </p>
      <ConfidentialityTerms
        terms={workspace.program.confidentialityTerms}
        programName={workspace.program.name}
        isOpen={!agreement?.isAgreed}
      />
      <Announcement message={announcement} />
      {isEditing ? (
        <Suspense fallback={<LoadingState label="Loading the form…" />}>
          <AgreementForm
            matchId={matchId}
            agreement={agreement}
            onCancel={() => closeForm(null)}
            onSaved={(saved) => {
              const waiting = stillToAccept(memberAcceptances(saved, members))
              closeForm(
                waiting.length === 0
                  ? 'The agreement is saved.'
                  : `The agreement is saved as version ${saved.version}. ${capitalize(namesList(waiting))} ${waiting.length === 1 ? 'needs' : 'need'} to accept it.`,
              )
            }}
          />
        </Suspense>
      ) : agreement ? (
        <AgreementView
          matchId={matchId}
          agreement={agreement}
          members={members}
          onChange={() => {
            setAnnouncement(null)
            setIsEditing(true)
          }}
          onAccepted={(message) => setAnnouncement(message)}
        />
      ) : (
        <EmptyState
          title="No agreement yet"
          headingLevel={3}
          icon={<span>✎</span>}
          action={
            <Button
              onClick={() => {
                setAnnouncement(null)
                setIsEditing(true)
              }}
            >
              Propose an agreement
            </Button>
          }
        >
          <p>
            Start by agreeing what you will work on together and how: what stays confidential, how often you meet, and
            how you give each other feedback.
          </p>
        </EmptyState>
      )}
    </section>
  )
}

function capitalize(text: string): string {
  return text ? text[0]?.toUpperCase() + text.slice(1) : text
}

/** The program's terms: open while the pair is still agreeing, folded away once everyone has accepted. */
function ConfidentialityTerms({ terms, programName, isOpen }: { terms: string; programName: string; isOpen: boolean }) {
  if (!terms.trim()) {
    return (
      <p className="muted" style={{ margin: 0 }}>
        {programName} sets no confidentiality terms of its own: agree yours below.
      </p>
    )
  }
  return (
    <details className="terms-disclosure" open={isOpen}>
      <summary>Confidentiality terms of {programName}</summary>
      <div className="terms">{terms}</div>
    </details>
  )
}

function AgreementView({
  matchId,
  agreement,
  members,
  onChange,
  onAccepted,
}: {
  matchId: string
  agreement: Agreement
  members: AgreementMember[]
  onChange: () => void
  onAccepted: (message: string) => void
}) {
  const accept = useAcceptAgreement(matchId)
  const acceptances = memberAcceptances(agreement, members)
  const waiting = stillToAccept(acceptances)
  const proposer = proposerName(agreement, members)
  const isChange = agreement.version > 1
  const wasChanged = accept.isError && isApiError(accept.error, 'agreement_changed')

  return (
    <div className="stack">
      {agreement.isAgreed ? (
        <Alert tone="success" isLive={false} title={`Agreed by everyone · version ${agreement.version}`}>
          <p style={{ margin: 0 }}>Every member accepted this version.</p>
        </Alert>
      ) : !agreement.isAcceptedByMe ? (
        <Alert
          tone="warning"
          isLive={false}
          title={
            isChange
              ? `${proposer} changed the agreement (version ${agreement.version}): it needs your acceptance again`
              : `${proposer} proposed this agreement: it needs your acceptance`
          }
        >
          <p style={{ margin: 0 }}>Read it, then accept it or propose a change.</p>
        </Alert>
      ) : (
        <Alert tone="info" isLive={false} title={`Waiting for ${namesList(waiting)} · version ${agreement.version}`}>
          <p style={{ margin: 0 }}>
            {isChange ? 'This change needs everyone to accept it again.' : 'Everyone accepts before it is agreed.'}
          </p>
        </Alert>
      )}
      <dl className="detail-list">
        <dt>Focus</dt>
        <dd style={{ whiteSpace: 'pre-wrap' }}>{agreement.focus}</dd>
        <dt>Confidentiality</dt>
        <dd style={{ whiteSpace: 'pre-wrap' }}>{agreement.groundRules.confidentiality}</dd>
        <dt>Cadence</dt>
        <dd style={{ whiteSpace: 'pre-wrap' }}>{agreement.groundRules.cadence}</dd>
        <dt>How we give feedback</dt>
        <dd style={{ whiteSpace: 'pre-wrap' }}>{agreement.groundRules.feedback}</dd>
      </dl>
      <div className="stack" style={{ gap: 8 }}>
        <h3 className="subheading">Who accepted</h3>
        <ul className="plain-list" aria-label="Who accepted the agreement">
          {acceptances.map((item) => (
            <li key={item.member.personId}>{acceptanceWords(item, agreement.version)}</li>
          ))}
        </ul>
        <p className="muted" style={{ margin: 0 }}>
          Version {agreement.version}, {isChange ? 'changed' : 'proposed'} by {proposer} on{' '}
          {formatDateTime(agreement.proposedAt)}.
        </p>
      </div>
      {accept.isError ? (
        <Alert tone="error" title={wasChanged ? 'The agreement changed while you were reading' : undefined}>
          <p style={{ margin: 0 }}>
            {wasChanged ? 'The new version is shown above: read it before you accept.' : errorMessage(accept.error)}
          </p>
        </Alert>
      ) : null}
      <div className="row">
        {!agreement.isAcceptedByMe ? (
          <Button
            isLoading={accept.isPending}
            onClick={() =>
              accept.mutate(agreement.version, {
                onSuccess: (saved) =>
                  onAccepted(
                    saved.isAgreed
                      ? `You accepted version ${saved.version}. The agreement is agreed by everyone.`
                      : `You accepted version ${saved.version}.`,
                  ),
              })
            }
          >
            Accept version {agreement.version}
          </Button>
        ) : null}
        <Button variant="secondary" onClick={onChange}>
          Change the agreement
        </Button>
      </div>
    </div>
  )
}

function acceptanceWords(item: MemberAcceptance, version: number): string {
  const who = item.member.isMe ? 'You' : item.member.name
  if (item.state === 'accepted') return `${who}: accepted version ${version} on ${formatDateTime(item.acceptedAt)}`
  if (item.state === 'outdated') {
    return `${who}: accepted version ${item.acceptedVersion}, not yet the change in version ${version}`
  }
  return `${who}: not yet accepted version ${version}`
}
