import type { CohortInput } from './cohort.schema.ts'
import { createPythonRandom, type PythonRandom } from './python-random.ts'

/**
 * Synthetic cohorts with the model of the contract's gen_cohort.py (same draws, byte-identical
 * JSON): an org tree of ~1.25 n people (departments inherited from the VP, teams mostly
 * co-located), n participants sampled from it with the rest in org.people, seniority 1..8,
 * 1-3 languages, time zones and working hours, 3 skills wanted and 3 offered out of 40 with
 * popularity skew and a junior/senior tilt.
 */
export interface GenerateOptions {
  n: number
  seed: number
  type?: 'peer' | 'mentoring' | 'circles'
  topK?: number | null
  minOverlap?: number
  objective?: 'maxWeight' | 'maxCardinalityThenWeight'
  /** add three question criteria (same, different, overlap) and answers; off by default (gen_cohort.py has none) */
  questions?: boolean
}

const DEPARTMENTS = [
  'Engineering',
  'Product',
  'Design',
  'Data',
  'Sales',
  'Marketing',
  'Finance',
  'People',
  'Legal',
  'Operations',
  'Customer Success',
  'IT',
]
const DEPT_WEIGHTS = [30, 8, 5, 7, 14, 8, 5, 4, 2, 7, 8, 4]
const SKILLS = [
  'time-management',
  'prioritization',
  'giving-feedback',
  'receiving-feedback',
  'written-communication',
  'public-speaking',
  'networking',
  'career-planning',
  'work-life-balance',
  'resilience',
  'self-promotion',
  'managing-up',
  'emotional-intelligence',
  'conflict-resolution',
  'project-management',
  'agile-practices',
  'customer-empathy',
  'data-storytelling',
  'cross-functional-collaboration',
  'first-time-manager',
  'delegation',
  'coaching-others',
  'hiring-interviewing',
  'negotiation',
  'stakeholder-management',
  'presenting-to-executives',
  'strategic-thinking',
  'decision-making',
  'change-management',
  'influencing-without-authority',
  'financial-acumen',
  'product-thinking',
  'technical-leadership',
  'system-design',
  'remote-team-leadership',
  'diversity-inclusion',
  'innovation',
  'design-thinking',
  'sales-skills',
  'mentoring',
]
const N_FOUNDATIONAL = 20
const LANGS = ['en', 'es', 'de', 'fr', 'pt', 'ja', 'zh', 'hi', 'ar', 'nl']
/** [utc offset minutes, weight, primary-language choices] */
const REGIONS: [number, number, string[]][] = [
  [-480, 15, ['en']],
  [-300, 20, ['en']],
  [-180, 5, ['pt']],
  [0, 12, ['en']],
  [60, 18, ['de', 'fr', 'nl', 'es']],
  [120, 5, ['ar', 'en']],
  [330, 12, ['hi', 'en']],
  [480, 6, ['zh', 'en']],
  [540, 4, ['ja']],
  [600, 3, ['en']],
]
const REGION_INDEX = REGIONS.map((_, i) => i)
const REGION_WEIGHTS = REGIONS.map((r) => r[1])

interface OrgPerson {
  idx: number
  mgr: number | null
  sen: number
  dept: string
  region: number
}

