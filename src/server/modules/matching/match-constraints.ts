import { parseCohort } from '#matching/cohort.schema.ts'
import { overlapMinutes, prepareCohort } from '#matching/prepared-cohort.ts'
import { explainPair, type InfeasibleReason, infeasibility, scorePair } from '#matching/scoring.ts'
import { buildCohort, type CohortEnrollee, type CohortRules } from './cohort-builder.ts'
import { formatMinutes, listInWords, type StoredExplanation, withPrompts } from './match-reasons.ts'

/**
 * The hard rules of a program applied to one proposed group (a pair or a circle), for manual
 * adjustments: the same rules the engine applies, with each refusal said in words and names.
 */
export interface ConstraintContext {
  rules: CohortRules
  referenceDate: string | Date
  /** Enrolled people of the program by id. */
  enrollees: Map<string, CohortEnrollee>
  /** Every person of the organization and their manager. */
  managerLinks: { id: string; managerId: string | null }[]
  nameOf: (personId: string) => string
  neverPairs: Set<string>
  /** Partners from earlier cycles. */
  earlierPartners: Set<string>
  declinedPairs: Set<string>
  /** The program's enrollment questions (the prompts of question criteria in explanations). */
  questions: readonly { id: string; prompt: string }[]
}

export type GroupCheck =
  | {
      ok: true
      score: number
      explanation: StoredExplanation
      roles: Map<string, 'peer' | 'mentor' | 'mentee' | 'member'>
    }
  | { ok: false; reason: string }

