import type { ReviewMatch } from '#contracts/matching.ts'
import { ConfirmDialog } from '#web/components/ui/dialog.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { plural } from '#web/lib/format.ts'
import { useCreatePairRule } from '../api/use-create-pair-rule.ts'
import { useDissolveMatch } from '../api/use-dissolve-match.ts'
import { usePublishMatches } from '../api/use-publish-matches.ts'
import { namesList } from './criteria.ts'

export type Confirm = { kind: 'forbid' | 'dissolve'; match: ReviewMatch } | { kind: 'publish' } | null

/** The matching panel's confirmations: forbid a pair, dissolve a match, publish the proposals. */
export function MatchConfirmDialogs({
  programId,
  confirm,
  proposed,
  unmatchedTotal,
  onClose,
  onDone,
}: {
  programId: string
  confirm: Confirm
  proposed: ReviewMatch[]
  unmatchedTotal: number
  onClose: () => void
  /** Called with the message to announce once the confirmed change is made. */
  onDone: (message: string) => void
}) {
  const dissolve = useDissolveMatch(programId)
  const forbid = useCreatePairRule(programId)
  const publish = usePublishMatches(programId)
  const confirmMatch = confirm && confirm.kind !== 'publish' ? confirm.match : null
  const confirmNames = confirmMatch ? namesList(confirmMatch.members.map((member) => member.name)) : ''
  const toNotify = proposed.flatMap((match) => match.members.map((member) => member.name))

  function closeConfirm() {
    onClose()
    forbid.reset()
    dissolve.reset()
    publish.reset()
  }

  return (
    <>
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
                onDone(`${confirmNames} will never be paired; their proposed match was dissolved.`)
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
              onDone(`${confirmNames} are unmatched again.`)
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
              onDone(
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
    </>
  )
}
