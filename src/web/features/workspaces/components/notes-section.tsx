import { useState } from 'react'
import { CreateNoteBodySchema, type Note, UpdateNoteBodySchema } from '#contracts/notes.ts'
import type { Workspace } from '#contracts/workspaces.ts'
import { Announcement } from '#web/components/ui/announcement.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { formatDateTime } from '#web/lib/format.ts'
import { useAddNote } from '../api/use-add-note.ts'
import { useDeleteNote } from '../api/use-delete-note.ts'
import { useEditNote } from '../api/use-edit-note.ts'
import { useNotes } from '../api/use-notes.ts'
import { focusSoon, TextEntryForm, TextEntryItem } from './text-entry.tsx'

/** Shared notes: every member of the match reads them; each person edits their own. */
export function NotesSection({ matchId }: { matchId: string; workspace: Workspace }) {
  const notes = useNotes(matchId)
  const [announcement, setAnnouncement] = useState<string | null>(null)

  return (
    <section className="card stack" aria-labelledby="notes-heading">
      <h2 id="notes-heading" className="card-title" style={{ margin: 0 }}>
        Shared notes
      </h2>
      <p className="muted" style={{ margin: 0 }}>
        Everyone in this match can read these notes. Keep what is only for you in your private reflections.
      </p>
      <Announcement message={announcement} />
      {notes.isError ? (
        <ErrorState error={notes.error} onRetry={() => notes.refetch()} title="The notes could not be loaded" />
      ) : !notes.data ? (
        <div aria-busy="true">
          <SkeletonRows rows={3} label="Loading the notes…" />
        </div>
      ) : notes.data.notes.length === 0 ? (
        <p className="muted" style={{ margin: 0 }}>
          No notes yet. Write down what you discussed, decided or want to remember for next time.
        </p>
      ) : (
        <ul className="plain-list stack" aria-label="Shared notes">
          {notes.data.notes.map((note) => (
            <NoteItem key={note.id} matchId={matchId} note={note} onAnnounce={setAnnouncement} />
          ))}
        </ul>
      )}
      <AddNoteForm matchId={matchId} onAdded={() => setAnnouncement('Your note is added.')} />
    </section>
  )
}

function AddNoteForm({ matchId, onAdded }: { matchId: string; onAdded: () => void }) {
  const addNote = useAddNote(matchId)
  return (
    <TextEntryForm
      formLabel="Add a shared note"
      id="new-shared-note"
      label="New shared note"
      hint="Visible to everyone in this match."
      fieldName="Note"
      submitLabel="Add note"
      schema={CreateNoteBodySchema}
      isPending={addNote.isPending}
      save={(body, callbacks) => addNote.mutate({ body }, callbacks)}
      onSaved={onAdded}
    />
  )
}

function NoteItem({
  matchId,
  note,
  onAnnounce,
}: {
  matchId: string
  note: Note
  onAnnounce: (message: string) => void
}) {
  const deleteNote = useDeleteNote(matchId)
  const editNote = useEditNote(matchId)
  const when = formatDateTime(note.createdAt)
  const author = note.isMine ? 'You' : (note.authorName ?? 'A former member')

  return (
    <TextEntryItem
      id={`note-${note.id}`}
      meta={
        <>
          <strong>{author}</strong> · {when}
          {note.updatedAt !== note.createdAt ? ' · edited' : ''}
        </>
      }
      body={note.body}
      canChange={note.isMine}
      editLabel={`Edit your note of ${when}`}
      deleteLabel={`Delete your note of ${when}`}
      deleteQuestion="Delete this note for everyone in the match?"
      deletion={deleteNote}
      deleteFailure="The note could not be deleted"
      onDelete={() =>
        deleteNote.mutate(note.id, {
          onSuccess: () => {
            onAnnounce('Your note is deleted.')
            focusSoon('new-shared-note')
          },
        })
      }
      onEdited={() => onAnnounce('Your note is saved.')}
      renderEditForm={(onDone) => (
        <TextEntryForm
          formLabel="Edit your note"
          label="Edit note"
          fieldName="Note"
          submitLabel="Save note"
          initialBody={note.body}
          schema={UpdateNoteBodySchema}
          isPending={editNote.isPending}
          save={(body, callbacks) => editNote.mutate({ noteId: note.id, body }, callbacks)}
          onSaved={() => onDone(true)}
          onCancel={() => onDone(false)}
        />
      )}
    />
  )
}
