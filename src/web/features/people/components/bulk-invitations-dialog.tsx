import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import type { InvitationSelection, InvitationSelectionCounts } from '#contracts/auth.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Dialog, DialogActions } from '#web/components/ui/dialog.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { LoadingState } from '#web/components/ui/loading-state.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { formatNumber, plural } from '#web/lib/format.ts'
import {
  type BulkInvitationAction,
  type BulkInvitationProgress,
  useBulkInvitations,
  useInvitationSelectionCounts,
} from '../api/use-bulk-invitations.ts'

/**
 * Invitations for everyone the directory's filters select (issue #15): how many are not invited,
 * invited, active or deactivated, and invite, invite again or cancel them, batch by batch, with the
 * progress on screen and a way to stop between two batches.
 */
export function BulkInvitationsDialog({
  isOpen,
  onClose,
  selection,
  selectionText,
}: {
  isOpen: boolean
  onClose: () => void
  selection: InvitationSelection
  /** The filters in words ("everyone", "department Engineering"). */
  selectionText: string
}) {
  const bulk = useBulkInvitations()
  const isRunning = bulk.progress?.status === 'running'
  const close = () => {
    if (isRunning) return
    bulk.reset()
    onClose()
  }
  return (
    <Dialog
      isOpen={isOpen}
      title="Invitations for these people"
      description={`The people the filters select: ${selectionText}.`}
      onClose={close}
    >
      {isOpen ? <BulkInvitations selection={selection} bulk={bulk} onClose={close} /> : null}
    </Dialog>
  )
}

function BulkInvitations({
  selection,
  bulk,
  onClose,
}: {
  selection: InvitationSelection
  bulk: ReturnType<typeof useBulkInvitations>
  onClose: () => void
}) {
  const counts = useInvitationSelectionCounts(selection, { isEnabled: bulk.progress?.status !== 'running' })
  const [isConfirmingCancel, setIsConfirmingCancel] = useState(false)
  const { progress } = bulk
  const isRunning = progress?.status === 'running'

  if (counts.isError && !counts.data) {
    return <ErrorState error={counts.error} onRetry={() => counts.refetch()} title="The people could not be counted" />
  }
  if (!counts.data) return <LoadingState label="Counting the people…" />
  const { notInvited, invited } = counts.data
  const start = (action: BulkInvitationAction, expected: number) => {
    setIsConfirmingCancel(false)
    void bulk.run(action, selection, expected)
  }

  return (
    <div className="stack">
      <SelectionCounts counts={counts.data} />
      {progress ? <ProgressReport progress={progress} onStop={bulk.stop} /> : null}
      {isConfirmingCancel ? (
        <Alert tone="warning" title={`Cancel ${plural(invited, 'invitation', 'invitations')}?`}>
          <p>Their links stop working at once. They stay in the directory as not invited; you can invite them again.</p>
        </Alert>
      ) : null}
      <DialogActions>
        <Button variant="secondary" onClick={onClose} disabled={isRunning}>
          Done
        </Button>
        {isConfirmingCancel ? (
          <>
            <Button variant="secondary" onClick={() => setIsConfirmingCancel(false)}>
              Keep them
            </Button>
            <Button variant="danger" onClick={() => start('cancel', invited)}>
              Cancel {plural(invited, 'invitation', 'invitations')}
            </Button>
          </>
        ) : (
          <>
            <Button variant="danger" onClick={() => setIsConfirmingCancel(true)} disabled={isRunning || invited === 0}>
              Cancel invitations…
            </Button>
            <Button variant="secondary" onClick={() => start('resend', invited)} disabled={isRunning || invited === 0}>
              Send again to {formatNumber(invited)} invited
            </Button>
            <Button onClick={() => start('invite', notInvited)} disabled={isRunning || notInvited === 0}>
              Invite {plural(notInvited, 'person', 'people')}
            </Button>
          </>
        )}
      </DialogActions>
    </div>
  )
}

function SelectionCounts({ counts }: { counts: InvitationSelectionCounts }) {
  return (
    <dl className="counts">
      <div className="count">
        <dt>Not invited yet</dt>
        <dd>{formatNumber(counts.notInvited)}</dd>
      </div>
      <div className="count">
        <dt>Invited, not joined yet</dt>
        <dd>{formatNumber(counts.invited)}</dd>
      </div>
      <div className="count">
        <dt>Active: nothing to send</dt>
        <dd>{formatNumber(counts.active)}</dd>
      </div>
      <div className="count">
        <dt>Deactivated</dt>
        <dd>{formatNumber(counts.deactivated)}</dd>
      </div>
    </dl>
  )
}

const doneWords: Record<BulkInvitationAction, { running: string; done: (count: number) => string }> = {
  invite: { running: 'Sending invitations', done: (count) => `Invited ${plural(count, 'person', 'people')}` },
  resend: {
    running: 'Sending the invitations again',
    done: (count) => `Sent again to ${plural(count, 'person', 'people')}`,
  },
  cancel: {
    running: 'Cancelling invitations',
    done: (count) => `Cancelled ${plural(count, 'invitation', 'invitations')}`,
  },
}

function ProgressReport({ progress, onStop }: { progress: BulkInvitationProgress; onStop: () => void }) {
  const words = doneWords[progress.action]
  const handled = progress.done + progress.skipped
  const max = Math.max(progress.expected, handled, 1)
  const skipped =
    progress.skipped > 0
      ? ` ${plural(progress.skipped, 'person was', 'people were')} skipped: sent an invitation less than a minute ago, or joined meanwhile.`
      : ''
  const emails = progress.action === 'cancel' ? null : <Link to="/outbox">See the emails in the outbox</Link>
  if (progress.status === 'running') {
    return (
      <div className="stack">
        <p>
          {words.running}… {formatNumber(handled)} of {formatNumber(progress.expected)}
        </p>
        <div
          className="progress"
          role="progressbar"
          aria-label={words.running}
          aria-valuemin={0}
          aria-valuemax={max}
          aria-valuenow={handled}
        >
          <span className="bar-fill" style={{ width: `${(100 * handled) / max}%` }} />
        </div>
        <div>
          <Button variant="secondary" onClick={onStop}>
            Stop after this batch
          </Button>
        </div>
      </div>
    )
  }
  if (progress.status === 'failed') {
    return (
      <Alert tone="error" title={`Stopped after ${formatNumber(progress.done)}: ${errorMessage(progress.error)}`}>
        <p>Those already done stay done; start again to go on with the others.{skipped}</p>
      </Alert>
    )
  }
  return (
    <Alert tone="success" title={`${words.done(progress.done)}${progress.status === 'stopped' ? ' (stopped)' : ''}`}>
      <p>
        {progress.action === 'cancel'
          ? 'Their links no longer work.'
          : 'Each gets one email with a link to set their password.'}
        {skipped} {emails}
      </p>
    </Alert>
  )
}
