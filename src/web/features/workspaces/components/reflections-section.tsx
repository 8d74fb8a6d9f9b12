import { useState } from 'react'
import { CreateReflectionBodySchema, type Reflection, UpdateReflectionBodySchema } from '#contracts/notes.ts'
import type { Workspace } from '#contracts/workspaces.ts'
import { Announcement } from '#web/components/ui/announcement.tsx'
import { Badge } from '#web/components/ui/badge.tsx'
import { buttonClassName } from '#web/components/ui/button.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { formatDateTime } from '#web/lib/format.ts'
import { useDeleteReflection } from '../api/use-delete-reflection.ts'
import { useEditReflection } from '../api/use-edit-reflection.ts'
import { useMyReflections } from '../api/use-my-reflections.ts'
import { useWriteReflection } from '../api/use-write-reflection.ts'
import { focusSoon, TextEntryForm, TextEntryItem } from './text-entry.tsx'

/** My private reflections on this match: nobody else (partner, program manager, admin) ever sees them. */
export function ReflectionsSection({ matchId }: { matchId: string; workspace: Workspace }) {
  const reflections = useMyReflections(matchId)
  const [announcement, setAnnouncement] = useState<string | null>(null)

  return (
    <section className="card stack" aria-labelledby="reflections-heading" aria-describedby="reflections-privacy">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h2 id="reflections-heading" className="card-title" style={{ margin: 0 }}>
          Private reflections
        </h2>
        <Badge tone="primary">Only you can see this</Badge>
      </div>
      <p id="reflections-privacy" className="muted" style={{ margin: 0 }}>
        Only you can see this: not your partner, not the program manager, not an admin. Use it to think about what you
        learned and what you want to try.
      </p>
      <Announcement message={announcement} />
      <WriteReflectionForm
        matchId={matchId}
        onSaved={() => setAnnouncement('Your reflection is saved. Only you can see it.')}
      />
      {reflections.isError ? (
        <ErrorState
          error={reflections.error}
          onRetry={() => reflections.refetch()}
          title="Your reflections could not be loaded"
        />
      ) : !reflections.data ? (
        <div aria-busy="true">
          <SkeletonRows rows={2} label="Loading your reflections…" />
        </div>
      ) : reflections.data.reflections.length === 0 ? (
        <p className="muted" style={{ margin: 0 }}>
          No reflections yet. After a session, note what you noticed about yourself.
        </p>
      ) : (
        <ul className="plain-list stack" aria-label="Your private reflections">
          {reflections.data.reflections.map((reflection) => (
            <ReflectionItem
              key={reflection.id}
              matchId={matchId}
              reflection={reflection}
              onAnnounce={setAnnouncement}
            />
          ))}
        </ul>
      )}
      <div className="row">
        <a className={buttonClassName('secondary', { size: 'small' })} href="/api/me/reflections/export" download>
          Download my reflections (Markdown)
        </a>
        <a
          className={buttonClassName('ghost', { size: 'small' })}
          href="/api/me/reflections/export?format=json"
          download
        >
          Download as JSON
        </a>
      </div>
    </section>
  )
}

function WriteReflectionForm({ matchId, onSaved }: { matchId: string; onSaved: () => void }) {
  const write = useWriteReflection(matchId)
  return (
    <TextEntryForm
      formLabel="Write a private reflection"
      id="new-reflection"
      label="New private reflection"
      hint="Only you can see this."
      fieldName="Reflection"
      submitLabel="Save reflection"
      schema={CreateReflectionBodySchema}
      isPending={write.isPending}
      save={(body, callbacks) => write.mutate({ body }, callbacks)}
      onSaved={onSaved}
    />
  )
}

function ReflectionItem({
  matchId,
  reflection,
  onAnnounce,
}: {
  matchId: string
  reflection: Reflection
  onAnnounce: (message: string) => void
}) {
  const remove = useDeleteReflection(matchId)
  const edit = useEditReflection(matchId)
  const when = formatDateTime(reflection.createdAt)

  return (
    <TextEntryItem
      id={`reflection-${reflection.id}`}
      meta={
        <>
          {when}
          {reflection.updatedAt !== reflection.createdAt ? ' · edited' : ''}
        </>
      }
      body={reflection.body}
      canChange
      editLabel={`Edit your reflection of ${when}`}
      deleteLabel={`Delete your reflection of ${when}`}
      deleteQuestion="Delete this reflection?"
      deletion={remove}
      deleteFailure="The reflection could not be deleted"
      onDelete={() =>
        remove.mutate(reflection.id, {
          onSuccess: () => {
            onAnnounce('Your reflection is deleted.')
            focusSoon('new-reflection')
          },
        })
      }
      onEdited={() => onAnnounce('Your reflection is saved.')}
      renderEditForm={(onDone) => (
        <TextEntryForm
          formLabel="Edit your reflection"
          label="Edit reflection"
          fieldName="Reflection"
          submitLabel="Save changes"
          initialBody={reflection.body}
          schema={UpdateReflectionBodySchema}
          isPending={edit.isPending}
          save={(body, callbacks) => edit.mutate({ reflectionId: reflection.id, body }, callbacks)}
          onSaved={() => onDone(true)}
          onCancel={() => onDone(false)}
        />
      )}
    />
  )
}
