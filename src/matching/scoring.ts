import {
  isForbidden,
  isInReportingChain,
  overlapMinutes,
  type PreparedCohort,
  points,
  popcount,
  questionFraction,
  questionPoints,
  ROLE_MENTEE,
  ROLE_MENTOR,
} from './prepared-cohort.ts'
import type { Criterion, QuestionCriterionResult } from './result.schema.ts'

export const CRITERIA = ['complementarity', 'seniority', 'diversity', 'overlap'] as const
export type CriterionName = (typeof CRITERIA)[number]

export interface PairExplanation {
  score: number
  criteria: Record<CriterionName, Criterion>
  /** the program's question criteria, in its order (absent when it has none) */
  questionCriteria?: QuestionCriterionResult[]
}

export type InfeasibleReason =
  | 'self'
  | 'forbidden_pair'
  | 'reporting_chain'
  | 'no_shared_language'
  | 'insufficient_overlap'
  | 'seniority_gap'
  | 'roles'
  | 'mentor_not_senior_enough'
  | 'mentor_too_senior'
  | 'below_min_score'

/** The pair's score (the four criteria's points plus the question criteria's); mentoring: a = mentor, b = mentee. */
export function scorePair(prep: PreparedCohort, a: number, b: number): number {
  const { skillWords: w, wanted, offered, wantedCount, tables, seniority } = prep
  let num = 0
  let den: number
  if (prep.type === 'mentoring') {
    for (let k = 0; k < w; k++) num += popcount(offered[a * w + k] & wanted[b * w + k])
    den = wantedCount[b]
  } else {
    for (let k = 0; k < w; k++) {
      num += popcount(wanted[a * w + k] & offered[b * w + k]) + popcount(wanted[b * w + k] & offered[a * w + k])
    }
    den = wantedCount[a] + wantedCount[b]
  }
  const gap = seniority[a] - seniority[b]
  const cap = tables.overlapPoints.length - 1
  const overlap = overlapMinutes(prep.winStart[a], prep.winEnd[a], prep.winStart[b], prep.winEnd[b])
  return (
    points(tables.complementarityFactor, num, den) +
    tables.seniorityPoints[gap + 7] +
    (prep.department[a] !== prep.department[b] ? tables.diversityPoints : 0) +
    tables.overlapPoints[overlap < cap ? overlap : cap] +
    (prep.questions.count > 0 ? questionPoints(prep.questions, a, b) : 0)
  )
}

/** Why the pair may not be matched, or null when it is feasible; mentoring: a = mentor, b = mentee. */
export function infeasibility(prep: PreparedCohort, a: number, b: number): InfeasibleReason | null {
  if (a === b) return 'self'
  const { constraints, mentoring } = prep.cohort.program
  if (isForbidden(prep, a, b)) return 'forbidden_pair'
  if (isInReportingChain(prep, a, b)) return 'reporting_chain'
  if (constraints.requireSharedLanguage && !sharesLanguage(prep, a, b)) return 'no_shared_language'
  if (constraints.minOverlapMinutes > 0) {
    const overlap = overlapMinutes(prep.winStart[a], prep.winEnd[a], prep.winStart[b], prep.winEnd[b])
    if (overlap < constraints.minOverlapMinutes) return 'insufficient_overlap'
  }
  const gap = prep.seniority[a] - prep.seniority[b]
  if (constraints.maxSeniorityGap !== null && Math.abs(gap) > constraints.maxSeniorityGap) return 'seniority_gap'
  if (prep.type === 'mentoring') {
    if (prep.role[a] !== ROLE_MENTOR || prep.role[b] !== ROLE_MENTEE) return 'roles'
    if (mentoring.minSeniorityGap !== null && gap < mentoring.minSeniorityGap) return 'mentor_not_senior_enough'
    if (mentoring.maxSeniorityGap !== null && gap > mentoring.maxSeniorityGap) return 'mentor_too_senior'
  }
  if (scorePair(prep, a, b) < constraints.minPairScore) return 'below_min_score'
  return null
}

