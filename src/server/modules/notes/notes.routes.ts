import { z } from 'zod'
import { DeletedSchema } from '#contracts/exercises.ts'
import { MatchParamsSchema } from '#contracts/matching.ts'
import {
  ActionItemListSchema,
  ActionItemParamsSchema,
  ActionItemSchema,
  CreateActionItemBodySchema,
  CreateNoteBodySchema,
  CreateReflectionBodySchema,
  NoteListQuerySchema,
  NoteListSchema,
  NoteParamsSchema,
  NoteSchema,
  ReflectionExportQuerySchema,
  ReflectionListSchema,
  ReflectionParamsSchema,
  ReflectionSchema,
  UpdateActionItemBodySchema,
  UpdateNoteBodySchema,
  UpdateReflectionBodySchema,
} from '#contracts/notes.ts'
import type { ApiModule } from '#server/app.ts'
import { errorResponses } from '#server/http/error-responses.ts'
import { requireViewer, viewerOf } from '#server/http/viewer.ts'
import {
  addActionItem,
  addSharedNote,
  changeActionItem,
  editReflection,
  editSharedNote,
  exportMyReflections,
  getReflection,
  listMatchActionItems,
  listMyReflections,
  listSharedNotes,
  reflectionsToMarkdown,
  removeActionItem,
  removeReflection,
  removeSharedNote,
  writeReflection,
} from './notes.service.ts'

// Members of the match only (the workspace's memberMatch rule): everyone else gets 404.
// Reflections are stricter still: the author alone, whoever else asks.

