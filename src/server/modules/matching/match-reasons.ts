import type { CriterionDetail, CriterionName, QuestionCriterionDetail, UnmatchedReason } from '#contracts/matching.ts'
import type { QuestionCriterionResult } from '#matching/result.schema.ts'
import { explanationWords, type UnmatchedExplanation } from './unmatched-explanation.ts'

/** What the engine (or a manual adjustment) recorded about a match, stored in matches.explanation. */
export interface StoredExplanation {
  /** The members in the engine's order: pairs [a, b]; mentoring [mentor, mentee]. */
  memberIds: string[]
  criteria: Record<CriterionName, CriterionDetail> | null
  pairScores: { personIds: [string, string]; score: number }[] | null
  /** Pairs of a program that scores enrollment questions: each one, with its prompt (absent otherwise). */
  questionCriteria?: QuestionCriterionDetail[]
  /** How the match came about, when not by the engine's optimum. */
  source?: 'must_pair' | 'manual' | 'swap'
}

/** The engine's question criteria with each question's prompt (as the program words it at the run). */
export function withPrompts(
  criteria: QuestionCriterionResult[] | undefined,
  questions: readonly { id: string; prompt: string }[],
): { questionCriteria?: QuestionCriterionDetail[] } {
  if (criteria === undefined || criteria.length === 0) return {}
  const prompts = new Map(questions.map((q) => [q.id, q.prompt]))
  return {
    questionCriteria: criteria.map(({ id, ...rest }) => ({ questionId: id, prompt: prompts.get(id) ?? id, ...rest })),
  }
}

const quoted = (answer: unknown) =>
  Array.isArray(answer) ? listInWords(answer.map((o) => `“${String(o)}”`)) : `“${String(answer)}”`

/** One phrase per question criterion ('both answered “Remote” to “Where do you work?”'). */
function questionReasons(criteria: QuestionCriterionDetail[], a: string, b: string): string[] {
  return criteria.map((q) => {
    const prompt = `“${q.prompt}”`
    const answerA = q.detail.a ?? null
    const answerB = q.detail.b ?? null
    if (answerA === null && answerB === null) return `neither answered ${prompt}`
    if (answerA === null) return `${a} did not answer ${prompt}`
    if (answerB === null) return `${b} did not answer ${prompt}`
    if (q.rule === 'overlap') {
      const shared = strings(q.detail.shared)
      return shared.length > 0
        ? `both chose ${quoted(shared)} for ${prompt} (${q.num} of ${q.den} choices shared)`
        : `no shared choice for ${prompt}`
    }
    const isSame = q.rule === 'same' ? q.num === 1 : q.num === 0
    return isSame
      ? `both answered ${quoted(answerA)} to ${prompt}`
      : `different answers to ${prompt} (${a}: ${quoted(answerA)}, ${b}: ${quoted(answerB)})`
  })
}

export interface ReasonPerson {
  name: string
  department: string
  seniority: number
}

