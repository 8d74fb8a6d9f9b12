import { z } from 'zod'
import { PROGRAM_STATUSES, PROGRAM_TRANSITIONS } from './allowed-values.ts'
import { DateInputSchema, hasSomeField, NOTHING_TO_CHANGE, textField } from './input.ts'
import { SkillSlugSchema } from './skills.ts'

export const PROGRAM_TYPES = ['peer_coaching', 'coaching_circle', 'peer_mentoring'] as const
export const ProgramTypeSchema = z.enum(PROGRAM_TYPES)
export type ProgramType = z.infer<typeof ProgramTypeSchema>

export { PROGRAM_STATUSES, PROGRAM_TRANSITIONS }
export const ProgramStatusSchema = z.enum(PROGRAM_STATUSES)
export type ProgramStatus = z.infer<typeof ProgramStatusSchema>

/** Statuses in which people may enroll (active: late enrollees, matched into the running program). */
export const ENROLLABLE_STATUSES: readonly ProgramStatus[] = ['enrolling', 'active']

// ---- enrollment questions -------------------------------------------------------------------------

export const QUESTION_KINDS = ['short_text', 'single_choice', 'multiple_choice', 'scale'] as const
export const QuestionKindSchema = z.enum(QUESTION_KINDS)
export type QuestionKind = z.infer<typeof QuestionKindSchema>

/** Scale questions are answered 1..5. */
export const SCALE_MIN = 1
export const SCALE_MAX = 5

export const EnrollmentQuestionSchema = z
  .strictObject({
    /** Stable key of the answer in each enrollment ('q1', a uuid...). */
    id: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, - or _'),
    kind: QuestionKindSchema,
    prompt: textField({ min: 1, max: 500 }),
    /** The choices of single_choice and multiple_choice questions; absent for the others. */
    options: z
      .array(textField({ min: 1, max: 200 }))
      .max(20)
      .optional(),
    isRequired: z.boolean().default(false),
  })
  .superRefine((question, ctx) => {
    const isChoice = question.kind === 'single_choice' || question.kind === 'multiple_choice'
    if (isChoice && (!question.options || question.options.length < 2)) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'a choice question needs at least 2 options' })
    }
    if (!isChoice && question.options !== undefined && question.options.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: `a ${question.kind} question has no options` })
    }
    if (question.options && new Set(question.options).size !== question.options.length) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'must not repeat an option' })
    }
  })
export type EnrollmentQuestion = z.infer<typeof EnrollmentQuestionSchema>

export const EnrollmentQuestionsSchema = z
  .array(EnrollmentQuestionSchema)
  .max(30)
  .superRefine((questions, ctx) => {
    const seen = new Set<string>()
    questions.forEach((question, index) => {
      if (seen.has(question.id)) {
        ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `repeats the question id "${question.id}"` })
      }
      seen.add(question.id)
    })
  })

// ---- eligibility ----------------------------------------------------------------------------------

/**
 * Who may enroll: everyone, people of some departments, or a list of people. (No transforms here:
 * response schemas are encoded, and a transform cannot run backwards; the server removes repeats.)
 */
export const EligibilitySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('everyone') }),
  z.strictObject({
    kind: z.literal('departments'),
    departments: z
      .array(textField({ min: 1, max: 200 }))
      .min(1, 'list at least one department')
      .max(200),
  }),
  z.strictObject({
    kind: z.literal('people'),
    personIds: z.array(z.uuid()).min(1, 'list at least one person').max(20_000),
  }),
])
export type Eligibility = z.infer<typeof EligibilitySchema>

/**
 * Eligibility as a program is shown. A participant sees a people list reduced to themselves (or
 * empty): who else was invited is the program manager's business.
 */
export const EligibilityViewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('everyone') }),
  z.object({ kind: z.literal('departments'), departments: z.array(z.string()) }),
  z.object({ kind: z.literal('people'), personIds: z.array(z.string()) }),
])

// ---- matching rules -------------------------------------------------------------------------------

const weight = z.int().min(0).max(1000)
const gap = z.int().min(0).max(7)

export const MatchingWeightsSchema = z.strictObject({
  /** Skills one wants and the other offers, both ways. */
  complementarity: weight,
  /** Similar seniority for peers; the ideal gap for mentoring. */
  seniority: weight,
  /** Different departments. */
  diversity: weight,
  /** Shared working hours. */
  overlap: weight,
})
export type MatchingWeights = z.infer<typeof MatchingWeightsSchema>

