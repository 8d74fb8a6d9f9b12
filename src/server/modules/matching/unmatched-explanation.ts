import { type CohortInput, parseCohort } from '#matching/cohort.schema.ts'
import { type PreparedCohort, prepareCohort, ROLE_MENTOR } from '#matching/prepared-cohort.ts'
import { type InfeasibleReason, infeasibility } from '#matching/scoring.ts'

// Why one person was left without a match, in their terms (issue #17, point 2): of the people the
// run could have paired them with, how many were feasible (and went to others), and how many each
// hard rule excluded; with the one change most likely to find them a partner. Counted from the same
// cohort and the same rule checks the engine used, after the run, for the unmatched only.

/** The hard rules, as people name them. */
export const EXCLUSION_RULES = [
  'reporting_chain',
  'language',
  'working_hours',
  'seniority',
  'pair_rules',
  'low_fit',
] as const
export type ExclusionRule = (typeof EXCLUSION_RULES)[number]

export interface UnmatchedExplanation {
  /** People the run could have paired them with (mentoring: the other role). */
  candidates: number
  /** Of those, feasible with them: the best overall matching paired these with others. */
  feasible: number
  /** Excluded by each rule (the first rule a pair fails, in the engine's order). */
  excluded: Partial<Record<ExclusionRule, number>>
}

const RULE_OF: Record<Exclude<InfeasibleReason, 'self' | 'roles'>, ExclusionRule> = {
  forbidden_pair: 'pair_rules',
  reporting_chain: 'reporting_chain',
  no_shared_language: 'language',
  insufficient_overlap: 'working_hours',
  seniority_gap: 'seniority',
  mentor_not_senior_enough: 'seniority',
  mentor_too_senior: 'seniority',
  below_min_score: 'low_fit',
}

/** The explanation of each of `unmatchedIds` (people of the cohort), by id. */
export function explainUnmatched(
  cohort: CohortInput,
  unmatchedIds: readonly string[],
): Map<string, UnmatchedExplanation> {
  const explained = new Map<string, UnmatchedExplanation>()
  if (unmatchedIds.length === 0) return explained
  const prep = prepareCohort(parseCohort(cohort))
  const indexOf = new Map(prep.ids.map((id, index) => [id, index]))
  for (const id of unmatchedIds) {
    const i = indexOf.get(id)
    if (i !== undefined) explained.set(id, explainOne(prep, i))
  }
  return explained
}

function explainOne(prep: PreparedCohort, i: number): UnmatchedExplanation {
  const result: UnmatchedExplanation = { candidates: 0, feasible: 0, excluded: {} }
  for (let j = 0; j < prep.n; j++) {
    if (j === i) continue
    let a = i
    let b = j
    if (prep.type === 'mentoring') {
      // Only the other role can be a partner; the engine reads a pair as (mentor, mentee).
      if ((prep.role[i] === ROLE_MENTOR) === (prep.role[j] === ROLE_MENTOR)) continue
      if (prep.role[i] !== ROLE_MENTOR) [a, b] = [j, i]
    }
    const why = infeasibility(prep, a, b)
    if (why === 'self' || why === 'roles') continue
    result.candidates++
    if (why === null) result.feasible++
    else {
      const rule = RULE_OF[why]
      result.excluded[rule] = (result.excluded[rule] ?? 0) + 1
    }
  }
  return result
}

const RULE_WORDS: Record<ExclusionRule, string> = {
  reporting_chain: 'in their reporting line',
  language: 'with no shared language',
  working_hours: 'with too few shared working hours',
  seniority: 'outside the seniority rule',
  pair_rules: 'under a never-pair rule or an earlier partnership',
  low_fit: 'below the program’s minimum fit',
}

// What would most likely find them a partner: only rules a person or a program manager may change
// without taking away what the program protects (the reporting line, never-pair rules).
const CHANGE_WORDS: Partial<Record<ExclusionRule, string>> = {
  working_hours: 'wider working hours on their profile, or a lower minimum of shared hours in the program’s rules',
  language: 'another language they can coach in on their profile, or not requiring a shared language',
  seniority: 'a wider seniority gap in the program’s rules',
  low_fit: 'a lower minimum fit in the program’s rules',
}

/** The rule that excluded the most people, or null when none did. */
export function mainExclusion(explanation: UnmatchedExplanation): ExclusionRule | null {
  let best: ExclusionRule | null = null
  for (const rule of EXCLUSION_RULES) {
    const count = explanation.excluded[rule] ?? 0
    if (count > 0 && (best === null || count > (explanation.excluded[best] ?? 0))) best = rule
  }
  return best
}

/** The one change most likely to find them a partner, in words, or null. */
export function likeliestChange(explanation: UnmatchedExplanation): string | null {
  if (explanation.feasible > 0)
    return 'matching them by hand with one of the people who fit, or a re-run with them locked in'
  let best: ExclusionRule | null = null
  for (const rule of EXCLUSION_RULES) {
    if (!CHANGE_WORDS[rule]) continue
    const count = explanation.excluded[rule] ?? 0
    if (count > 0 && (best === null || count > (explanation.excluded[best] ?? 0))) best = rule
  }
  return best ? (CHANGE_WORDS[best] ?? null) : null
}

/**
 * For the program manager's review: "3 of 40 people could have been their partner, but the best
 * overall matching paired them with others. Excluded: 25 with too few shared working hours, 12 with
 * no shared language. Most likely to help: …".
 */
export function explanationWords(explanation: UnmatchedExplanation): string {
  const { candidates, feasible } = explanation
  const counted = EXCLUSION_RULES.filter((rule) => (explanation.excluded[rule] ?? 0) > 0)
    .sort((x, y) => (explanation.excluded[y] ?? 0) - (explanation.excluded[x] ?? 0))
    .map((rule) => `${explanation.excluded[rule]} ${RULE_WORDS[rule]}`)
  const head =
    feasible > 0
      ? `${feasible} of ${candidates} ${candidates === 1 ? 'person' : 'people'} could have been their partner, but the best overall matching paired ${feasible === 1 ? 'them' : 'all of them'} with others.`
      : candidates === 0
        ? 'Nobody else in this run could have been their partner.'
        : `None of the ${candidates} ${candidates === 1 ? 'person' : 'people'} in this run could be their partner.`
  const rest = counted.length > 0 ? ` Excluded: ${counted.join(', ')}.` : ''
  const change = likeliestChange(explanation)
  return `${head}${rest}${change ? ` Most likely to help: ${change}.` : ''}`
}

/**
 * For the person themselves, revealing nothing about anyone else: no counts, no names, and the
 * reporting line and never-pair rules only as "the program's rules".
 */
export function personWords(explanation: UnmatchedExplanation | undefined): string {
  if (!explanation) return 'The matching could not find you a partner this time.'
  if (explanation.feasible > 0)
    return 'The people who fit you best were paired with others this time, so that as many people as possible have a good match.'
  const rule = mainExclusion(explanation)
  const why =
    rule === 'working_hours'
      ? 'mostly because your working hours overlap too little with theirs'
      : rule === 'language'
        ? 'mostly because you share no coaching language with them'
        : rule === 'seniority'
          ? 'mostly because of the program’s seniority rule'
          : rule === 'low_fit'
            ? 'mostly because the fit with them is below the program’s minimum'
            : 'because of the program’s rules'
  return `Nobody enrolled this time could be your partner under the program’s rules, ${why}.`
}
