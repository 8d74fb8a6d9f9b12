import {
  type ActionItem,
  type CreateActionItemBody,
  CreateActionItemBodySchema,
  type CreateNoteBody,
  CreateNoteBodySchema,
  type CreateReflectionBody,
  CreateReflectionBodySchema,
  type Note,
  type Reflection,
  type ReflectionExport,
  type UpdateActionItemBody,
  UpdateActionItemBodySchema,
  type UpdateNoteBody,
  UpdateNoteBodySchema,
  type UpdateReflectionBody,
  UpdateReflectionBodySchema,
} from '#contracts/notes.ts'
import type { Db } from '#server/db/connect.ts'
import type { ReflectionRow } from '#server/db/schema.ts'
import { toIso } from '#server/db/to-iso.ts'
import { AppError, notFound } from '#server/http/app-error.ts'
import type { Viewer } from '#server/http/viewer.ts'
import { findPersonName } from '#server/modules/people/people.service.ts'
import { findMatchSession } from '#server/modules/sessions/sessions.service.ts'
import { listMatchMembers, memberMatch } from '#server/modules/workspaces/workspaces.service.ts'
import {
  type ActionItemRowWithOwner,
  deleteActionItem,
  deleteNote,
  deleteReflectionOfAuthor,
  findActionItem,
  findNote,
  findReflectionOfAuthor,
  insertActionItem,
  insertNote,
  insertReflection,
  listActionItems,
  listNotes,
  listReflectionsForExport,
  listReflectionsOfAuthor,
  type NoteRowWithAuthor,
  updateActionItem,
  updateNoteBody,
  updateReflectionBody,
} from './notes.repository.ts'

async function requireSessionOfMatch(db: Db, viewer: Viewer, matchId: string, sessionId: string | null | undefined) {
  if (!sessionId) return null
  const session = await findMatchSession(db, viewer.organizationId, matchId, sessionId)
  if (!session) throw new AppError('session_not_in_match', 'sessionId is not a session of this match')
  return session.id
}

/** The workspace's access rule, answering 404 in the name of the resource reached through the match. */
async function memberMatchOr404(db: Db, viewer: Viewer, matchId: string, what: string) {
  try {
    await memberMatch(db, viewer, matchId)
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') throw notFound(what)
    throw error
  }
}

// --- shared notes

function toNote(row: NoteRowWithAuthor, viewer: Viewer): Note {
  return {
    id: row.id,
    matchId: row.match_id,
    sessionId: row.session_id,
    authorId: row.author_id,
    authorName: row.author_name,
    isMine: row.author_id === viewer.personId,
    body: row.body,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  }
}

/** A note the viewer may read: it belongs to a match they are a member of; anyone else gets 404. */
async function visibleNote(db: Db, viewer: Viewer, noteId: string) {
  const note = await findNote(db, viewer.organizationId, noteId)
  if (!note) throw notFound('Note')
  await memberMatchOr404(db, viewer, note.match_id, 'Note')
  return note
}

function requireNoteAuthor(viewer: Viewer, note: NoteRowWithAuthor, action: string) {
  if (note.author_id !== viewer.personId) {
    throw new AppError('not_note_author', `Only the note's author can ${action} it`)
  }
}

/** The match's shared notes (optionally one session's), oldest first; members only. */
export async function listSharedNotes(db: Db, viewer: Viewer, matchId: string, sessionId?: string): Promise<Note[]> {
  await memberMatch(db, viewer, matchId)
  const rows = await listNotes(db, viewer.organizationId, matchId, sessionId)
  return rows.map((row) => toNote(row, viewer))
}

/** A member adds a shared note, to the match or to one of its sessions. */
export async function addSharedNote(db: Db, viewer: Viewer, matchId: string, input: CreateNoteBody): Promise<Note> {
  const body = CreateNoteBodySchema.parse(input)
  await memberMatch(db, viewer, matchId)
  const sessionId = await requireSessionOfMatch(db, viewer, matchId, body.sessionId)
  const { id } = await insertNote(db, viewer.organizationId, {
    matchId,
    sessionId,
    authorId: viewer.personId,
    body: body.body,
  })
  return toNote((await findNote(db, viewer.organizationId, id))!, viewer)
}