export const MatchingConstraintsSchema = z.strictObject({
  /** Never pair a person with anyone above them in their reporting line. */
  excludeReportingChain: z.boolean(),
  /** How far up the chain the exclusion reaches: null = the whole chain, 1 = the direct manager only. */
  reportingChainDepth: z.int().min(1).max(20).nullable(),
  /** Never pair two people who report to the same manager (peers: there is hierarchy pressure in the team). */
  excludeSameManagerPeers: z.boolean(),
  requireSharedLanguage: z.boolean(),
  /** Minimum shared working minutes a day. */
  minOverlapMinutes: z.int().min(0).max(1440),
  /** Peers only: the largest seniority difference allowed (null: any). */
  maxSeniorityGap: gap.nullable(),
  minPairScore: z.int().min(0).max(100_000_000),
  /** Never pair people who were partners in an earlier cycle of this program. */
  avoidRepeatPartners: z.boolean(),
})
export type MatchingConstraints = z.infer<typeof MatchingConstraintsSchema>

export const MentoringRulesSchema = z.strictObject({
  /** Mentees a mentor takes when their enrollment does not say. */
  defaultCapacity: z.int().min(1).max(5),
  /** Mentor seniority minus mentee seniority, at least (null: no minimum). */
  minSeniorityGap: gap.nullable(),
  /** ... at most (null: no maximum). */
  maxSeniorityGap: gap.nullable(),
  /** The gap that scores best. */
  idealSeniorityGap: gap,
})
export type MentoringRules = z.infer<typeof MentoringRulesSchema>

export const CirclesRulesSchema = z.strictObject({
  minSize: z.int().min(2).max(12),
  maxSize: z.int().min(2).max(12),
  /** The size the grouping aims for, within minSize..maxSize. */
  targetSize: z.int().min(2).max(12),
})
export type CirclesRules = z.infer<typeof CirclesRulesSchema>

// ---- enrollment questions as matching criteria ---------------------------------------------------

export const QUESTION_CRITERION_RULES = ['same', 'different', 'overlap'] as const
export const QuestionCriterionRuleSchema = z.enum(QUESTION_CRITERION_RULES)
export type QuestionCriterionRule = z.infer<typeof QuestionCriterionRuleSchema>

/**
 * The rules that make sense for a question kind: a single answer is the same or different; chosen
 * options may also overlap; free text is never compared (two wordings of one idea would differ).
 */
export const RULES_BY_QUESTION_KIND: Record<QuestionKind, readonly QuestionCriterionRule[]> = {
  short_text: [],
  single_choice: ['same', 'different'],
  scale: ['same', 'different'],
  multiple_choice: ['same', 'different', 'overlap'],
}

/** An enrollment question scored in matching: same answers, different answers or shared options score. */
export const QuestionCriterionSchema = z.strictObject({
  questionId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, - or _'),
  rule: QuestionCriterionRuleSchema,
  weight,
})
export type QuestionCriterion = z.infer<typeof QuestionCriterionSchema>

/** Each criterion names one of the questions, once, with a rule its kind allows. */
export function checkQuestionCriteria(
  questions: readonly EnrollmentQuestion[],
  criteria: readonly QuestionCriterion[],
): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = []
  const byId = new Map(questions.map((q) => [q.id, q]))
  const seen = new Set<string>()
  criteria.forEach((criterion, index) => {
    const path = `questionCriteria.${index}`
    const question = byId.get(criterion.questionId)
    if (seen.has(criterion.questionId)) {
      issues.push({ path: `${path}.questionId`, message: `repeats the question "${criterion.questionId}"` })
    } else if (!question) {
      issues.push({
        path: `${path}.questionId`,
        message: `is not one of the program's enrollment questions ("${criterion.questionId}")`,
      })
    } else if (!RULES_BY_QUESTION_KIND[question.kind].includes(criterion.rule)) {
      const allowed = RULES_BY_QUESTION_KIND[question.kind]
      issues.push({
        path: `${path}.rule`,
        message:
          allowed.length === 0
            ? `a ${question.kind} question cannot be a matching criterion (free text is not compared)`
            : `"${criterion.rule}" does not fit a ${question.kind} question (use ${allowed.join(' or ')})`,
      })
    }
    seen.add(criterion.questionId)
  })
  return issues
}

