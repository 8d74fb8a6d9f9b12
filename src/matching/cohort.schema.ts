import { z } from 'zod'
import { checkCohort, parseCohortFast, parseJsonText } from './cohort-rules.ts'
import { CohortError, formatPath } from './errors.ts'

export { MAX_COHORT_BYTES, MAX_POINTS_PER_PAIR, oversize } from './cohort-rules.ts'

type Issue = { input?: unknown }
const says = (text: string) => (issue: Issue) => (issue.input === undefined ? 'is required' : text)

const int = (min: number, max?: number) => {
  const text = max === undefined ? `must be an integer >= ${min}` : `must be an integer ${min}..${max}`
  const schema = z.int({ error: says(text) }).min(min, { error: text })
  return max === undefined ? schema : schema.max(max, { error: text })
}
const bool = () => z.boolean({ error: says('must be true or false') })
const str = (maxLength = 200) =>
  z.string({ error: says('must be a string') }).max(maxLength, { error: `must be at most ${maxLength} characters` })
const id = () => str().min(1, { error: 'must be a non-empty string' })

const uniqueStrings = (maxItems: number) =>
  z
    .array(str(), { error: says('must be an array of strings') })
    .max(maxItems, { error: `must have at most ${maxItems} items` })
    .superRefine((items, ctx) => {
      const seen = new Set<string>()
      for (const item of items) {
        if (seen.has(item)) {
          ctx.addIssue({ code: 'custom', message: `must not repeat ${JSON.stringify(item)}` })
          return
        }
        seen.add(item)
      }
    })

const HHMM = /^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/
const hhmm = () => z.string({ error: says('must be a time "HH:MM"') }).regex(HHMM, { error: 'must be a time "HH:MM"' })

export const WeightsSchema = z.strictObject({
  complementarity: int(0, 1_000_000).default(50),
  seniority: int(0, 1_000_000).default(20),
  diversity: int(0, 1_000_000).default(20),
  overlap: int(0, 1_000_000).default(10),
})

export const ConstraintsSchema = z.strictObject({
  excludeReportingChain: bool().default(true),
  reportingChainDepth: int(1).nullable().default(null),
  requireSharedLanguage: bool().default(true),
  minOverlapMinutes: int(0, 1440).default(0),
  maxSeniorityGap: int(0).nullable().default(null),
  minPairScore: int(0).default(0),
  forbiddenPairs: z
    .array(z.tuple([id(), id()], { error: says('must be a pair [idA, idB]') }), {
      error: says('must be an array of pairs'),
    })
    .default([]),
})

export const ScoringSchema = z.strictObject({
  pointsPerWeightUnit: int(1, 1_000_000).default(100),
  overlapCapMinutes: int(1, 1440).default(240),
})

export const MentoringSettingsSchema = z.strictObject({
  defaultCapacity: int(1, 10_000).default(2),
  minSeniorityGap: z
    .int({ error: says('must be an integer or null') })
    .nullable()
    .default(1),
  maxSeniorityGap: z
    .int({ error: says('must be an integer or null') })
    .nullable()
    .default(null),
  idealSeniorityGap: int(0).default(2),
})

export const CirclesSettingsSchema = z.strictObject({
  minSize: int(2, 50).default(3),
  maxSize: int(2, 50).default(5),
  targetSize: int(2, 50).default(4),
})

export const ProgramTypeSchema = z.enum(['peer', 'mentoring', 'circles'], {
  error: says('must be one of peer, mentoring, circles'),
})
export const ObjectiveSchema = z.enum(['maxWeight', 'maxCardinalityThenWeight'], {
  error: says('must be maxWeight or maxCardinalityThenWeight'),
})

export const QuestionRuleSchema = z.enum(['same', 'different', 'overlap'], {
  error: says('must be one of same, different, overlap'),
})

/** An enrollment question scored like a built-in criterion (see scoreQuestion in prepared-cohort.ts). */
export const QuestionCriterionSchema = z.strictObject({
  id: id(),
  rule: QuestionRuleSchema,
  weight: int(0, 1_000_000),
})

