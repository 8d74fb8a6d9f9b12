import { useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useRef, useState } from 'react'
import { COMPLETION_RULE, type FitAndExits } from '#contracts/fit-and-exits.ts'
import { privacyNotice } from '#contracts/privacy-notices.ts'
import { Button } from '#web/components/ui/button.tsx'
import { ConfirmDialog, Dialog } from '#web/components/ui/dialog.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { useFormErrors } from '#web/lib/forms.ts'
import { workspaceQueryKey } from '../api/keys.ts'
import { useCompleteMatch } from '../api/use-complete-match.ts'
import { useDissolveMatch } from '../api/use-dissolve-match.ts'
import type { Done } from './exit-words.ts'

import { ReasonForm } from './reason-form.tsx'

/** Completing the match, or ending it early with a reason. */
export function EndTheMatch({
  matchId,
  state,
  partner,
  onDone,
}: {
  matchId: string
  state: FitAndExits
  partner: string
  onDone: Done
}) {
  const queryClient = useQueryClient()
  const complete = useCompleteMatch(matchId)
  const dissolve = useDissolveMatch(matchId)
  const formRef = useRef<HTMLFormElement>(null)
  const errors = useFormErrors(formRef)
  const [dialog, setDialog] = useState<'complete' | 'end' | null>(null)
  const [reason, setReason] = useState('')
  if (!state.canComplete && !state.canDissolve) return null
  const { completion } = state
  const waitingNames = completion.waitingFor.map((person) => person.name).join(' and ')
  const agreedNames = completion.agreed.map((person) => person.name).join(' and ')
  // Whether mine is the last agreement missing: then agreeing completes the match now.
  const isLastToAgree = !completion.iAgreed && completion.waitingFor.length === 0

  async function submitEnd(event: FormEvent) {
    event.preventDefault()
    if (!reason.trim()) return errors.fail({ reason: 'Say why you are ending the match' })
    errors.clear()
    try {
      await dissolve.mutateAsync({ reason })
      setDialog(null)
      setReason('')
      // The page turns read-only: the other sections close, this one stays with the closing survey.
      queryClient.invalidateQueries({ queryKey: workspaceQueryKey(matchId), exact: true })
      onDone('The match has ended. Please answer the closing survey below.')
    } catch (error) {
      errors.failWith(error, ['reason'])
    }
  }

  return (
    <div className="stack" style={{ gap: 8 }}>
      <h3 className="subheading">Finishing the match</h3>
      <p className="muted" style={{ margin: 0 }}>
        When you have reached what you set out to do, complete the match. If it is not working, you can end it early.
        {state.canComplete ? null : ' The match can be completed once the program is running.'}
      </p>
      <p className="muted" style={{ margin: 0 }}>
        {COMPLETION_RULE}
      </p>
      {completion.iAgreed ? (
        <p role="status" style={{ margin: 0 }}>
          You agreed to complete the match. Waiting for {waitingNames} to agree.
        </p>
      ) : completion.agreed.length > 0 ? (
        <p role="status" style={{ margin: 0 }}>
          {agreedNames} would like to complete the match.
        </p>
      ) : null}
      <div className="row">
        {state.canComplete && !completion.iAgreed ? (
          <Button
            onClick={() => {
              complete.reset()
              setDialog('complete')
            }}
          >
            {completion.agreed.length > 0 ? 'Agree to complete' : 'Complete this match'}
          </Button>
        ) : null}
        {state.canDissolve ? (
          <Button
            variant="danger"
            onClick={() => {
              errors.clear()
              setDialog('end')
            }}
          >
            End this match
          </Button>
        ) : null}
      </div>
      <ConfirmDialog
        isOpen={dialog === 'complete'}
        title="Complete this match?"
        confirmLabel={isLastToAgree ? 'Complete the match' : 'Agree to complete'}
        isPending={complete.isPending}
        error={complete.isError ? errorMessage(complete.error) : null}
        onClose={() => setDialog(null)}
        onConfirm={async () => {
          try {
            const after = await complete.mutateAsync()
            setDialog(null)
            if (after.matchStatus === 'completed') {
              queryClient.invalidateQueries({ queryKey: workspaceQueryKey(matchId) })
              onDone('The match is complete. Please answer the closing survey below.')
            } else {
              onDone(`You agreed to complete the match. It completes once ${waitingNames || 'everyone'} agrees too.`)
            }
          } catch {
            // shown in the dialog
          }
        }}
      >
        {isLastToAgree
          ? `${agreedNames} already agreed: the match completes for everyone in it, its sessions still to come are cancelled, and the closing survey opens.`
          : `The match completes once ${waitingNames} ${completion.waitingFor.length > 1 ? 'have' : 'has'} agreed too; then its sessions still to come are cancelled and the closing survey opens.`}
      </ConfirmDialog>
      <Dialog
        isOpen={dialog === 'end'}
        title="End this match"
        description={`The match ends for everyone in it. ${privacyNotice('end_match', null, partner)}`}
        onClose={() => setDialog(null)}
      >
        <ReasonForm
          formRef={formRef}
          errors={errors}
          label="Why are you ending the match?"
          reason={reason}
          onReason={setReason}
          submitLabel="End the match"
          isDanger
          isPending={dissolve.isPending}
          onSubmit={submitEnd}
          onCancel={() => setDialog(null)}
        />
      </Dialog>
    </div>
  )
}