/**
 * A program's matching rules. They map onto the matching engine's cohort `program` settings
 * (src/matching/cohort.schema.ts): weights, objective, constraints, mentoring, circles, candidateTopK.
 * excludeSameManagerPeers and avoidRepeatPartners have no engine field: the server turns them into
 * forbidden pairs; so do the program's never-pair rules (pair_rules).
 */
export const MatchingRulesSchema = z
  .strictObject({
    weights: MatchingWeightsSchema,
    objective: z.enum(['maxWeight', 'maxCardinalityThenWeight']),
    constraints: MatchingConstraintsSchema,
    mentoring: MentoringRulesSchema,
    circles: CirclesRulesSchema,
    /** Each person keeps their k best feasible partners (null: every feasible pair). */
    candidateTopK: z.int().min(1).max(1000).nullable(),
    /** Enrollment questions scored like the weights above (the engine's program.questionCriteria). */
    questionCriteria: z.array(QuestionCriterionSchema).max(30),
  })
  .superRefine((rules, ctx) => {
    const { weights, mentoring, circles } = rules
    if (weights.complementarity + weights.seniority + weights.diversity + weights.overlap === 0) {
      ctx.addIssue({ code: 'custom', path: ['weights'], message: 'at least one weight must be above 0' })
    }
    if (
      mentoring.minSeniorityGap !== null &&
      mentoring.maxSeniorityGap !== null &&
      mentoring.minSeniorityGap > mentoring.maxSeniorityGap
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['mentoring', 'minSeniorityGap'],
        message: `must be at most maxSeniorityGap (${mentoring.maxSeniorityGap})`,
      })
    }
    if (circles.minSize > circles.maxSize) {
      ctx.addIssue({
        code: 'custom',
        path: ['circles', 'minSize'],
        message: `must be at most maxSize (${circles.maxSize})`,
      })
    } else if (circles.targetSize < circles.minSize || circles.targetSize > circles.maxSize) {
      ctx.addIssue({
        code: 'custom',
        path: ['circles', 'targetSize'],
        message: `must lie within minSize..maxSize (${circles.minSize}..${circles.maxSize})`,
      })
    }
  })
export type MatchingRules = z.infer<typeof MatchingRulesSchema>

/** A change to the rules: any part may be left out and keeps its current (or default) value. */
export const MatchingRulesPatchSchema = z.strictObject({
  weights: MatchingWeightsSchema.partial().optional(),
  objective: z.enum(['maxWeight', 'maxCardinalityThenWeight']).optional(),
  constraints: MatchingConstraintsSchema.partial().optional(),
  mentoring: MentoringRulesSchema.partial().optional(),
  circles: CirclesRulesSchema.partial().optional(),
  candidateTopK: z.int().min(1).max(1000).nullable().optional(),
  /** replaces the whole list */
  questionCriteria: z.array(QuestionCriterionSchema).max(30).optional(),
})
export type MatchingRulesPatch = z.infer<typeof MatchingRulesPatchSchema>

/** Applies a patch to rules (one level deep); validate the result with MatchingRulesSchema. */
export function mergeMatchingRules(base: MatchingRules, patch: MatchingRulesPatch | undefined): MatchingRules {
  if (!patch) return base
  return {
    weights: { ...base.weights, ...patch.weights },
    objective: patch.objective ?? base.objective,
    constraints: { ...base.constraints, ...patch.constraints },
    mentoring: { ...base.mentoring, ...patch.mentoring },
    circles: { ...base.circles, ...patch.circles },
    candidateTopK: patch.candidateTopK === undefined ? base.candidateTopK : patch.candidateTopK,
    questionCriteria: patch.questionCriteria ?? base.questionCriteria,
  }
}

// ---- defaults per type ----------------------------------------------------------------------------