/** '3 h', '2 h 30 min', '45 min' */
export function formatMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  if (hours === 0) return `${rest} min`
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`
}

/** 'a', 'a and b', 'a, b and c' */
export function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : [])
const firstName = (name: string) => name.split(/\s+/)[0] || name

/**
 * The reasons for a match as short phrases, one per criterion ("Ana wants negotiation and Ben offers
 * it", "similar seniority (gap 1)", "different departments (Sales, Design)", "3 h of shared working day").
 */
export function explainInWords(
  programType: 'peer_coaching' | 'coaching_circle' | 'peer_mentoring',
  explanation: StoredExplanation,
  people: Map<string, ReasonPerson>,
  skillName: (slug: string) => string = (slug) => slug.replaceAll('-', ' '),
): string[] {
  const reasons: string[] = []
  if (explanation.source === 'must_pair') reasons.push('a must-pair rule of the program')
  if (explanation.source === 'manual' || explanation.source === 'swap')
    reasons.push('matched by hand by the program manager')
  const person = (id: string): ReasonPerson => people.get(id) ?? { name: 'someone', department: '', seniority: 0 }
  const skills = (slugs: string[]) => listInWords(slugs.map(skillName))
  const itOrThem = (slugs: string[]) => (slugs.length > 1 ? 'them' : 'it')

  if (explanation.criteria && explanation.memberIds.length === 2) {
    const [aId, bId] = explanation.memberIds
    const a = firstName(person(aId).name)
    const b = firstName(person(bId).name)
    const { complementarity, seniority, diversity, overlap } = explanation.criteria
    if (programType === 'peer_mentoring') {
      const got = strings(complementarity.detail.menteeWantsMentorOffers)
      if (got.length > 0) reasons.push(`${b} wants ${skills(got)} and ${a} offers ${itOrThem(got)}`)
      else if (complementarity.den === 0) reasons.push(`${b} listed no skills to grow`)
      else reasons.push(`${a} offers none of the skills ${b} wants`)
      const gap = Number(seniority.detail.gap)
      const ideal = Number(seniority.detail.ideal)
      const levels = `${gap} level${Math.abs(gap) === 1 ? '' : 's'}`
      reasons.push(
        gap === ideal
          ? `${a} is ${levels} more senior than ${b}, the ideal gap`
          : `${a} is ${levels} more senior than ${b} (ideal gap ${ideal})`,
      )
    } else {
      const aWants = strings(complementarity.detail.aWantsBOffers)
      const bWants = strings(complementarity.detail.bWantsAOffers)
      if (aWants.length > 0) reasons.push(`${a} wants ${skills(aWants)} and ${b} offers ${itOrThem(aWants)}`)
      if (bWants.length > 0) reasons.push(`${b} wants ${skills(bWants)} and ${a} offers ${itOrThem(bWants)}`)
      if (aWants.length === 0 && bWants.length === 0) reasons.push('neither offers a skill the other wants')
      const gap = Number(seniority.detail.gap)
      if (gap === 0) reasons.push(`same seniority (level ${seniority.detail.a})`)
      else if (gap <= 2) reasons.push(`similar seniority (gap ${gap})`)
      else reasons.push(`seniority gap of ${gap} levels`)
    }
    const da = diversity.detail.a
    const db = diversity.detail.b
    if (da === null && db === null) reasons.push('departments not given')
    else if (da !== db) reasons.push(`different departments (${da ?? 'none'}, ${db ?? 'none'})`)
    else reasons.push(`same department (${da})`)
    const minutes = Number(overlap.detail.overlapMinutes)
    reasons.push(minutes > 0 ? `${formatMinutes(minutes)} of shared working day` : 'no shared working hours')
    reasons.push(...questionReasons(explanation.questionCriteria ?? [], a, b))
    return reasons
  }

  const members = explanation.memberIds.map(person)
  const departments = [...new Set(members.map((m) => m.department).filter((d) => d !== ''))].sort()
  reasons.push(
    departments.length > 1
      ? `${members.length} members from ${departments.length} departments (${departments.join(', ')})`
      : `${members.length} members${departments.length === 1 ? ` from ${departments[0]}` : ''}`,
  )
  const levels = members.map((m) => m.seniority).filter((s) => s > 0)
  if (levels.length > 0) {
    const low = Math.min(...levels)
    const high = Math.max(...levels)
    reasons.push(low === high ? `same seniority (level ${low})` : `seniority levels ${low} to ${high}`)
  }
  const scores = (explanation.pairScores ?? []).map((p) => p.score)
  if (scores.length > 0) reasons.push(`pair scores from ${Math.min(...scores)} to ${Math.max(...scores)}`)
  return reasons
}

/** The reasons as one line, first letter capitalized. */
export function summarizeReasons(reasons: string[]): string {
  const text = reasons.join('; ')
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** Why someone has no partner, in words for the program manager. */
export function unmatchedReasonText(reason: UnmatchedReason, detail?: string, explain?: UnmatchedExplanation): string {
  switch (reason) {
    case 'no_feasible_partner':
      return explain
        ? `No feasible partner: ${explanationWords(explain)}`
        : 'No feasible partner: nobody in the cohort meets the hard rules with them (reporting line, language, working hours, seniority, pair rules)'
    case 'not_selected':
      return explain
        ? `Not selected: ${explanationWords(explain)}`
        : 'Not selected: feasible partners exist, but the best overall matching paired them with others'
    case 'invalid_profile':
      return `Their profile cannot be matched${detail ? `: it ${detail}` : ''}`
    case 'declined':
      return 'Declined their match: back in the pool for the next run'
    case 'dissolved':
      return 'Their proposed match was dissolved: back in the pool for the next run'
    case 'not_in_run':
      return 'Not in a matching run yet (enrolled after the last run, or no run so far)'
  }
}