/** Shared session notes, private reflections and action items. */
export const registerNoteRoutes: ApiModule = (api, { db, clock }) => {
  api.get(
    '/matches/:matchId/notes',
    {
      schema: {
        tags: ['notes'],
        summary: "The match's shared notes, oldest first (optionally one session's); members only",
        params: MatchParamsSchema,
        querystring: NoteListQuerySchema,
        response: { 200: NoteListSchema, ...errorResponses(404, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => ({
      notes: await listSharedNotes(db, viewerOf(request), request.params.matchId, request.query.sessionId),
    }),
  )

  api.post(
    '/matches/:matchId/notes',
    {
      schema: {
        tags: ['notes'],
        summary: 'Add a shared note (every member reads it), to the match or one of its sessions',
        params: MatchParamsSchema,
        body: CreateNoteBodySchema,
        response: { 201: NoteSchema, ...errorResponses(404, 422) },
      },
      preValidation: requireViewer,
    },
    async (request, reply) =>
      reply.code(201).send(await addSharedNote(db, viewerOf(request), request.params.matchId, request.body)),
  )

  api.patch(
    '/notes/:noteId',
    {
      schema: {
        tags: ['notes'],
        summary: 'Edit my shared note (author only: 403 not_note_author for a partner)',
        params: NoteParamsSchema,
        body: UpdateNoteBodySchema,
        response: { 200: NoteSchema, ...errorResponses(404, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => editSharedNote(db, viewerOf(request), request.params.noteId, request.body, clock.now()),
  )

  api.delete(
    '/notes/:noteId',
    {
      schema: {
        tags: ['notes'],
        summary: 'Delete my shared note (author only)',
        params: NoteParamsSchema,
        response: { 200: DeletedSchema, ...errorResponses(404, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => removeSharedNote(db, viewerOf(request), request.params.noteId),
  )

  api.get(
    '/matches/:matchId/reflections',
    {
      schema: {
        tags: ['notes'],
        summary: 'My private reflections in this match, newest first (never anyone else’s)',
        params: MatchParamsSchema,
        response: { 200: ReflectionListSchema, ...errorResponses(404, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => ({ reflections: await listMyReflections(db, viewerOf(request), request.params.matchId) }),
  )

  api.post(
    '/matches/:matchId/reflections',
    {
      schema: {
        tags: ['notes'],
        summary: 'Write a private reflection: only its author can ever read it',
        params: MatchParamsSchema,
        body: CreateReflectionBodySchema,
        response: { 201: ReflectionSchema, ...errorResponses(404, 422) },
      },
      preValidation: requireViewer,
    },
    async (request, reply) =>
      reply.code(201).send(await writeReflection(db, viewerOf(request), request.params.matchId, request.body)),
  )

  api.get(
    '/reflections/:reflectionId',
    {
      schema: {
        tags: ['notes'],
        summary: 'One of my reflections (404 for anyone but its author)',
        params: ReflectionParamsSchema,
        response: { 200: ReflectionSchema, ...errorResponses(404, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => getReflection(db, viewerOf(request), request.params.reflectionId),
  )

  api.patch(
    '/reflections/:reflectionId',
    {
      schema: {
        tags: ['notes'],
        summary: 'Rewrite my reflection (404 for anyone but its author)',
        params: ReflectionParamsSchema,
        body: UpdateReflectionBodySchema,
        response: { 200: ReflectionSchema, ...errorResponses(404, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => editReflection(db, viewerOf(request), request.params.reflectionId, request.body, clock.now()),
  )

  api.delete(
    '/reflections/:reflectionId',
    {
      schema: {
        tags: ['notes'],
        summary: 'Delete my reflection (404 for anyone but its author)',
        params: ReflectionParamsSchema,
        response: { 200: DeletedSchema, ...errorResponses(404, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => removeReflection(db, viewerOf(request), request.params.reflectionId),
  )

  api.get(
    '/me/reflections/export',
    {
      schema: {
        tags: ['notes'],
        summary:
          'Download every reflection I wrote, as Markdown (default) or JSON: the only export that holds reflections',
        querystring: ReflectionExportQuerySchema,
        produces: ['text/markdown', 'application/json'],
        response: { 200: z.string(), ...errorResponses(404, 422) },
      },
      preValidation: requireViewer,
    },
    async (request, reply) => {
      const doc = await exportMyReflections(db, viewerOf(request), clock.now())
      const day = doc.exportedAt.slice(0, 10)
      const isJson = request.query.format === 'json'
      return reply
        .type(isJson ? 'application/json; charset=utf-8' : 'text/markdown; charset=utf-8')
        .header('content-disposition', `attachment; filename="my-reflections-${day}.${isJson ? 'json' : 'md'}"`)
        .header('cache-control', 'no-store')
        .send(isJson ? JSON.stringify(doc, null, 2) : reflectionsToMarkdown(doc))
    },
  )

  api.get(
    '/matches/:matchId/action-items',
    {
      schema: {
        tags: ['notes'],
        summary: "The match's action items, oldest first; members only",
        params: MatchParamsSchema,
        response: { 200: ActionItemListSchema, ...errorResponses(404, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => ({
      actionItems: await listMatchActionItems(db, viewerOf(request), request.params.matchId),
    }),
  )

  api.post(
    '/matches/:matchId/action-items',
    {
      schema: {
        tags: ['notes'],
        summary: 'Add an action item owned by a member of the match, with an optional due date and session',
        params: MatchParamsSchema,
        body: CreateActionItemBodySchema,
        response: { 201: ActionItemSchema, ...errorResponses(404, 422) },
      },
      preValidation: requireViewer,
    },
    async (request, reply) =>
      reply.code(201).send(await addActionItem(db, viewerOf(request), request.params.matchId, request.body)),
  )

  api.patch(
    '/action-items/:actionItemId',
    {
      schema: {
        tags: ['notes'],
        summary: 'Change an action item or mark it done or not done (any member)',
        params: ActionItemParamsSchema,
        body: UpdateActionItemBodySchema,
        response: { 200: ActionItemSchema, ...errorResponses(404, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => changeActionItem(db, viewerOf(request), request.params.actionItemId, request.body, clock.now()),
  )

  api.delete(
    '/action-items/:actionItemId',
    {
      schema: {
        tags: ['notes'],
        summary: 'Delete an action item (only the member who added it)',
        params: ActionItemParamsSchema,
        response: { 200: DeletedSchema, ...errorResponses(404, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => removeActionItem(db, viewerOf(request), request.params.actionItemId),
  )
}
