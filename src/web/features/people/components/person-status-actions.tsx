import { useState } from 'react'
import type { CancelledInvitation, PendingInvitation } from '#contracts/auth.ts'
import { accessStatusText, type Person } from '#contracts/people.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { ConfirmDialog } from '#web/components/ui/dialog.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { TextField } from '#web/components/ui/text-field.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { formatDate, formatDateTime } from '#web/lib/format.ts'
import { useCancelInvitation } from '../api/use-cancel-invitation.ts'
import { useDeactivatePerson } from '../api/use-deactivate-person.ts'
import { useInvitePerson } from '../api/use-invite-person.ts'
import { usePendingInvitation } from '../api/use-pending-invitation.ts'
import { useReactivatePerson } from '../api/use-reactivate-person.ts'
import { useResetSignIn } from '../api/use-reset-sign-in.ts'

/** Today's date on the browser's calendar ('YYYY-MM-DD'), read from its local fields. */
function today(): string {
  const now = new Date()
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

/** When the last invitation was sent and until when its link works (or when it expired). */
function InvitationSummary({ invitation }: { invitation: PendingInvitation | null }) {
  if (!invitation) return null
  const sent = `Invitation sent ${formatDateTime(invitation.sentAt)}${invitation.invitedByName ? ` by ${invitation.invitedByName}` : ''}`
  return (
    <p className="muted" style={{ margin: 0 }}>
      {sent};{' '}
      {invitation.isExpired
        ? `the link expired ${formatDateTime(invitation.expiresAt)}. Send it again or cancel it.`
        : `the link works until ${formatDateTime(invitation.expiresAt)}.`}
    </p>
  )
}

/** Deactivate (with the last day, history kept), reactivate, send the invitation again or cancel it. */
export function PersonStatusActions({
  person,
  isSelf,
  onPersonRemoved,
}: {
  person: Person
  isSelf: boolean
  /** Called when cancelling the invitation removed the person altogether. */
  onPersonRemoved?: (cancelled: CancelledInvitation) => void
}) {
  const deactivate = useDeactivatePerson(person.id)
  const reactivate = useReactivatePerson(person.id)
  const reinvite = useInvitePerson()
  const isInvited = person.status === 'invited'
  const invitation = usePendingInvitation(person.id, { isEnabled: isInvited })
  const cancelInvitation = useCancelInvitation(person.id)
  const resetSignIn = useResetSignIn(person.id)
  const [dialog, setDialog] = useState<'deactivate' | 'reactivate' | 'cancel-invitation' | 'reset-sign-in' | null>(null)
  const [leftOn, setLeftOn] = useState(today)
  const [notice, setNotice] = useState<string | null>(null)

  const close = () => {
    setDialog(null)
    deactivate.reset()
    reactivate.reset()
    cancelInvitation.reset()
    resetSignIn.reset()
  }

  return (
    <section className="stack" aria-labelledby="status-heading">
      <h2 id="status-heading" className="card-title">
        Access
      </h2>
      {person.erasedAt ? (
        <p className="muted" style={{ margin: 0 }}>
          Erased: a former member. They cannot sign in, and erasure cannot be undone.
        </p>
      ) : person.status === 'deactivated' ? (
        <p className="muted" style={{ margin: 0 }}>
          {accessStatusText(person.access, formatDate)}
          {person.leftOn ? `; last day ${formatDate(person.leftOn)}` : ''}. They cannot sign in; their history is kept.
        </p>
      ) : isInvited ? (
        <>
          <p className="muted" style={{ margin: 0 }}>
            {accessStatusText(person.access, formatDate)}:{' '}
            {person.access.status === 'invited'
              ? 'they have not set a password yet.'
              : 'they have no password and no invitation link is waiting for them.'}
          </p>
          {invitation.isError ? (
            <ErrorState
              title="The invitation could not be loaded"
              error={invitation.error}
              onRetry={() => invitation.refetch()}
            />
          ) : invitation.isPending ? (
            <p className="muted" style={{ margin: 0 }} aria-busy="true">
              Checking the invitation…
            </p>
          ) : (
            <InvitationSummary invitation={invitation.data} />
          )}
        </>
      ) : (
        <p className="muted" style={{ margin: 0 }}>
          {accessStatusText(person.access, formatDate)}: they can sign in.
        </p>
      )}
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {reinvite.isError ? <Alert tone="error">{errorMessage(reinvite.error)}</Alert> : null}
      <div className="row">
        {isInvited ? (
          <Button
            variant="secondary"
            isLoading={reinvite.isPending}
            onClick={() =>
              reinvite.mutate(
                { email: person.email, name: person.name, role: person.role },
                { onSuccess: () => setNotice(`A new invitation is on its way to ${person.email}.`) },
              )
            }
          >
            {invitation.data === null ? 'Send invitation' : 'Send invitation again'}
          </Button>
        ) : null}
        {isInvited && invitation.data ? (
          <Button variant="secondary" onClick={() => setDialog('cancel-invitation')}>
            Cancel invitation
          </Button>
        ) : null}
        {person.status === 'active' && !isSelf ? (
          <Button variant="secondary" onClick={() => setDialog('reset-sign-in')}>
            Reset sign-in
          </Button>
        ) : null}
        {person.erasedAt ? null : person.status === 'deactivated' ? (
          <Button variant="secondary" onClick={() => setDialog('reactivate')}>
            Reactivate
          </Button>
        ) : isSelf ? null : (
          <Button variant="danger" onClick={() => setDialog('deactivate')}>
            Deactivate
          </Button>
        )}
      </div>

      <ConfirmDialog
        isOpen={dialog === 'deactivate'}
        title={`Deactivate ${person.name}?`}
        confirmLabel="Deactivate"
        tone="danger"
        isPending={deactivate.isPending}
        error={deactivate.isError ? errorMessage(deactivate.error) : null}
        onClose={close}
        onConfirm={() =>
          deactivate.mutate(
            { leftOn: leftOn || undefined },
            {
              onSuccess: () => {
                close()
                setNotice(`${person.name} is deactivated.`)
              },
            },
          )
        }
      >
        <div className="stack">
          <p style={{ margin: 0 }}>
            They will be signed out and can no longer sign in. Their history stays, for reports and for their peers.
          </p>
          <TextField
            label="Last day"
            type="date"
            hint="Used for retention reports."
            value={leftOn}
            onChange={(event) => setLeftOn(event.target.value)}
          />
        </div>
      </ConfirmDialog>

      <ConfirmDialog
        isOpen={dialog === 'cancel-invitation'}
        title={`Cancel the invitation to ${person.name}?`}
        confirmLabel="Cancel invitation"
        tone="danger"
        isPending={cancelInvitation.isPending}
        error={cancelInvitation.isError ? errorMessage(cancelInvitation.error) : null}
        onClose={close}
        onConfirm={() =>
          cancelInvitation.mutate(undefined, {
            onSuccess: (cancelled) => {
              close()
              if (cancelled.isPersonRemoved && onPersonRemoved) return onPersonRemoved(cancelled)
              setNotice(
                cancelled.isPersonRemoved
                  ? `The invitation to ${cancelled.email} is cancelled and ${cancelled.name} is removed.`
                  : `The invitation to ${cancelled.email} is cancelled; its link no longer works. ${cancelled.name} stays in the directory because your organization knows them otherwise (employee ID, reports or programs).`,
              )
            },
          })
        }
      >
        <p style={{ margin: 0 }}>
          The link sent to {person.email} stops working at once. If {person.name} is nothing in Tandem but this
          invitation (no employee ID, nobody reporting to them, no program), they are removed from the directory and the
          address can be invited again.
        </p>
      </ConfirmDialog>

      <ConfirmDialog
        isOpen={dialog === 'reset-sign-in'}
        title={`Reset ${person.name}'s sign-in?`}
        confirmLabel="Reset sign-in"
        tone="danger"
        isPending={resetSignIn.isPending}
        error={resetSignIn.isError ? errorMessage(resetSignIn.error) : null}
        onClose={close}
        onConfirm={() =>
          resetSignIn.mutate(undefined, {
            onSuccess: (reset) => {
              close()
              setNotice(
                reset.delivery === 'email'
                  ? `${person.name}'s sign-in is reset: they were signed out everywhere and a link to choose a new password was emailed to ${person.email}.`
                  : `${person.name}'s sign-in is reset: they were signed out everywhere. No mail server is configured, so their new set-password link is in the Outbox (development mail catcher): give it to them yourself, in person or over a channel only they read.`,
              )
            },
          })
        }
      >
        <div className="stack">
          <p style={{ margin: 0 }}>Use this only when {person.name} cannot get back in on their own. It will:</p>
          <ul style={{ margin: 0 }}>
            <li>sign them out on every device;</li>
            <li>stop their current password and any password-reset link from working;</li>
            <li>
              send them a new link to choose a password, the way invitations go: by email when a mail server is
              configured, otherwise into the Outbox (the development mail catcher), where admins can read it;
            </li>
            <li>
              record in the audit log that you did it, and tell {person.name} at their next sign-in that you reset it,
              and when.
            </li>
          </ul>
          <p style={{ margin: 0 }}>If you only forgot your own password, change it yourself instead.</p>
        </div>
      </ConfirmDialog>

      <ConfirmDialog
        isOpen={dialog === 'reactivate'}
        title={`Reactivate ${person.name}?`}
        confirmLabel="Reactivate"
        isPending={reactivate.isPending}
        error={reactivate.isError ? errorMessage(reactivate.error) : null}
        onClose={close}
        onConfirm={() =>
          reactivate.mutate(undefined, {
            onSuccess: () => {
              close()
              setNotice(`${person.name} is active again.`)
            },
          })
        }
      >
        <p style={{ margin: 0 }}>They will be able to sign in again with their password.</p>
      </ConfirmDialog>
    </section>
  )
}