/** Score of a feasible pair, -1 when infeasible; mentoring: a = mentor, b = mentee. */
export function feasibleScore(prep: PreparedCohort, a: number, b: number): number {
  return infeasibility(prep, a, b) === null ? scorePair(prep, a, b) : -1
}

/**
 * feasibleScore as a closure over the cohort's typed arrays, for callers that score millions of
 * arbitrary pairs (the circles' local search): the same value, without object lookups or caching.
 */
export function createFeasibleScorer(prep: PreparedCohort): (a: number, b: number) => number {
  const { constraints, mentoring } = prep.cohort.program
  const { skillWords: w, wanted, offered, wantedCount, seniority, department, winStart, winEnd, role } = prep
  const { langWords, languages, tin, tout, depth, chainDepth, forbiddenStart, forbiddenList } = prep
  const { complementarityFactor, seniorityPoints, diversityPoints, overlapPoints } = prep.tables
  const cap = overlapPoints.length - 1
  const { questions } = prep
  const hasQuestions = questions.count > 0
  const isMentoring = prep.type === 'mentoring'
  const needLanguage = constraints.requireSharedLanguage
  const minOverlap = constraints.minOverlapMinutes
  const maxGap = constraints.maxSeniorityGap ?? Infinity
  const mentorMinGap = mentoring.minSeniorityGap ?? -Infinity
  const mentorMaxGap = mentoring.maxSeniorityGap ?? Infinity
  const minScore = constraints.minPairScore
  return (a, b) => {
    if (a === b) return -1
    for (let k = forbiddenStart[a]; k < forbiddenStart[a + 1]; k++) if (forbiddenList[k] === b) return -1
    if (tin[b] <= tin[a] && tin[a] < tout[b] && depth[a] - depth[b] <= chainDepth) return -1
    if (tin[a] <= tin[b] && tin[b] < tout[a] && depth[b] - depth[a] <= chainDepth) return -1
    if (needLanguage) {
      let shared = false
      for (let k = 0; k < langWords; k++)
        if ((languages[a * langWords + k] & languages[b * langWords + k]) !== 0) shared = true
      if (!shared) return -1
    }
    const overlap = overlapMinutes(winStart[a], winEnd[a], winStart[b], winEnd[b])
    if (overlap < minOverlap) return -1
    const gap = seniority[a] - seniority[b]
    if (gap > maxGap || -gap > maxGap) return -1
    let num = 0
    let den: number
    if (isMentoring) {
      if (role[a] !== ROLE_MENTOR || role[b] !== ROLE_MENTEE) return -1
      if (gap < mentorMinGap || gap > mentorMaxGap) return -1
      for (let k = 0; k < w; k++) num += popcount(offered[a * w + k] & wanted[b * w + k])
      den = wantedCount[b]
    } else {
      for (let k = 0; k < w; k++) {
        num += popcount(wanted[a * w + k] & offered[b * w + k]) + popcount(wanted[b * w + k] & offered[a * w + k])
      }
      den = wantedCount[a] + wantedCount[b]
    }
    const score =
      points(complementarityFactor, num, den) +
      seniorityPoints[gap + 7] +
      (department[a] !== department[b] ? diversityPoints : 0) +
      overlapPoints[overlap < cap ? overlap : cap] +
      (hasQuestions ? questionPoints(questions, a, b) : 0)
    return score < minScore ? -1 : score
  }
}

function sharesLanguage(prep: PreparedCohort, a: number, b: number): boolean {
  const w = prep.langWords
  for (let k = 0; k < w; k++) if ((prep.languages[a * w + k] & prep.languages[b * w + k]) !== 0) return true
  return false
}

const round4 = (num: number, den: number) => (den > 0 ? Math.round((num / den) * 10000) / 10000 : 0)

function criterion(weightTimesPpu: number, num: number, den: number, detail: Record<string, unknown>): Criterion {
  return { points: points(weightTimesPpu, num, den), num, den, value: round4(num, den), detail }
}

