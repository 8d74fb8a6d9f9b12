/**
 * The cohort rules that need no Zod, and a fast path for valid documents. Loading Zod and running
 * its object schema over 10,000 participants costs ~0.15 s of the CLI's ~1.3 s at 10,000 people,
 * so a document is first checked here by hand: when every field is present in its common form, the
 * result is the very value `CohortSchema` would produce (defaults applied, fresh arrays and
 * objects); anything unusual (a wrong type, a value out of range, an unknown key, a value Zod would
 * coerce or report) makes the fast path step aside (`undefined`), and `parseCohort` in
 * `cohort.schema.ts` decides with Zod, which also words the error. The rules JSON Schema cannot
 * express (duplicates, unknown managers, cycles, roles, circle sizes) run after either path.
 */
import type { Cohort, Participant } from './cohort.schema.ts'
import { CohortError } from './errors.ts'

/** Largest cohort document accepted (bytes of JSON): ~35,000 participants as gen_cohort.py formats them. */
export const MAX_COHORT_BYTES = 16 * 1024 * 1024

/** Upper bound of pointsPerWeightUnit x sum(weights): keeps every intermediate of the integer formula exact. */
export const MAX_POINTS_PER_PAIR = 1_000_000_000

export function oversize(bytes: number): CohortError {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`
  return new CohortError('', `input is ${mb(bytes)}, larger than the ${mb(MAX_COHORT_BYTES)} limit for one cohort`)
}

/** JSON text of a cohort: size limit, then JSON syntax. */
export function parseJsonText(text: string): unknown {
  const bytes = Buffer.byteLength(text, 'utf8')
  if (bytes > MAX_COHORT_BYTES) throw oversize(bytes)
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new CohortError('', `not valid JSON (${(error as Error).message})`)
  }
}

/**
 * A cohort when the document is valid in its common form (with the contract's rules checked:
 * throws CohortError for duplicates, cycles and the like), `undefined` when Zod must decide.
 */
export function parseCohortFast(json: unknown): Cohort | undefined {
  const cohort = fastCohort(json)
  if (cohort === undefined) return undefined
  checkCohort(cohort)
  return cohort
}

/** The rules beyond the schema: duplicate ids, roles, empty windows, the org chart, program settings. */
export function checkCohort(cohort: Cohort): void {
  checkParticipants(cohort)
  checkOrgChart(cohort)
  checkProgram(cohort)
}

// ---- the fast path: each reader returns the parsed value, or NO when Zod must decide ----

const NO: unique symbol = Symbol('no')
type No = typeof NO

function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** Only the known keys, none of them explicitly undefined. */
function onlyKeys(record: Record<string, unknown>, known: ReadonlySet<string>): boolean {
  for (const key in record) {
    if (!known.has(key) || record[key] === undefined) return false
  }
  return true
}

const int = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max

const intOr = (value: unknown, fallback: number | null, min: number, max: number): number | null | No => {
  if (value === undefined) return fallback
  return int(value, min, max) ? value : NO
}

const nullableIntOr = (value: unknown, fallback: number | null, min: number, max: number): number | null | No => {
  if (value === null) return null
  return intOr(value, fallback, min, max)
}

const boolOr = (value: unknown, fallback: boolean): boolean | No => {
  if (value === undefined) return fallback
  return typeof value === 'boolean' ? value : NO
}

const isId = (value: unknown): value is string => typeof value === 'string' && value.length >= 1 && value.length <= 200

/** An array of distinct strings of at most 200 characters, copied; NO otherwise. */
function uniqueStrings(value: unknown, minItems: number, maxItems: number): string[] | No {
  if (!Array.isArray(value) || value.length < minItems || value.length > maxItems) return NO
  const out = new Array<string>(value.length)
  for (let i = 0; i < value.length; i++) {
    const item = value[i]
    if (typeof item !== 'string' || item.length > 200) return NO
    out[i] = item
  }
  // short lists (the usual few skills) compare pairwise, long ones through a set
  if (out.length <= 16) {
    for (let i = 1; i < out.length; i++) for (let j = 0; j < i; j++) if (out[j] === out[i]) return NO
  } else if (new Set(out).size !== out.length) return NO
  return out
}

const HHMM = /^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/
const isHhmm = (value: unknown): value is string => typeof value === 'string' && HHMM.test(value)

const I = Number.MAX_SAFE_INTEGER

const COHORT_KEYS = new Set(['schemaVersion', 'cohortId', 'program', 'participants', 'org'])
const PROGRAM_KEYS = new Set([
  'type',
  'objective',
  'weights',
  'constraints',
  'scoring',
  'candidateTopK',
  'seed',
  'mentoring',
  'circles',
])
const WEIGHT_KEYS = new Set(['complementarity', 'seniority', 'diversity', 'overlap'])
const CONSTRAINT_KEYS = new Set([
  'excludeReportingChain',
  'reportingChainDepth',
  'requireSharedLanguage',
  'minOverlapMinutes',
  'maxSeniorityGap',
  'minPairScore',
  'forbiddenPairs',
])
const SCORING_KEYS = new Set(['pointsPerWeightUnit', 'overlapCapMinutes'])
const MENTORING_KEYS = new Set(['defaultCapacity', 'minSeniorityGap', 'maxSeniorityGap', 'idealSeniorityGap'])
const CIRCLES_KEYS = new Set(['minSize', 'maxSize', 'targetSize'])
const PARTICIPANT_KEYS = new Set([
  'id',
  'seniority',
  'department',
  'managerId',
  'languages',
  'utcOffsetMinutes',
  'workingHours',
  'skillsWanted',
  'skillsOffered',
  'role',
  'capacity',
])
const HOURS_KEYS = new Set(['start', 'end'])
const ORG_KEYS = new Set(['people'])
const PERSON_KEYS = new Set(['id', 'managerId'])

/** A nested settings object: absent means {} (Zod's prefault), else a record of known keys. */
function settings(value: unknown, keys: ReadonlySet<string>): Record<string, unknown> | No {
  if (value === undefined) return {}
  return isRecord(value) && onlyKeys(value, keys) ? value : NO
}

function fastCohort(json: unknown): Cohort | undefined {
  if (!isRecord(json) || !onlyKeys(json, COHORT_KEYS)) return undefined
  if (json.schemaVersion !== '1.0' || !isId(json.cohortId)) return undefined
  const program = fastProgram(json.program)
  if (program === NO) return undefined
  const list = json.participants
  if (!Array.isArray(list) || list.length === 0) return undefined
  const participants = new Array<Participant>(list.length)
  for (let i = 0; i < list.length; i++) {
    const p = fastParticipant(list[i])
    if (p === NO) return undefined
    participants[i] = p
  }
  const org = settings(json.org, ORG_KEYS)
  if (org === NO) return undefined
  let people: Cohort['org']['people'] = []
  if (org.people !== undefined) {
    if (!Array.isArray(org.people)) return undefined
    people = new Array(org.people.length)
    for (let i = 0; i < org.people.length; i++) {
      const person = org.people[i]
      if (!isRecord(person) || !onlyKeys(person, PERSON_KEYS) || !isId(person.id)) return undefined
      if (person.managerId !== null && !isId(person.managerId)) return undefined
      people[i] = { id: person.id, managerId: person.managerId }
    }
  }
  return { schemaVersion: '1.0', cohortId: json.cohortId, program, participants, org: { people } }
}

function fastProgram(value: unknown): Cohort['program'] | No {
  if (!isRecord(value) || !onlyKeys(value, PROGRAM_KEYS)) return NO
  const { type } = value
  if (type !== 'peer' && type !== 'mentoring' && type !== 'circles') return NO
  const objective = value.objective === undefined ? 'maxWeight' : value.objective
  if (objective !== 'maxWeight' && objective !== 'maxCardinalityThenWeight') return NO

  const w = settings(value.weights, WEIGHT_KEYS)
  if (w === NO) return NO
  const complementarity = intOr(w.complementarity, 50, 0, 1_000_000)
  const seniority = intOr(w.seniority, 20, 0, 1_000_000)
  const diversity = intOr(w.diversity, 20, 0, 1_000_000)
  const overlap = intOr(w.overlap, 10, 0, 1_000_000)
  if (complementarity === NO || seniority === NO || diversity === NO || overlap === NO) return NO

  const c = settings(value.constraints, CONSTRAINT_KEYS)
  if (c === NO) return NO
  const excludeReportingChain = boolOr(c.excludeReportingChain, true)
  const reportingChainDepth = nullableIntOr(c.reportingChainDepth, null, 1, I)
  const requireSharedLanguage = boolOr(c.requireSharedLanguage, true)
  const minOverlapMinutes = intOr(c.minOverlapMinutes, 0, 0, 1440)
  const maxSeniorityGap = nullableIntOr(c.maxSeniorityGap, null, 0, I)
  const minPairScore = intOr(c.minPairScore, 0, 0, I)
  if (excludeReportingChain === NO || reportingChainDepth === NO || requireSharedLanguage === NO) return NO
  if (minOverlapMinutes === NO || maxSeniorityGap === NO || minPairScore === NO) return NO
  const forbiddenPairs: [string, string][] = []
  if (c.forbiddenPairs !== undefined) {
    if (!Array.isArray(c.forbiddenPairs)) return NO
    for (const pair of c.forbiddenPairs) {
      if (!Array.isArray(pair) || pair.length !== 2 || !isId(pair[0]) || !isId(pair[1])) return NO
      forbiddenPairs.push([pair[0], pair[1]])
    }
  }

  const s = settings(value.scoring, SCORING_KEYS)
  if (s === NO) return NO
  const pointsPerWeightUnit = intOr(s.pointsPerWeightUnit, 100, 1, 1_000_000)
  const overlapCapMinutes = intOr(s.overlapCapMinutes, 240, 1, 1440)
  if (pointsPerWeightUnit === NO || overlapCapMinutes === NO) return NO

  const candidateTopK = nullableIntOr(value.candidateTopK, 50, 1, I)
  if (candidateTopK === NO) return NO
  if (value.seed !== undefined && !int(value.seed, -I, I)) return NO

  const m = settings(value.mentoring, MENTORING_KEYS)
  if (m === NO) return NO
  const defaultCapacity = intOr(m.defaultCapacity, 2, 1, 10_000)
  const mentorMinGap = nullableIntOr(m.minSeniorityGap, 1, -I, I)
  const mentorMaxGap = nullableIntOr(m.maxSeniorityGap, null, -I, I)
  const idealSeniorityGap = intOr(m.idealSeniorityGap, 2, 0, I)
  if (defaultCapacity === NO || mentorMinGap === NO || mentorMaxGap === NO || idealSeniorityGap === NO) return NO

  const o = settings(value.circles, CIRCLES_KEYS)
  if (o === NO) return NO
  const minSize = intOr(o.minSize, 3, 2, 50)
  const maxSize = intOr(o.maxSize, 5, 2, 50)
  const targetSize = intOr(o.targetSize, 4, 2, 50)
  if (minSize === NO || maxSize === NO || targetSize === NO) return NO

  // nullable-or-default readers give number | null; the defaults above are numbers where the schema says so
  const program: Cohort['program'] = {
    type,
    objective,
    weights: {
      complementarity: complementarity!,
      seniority: seniority!,
      diversity: diversity!,
      overlap: overlap!,
    },
    constraints: {
      excludeReportingChain,
      reportingChainDepth,
      requireSharedLanguage,
      minOverlapMinutes: minOverlapMinutes!,
      maxSeniorityGap,
      minPairScore: minPairScore!,
      forbiddenPairs,
    },
    scoring: { pointsPerWeightUnit: pointsPerWeightUnit!, overlapCapMinutes: overlapCapMinutes! },
    candidateTopK,
    ...(value.seed === undefined ? {} : { seed: value.seed as number }),
    mentoring: {
      defaultCapacity: defaultCapacity!,
      minSeniorityGap: mentorMinGap,
      maxSeniorityGap: mentorMaxGap,
      idealSeniorityGap: idealSeniorityGap!,
    },
    circles: { minSize: minSize!, maxSize: maxSize!, targetSize: targetSize! },
  }
  return program
}

function fastParticipant(value: unknown): Participant | No {
  if (!isRecord(value) || !onlyKeys(value, PARTICIPANT_KEYS)) return NO
  const { id, seniority, department, managerId, utcOffsetMinutes, workingHours, role, capacity } = value
  if (!isId(id) || !int(seniority, 1, 8) || !int(utcOffsetMinutes, -720, 840)) return NO
  if (department !== undefined && department !== null && (typeof department !== 'string' || department.length > 200)) {
    return NO
  }
  if (managerId !== undefined && managerId !== null && !isId(managerId)) return NO
  const languages = uniqueStrings(value.languages, 1, 100)
  if (languages === NO) return NO
  let hours = { start: '09:00', end: '17:00' }
  if (workingHours !== undefined) {
    if (!isRecord(workingHours) || !onlyKeys(workingHours, HOURS_KEYS)) return NO
    if (!isHhmm(workingHours.start) || !isHhmm(workingHours.end)) return NO
    hours = { start: workingHours.start, end: workingHours.end }
  }
  const skillsWanted = value.skillsWanted === undefined ? [] : uniqueStrings(value.skillsWanted, 0, 1000)
  const skillsOffered = value.skillsOffered === undefined ? [] : uniqueStrings(value.skillsOffered, 0, 1000)
  if (skillsWanted === NO || skillsOffered === NO) return NO
  if (role !== undefined && role !== 'mentor' && role !== 'mentee') return NO
  if (capacity !== undefined && !int(capacity, 1, 10_000)) return NO
  // keys in the schema's order, as Zod writes them (department, role and capacity only when given)
  const p: Participant =
    department === undefined
      ? {
          id,
          seniority,
          managerId: managerId ?? null,
          languages,
          utcOffsetMinutes,
          workingHours: hours,
          skillsWanted,
          skillsOffered,
        }
      : {
          id,
          seniority,
          department,
          managerId: managerId ?? null,
          languages,
          utcOffsetMinutes,
          workingHours: hours,
          skillsWanted,
          skillsOffered,
        }
  if (role !== undefined) p.role = role
  if (capacity !== undefined) p.capacity = capacity
  return p
}

// ---- the rules beyond the schema ----

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
  // where each id was last given: participants[i] as i, org.people[i] as -1 - i (the path of an
  // error is only spelled out when there is one)
  const where = new Map<string, number>()
  const pathOf = (id: string) => {
    const at = where.get(id)!
    return at >= 0 ? `participants[${at}]` : `org.people[${-1 - at}]`
  }
  cohort.org.people.forEach((person, i) => {
    if (where.has(person.id)) {
      throw new CohortError(`org.people[${i}].id`, `duplicate id ${JSON.stringify(person.id)}`)
    }
    manager.set(person.id, person.managerId)
    where.set(person.id, -1 - i)
  })
  cohort.participants.forEach((p, i) => {
    manager.set(p.id, p.managerId)
    where.set(p.id, i)
  })
  for (const [personId, managerId] of manager) {
    if (managerId !== null && !manager.has(managerId)) {
      throw new CohortError(
        `${pathOf(personId)}.managerId`,
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
        throw new CohortError(`${pathOf(cur)}.managerId`, `management cycle ${cycle}`)
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
  const questions = cohort.program.questionCriteria ?? []
  const seen = new Set<string>()
  questions.forEach((q, i) => {
    if (seen.has(q.id))
      throw new CohortError(`program.questionCriteria[${i}].id`, `duplicate id ${JSON.stringify(q.id)}`)
    seen.add(q.id)
  })
  let sum = weights.complementarity + weights.seniority + weights.diversity + weights.overlap
  for (const q of questions) sum += q.weight
  if (sum * scoring.pointsPerWeightUnit > MAX_POINTS_PER_PAIR) {
    throw new CohortError(
      'program.scoring.pointsPerWeightUnit',
      `pointsPerWeightUnit x sum of weights (question criteria included) must be at most ${MAX_POINTS_PER_PAIR}`,
    )
  }
}
