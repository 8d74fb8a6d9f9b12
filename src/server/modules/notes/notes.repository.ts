import type { Db } from '#server/db/connect.ts'

// Shared notes, private reflections and action items. Every query is filtered by organization; a
// reflection query is also filtered by its author, so no other person's reflection is ever read.

// --- shared notes

const noteColumns = [
  'n.id',
  'n.match_id',
  'n.session_id',
  'n.author_id',
  'p.name as author_name',
  'n.body',
  'n.created_at',
  'n.updated_at',
] as const

export function listNotes(db: Db, organizationId: string, matchId: string, sessionId?: string) {
  let query = db
    .selectFrom('session_notes as n')
    .leftJoin('people as p', 'p.id', 'n.author_id')
    .select(noteColumns)
    .where('n.organization_id', '=', organizationId)
    .where('n.match_id', '=', matchId)
  if (sessionId) query = query.where('n.session_id', '=', sessionId)
  return query.orderBy('n.created_at').orderBy('n.id').execute()
}

export type NoteRowWithAuthor = Awaited<ReturnType<typeof listNotes>>[number]

export function findNote(db: Db, organizationId: string, noteId: string) {
  return db
    .selectFrom('session_notes as n')
    .leftJoin('people as p', 'p.id', 'n.author_id')
    .select(noteColumns)
    .where('n.organization_id', '=', organizationId)
    .where('n.id', '=', noteId)
    .executeTakeFirst()
}

export function insertNote(
  db: Db,
  organizationId: string,
  values: { matchId: string; sessionId: string | null; authorId: string; body: string },
) {
  return db
    .insertInto('session_notes')
    .values({
      organization_id: organizationId,
      match_id: values.matchId,
      session_id: values.sessionId,
      author_id: values.authorId,
      body: values.body,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

export function updateNoteBody(db: Db, organizationId: string, noteId: string, body: string, now: Date) {
  return db
    .updateTable('session_notes')
    .set({ body, updated_at: now })
    .where('organization_id', '=', organizationId)
    .where('id', '=', noteId)
    .execute()
}

export function deleteNote(db: Db, organizationId: string, noteId: string) {
  return db.deleteFrom('session_notes').where('organization_id', '=', organizationId).where('id', '=', noteId).execute()
}

// --- private reflections: always filtered by author

export function listReflectionsOfAuthor(db: Db, organizationId: string, authorId: string, matchId: string) {
  return db
    .selectFrom('reflections')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('author_id', '=', authorId)
    .where('match_id', '=', matchId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute()
}

export function findReflectionOfAuthor(db: Db, organizationId: string, authorId: string, reflectionId: string) {
  return db
    .selectFrom('reflections')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('author_id', '=', authorId)
    .where('id', '=', reflectionId)
    .executeTakeFirst()
}

export function insertReflection(
  db: Db,
  organizationId: string,
  values: { matchId: string; sessionId: string | null; authorId: string; body: string },
) {
  return db
    .insertInto('reflections')
    .values({
      organization_id: organizationId,
      match_id: values.matchId,
      session_id: values.sessionId,
      author_id: values.authorId,
      body: values.body,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export function updateReflectionBody(
  db: Db,
  organizationId: string,
  authorId: string,
  reflectionId: string,
  body: string,
  now: Date,
) {
  return db
    .updateTable('reflections')
    .set({ body, updated_at: now })
    .where('organization_id', '=', organizationId)
    .where('author_id', '=', authorId)
    .where('id', '=', reflectionId)
    .returningAll()
    .executeTakeFirst()
}

export function deleteReflectionOfAuthor(db: Db, organizationId: string, authorId: string, reflectionId: string) {
  return db
    .deleteFrom('reflections')
    .where('organization_id', '=', organizationId)
    .where('author_id', '=', authorId)
    .where('id', '=', reflectionId)
    .executeTakeFirst()
}

/** Every reflection of the author, oldest first, with its program and session time. */
export function listReflectionsForExport(db: Db, organizationId: string, authorId: string) {
  return db
    .selectFrom('reflections as r')
    .innerJoin('matches as m', 'm.id', 'r.match_id')
    .innerJoin('programs as p', 'p.id', 'm.program_id')
    .leftJoin('coaching_sessions as s', 's.id', 'r.session_id')
    .select([
      'r.id',
      'r.match_id',
      'r.session_id',
      'r.body',
      'r.created_at',
      'r.updated_at',
      'p.name as program_name',
      's.starts_at as session_starts_at',
    ])
    .where('r.organization_id', '=', organizationId)
    .where('r.author_id', '=', authorId)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute()
}

// --- action items

const actionItemColumns = [
  'a.id',
  'a.match_id',
  'a.session_id',
  'a.owner_id',
  'p.name as owner_name',
  'a.created_by',
  'a.title',
  'a.due_on',
  'a.done_at',
  'a.created_at',
  'a.updated_at',
] as const

export function listActionItems(db: Db, organizationId: string, matchId: string) {
  return db
    .selectFrom('action_items as a')
    .innerJoin('people as p', 'p.id', 'a.owner_id')
    .select(actionItemColumns)
    .where('a.organization_id', '=', organizationId)
    .where('a.match_id', '=', matchId)
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute()
}

export type ActionItemRowWithOwner = Awaited<ReturnType<typeof listActionItems>>[number]

export function findActionItem(db: Db, organizationId: string, actionItemId: string) {
  return db
    .selectFrom('action_items as a')
    .innerJoin('people as p', 'p.id', 'a.owner_id')
    .select(actionItemColumns)
    .where('a.organization_id', '=', organizationId)
    .where('a.id', '=', actionItemId)
    .executeTakeFirst()
}

export function insertActionItem(
  db: Db,
  organizationId: string,
  values: {
    matchId: string
    sessionId: string | null
    ownerId: string
    createdBy: string
    title: string
    dueOn: string | null
  },
) {
  return db
    .insertInto('action_items')
    .values({
      organization_id: organizationId,
      match_id: values.matchId,
      session_id: values.sessionId,
      owner_id: values.ownerId,
      created_by: values.createdBy,
      title: values.title,
      due_on: values.dueOn,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

export interface ActionItemChanges {
  title?: string
  ownerId?: string
  dueOn?: string | null
  doneAt?: Date | null
}

export function updateActionItem(
  db: Db,
  organizationId: string,
  actionItemId: string,
  changes: ActionItemChanges,
  now: Date,
) {
  return db
    .updateTable('action_items')
    .set({
      ...(changes.title === undefined ? {} : { title: changes.title }),
      ...(changes.ownerId === undefined ? {} : { owner_id: changes.ownerId }),
      ...(changes.dueOn === undefined ? {} : { due_on: changes.dueOn }),
      ...(changes.doneAt === undefined ? {} : { done_at: changes.doneAt }),
      updated_at: now,
    })
    .where('organization_id', '=', organizationId)
    .where('id', '=', actionItemId)
    .execute()
}

export function deleteActionItem(db: Db, organizationId: string, actionItemId: string) {
  return db
    .deleteFrom('action_items')
    .where('organization_id', '=', organizationId)
    .where('id', '=', actionItemId)
    .execute()
}