/** The author edits their note; a partner (who can read it) gets 403. */
export async function editSharedNote(
  db: Db,
  viewer: Viewer,
  noteId: string,
  input: UpdateNoteBody,
  now: Date,
): Promise<Note> {
  const body = UpdateNoteBodySchema.parse(input)
  const note = await visibleNote(db, viewer, noteId)
  requireNoteAuthor(viewer, note, 'edit')
  await updateNoteBody(db, viewer.organizationId, noteId, body.body, now)
  return toNote((await findNote(db, viewer.organizationId, noteId))!, viewer)
}

/** The author deletes their note. */
export async function removeSharedNote(db: Db, viewer: Viewer, noteId: string): Promise<{ deleted: true }> {
  const note = await visibleNote(db, viewer, noteId)
  requireNoteAuthor(viewer, note, 'delete')
  await deleteNote(db, viewer.organizationId, noteId)
  return { deleted: true }
}

// --- private reflections: every read and write is filtered by author, so anyone else gets 404

function toReflection(row: ReflectionRow): Reflection {
  return {
    id: row.id,
    matchId: row.match_id,
    sessionId: row.session_id,
    body: row.body,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  }
}

/** My own reflections in a match, newest first (never anyone else's). */
export async function listMyReflections(db: Db, viewer: Viewer, matchId: string): Promise<Reflection[]> {
  await memberMatch(db, viewer, matchId)
  return (await listReflectionsOfAuthor(db, viewer.organizationId, viewer.personId, matchId)).map(toReflection)
}

/** A member writes a private reflection: only they will ever read it. */
export async function writeReflection(
  db: Db,
  viewer: Viewer,
  matchId: string,
  input: CreateReflectionBody,
): Promise<Reflection> {
  const body = CreateReflectionBodySchema.parse(input)
  await memberMatch(db, viewer, matchId)
  const sessionId = await requireSessionOfMatch(db, viewer, matchId, body.sessionId)
  return toReflection(
    await insertReflection(db, viewer.organizationId, {
      matchId,
      sessionId,
      authorId: viewer.personId,
      body: body.body,
    }),
  )
}

/** The author rewrites their reflection (even after the match ended: it is theirs). */
export async function editReflection(
  db: Db,
  viewer: Viewer,
  reflectionId: string,
  input: UpdateReflectionBody,
  now: Date,
): Promise<Reflection> {
  const body = UpdateReflectionBodySchema.parse(input)
  const row = await updateReflectionBody(db, viewer.organizationId, viewer.personId, reflectionId, body.body, now)
  if (!row) throw notFound('Reflection')
  return toReflection(row)
}

/** One of my reflections. */
export async function getReflection(db: Db, viewer: Viewer, reflectionId: string): Promise<Reflection> {
  const row = await findReflectionOfAuthor(db, viewer.organizationId, viewer.personId, reflectionId)
  if (!row) throw notFound('Reflection')
  return toReflection(row)
}

/** The author deletes their reflection. */
export async function removeReflection(db: Db, viewer: Viewer, reflectionId: string): Promise<{ deleted: true }> {
  const result = await deleteReflectionOfAuthor(db, viewer.organizationId, viewer.personId, reflectionId)
  if (Number(result.numDeletedRows) === 0) throw notFound('Reflection')
  return { deleted: true }
}

/** The author's own export: the only export that contains reflections. */
export async function exportMyReflections(db: Db, viewer: Viewer, now: Date): Promise<ReflectionExport> {
  const author = await findPersonName(db, viewer.organizationId, viewer.personId)
  const rows = await listReflectionsForExport(db, viewer.organizationId, viewer.personId)
  return {
    exportedAt: toIso(now),
    author: { id: author.id, name: author.name },
    reflections: rows.map((row) => ({
      id: row.id,
      matchId: row.match_id,
      sessionId: row.session_id,
      body: row.body,
      createdAt: toIso(row.created_at),
      updatedAt: toIso(row.updated_at),
      programName: row.program_name,
      sessionStartsAt: row.session_starts_at ? toIso(row.session_starts_at) : null,
    })),
  }
}