/** A participant's answer: one option (or free text) or the options chosen; absent = not answered. */
export const AnswerSchema = z.union([str(), uniqueStrings(1000)], {
  error: says('must be a string or an array of strings'),
})

export const ProgramSchema = z.strictObject({
  type: ProgramTypeSchema,
  objective: ObjectiveSchema.default('maxWeight'),
  weights: WeightsSchema.prefault({}),
  constraints: ConstraintsSchema.prefault({}),
  scoring: ScoringSchema.prefault({}),
  candidateTopK: int(1).nullable().default(50),
  seed: z.int({ error: says('must be an integer') }).optional(),
  mentoring: MentoringSettingsSchema.prefault({}),
  circles: CirclesSettingsSchema.prefault({}),
  /** absent in cohorts without them: old cohorts parse to the very same value */
  questionCriteria: z
    .array(QuestionCriterionSchema, { error: says('must be an array') })
    .max(50, { error: 'must have at most 50 items' })
    .optional(),
})

export const WorkingHoursSchema = z.strictObject({ start: hhmm(), end: hhmm() })

export const ParticipantSchema = z.strictObject({
  id: id(),
  seniority: int(1, 8),
  department: str().nullable().optional(),
  managerId: id().nullable().default(null),
  languages: uniqueStrings(100).min(1, { error: 'must list at least one language' }),
  utcOffsetMinutes: int(-720, 840),
  workingHours: WorkingHoursSchema.default({ start: '09:00', end: '17:00' }),
  skillsWanted: uniqueStrings(1000).default([]),
  skillsOffered: uniqueStrings(1000).default([]),
  role: z.enum(['mentor', 'mentee'], { error: says('must be mentor or mentee') }).optional(),
  capacity: int(1, 10_000).optional(),
  /** answers to the program's enrollment questions by question id (only the criteria's are read) */
  answers: z.record(id(), AnswerSchema, { error: says('must be an object of answers by question id') }).optional(),
})

export const OrgPersonSchema = z.strictObject({ id: id(), managerId: id().nullable() })

export const CohortSchema = z.strictObject(
  {
    schemaVersion: z.literal('1.0', { error: says('must be "1.0"') }),
    cohortId: id(),
    program: ProgramSchema,
    participants: z
      .array(ParticipantSchema, { error: says('must be an array') })
      .min(1, { error: 'must not be empty (nobody to match)' }),
    org: z
      .strictObject({ people: z.array(OrgPersonSchema, { error: says('must be an array') }).default([]) })
      .prefault({}),
  },
  { error: says('must be a JSON object') },
)

export type Cohort = z.output<typeof CohortSchema>
export type CohortInput = z.input<typeof CohortSchema>
export type Participant = Cohort['participants'][number]
export type Program = Cohort['program']
export type QuestionCriterion = z.output<typeof QuestionCriterionSchema>
export type QuestionRule = z.output<typeof QuestionRuleSchema>
export type ProgramType = z.output<typeof ProgramTypeSchema>
export type Objective = z.output<typeof ObjectiveSchema>

/** Parses JSON text of a cohort: size limit, JSON syntax, then every rule of `parseCohort`. */
export function parseCohortText(text: string): Cohort {
  return parseCohort(parseJsonText(text))
}

/** Validates a cohort document against the contract, applies defaults; throws CohortError naming the first bad field. */
export function parseCohort(json: unknown): Cohort {
  // a valid document in its common form needs no Zod (the same value, much faster); Zod decides the rest
  const fast = parseCohortFast(json)
  if (fast !== undefined) return fast
  const parsed = CohortSchema.safeParse(json)
  if (!parsed.success) throw toCohortError(parsed.error.issues[0])
  const cohort = parsed.data
  checkCohort(cohort)
  return cohort
}

type ZodIssue = z.core.$ZodIssue

function toCohortError(issue: ZodIssue): CohortError {
  const path = formatPath(issue.path)
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]
    return new CohortError(path ? `${path}.${key}` : key, 'unknown field')
  }
  if (issue.code === 'invalid_union' || issue.message.startsWith('Invalid input')) {
    return new CohortError(path, issue.input === undefined ? 'is required' : 'has the wrong type')
  }
  return new CohortError(path, issue.message)
}