function buildOrg(m: number, rng: PythonRandom): OrgPerson[] {
  const people: OrgPerson[] = [{ idx: 0, mgr: null, sen: 8, dept: 'Executive', region: 1 }]
  for (const dept of DEPARTMENTS) {
    if (people.length >= m) break
    const region = rng.random() < 0.5 ? 1 : rng.choices(REGION_INDEX, REGION_WEIGHTS)
    people.push({ idx: people.length, mgr: 0, sen: 7, dept, region })
  }
  const spanLimit = new Map<number, number>()
  for (const p of people) spanLimit.set(p.idx, rng.randint(4, 9))
  const reports = new Map<number, number>(people.map((p) => [p.idx, 0]))
  reports.set(0, people.length - 1)
  spanLimit.set(0, 10 ** 9)
  const openByDept = new Map<string, number[]>(DEPARTMENTS.map((d) => [d, []]))
  for (const p of people.slice(1)) openByDept.get(p.dept)!.push(p.idx)
  while (people.length < m) {
    const dept = rng.choices(DEPARTMENTS, DEPT_WEIGHTS)
    const cands = openByDept.get(dept)!
    if (cands.length === 0) {
      // every manager in this department is full: promote a random senior-enough member
      const pool = people.filter((p) => p.dept === dept && p.sen >= 3).map((p) => p.idx)
      if (pool.length === 0) continue
      const promoted = rng.choice(pool)
      spanLimit.set(promoted, reports.get(promoted)! + rng.randint(3, 8))
      cands.push(promoted)
    }
    const pick = rng.choice(cands)
    const boss = people[pick]
    const willManage = boss.sen >= 4 && rng.random() < 0.22
    const sen = willManage ? boss.sen - 1 : Math.max(1, boss.sen - rng.choices([1, 2, 3, 4], [3, 4, 3, 1]))
    const region = rng.random() < 0.65 ? boss.region : rng.choices(REGION_INDEX, REGION_WEIGHTS)
    const idx = people.length
    people.push({ idx, mgr: pick, sen, dept, region })
    reports.set(pick, reports.get(pick)! + 1)
    reports.set(idx, 0)
    spanLimit.set(idx, rng.randint(3, 9))
    if (reports.get(pick)! >= spanLimit.get(pick)!) cands.splice(cands.indexOf(pick), 1)
    if (willManage && sen >= 2) cands.push(idx)
  }
  return people
}

const SKILL_INDEX = SKILLS.map((_, i) => i)
const BASE = SKILLS.map((_, i) => 1.0 / (i + 1) ** 0.6)
const permuted = (seed: number) => {
  const perm = SKILLS.map((_, i) => i)
  createPythonRandom(seed).shuffle(perm)
  return perm
}
/** fixed popularity orders for "wanted" and "offered" */
const PERM_WANTED = permuted(1009)
const PERM_OFFERED = permuted(2003)

function sampleSkills(rng: PythonRandom, k: number, weights: number[], exclude: number[]): number[] {
  const w = [...weights]
  for (const e of exclude) w[e] = 0.0
  const chosen: number[] = []
  for (let r = 0; r < k; r++) {
    const idx = rng.choices(SKILL_INDEX, w)
    chosen.push(idx)
    w[idx] = 0.0
  }
  return chosen.sort((a, b) => a - b)
}

type Person = CohortInput['participants'][number]

function makeParticipant(p: OrgPerson, rng: PythonRandom, pidOf: (i: number) => string, type: string): Person {
  const [offset, , primary] = REGIONS[p.region]
  let langs = [rng.choice(primary)]
  if (!langs.includes('en') && rng.random() < 0.8) langs.push('en')
  if (rng.random() < 0.25) {
    const extra = rng.choice(LANGS)
    if (!langs.includes(extra)) langs.push(extra)
  }
  langs = langs.slice(0, 3)
  const startH = rng.choices([7, 8, 9, 10], [1, 4, 6, 2])
  const lengthH = rng.choices([8, 9], [3, 1])
  const sen = p.sen
  const wantW = SKILLS.map((_, i) => BASE[PERM_WANTED[i]])
  const offerW = SKILLS.map((_, i) => BASE[PERM_OFFERED[i]])
  for (let i = 0; i < SKILLS.length; i++) {
    const isAdvanced = i >= N_FOUNDATIONAL
    if (sen <= 3) {
      wantW[i] *= isAdvanced ? 0.4 : 1.6
      offerW[i] *= isAdvanced ? 0.5 : 1.3
    } else if (sen >= 6) {
      wantW[i] *= isAdvanced ? 1.5 : 0.6
      offerW[i] *= isAdvanced ? 1.8 : 0.9
    }
  }
  const wanted = sampleSkills(rng, 3, wantW, [])
  const offered = sampleSkills(rng, 3, offerW, wanted)
  const hh = (h: number) => `${String(h).padStart(2, '0')}:00`
  const person: Person = {
    id: pidOf(p.idx),
    seniority: sen,
    department: p.dept,
    managerId: p.mgr !== null ? pidOf(p.mgr) : null,
    languages: langs,
    utcOffsetMinutes: offset,
    workingHours: { start: hh(startH), end: hh(startH + lengthH) },
    skillsWanted: wanted.map((i) => SKILLS[i]),
    skillsOffered: offered.map((i) => SKILLS[i]),
  }
  if (type === 'mentoring') {
    const pMentor = sen >= 4 ? 0.85 : sen === 3 ? 0.3 : 0.0
    if (rng.random() < pMentor) {
      person.role = 'mentor'
      person.capacity = rng.choices([1, 2, 3], [2, 5, 3])
    } else person.role = 'mentee'
  }
  return person
}