/** Per-criterion explanation of a pair, straight from the cohort's lists (mentoring: a = mentor, b = mentee). */
export function explainPair(prep: PreparedCohort, a: number, b: number): PairExplanation {
  const { program, participants } = prep.cohort
  const ppu = program.scoring.pointsPerWeightUnit
  const w = program.weights
  const pa = participants[a]
  const pb = participants[b]
  const intersect = (wants: string[], offers: string[]) => {
    const set = new Set(offers)
    return wants.filter((s) => set.has(s)).sort()
  }
  let complementarity: Criterion
  let seniority: Criterion
  if (program.type === 'mentoring') {
    const got = intersect(pb.skillsWanted, pa.skillsOffered)
    complementarity = criterion(w.complementarity * ppu, got.length, pb.skillsWanted.length, {
      menteeWantsMentorOffers: got,
    })
    const gap = pa.seniority - pb.seniority
    const ideal = program.mentoring.idealSeniorityGap
    seniority = criterion(w.seniority * ppu, Math.max(0, 7 - Math.abs(gap - ideal)), 7, {
      mentor: pa.seniority,
      mentee: pb.seniority,
      gap,
      ideal,
    })
  } else {
    const aWantsBOffers = intersect(pa.skillsWanted, pb.skillsOffered)
    const bWantsAOffers = intersect(pb.skillsWanted, pa.skillsOffered)
    complementarity = criterion(
      w.complementarity * ppu,
      aWantsBOffers.length + bWantsAOffers.length,
      pa.skillsWanted.length + pb.skillsWanted.length,
      { aWantsBOffers, bWantsAOffers },
    )
    const gap = Math.abs(pa.seniority - pb.seniority)
    seniority = criterion(w.seniority * ppu, 7 - gap, 7, { a: pa.seniority, b: pb.seniority, gap })
  }
  const da = pa.department ?? null
  const db = pb.department ?? null
  const diversity = criterion(w.diversity * ppu, da !== db ? 1 : 0, 1, { a: da, b: db })
  const minutes = overlapMinutes(prep.winStart[a], prep.winEnd[a], prep.winStart[b], prep.winEnd[b])
  const cap = program.scoring.overlapCapMinutes
  const overlap = criterion(w.overlap * ppu, Math.min(minutes, cap), cap, { overlapMinutes: minutes })
  const criteria = { complementarity, seniority, diversity, overlap }
  const score = complementarity.points + seniority.points + diversity.points + overlap.points
  const questionCriteria = explainQuestions(prep, a, b)
  if (questionCriteria === undefined) return { score, criteria }
  return { score: questionCriteria.reduce((sum, q) => sum + q.points, score), criteria, questionCriteria }
}

/**
 * Each question criterion of the pair with its answers: detail `a` and `b` (null = not answered),
 * and for overlap the options both chose (`shared`).
 */
function explainQuestions(prep: PreparedCohort, a: number, b: number): QuestionCriterionResult[] | undefined {
  const criteria = prep.cohort.program.questionCriteria
  if (criteria === undefined || criteria.length === 0) return undefined
  const pa = prep.cohort.participants[a]
  const pb = prep.cohort.participants[b]
  return criteria.map((q, c) => {
    const [num, den] = questionFraction(prep.questions, c, a, b)
    const answerA = pa.answers?.[q.id] ?? null
    const answerB = pb.answers?.[q.id] ?? null
    const detail: Record<string, unknown> = { a: answerA, b: answerB }
    if (q.rule === 'overlap') {
      const chosenByB = new Set(typeof answerB === 'string' ? [answerB] : (answerB ?? []))
      const chosenByA = typeof answerA === 'string' ? [answerA] : (answerA ?? [])
      detail.shared = chosenByA.filter((option) => chosenByB.has(option)).sort()
    }
    return { id: q.id, rule: q.rule, ...criterion(prep.questions.factor[c], num, den, detail) }
  })
}
