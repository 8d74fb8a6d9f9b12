import { z } from 'zod'
import { CohortError, formatPath } from './errors.ts'

/** Largest cohort document accepted (bytes of JSON): ~35,000 participants as gen_cohort.py formats them. */
export const MAX_COHORT_BYTES = 16 * 1024 * 1024

/** Upper bound of pointsPerWeightUnit x sum(weights): keeps every intermediate of the integer formula exact. */
export const MAX_POINTS_PER_PAIR = 1_000_000_000

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
export type ProgramType = z.output<typeof ProgramTypeSchema>
export type Objective = z.output<typeof ObjectiveSchema>

/** Parses JSON text of a cohort: size limit, JSON syntax, then every rule of `parseCohort`. */
export function parseCohortText(text: string): Cohort {
  const bytes = Buffer.byteLength(text, 'utf8')
  if (bytes > MAX_COHORT_BYTES) throw oversize(bytes)
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new CohortError('', `not valid JSON (${(error as Error).message})`)
  }
  return parseCohort(json)
}

export function oversize(bytes: number): CohortError {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`
  return new CohortError('', `input is ${mb(bytes)}, larger than the ${mb(MAX_COHORT_BYTES)} limit for one cohort`)
}

/** Validates a cohort document against the contract, applies defaults; throws CohortError naming the first bad field. */
export function parseCohort(json: unknown): Cohort {
  const parsed = CohortSchema.safeParse(json)
  if (!parsed.success) throw toCohortError(parsed.error.issues[0])
  const cohort = parsed.data
  checkParticipants(cohort)
  checkOrgChart(cohort)
  checkProgram(cohort)
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

function checkParticipants(cohort: Cohort): void {
  const seen = new Map<string, number>()
  const isMentoring = cohort.program.type === 'mentoring'
  cohort.participants.forEach((p, i) => {
    const first = seen.get(p.id)
    if (first !== undefined) {
      throw new CohortError(
        `participants[${i}].id`,
        `duplicate id ${JSON.stringify(p.id)} (also participants[${first}])`,
      )
    }
    seen.set(p.id, i)
    if (isMentoring && p.role === undefined) {
      throw new CohortError(`participants[${i}].role`, 'is required in a mentoring program (mentor or mentee)')
    }
    if (p.workingHours.start === '24:00' && p.workingHours.end === '00:00') {
      throw new CohortError(`participants[${i}].workingHours`, 'is an empty window (24:00-00:00)')
    }
  })
}

/** Unknown managers and management cycles, across participants and org.people (participants' managerId wins). */
function checkOrgChart(cohort: Cohort): void {
  const manager = new Map<string, string | null>()
  const where = new Map<string, string>()
  cohort.org.people.forEach((person, i) => {
    if (where.has(person.id)) {
      throw new CohortError(`org.people[${i}].id`, `duplicate id ${JSON.stringify(person.id)}`)
    }
    manager.set(person.id, person.managerId)
    where.set(person.id, `org.people[${i}]`)
  })
  cohort.participants.forEach((p, i) => {
    manager.set(p.id, p.managerId)
    where.set(p.id, `participants[${i}]`)
  })
  for (const [personId, managerId] of manager) {
    if (managerId !== null && !manager.has(managerId)) {
      throw new CohortError(
        `${where.get(personId)}.managerId`,
        `unknown manager ${JSON.stringify(managerId)} (neither a participant nor in org.people)`,
      )
    }
  }
  // 0 = unvisited, 1 = on the current walk, 2 = known to end at a root
  const state = new Map<string, number>()
  // walks start from participants, so a cycle is reported at a participant when one is on it
  for (const start of [...cohort.participants.map((p) => p.id), ...manager.keys()]) {
    if (state.get(start) === 2) continue
    const walk: string[] = []
    let cur: string | null = start
    while (cur !== null && state.get(cur) !== 2) {
      if (state.get(cur) === 1) {
        const cycle = [...walk.slice(walk.indexOf(cur)), cur].map((x) => JSON.stringify(x)).join(' -> ')
        throw new CohortError(`${where.get(cur)}.managerId`, `management cycle ${cycle}`)
      }
      state.set(cur, 1)
      walk.push(cur)
      cur = manager.get(cur) ?? null
    }
    for (const x of walk) state.set(x, 2)
  }
}

function checkProgram(cohort: Cohort): void {
  const { circles, weights, scoring } = cohort.program
  if (circles.minSize > circles.maxSize) {
    throw new CohortError('program.circles.minSize', `must be <= maxSize (${circles.maxSize})`)
  }
  if (circles.targetSize < circles.minSize || circles.targetSize > circles.maxSize) {
    throw new CohortError(
      'program.circles.targetSize',
      `must lie within minSize..maxSize (${circles.minSize}..${circles.maxSize})`,
    )
  }
  const sum = weights.complementarity + weights.seniority + weights.diversity + weights.overlap
  if (sum * scoring.pointsPerWeightUnit > MAX_POINTS_PER_PAIR) {
    throw new CohortError(
      'program.scoring.pointsPerWeightUnit',
      `pointsPerWeightUnit x sum of weights must be at most ${MAX_POINTS_PER_PAIR}`,
    )
  }
}
