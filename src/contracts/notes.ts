import { z } from 'zod'
import { DateInputSchema, hasSomeField, NOTHING_TO_CHANGE, textField } from './input.ts'

// Shared session notes, private reflections and action items of a match (issue #5 point 6).

const DateOnlySchema = z.iso.date()
const BODY_MAX = 20_000

export const NOTE_BODY_MAX = BODY_MAX
export const ACTION_ITEM_TITLE_MAX = 500

const OptionalSessionIdSchema = z.uuid('is not a valid session id').nullable().optional()

export const NoteParamsSchema = z.object({ noteId: z.uuid('is not a valid note id') })
export const ReflectionParamsSchema = z.object({ reflectionId: z.uuid('is not a valid reflection id') })
export const ActionItemParamsSchema = z.object({ actionItemId: z.uuid('is not a valid action item id') })

// --- Shared notes: every member of the match reads them; each note is edited by its author.

export const NoteListQuerySchema = z.strictObject({
  /** Only the notes of this session. */
  sessionId: z.uuid('is not a valid session id').optional(),
})
export type NoteListQuery = z.input<typeof NoteListQuerySchema>

const NoteBodySchema = textField({
  min: 1,
  max: BODY_MAX,
  tooShort: 'Write the note',
  tooLong: `A note is at most ${BODY_MAX.toLocaleString('en')} characters`,
})

export const CreateNoteBodySchema = z.strictObject({
  body: NoteBodySchema,
  /** The session the note belongs to (one of this match's sessions), or none for the match as a whole. */
  sessionId: OptionalSessionIdSchema,
})
export type CreateNoteBody = z.input<typeof CreateNoteBodySchema>

export const UpdateNoteBodySchema = z.strictObject({ body: NoteBodySchema })
export type UpdateNoteBody = z.input<typeof UpdateNoteBodySchema>

export const NoteSchema = z.object({
  id: z.uuid(),
  matchId: z.uuid(),
  sessionId: z.uuid().nullable(),
  authorId: z.uuid().nullable(),
  authorName: z.string().nullable(),
  isMine: z.boolean(),
  body: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
})
export type Note = z.infer<typeof NoteSchema>

export const NoteListSchema = z.object({ notes: z.array(NoteSchema) })
export type NoteList = z.infer<typeof NoteListSchema>

// --- Private reflections: the author alone, in every route, list and export.

const ReflectionTextSchema = textField({
  min: 1,
  max: BODY_MAX,
  tooShort: 'Write your reflection',
  tooLong: `A reflection is at most ${BODY_MAX.toLocaleString('en')} characters`,
})

export const CreateReflectionBodySchema = z.strictObject({
  body: ReflectionTextSchema,
  sessionId: OptionalSessionIdSchema,
})
export type CreateReflectionBody = z.input<typeof CreateReflectionBodySchema>

export const UpdateReflectionBodySchema = z.strictObject({ body: ReflectionTextSchema })
export type UpdateReflectionBody = z.input<typeof UpdateReflectionBodySchema>

export const ReflectionSchema = z.object({
  id: z.uuid(),
  matchId: z.uuid(),
  sessionId: z.uuid().nullable(),
  body: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
})
export type Reflection = z.infer<typeof ReflectionSchema>

export const ReflectionListSchema = z.object({ reflections: z.array(ReflectionSchema) })
export type ReflectionList = z.infer<typeof ReflectionListSchema>

export const REFLECTION_EXPORT_FORMATS = ['markdown', 'json'] as const
export const ReflectionExportQuerySchema = z.strictObject({
  format: z.enum(REFLECTION_EXPORT_FORMATS).default('markdown'),
})
export type ReflectionExportQuery = z.input<typeof ReflectionExportQuerySchema>

/** The author's own export (format=json): every reflection they wrote, with its match's program. */
export const ReflectionExportSchema = z.object({
  exportedAt: z.iso.datetime(),
  author: z.object({ id: z.uuid(), name: z.string() }),
  reflections: z.array(
    ReflectionSchema.extend({
      programName: z.string(),
      sessionStartsAt: z.iso.datetime().nullable(),
    }),
  ),
})
export type ReflectionExport = z.infer<typeof ReflectionExportSchema>

// --- Action items: an owner among the members, an optional due date, done or not.

const ActionTitleSchema = textField({
  min: 1,
  max: ACTION_ITEM_TITLE_MAX,
  tooShort: 'Say what will be done',
  tooLong: `An action item is at most ${ACTION_ITEM_TITLE_MAX} characters`,
})

export const CreateActionItemBodySchema = z.strictObject({
  title: ActionTitleSchema,
  /** A member of the match. */
  ownerId: z.uuid('is not a valid person id'),
  dueOn: DateInputSchema.nullable().optional(),
  sessionId: OptionalSessionIdSchema,
})
export type CreateActionItemBody = z.input<typeof CreateActionItemBodySchema>

export const UpdateActionItemBodySchema = z
  .strictObject({
    title: ActionTitleSchema,
    ownerId: z.uuid('is not a valid person id'),
    dueOn: DateInputSchema.nullable(),
    isDone: z.boolean(),
  })
  .partial()
  .refine(hasSomeField, NOTHING_TO_CHANGE)
export type UpdateActionItemBody = z.input<typeof UpdateActionItemBodySchema>

export const ActionItemSchema = z.object({
  id: z.uuid(),
  matchId: z.uuid(),
  sessionId: z.uuid().nullable(),
  title: z.string(),
  ownerId: z.uuid(),
  ownerName: z.string(),
  createdBy: z.uuid().nullable(),
  /** Only the creator may delete it. */
  canDelete: z.boolean(),
  dueOn: DateOnlySchema.nullable(),
  doneAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
})
export type ActionItem = z.infer<typeof ActionItemSchema>

export const ActionItemListSchema = z.object({ actionItems: z.array(ActionItemSchema) })
export type ActionItemList = z.infer<typeof ActionItemListSchema>
