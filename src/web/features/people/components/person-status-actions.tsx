import { useState } from 'react'
import type { Person } from '#contracts/people.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { ConfirmDialog } from '#web/components/ui/dialog.tsx'
import { TextField } from '#web/components/ui/text-field.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { formatDate } from '#web/lib/format.ts'
import { useDeactivatePerson } from '../api/use-deactivate-person.ts'
import { useInvitePerson } from '../api/use-invite-person.ts'
import { useReactivatePerson } from '../api/use-reactivate-person.ts'

function today(): string {
  const now = new Date()
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000)
  return local.toISOString().slice(0, 10)
}

/** Deactivate (with the last day, history kept), reactivate, or send the invitation again. */
export function PersonStatusActions({ person, isSelf }: { person: Person; isSelf: boolean }) {
  const deactivate = useDeactivatePerson(person.id)
  const reactivate = useReactivatePerson(person.id)
  const reinvite = useInvitePerson()
  const [dialog, setDialog] = useState<'deactivate' | 'reactivate' | null>(null)
  const [leftOn, setLeftOn] = useState(today)
  const [notice, setNotice] = useState<string | null>(null)

  const close = () => {
    setDialog(null)
    deactivate.reset()
    reactivate.reset()
  }

  return (
    <section className="stack" aria-labelledby="status-heading">
      <h2 id="status-heading" className="card-title">
        Access
      </h2>
      {person.status === 'deactivated' ? (
        <p className="muted" style={{ margin: 0 }}>
          Deactivated{person.leftOn ? `; last day ${formatDate(person.leftOn)}` : ''}. They cannot sign in; their
          history is kept.
        </p>
      ) : person.status === 'invited' ? (
        <p className="muted" style={{ margin: 0 }}>
          Invited; they have not set a password yet.
        </p>
      ) : (
        <p className="muted" style={{ margin: 0 }}>
          Active; they can sign in.
        </p>
      )}
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {reinvite.isError ? <Alert tone="error">{errorMessage(reinvite.error)}</Alert> : null}
      <div className="row">
        {person.status === 'invited' ? (
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
            Send invitation again
          </Button>
        ) : null}
        {person.status === 'deactivated' ? (
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