export const DEFAULT_CONFIDENTIALITY_TERMS = `What is said between peers stays between peers.

What is shared, and with whom:
- Your partner(s) see your name, title, department, the skills you want to grow and offer, and why you were matched.
- Shared session notes, agreed goals and action items are visible to the members of your match only.
- The program manager sees who enrolled and who is matched with whom, whether sessions take place, and aggregated, anonymous results (for example the average satisfaction of a group of at least five people). The program manager also sees the reason if you ask to be re-paired.

What stays private:
- Your private reflections and wellbeing check-ins are yours alone: no partner, manager, program manager or administrator can read them.
- Your manager sees nothing about your participation beyond what you choose to tell them.
- Feedback you give goes to your partner only; program managers see aggregated ratings, never the words.

If you ask for support, the program's support contact is told only with your consent.

By enrolling you agree to keep what your peers share with you confidential, both during and after the program.`

export interface ProgramSettings {
  sessionCadenceDays: number
  targetSessionCount: number
  sessionMinutes: number
  confidentialityTerms: string
  eligibility: Eligibility
  enrollmentQuestions: EnrollmentQuestion[]
  matchingRules: MatchingRules
}

const baseRules: MatchingRules = {
  weights: { complementarity: 50, seniority: 20, diversity: 20, overlap: 10 },
  objective: 'maxWeight',
  constraints: {
    excludeReportingChain: true,
    reportingChainDepth: null,
    excludeSameManagerPeers: true,
    requireSharedLanguage: true,
    minOverlapMinutes: 60,
    maxSeniorityGap: 2,
    minPairScore: 0,
    avoidRepeatPartners: false,
  },
  mentoring: { defaultCapacity: 2, minSeniorityGap: 1, maxSeniorityGap: null, idealSeniorityGap: 2 },
  circles: { minSize: 3, maxSize: 5, targetSize: 4 },
  candidateTopK: 50,
  questionCriteria: [],
}

/**
 * Sensible settings for a new program of the type: peer coaching is short and between people of
 * similar seniority; circles meet a little longer in groups of 3-5; mentoring runs for months and
 * needs a seniority gap, and matches as many mentees as possible before maximizing the score.
 */
export function defaultProgramSettings(type: ProgramType): ProgramSettings {
  const common = {
    sessionMinutes: 45,
    confidentialityTerms: DEFAULT_CONFIDENTIALITY_TERMS,
    eligibility: { kind: 'everyone' } as Eligibility,
    enrollmentQuestions: [] as EnrollmentQuestion[],
  }
  switch (type) {
    case 'peer_coaching':
      return { ...common, sessionCadenceDays: 14, targetSessionCount: 6, matchingRules: structuredClone(baseRules) }
    case 'coaching_circle':
      return {
        ...common,
        sessionMinutes: 60,
        sessionCadenceDays: 14,
        targetSessionCount: 8,
        matchingRules: {
          ...structuredClone(baseRules),
          // A circle mixes a few levels on purpose; the hierarchy rules still hold inside it.
          constraints: { ...baseRules.constraints, maxSeniorityGap: 3 },
        },
      }
    case 'peer_mentoring':
      return {
        ...common,
        sessionMinutes: 60,
        sessionCadenceDays: 21,
        targetSessionCount: 10,
        matchingRules: {
          ...structuredClone(baseRules),
          weights: { complementarity: 50, seniority: 30, diversity: 10, overlap: 10 },
          objective: 'maxCardinalityThenWeight',
          // The gap is the point of mentoring: the peer seniority cap and the same-manager rule do not apply.
          constraints: { ...baseRules.constraints, maxSeniorityGap: null, excludeSameManagerPeers: false },
        },
      }
  }
}

export const ProgramDefaultsQuerySchema = z.strictObject({ type: ProgramTypeSchema })

export const ProgramDefaultsSchema = z.object({
  type: ProgramTypeSchema,
  sessionCadenceDays: z.number().int(),
  targetSessionCount: z.number().int(),
  sessionMinutes: z.number().int(),
  confidentialityTerms: z.string(),
  eligibility: EligibilitySchema,
  enrollmentQuestions: z.array(EnrollmentQuestionSchema),
  matchingRules: MatchingRulesSchema,
})
export type ProgramDefaults = z.infer<typeof ProgramDefaultsSchema>

// ---- the program ----------------------------------------------------------------------------------

