import { z } from 'zod'
import { DateInputSchema, hasSomeField, NOTHING_TO_CHANGE, textField } from './input.ts'

const DateOnlySchema = z.iso.date()
const RoleSchema = z.enum(['peer', 'mentor', 'mentee', 'member'])

export const GoalParamsSchema = z.object({ goalId: z.uuid() })
export const MilestoneParamsSchema = z.object({ goalId: z.uuid(), milestoneId: z.uuid() })

export const GroundRulesSchema = z.strictObject({
  /** What stays between us, in our words (the program's terms are shown beside it). */
  confidentiality: textField({ min: 1, max: 2000 }),
  /** How often and how long we meet. */
  cadence: textField({ min: 1, max: 500 }),
  /** How we give each other feedback. */
  feedback: textField({ min: 1, max: 2000 }),
})
export type GroundRules = z.infer<typeof GroundRulesSchema>

/** Propose an agreement, or change it (a change needs everyone's acceptance again). */
export const ProposeAgreementBodySchema = z.strictObject({
  /** The issue or challenge we agree to explore. */
  focus: textField({ min: 1, max: 2000 }),
  groundRules: GroundRulesSchema,
})
export type ProposeAgreementBody = z.input<typeof ProposeAgreementBodySchema>

/** Accept the version I read: a change made meanwhile is refused rather than accepted unseen. */
export const AcceptAgreementBodySchema = z.strictObject({ version: z.number().int().min(1) })
export type AcceptAgreementBody = z.input<typeof AcceptAgreementBodySchema>

export const AgreementAcceptanceSchema = z.object({
  personId: z.uuid(),
  version: z.number().int(),
  acceptedAt: z.iso.datetime(),
})

export const AgreementSchema = z.object({
  id: z.uuid(),
  focus: z.string(),
  groundRules: GroundRulesSchema,
  version: z.number().int(),
  proposedBy: z.uuid().nullable(),
  proposedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  acceptances: z.array(AgreementAcceptanceSchema),
  /** Every member accepted the current version. */
  isAgreed: z.boolean(),
  isAcceptedByMe: z.boolean(),
})
export type Agreement = z.infer<typeof AgreementSchema>

export const GOAL_STATUSES = ['active', 'achieved', 'dropped'] as const
export const GoalStatusSchema = z.enum(GOAL_STATUSES)
const ProgressSchema = z.number().int().min(0).max(100)

export const CreateGoalBodySchema = z.strictObject({
  title: textField({ min: 1, max: 200 }),
  /** How it will be measured. */
  measure: textField({ min: 1, max: 1000 }),
  target: textField({ min: 1, max: 500 }),
  dueOn: DateInputSchema,
})
export type CreateGoalBody = z.input<typeof CreateGoalBodySchema>

export const UpdateGoalBodySchema = z
  .strictObject({
    title: textField({ min: 1, max: 200 }),
    measure: textField({ min: 1, max: 1000 }),
    target: textField({ min: 1, max: 500 }),
    dueOn: DateInputSchema,
    status: GoalStatusSchema,
    progress: ProgressSchema,
  })
  .partial()
  .refine(hasSomeField, NOTHING_TO_CHANGE)
export type UpdateGoalBody = z.input<typeof UpdateGoalBodySchema>

export const CreateMilestoneBodySchema = z.strictObject({
  title: textField({ min: 1, max: 200 }),
  dueOn: DateInputSchema.nullable().optional(),
})
export type CreateMilestoneBody = z.input<typeof CreateMilestoneBodySchema>

export const UpdateMilestoneBodySchema = z.strictObject({ isDone: z.boolean() })
export type UpdateMilestoneBody = z.input<typeof UpdateMilestoneBodySchema>

/** The goal's owner posts progress (0-100); a partner comments. */
export const PostGoalUpdateBodySchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('progress'),
    progress: ProgressSchema,
    body: textField({ max: 4000 }).default(''),
  }),
  z.strictObject({
    kind: z.literal('comment'),
    body: textField({ min: 1, max: 4000 }),
  }),
])
export type PostGoalUpdateBody = z.input<typeof PostGoalUpdateBodySchema>

export const MilestoneSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  dueOn: DateOnlySchema.nullable(),
  doneAt: z.iso.datetime().nullable(),
})
export type Milestone = z.infer<typeof MilestoneSchema>

export const GoalUpdateSchema = z.object({
  id: z.uuid(),
  authorId: z.uuid().nullable(),
  authorName: z.string().nullable(),
  kind: z.enum(['progress', 'comment']),
  body: z.string(),
  progress: z.number().int().nullable(),
  createdAt: z.iso.datetime(),
})
export type GoalUpdate = z.infer<typeof GoalUpdateSchema>

export const GoalSchema = z.object({
  id: z.uuid(),
  matchId: z.uuid(),
  ownerId: z.uuid(),
  isMine: z.boolean(),
  title: z.string(),
  measure: z.string(),
  target: z.string(),
  dueOn: DateOnlySchema,
  status: GoalStatusSchema,
  progress: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  milestones: z.array(MilestoneSchema),
  /** The latest updates, newest first. */
  latestUpdates: z.array(GoalUpdateSchema),
})
export type Goal = z.infer<typeof GoalSchema>

export const WorkspacePartnerSchema = z.object({
  personId: z.uuid(),
  name: z.string(),
  title: z.string(),
  department: z.string(),
  timeZone: z.string(),
  role: RoleSchema,
})

/** One match's workspace as one of its members sees it. */
export const WorkspaceSchema = z.object({
  match: z.object({
    id: z.uuid(),
    /** dissolved: ended early; the workspace is read-only and only the closing survey stays open. */
    status: z.enum(['published', 'active', 'completed', 'dissolved']),
    publishedAt: z.iso.datetime().nullable(),
  }),
  myRole: RoleSchema,
  partners: z.array(WorkspacePartnerSchema),
  program: z.object({
    id: z.uuid(),
    name: z.string(),
    type: z.enum(['peer_coaching', 'coaching_circle', 'peer_mentoring']),
    confidentialityTerms: z.string(),
  }),
  agreement: AgreementSchema.nullable(),
  /** Whether I may set goals here (in mentoring only the mentee owns goals). */
  canOwnGoals: z.boolean(),
  goals: z.array(GoalSchema),
})
export type Workspace = z.infer<typeof WorkspaceSchema>

/**
 * The sections (tabs) of a match workspace, in order. The web app reads the open one from the URL
 * (`/matches/<id>?section=sessions`); notifications and emails link to the one they are about.
 */
export const WORKSPACE_SECTIONS = [
  'overview',
  'goals',
  'sessions',
  'notes',
  'action-items',
  'feedback',
  'wellbeing',
  'pairing',
] as const
export type WorkspaceSection = (typeof WORKSPACE_SECTIONS)[number]

/** The app's address of a match workspace, opened on `section` (the overview by default). */
export function workspacePath(matchId: string, section: WorkspaceSection = 'overview'): string {
  return section === 'overview' ? `/matches/${matchId}` : `/matches/${matchId}?section=${section}`
}