/** The export as a Markdown document, one section per reflection. */
export function reflectionsToMarkdown(doc: ReflectionExport): string {
  const lines = [
    '# My reflections',
    '',
    `Private to ${doc.author.name}, exported from Tandem on ${doc.exportedAt.slice(0, 10)}. Nobody else can see these.`,
    '',
  ]
  if (doc.reflections.length === 0) lines.push('You have not written any reflections yet.', '')
  for (const r of doc.reflections) {
    lines.push(`## ${r.programName}, ${r.createdAt.slice(0, 10)}`, '')
    if (r.sessionStartsAt)
      lines.push(`After the session of ${r.sessionStartsAt.slice(0, 16).replace('T', ' ')} UTC`, '')
    lines.push(r.body, '')
  }
  return lines.join('\n')
}

// --- action items

function toActionItem(row: ActionItemRowWithOwner, viewer: Viewer): ActionItem {
  return {
    id: row.id,
    matchId: row.match_id,
    sessionId: row.session_id,
    title: row.title,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    createdBy: row.created_by,
    canDelete: row.created_by === viewer.personId,
    dueOn: row.due_on,
    doneAt: row.done_at ? toIso(row.done_at) : null,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  }
}

async function requireMember(db: Db, viewer: Viewer, matchId: string, personId: string) {
  const members = await listMatchMembers(db, viewer.organizationId, [matchId])
  if (!members.some((m) => m.person_id === personId)) {
    throw new AppError('not_match_member', 'ownerId must be a member of this match')
  }
}

async function visibleActionItem(db: Db, viewer: Viewer, actionItemId: string) {
  const item = await findActionItem(db, viewer.organizationId, actionItemId)
  if (!item) throw notFound('Action item')
  await memberMatchOr404(db, viewer, item.match_id, 'Action item')
  return item
}

/** The match's action items, oldest first; members only. */
export async function listMatchActionItems(db: Db, viewer: Viewer, matchId: string): Promise<ActionItem[]> {
  await memberMatch(db, viewer, matchId)
  return (await listActionItems(db, viewer.organizationId, matchId)).map((row) => toActionItem(row, viewer))
}

/** A member adds an action item owned by any member of the match. */
export async function addActionItem(
  db: Db,
  viewer: Viewer,
  matchId: string,
  input: CreateActionItemBody,
): Promise<ActionItem> {
  const body = CreateActionItemBodySchema.parse(input)
  await memberMatch(db, viewer, matchId)
  await requireMember(db, viewer, matchId, body.ownerId)
  const sessionId = await requireSessionOfMatch(db, viewer, matchId, body.sessionId)
  const { id } = await insertActionItem(db, viewer.organizationId, {
    matchId,
    sessionId,
    ownerId: body.ownerId,
    createdBy: viewer.personId,
    title: body.title,
    dueOn: body.dueOn ?? null,
  })
  return toActionItem((await findActionItem(db, viewer.organizationId, id))!, viewer)
}

/** Any member edits an action item or marks it done or not done. */
export async function changeActionItem(
  db: Db,
  viewer: Viewer,
  actionItemId: string,
  input: UpdateActionItemBody,
  now: Date,
): Promise<ActionItem> {
  const body = UpdateActionItemBodySchema.parse(input)
  const item = await visibleActionItem(db, viewer, actionItemId)
  if (body.ownerId !== undefined) await requireMember(db, viewer, item.match_id, body.ownerId)
  const doneAt = body.isDone === undefined ? undefined : body.isDone ? (item.done_at ?? now) : null
  await updateActionItem(
    db,
    viewer.organizationId,
    actionItemId,
    {
      title: body.title,
      ownerId: body.ownerId,
      dueOn: body.dueOn,
      doneAt,
    },
    now,
  )
  return toActionItem((await findActionItem(db, viewer.organizationId, actionItemId))!, viewer)
}

/** Its creator deletes an action item; other members get 403. */
export async function removeActionItem(db: Db, viewer: Viewer, actionItemId: string): Promise<{ deleted: true }> {
  const item = await visibleActionItem(db, viewer, actionItemId)
  if (item.created_by !== viewer.personId) {
    throw new AppError('not_action_item_creator', 'Only the person who added the action item can delete it')
  }
  await deleteActionItem(db, viewer.organizationId, actionItemId)
  return { deleted: true }
}
