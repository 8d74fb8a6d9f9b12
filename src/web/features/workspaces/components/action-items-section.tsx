import { type FormEvent, useRef, useState } from 'react'
import { ACTION_ITEM_TITLE_MAX, type ActionItem, CreateActionItemBodySchema } from '#contracts/notes.ts'
import type { Workspace } from '#contracts/workspaces.ts'
import { Alert, FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Announcement } from '#web/components/ui/announcement.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { SelectField } from '#web/components/ui/select-field.tsx'
import { TextField } from '#web/components/ui/text-field.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { formatDay } from '#web/lib/format.ts'
import { fieldMessage, useFormErrors, validateWith } from '#web/lib/forms.ts'
import { useViewer } from '#web/lib/session.ts'
import { useActionItems } from '../api/use-action-items.ts'
import { useAddActionItem } from '../api/use-add-action-item.ts'
import { useChangeActionItem } from '../api/use-change-action-item.ts'
import { useDeleteActionItem } from '../api/use-delete-action-item.ts'
import { ConfirmDelete } from './confirm-delete.tsx'

/** What each of us agreed to do next: an owner, an optional due date, ticked off by any member. */
export function ActionItemsSection({ matchId, workspace }: { matchId: string; workspace: Workspace }) {
  const items = useActionItems(matchId)
  const [announcement, setAnnouncement] = useState<string | null>(null)
  const open = items.data?.actionItems.filter((item) => !item.doneAt).length ?? 0

  return (
    <section className="card stack" aria-labelledby="action-items-heading">
      <h2 id="action-items-heading" className="card-title" style={{ margin: 0 }}>
        Action items
      </h2>
      <p className="muted" style={{ margin: 0 }}>
        What each of you agreed to do before the next session. Anyone in the match can tick an item off.
      </p>
      <Announcement message={announcement} />
      {items.isError ? (
        <ErrorState error={items.error} onRetry={() => items.refetch()} title="The action items could not be loaded" />
      ) : !items.data ? (
        <div aria-busy="true">
          <SkeletonRows rows={3} label="Loading the action items…" />
        </div>
      ) : items.data.actionItems.length === 0 ? (
        <p className="muted" style={{ margin: 0 }}>
          No action items yet. Agree one small, concrete step at the end of a session.
        </p>
      ) : (
        <>
          <p className="muted" style={{ margin: 0 }}>
            {open === 0 ? 'Everything is done.' : `${open} open, ${items.data.actionItems.length - open} done.`}
          </p>
          <ul className="plain-list stack" aria-label="Action items" style={{ gap: 8 }}>
            {items.data.actionItems.map((item) => (
              <ActionItemRow key={item.id} matchId={matchId} item={item} onAnnounce={setAnnouncement} />
            ))}
          </ul>
        </>
      )}
      <AddActionItemForm
        matchId={matchId}
        workspace={workspace}
        onAdded={(item) => setAnnouncement(`“${item.title}” is added for ${item.ownerName}.`)}
      />
    </section>
  )
}