function defaultProgram(options: Required<GenerateOptions>): CohortInput['program'] {
  const { type, objective, topK, minOverlap, seed } = options
  const program: CohortInput['program'] = {
    type,
    objective,
    weights: { complementarity: 50, seniority: 20, diversity: 20, overlap: 10 },
    constraints: {
      excludeReportingChain: true,
      reportingChainDepth: null,
      requireSharedLanguage: true,
      minOverlapMinutes: minOverlap,
      maxSeniorityGap: null,
      minPairScore: 0,
      forbiddenPairs: [],
    },
    scoring: { pointsPerWeightUnit: 100, overlapCapMinutes: 240 },
    candidateTopK: topK,
    seed,
  }
  if (type === 'mentoring') {
    program.weights = { complementarity: 60, seniority: 20, diversity: 10, overlap: 10 }
    program.mentoring = { defaultCapacity: 2, minSeniorityGap: 1, maxSeniorityGap: 5, idealSeniorityGap: 2 }
  }
  if (type === 'circles') program.circles = { minSize: 3, maxSize: 5, targetSize: 4 }
  return program
}

/** A synthetic cohort document (the same as `gen_cohort.py --n --seed --type --top-k --min-overlap --objective`). */
export function generateCohort(options: GenerateOptions): CohortInput {
  const full: Required<GenerateOptions> = {
    type: 'peer',
    topK: 50,
    minOverlap: 60,
    objective: 'maxWeight',
    questions: false,
    ...options,
  }
  const { n, seed, type } = full
  const rng = createPythonRandom(seed)
  const m = Math.max(n + 13, Math.ceil(n * 1.25))
  const org = buildOrg(m, rng)
  const width = Math.max(4, String(m).length)
  const pidOf = (i: number) => `e${String(i).padStart(width, '0')}`
  const sampled = rng.sample(m, n).sort((a, b) => a - b)
  const participants = sampled.map((i) => makeParticipant(org[i], rng, pidOf, type))
  const inCohort = new Set(sampled)
  const people = org
    .filter((p) => !inCohort.has(p.idx))
    .map((p) => ({ id: pidOf(p.idx), managerId: p.mgr !== null ? pidOf(p.mgr) : null }))
  const cohort: CohortInput = {
    schemaVersion: '1.0',
    cohortId: `synthetic-${type}-n${n}-s${seed}`,
    program: defaultProgram(full),
    participants,
    org: { people },
  }
  return full.questions ? withQuestions(cohort, seed) : cohort
}

const WORK_MODES = ['Remote', 'Hybrid', 'Office']
const STYLES = ['Listener', 'Challenger', 'Storyteller']
const TOPICS = ['Career', 'Leadership', 'Wellbeing', 'Craft', 'Communication', 'Strategy', 'Networking', 'Change']

/**
 * Question criteria and answers drawn from their own generator (seeded apart), so the cohort
 * without them is untouched: ~10% leave a question unanswered; topics are 1-3 of 8.
 */
function withQuestions(cohort: CohortInput, seed: number): CohortInput {
  const rng = createPythonRandom(seed * 31 + 17)
  cohort.program.questionCriteria = [
    { id: 'work-mode', rule: 'same', weight: 15 },
    { id: 'style', rule: 'different', weight: 5 },
    { id: 'topics', rule: 'overlap', weight: 20 },
  ]
  for (const p of cohort.participants) {
    const answers: Record<string, string | string[]> = {}
    if (rng.random() >= 0.1) answers['work-mode'] = rng.choice(WORK_MODES)
    if (rng.random() >= 0.1) answers.style = rng.choice(STYLES)
    if (rng.random() >= 0.1) answers.topics = rng.sample(TOPICS.length, rng.randint(1, 3)).map((i) => TOPICS[i])
    p.answers = answers
  }
  return cohort
}

/** The JSON text gen_cohort.py writes (indent 1, trailing newline). */
export function formatCohort(cohort: CohortInput): string {
  return `${JSON.stringify(cohort, null, 1)}\n`
}