/** A program as the API shows it, to program managers and to the matching service. */
export const ProgramSchema = z.object({
  id: z.uuid(),
  type: ProgramTypeSchema,
  name: z.string(),
  description: z.string(),
  themeId: z.uuid().nullable(),
  themeName: z.string().nullable(),
  status: ProgramStatusSchema,
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  /** The last day people may enroll themselves (program managers may still enroll people). */
  enrollmentClosesOn: z.string().nullable(),
  sessionCadenceDays: z.number().int(),
  targetSessionCount: z.number().int(),
  sessionMinutes: z.number().int(),
  focusSkills: z.array(z.string()),
  enrollmentQuestions: z.array(EnrollmentQuestionSchema),
  confidentialityTerms: z.string(),
  eligibility: EligibilityViewSchema,
  matchingRules: MatchingRulesSchema,
  supportContactId: z.uuid().nullable(),
  supportContactName: z.string().nullable(),
  previousProgramId: z.uuid().nullable(),
  cycleNumber: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type Program = z.infer<typeof ProgramSchema>

/** A program as one viewer sees it: with what they may do and, for program managers, the head count. */
export const ProgramViewSchema = ProgramSchema.extend({
  /** People enrolled now; null for participants (program managers only). */
  enrolledCount: z.number().int().nullable(),
  isEnrolled: z.boolean(),
  isEligible: z.boolean(),
  /** The viewer may enroll now (eligible, status and dates allow, not enrolled yet). */
  canEnroll: z.boolean(),
})
export type ProgramView = z.infer<typeof ProgramViewSchema>

export const ProgramListSchema = z.object({ programs: z.array(ProgramViewSchema) })
export type ProgramList = z.infer<typeof ProgramListSchema>

export const ProgramParamsSchema = z.object({ programId: z.uuid('is not a valid program id') })

const programFields = {
  name: textField({ min: 1, max: 200 }),
  description: textField({ max: 10_000 }),
  themeId: z.uuid().nullable(),
  startsOn: DateInputSchema.nullable(),
  endsOn: DateInputSchema.nullable(),
  enrollmentClosesOn: DateInputSchema.nullable(),
  sessionCadenceDays: z.int().min(1).max(365),
  targetSessionCount: z.int().min(1).max(100),
  sessionMinutes: z.int().min(10).max(480),
  focusSkills: z
    .array(SkillSlugSchema)
    .max(20)
    .transform((items) => [...new Set(items)]),
  enrollmentQuestions: EnrollmentQuestionsSchema,
  confidentialityTerms: textField({ max: 20_000 }),
  eligibility: EligibilitySchema,
  supportContactId: z.uuid().nullable(),
  matchingRules: MatchingRulesPatchSchema,
}

/** Dates in order: starts <= ends, enrollment closes no later than the end. */
export function checkProgramDates(
  dates: { startsOn?: string | null; endsOn?: string | null; enrollmentClosesOn?: string | null },
  ctx: { addIssue(issue: { code: 'custom'; path: string[]; message: string }): void },
) {
  if (dates.startsOn && dates.endsOn && dates.startsOn > dates.endsOn) {
    ctx.addIssue({ code: 'custom', path: ['endsOn'], message: `must be on or after startsOn (${dates.startsOn})` })
  }
  if (dates.enrollmentClosesOn && dates.endsOn && dates.enrollmentClosesOn > dates.endsOn) {
    ctx.addIssue({
      code: 'custom',
      path: ['enrollmentClosesOn'],
      message: `must be on or before endsOn (${dates.endsOn})`,
    })
  }
}

/** A new program: type and name; everything else defaults from `defaultProgramSettings(type)`. */
export const CreateProgramBodySchema = z
  .strictObject({ type: ProgramTypeSchema, ...programFields })
  .partial()
  .required({ type: true, name: true })
  .superRefine(checkProgramDates)
export type CreateProgramBody = z.input<typeof CreateProgramBodySchema>

/** A change to a program: the type only while it is a draft; matching rules merge into the current ones. */
export const UpdateProgramBodySchema = z
  .strictObject({ type: ProgramTypeSchema, ...programFields })
  .partial()
  .refine(hasSomeField, NOTHING_TO_CHANGE)
  .superRefine(checkProgramDates)
export type UpdateProgramBody = z.input<typeof UpdateProgramBodySchema>

export const TransitionProgramBodySchema = z.strictObject({ to: ProgramStatusSchema })
export type TransitionProgramBody = z.infer<typeof TransitionProgramBodySchema>