function ActionItemRow({
  matchId,
  item,
  onAnnounce,
}: {
  matchId: string
  item: ActionItem
  onAnnounce: (message: string) => void
}) {
  const change = useChangeActionItem(matchId)
  const remove = useDeleteActionItem(matchId)
  const isDone = item.doneAt !== null
  // The new state shows in the same render as the click (not one render later, when the mutation
  // reports pending), so the box never flips back while the change is on its way.
  const [pendingDone, setPendingDone] = useState<boolean | null>(null)
  const isChecked = pendingDone ?? isDone
  const checkboxId = `action-item-${item.id}`

  return (
    <li className="stack" style={{ gap: 4 }}>
      <div className="row" style={{ alignItems: 'flex-start', justifyContent: 'space-between' }}>
        <label className="checkbox" htmlFor={checkboxId}>
          <input
            type="checkbox"
            id={checkboxId}
            checked={isChecked}
            aria-describedby={`${checkboxId}-meta`}
            onChange={(event) => {
              if (pendingDone !== null) return
              setPendingDone(event.target.checked)
              change.mutate(
                { actionItemId: item.id, changes: { isDone: event.target.checked } },
                {
                  onSuccess: (saved) =>
                    onAnnounce(saved.doneAt ? `“${saved.title}” is done.` : `“${saved.title}” is open again.`),
                  onSettled: () => setPendingDone(null),
                },
              )
            }}
          />
          <span style={isDone ? { textDecoration: 'line-through' } : undefined}>{item.title}</span>
        </label>
        {item.canDelete ? (
          <ConfirmDelete
            id={`${checkboxId}-delete`}
            label={`Delete action item “${item.title}”`}
            question="Delete this action item?"
            isPending={remove.isPending}
            onConfirm={() =>
              remove.mutate(item.id, {
                onSuccess: () => {
                  onAnnounce(`“${item.title}” is deleted.`)
                  requestAnimationFrame(() => document.getElementById('new-action-item')?.focus())
                },
              })
            }
          />
        ) : null}
      </div>
      <p id={`${checkboxId}-meta`} className="muted" style={{ margin: 0 }}>
        {item.ownerName}
        {item.dueOn ? ` · due ${formatDay(item.dueOn)}` : ' · no due date'}
        {isDone ? ' · done' : ''}
      </p>
      {change.isError ? (
        <Alert tone="error">The action item could not be changed: {errorMessage(change.error)}</Alert>
      ) : null}
      {remove.isError ? (
        <Alert tone="error">The action item could not be deleted: {errorMessage(remove.error)}</Alert>
      ) : null}
    </li>
  )
}

function AddActionItemForm({
  matchId,
  workspace,
  onAdded,
}: {
  matchId: string
  workspace: Workspace
  onAdded: (item: ActionItem) => void
}) {
  const viewer = useViewer()
  const add = useAddActionItem(matchId)
  const formRef = useRef<HTMLFormElement>(null)
  const { fieldErrors, formError, fail, failWith, clear, clearField } = useFormErrors(formRef)
  const [title, setTitle] = useState('')
  const [ownerId, setOwnerId] = useState(viewer.id)
  const [dueOn, setDueOn] = useState('')
  const owners = [
    { value: viewer.id, label: `Me (${viewer.name})` },
    ...workspace.partners.map((partner) => ({ value: partner.personId, label: partner.name })),
  ]

  function submit(event: FormEvent) {
    event.preventDefault()
    const result = validateWith(CreateActionItemBodySchema, { title, ownerId, dueOn: dueOn || null })
    if (result.errors) return fail(result.errors)
    add.mutate(result.data, {
      onSuccess: (item) => {
        setTitle('')
        setDueOn('')
        clear()
        onAdded(item)
        requestAnimationFrame(() => document.getElementById('new-action-item')?.focus())
      },
      onError: (error) => failWith(error, ['title', 'ownerId', 'dueOn']),
    })
  }

  return (
    <form ref={formRef} className="stack" onSubmit={submit} noValidate aria-labelledby="action-item-form-heading">
      <h3 id="action-item-form-heading" className="subheading">
        Add an action item
      </h3>
      <FormErrorSummary message={formError} />
      <TextField
        id="new-action-item"
        label="Action item"
        hint="One concrete step, for example “Ask two customers what they expected from the call”."
        maxLength={ACTION_ITEM_TITLE_MAX}
        value={title}
        onChange={(event) => {
          setTitle(event.target.value)
          clearField('title')
        }}
        error={fieldMessage('Action item', fieldErrors.title)}
      />
      <SelectField
        label="Owner"
        options={owners}
        value={ownerId}
        onChange={(event) => {
          setOwnerId(event.target.value)
          clearField('ownerId')
        }}
        error={fieldMessage('Owner', fieldErrors.ownerId)}
      />
      <TextField
        label="Due date"
        type="date"
        isOptional
        value={dueOn}
        onChange={(event) => {
          setDueOn(event.target.value)
          clearField('dueOn')
        }}
        error={fieldMessage('Due date', fieldErrors.dueOn)}
      />
      <div className="row">
        <Button type="submit" isLoading={add.isPending}>
          Add action item
        </Button>
      </div>
    </form>
  )
}