export const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`)

/** The people above `personId`, nearest first, as far as `depth` reaches (null: the whole chain). */
export function chainAbove(managerOf: Map<string, string | null>, personId: string, depth: number | null): string[] {
  const chain: string[] = []
  const seen = new Set([personId])
  let current = managerOf.get(personId) ?? null
  while (current !== null && !seen.has(current) && (depth === null || chain.length < depth)) {
    chain.push(current)
    seen.add(current)
    current = managerOf.get(current) ?? null
  }
  return chain
}

/** Ids whose names a refusal may need: the group and everyone above them in the chain. */
export function peopleToName(context: Pick<ConstraintContext, 'managerLinks'>, personIds: string[]): string[] {
  const managerOf = new Map(context.managerLinks.map((link) => [link.id, link.managerId]))
  return [...new Set(personIds.flatMap((id) => [id, ...chainAbove(managerOf, id, null)]))]
}

/** Checks a group against every hard rule of the program; the score and explanation come from the engine. */
export function checkGroup(context: ConstraintContext, personIds: string[]): GroupCheck {
  const { rules, nameOf } = context
  const refuse = (reason: string): GroupCheck => ({ ok: false, reason })
  const members: CohortEnrollee[] = []
  for (const id of personIds) {
    const enrollee = context.enrollees.get(id)
    if (!enrollee) return refuse(`${nameOf(id)} is not enrolled in this program`)
    members.push(enrollee)
  }
  const isMentoring = rules.programType === 'peer_mentoring'
  if (rules.programType === 'coaching_circle') {
    const { minSize, maxSize } = rules.circles
    if (members.length < minSize || members.length > maxSize) {
      return refuse(`A circle of this program has ${minSize} to ${maxSize} members, not ${members.length}`)
    }
  } else if (members.length !== 2) {
    return refuse(`A match of this program is a pair, not ${members.length} people`)
  }
  if (isMentoring) {
    const mentors = members.filter((m) => m.mentoringRole === 'mentor')
    const mentees = members.filter((m) => m.mentoringRole === 'mentee')
    if (mentors.length !== 1 || mentees.length !== 1) {
      const roles = members.map((m) => `${nameOf(m.personId)} is ${m.mentoringRole ?? 'neither mentor nor mentee'}`)
      return refuse(`A mentoring match needs one mentor and one mentee (${listInWords(roles)})`)
    }
    members.splice(0, 2, mentors[0], mentees[0])
  }

  const managerOf = new Map(context.managerLinks.map((link) => [link.id, link.managerId]))
  for (const e of members) managerOf.set(e.personId, e.managerId)
  const { constraints } = rules
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) {
      const a = members[i].personId
      const b = members[j].personId
      const both = `${nameOf(a)} and ${nameOf(b)}`
      const key = pairKey(a, b)
      if (context.neverPairs.has(key)) return refuse(`${both} may never be matched (a never-pair rule of this program)`)
      if (context.declinedPairs.has(key)) return refuse(`${both} declined a match together in this program`)
      if (constraints.avoidRepeatPartners && context.earlierPartners.has(key)) {
        return refuse(`${both} were partners in an earlier cycle (no repeat partners)`)
      }
      if (constraints.excludeReportingChain) {
        for (const [lower, upper] of [
          [a, b],
          [b, a],
        ]) {
          const chain = chainAbove(managerOf, lower, constraints.reportingChainDepth)
          const level = chain.indexOf(upper)
          if (level === 0) return refuse(`${nameOf(lower)} reports to ${nameOf(upper)} (reporting chain)`)
          if (level > 0) {
            const through = listInWords(chain.slice(0, level).map(nameOf))
            return refuse(`${nameOf(lower)} reports to ${nameOf(upper)} through ${through} (reporting chain)`)
          }
        }
      }
      const managerA = managerOf.get(a) ?? null
      if (constraints.excludeSameManagerPeers && managerA !== null && managerA === (managerOf.get(b) ?? null)) {
        return refuse(`${both} both report to ${nameOf(managerA)} (same-manager peers are excluded)`)
      }
    }
  }

  const built = buildCohort({
    cohortId: 'check',
    rules,
    enrollees: members,
    managerLinks: context.managerLinks,
    referenceDate: context.referenceDate,
    keptMatches: [],
    mustPairs: [],
    neverPairs: [],
    earlierPartners: [],
    declinedPairs: [],
  })
  const invalid = built.invalidProfiles[0]
  if (invalid) return refuse(`The profile of ${nameOf(invalid.personId)} cannot be matched: it ${invalid.detail}`)
  if (!built.cohort) return refuse('Nobody to match')
  const prep = prepareCohort(parseCohort(built.cohort))
  for (let i = 0; i < prep.n; i++) {
    for (let j = i + 1; j < prep.n; j++) {
      const why = infeasibility(prep, i, j)
      if (why) return refuse(describeInfeasibility(why, prep, i, j, members, context))
    }
  }

  const roles = new Map(
    members.map((m) => [
      m.personId,
      isMentoring
        ? (m.mentoringRole as 'mentor' | 'mentee')
        : rules.programType === 'coaching_circle'
          ? ('member' as const)
          : ('peer' as const),
    ]),
  )
  const memberIds = members.map((m) => m.personId)
  if (rules.programType === 'coaching_circle') {
    const pairScores: { personIds: [string, string]; score: number }[] = []
    let sum = 0
    for (let i = 0; i < prep.n; i++) {
      for (let j = i + 1; j < prep.n; j++) {
        const score = scorePair(prep, i, j)
        pairScores.push({ personIds: [prep.ids[i], prep.ids[j]], score })
        sum += score
      }
    }
    return {
      ok: true,
      score: Math.floor(sum / (prep.n - 1)),
      explanation: { memberIds, criteria: null, pairScores },
      roles,
    }
  }
  const { score, criteria, questionCriteria } = explainPair(prep, 0, 1)
  const questions = withPrompts(questionCriteria, context.questions)
  return { ok: true, score, explanation: { memberIds, criteria, pairScores: null, ...questions }, roles }
}

function describeInfeasibility(
  why: InfeasibleReason,
  prep: ReturnType<typeof prepareCohort>,
  i: number,
  j: number,
  members: CohortEnrollee[],
  context: ConstraintContext,
): string {
  const a = members[i]
  const b = members[j]
  const name = (e: CohortEnrollee) => context.nameOf(e.personId)
  const both = `${name(a)} and ${name(b)}`
  const { constraints, mentoring } = context.rules
  const gap = a.seniority - b.seniority
  switch (why) {
    case 'no_shared_language':
      return `${both} share no language (${a.languages.join(', ')} / ${b.languages.join(', ')})`
    case 'insufficient_overlap': {
      const minutes = overlapMinutes(prep.winStart[i], prep.winEnd[i], prep.winStart[j], prep.winEnd[j])
      return `${both} share ${minutes > 0 ? formatMinutes(minutes) : 'no time'} of working day; the program asks for at least ${formatMinutes(constraints.minOverlapMinutes)}`
    }
    case 'seniority_gap':
      return `The seniority gap between ${name(a)} (level ${a.seniority}) and ${name(b)} (level ${b.seniority}) is ${Math.abs(gap)}; the program allows at most ${constraints.maxSeniorityGap}`
    case 'mentor_not_senior_enough':
      return `Mentor ${name(a)} (level ${a.seniority}) must be at least ${mentoring.minSeniorityGap} level(s) more senior than mentee ${name(b)} (level ${b.seniority})`
    case 'mentor_too_senior':
      return `Mentor ${name(a)} (level ${a.seniority}) may be at most ${mentoring.maxSeniorityGap} levels more senior than mentee ${name(b)} (level ${b.seniority})`
    case 'roles':
      return 'A mentoring match needs one mentor and one mentee'
    case 'below_min_score':
      return `${both} score ${scorePair(prep, i, j)}, below the program's minimum pair score of ${constraints.minPairScore}`
    case 'reporting_chain':
      return `${both} are in the same reporting chain`
    case 'forbidden_pair':
      return `${both} may not be matched`
    case 'self':
      return `${name(a)} cannot be matched with themselves`
  }
}
