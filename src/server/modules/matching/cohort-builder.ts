import { offsetMinutes } from '#contracts/time.ts'
import type { CohortInput } from '#matching/cohort.schema.ts'

/**
 * Turns a program's enrollees, the organization's reporting lines and the program's rules into the
 * matching engine's cohort. Pure: the service loads everything, this decides who is in the cohort
 * and which pairs are forbidden.
 */

export type ProgramKind = 'peer_coaching' | 'coaching_circle' | 'peer_mentoring'

/** The program's matching rules as the engine needs them (every field resolved, no defaults left). */
export interface CohortRules {
  programType: ProgramKind
  objective: 'maxWeight' | 'maxCardinalityThenWeight'
  weights: { complementarity: number; seniority: number; diversity: number; overlap: number }
  constraints: {
    excludeReportingChain: boolean
    /** null = the whole chain; 1 = the direct manager only */
    reportingChainDepth: number | null
    /** Never pair two people who report to the same manager. */
    excludeSameManagerPeers: boolean
    requireSharedLanguage: boolean
    minOverlapMinutes: number
    maxSeniorityGap: number | null
    minPairScore: number
    /** Never pair people who were partners in an earlier cycle of the program. */
    avoidRepeatPartners: boolean
  }
  mentoring: {
    defaultCapacity: number
    minSeniorityGap: number | null
    maxSeniorityGap: number | null
    idealSeniorityGap: number
  }
  circles: { minSize: number; maxSize: number; targetSize: number }
  candidateTopK: number | null
  /** Enrollment questions scored as criteria (the program's matchingRules.questionCriteria). */
  questionCriteria: { questionId: string; rule: 'same' | 'different' | 'overlap'; weight: number }[]
}

/** An enrolled person with the profile fields matching reads (the enrollment's skills and role). */
export interface CohortEnrollee {
  personId: string
  seniority: number
  department: string
  managerId: string | null
  languages: string[]
  /** IANA time zone, e.g. Europe/Paris */
  timeZone: string
  workingHoursStart: string
  workingHoursEnd: string
  skillsWanted: string[]
  skillsOffered: string[]
  mentoringRole: 'mentor' | 'mentee' | null
  mentorCapacity: number | null
  /** The enrollment's answers by question id (text, chosen options or a 1..5 scale). */
  answers: Record<string, unknown>
}

/** A match that stays as it is (locked, manual, published ...): its members are not re-matched. */
export interface KeptMatch {
  personIds: string[]
  /** Mentoring: the mentor, whose capacity the match uses. */
  mentorId?: string | null
}

export interface BuildCohortInput {
  cohortId: string
  rules: CohortRules
  enrollees: CohortEnrollee[]
  /** Every person of the organization with their manager, so chains through people not enrolled count. */
  managerLinks: { id: string; managerId: string | null }[]
  /** 'YYYY-MM-DD' (the program's start) or an instant: the day time-zone offsets are taken at. */
  referenceDate: string | Date
  keptMatches: KeptMatch[]
  /** must-pair rules: matched as given, before the engine runs. */
  mustPairs: [string, string][]
  neverPairs: [string, string][]
  /** Partners from earlier cycles (forbidden when rules.constraints.avoidRepeatPartners). */
  earlierPartners: [string, string][]
  /** Pairs who declined each other in this program: never proposed again. */
  declinedPairs: [string, string][]
}

export interface BuiltCohort {
  /** null when nobody is left to match. */
  cohort: CohortInput | null
  /** Matches made from must-pair rules (mentoring: [mentorId, menteeId]). */
  mustMatches: [string, string][]
  /** Enrollees whose profile the engine cannot use (no language, unknown time zone ...). */
  invalidProfiles: { personId: string; detail: string }[]
  /** Enrollees considered: the cohort, the kept matches' members and the must pairs. */
  enrolleeCount: number
}

const ENGINE_TYPE = { peer_coaching: 'peer', coaching_circle: 'circles', peer_mentoring: 'mentoring' } as const

/** The instant a day's offsets are read at: noon UTC, clear of the night-time DST switches. */
export function referenceInstant(reference: string | Date): Date {
  if (reference instanceof Date) return reference
  return new Date(`${reference}T12:00:00Z`)
}

const hhmm = (value: string) => value.slice(0, 5)
const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`)

/** Enrollees -> engine cohort, with kept matches and must pairs taken out and every forbidden pair listed. */
export function buildCohort(input: BuildCohortInput): BuiltCohort {
  const { rules } = input
  const isMentoring = rules.programType === 'peer_mentoring'
  const at = referenceInstant(input.referenceDate)
  const enrolled = new Map(input.enrollees.map((e) => [e.personId, e]))

  // Slots already taken: people in kept matches leave the pool; a mentor keeps what capacity is left.
  const usedCapacity = new Map<string, number>()
  const removed = new Set<string>()
  const capacityOf = (e: CohortEnrollee) => e.mentorCapacity ?? rules.mentoring.defaultCapacity
  const take = (personId: string, isMentor: boolean) => {
    if (!isMentor) {
      removed.add(personId)
      return
    }
    const used = (usedCapacity.get(personId) ?? 0) + 1
    usedCapacity.set(personId, used)
    const mentor = enrolled.get(personId)
    if (!mentor || used >= capacityOf(mentor)) removed.add(personId)
  }
  for (const kept of input.keptMatches) {
    for (const personId of kept.personIds) take(personId, isMentoring && kept.mentorId === personId)
  }

  // Must pairs: both still free; mentoring needs one mentor and one mentee.
  const mustMatches: [string, string][] = []
  if (rules.programType !== 'coaching_circle') {
    for (const [x, y] of input.mustPairs) {
      const a = enrolled.get(x)
      const b = enrolled.get(y)
      if (!a || !b || removed.has(x) || removed.has(y)) continue
      if (isMentoring) {
        const mentor = a.mentoringRole === 'mentor' ? a : b.mentoringRole === 'mentor' ? b : null
        const mentee = mentor === a ? b : a
        if (!mentor || mentee.mentoringRole !== 'mentee') continue
        mustMatches.push([mentor.personId, mentee.personId])
        take(mentor.personId, true)
        take(mentee.personId, false)
      } else {
        mustMatches.push([x, y])
        take(x, false)
        take(y, false)
      }
    }
  }

  const invalidProfiles: { personId: string; detail: string }[] = []
  const participants: (CohortInput['participants'][number] & { id: string; managerId: string | null })[] = []
  for (const e of input.enrollees) {
    if (removed.has(e.personId)) continue
    const problem = profileProblem(e, isMentoring)
    if (problem) {
      invalidProfiles.push({ personId: e.personId, detail: problem })
      continue
    }
    let utcOffset: number
    try {
      utcOffset = offsetMinutes(at, e.timeZone)
    } catch {
      invalidProfiles.push({ personId: e.personId, detail: `unknown time zone ${e.timeZone}` })
      continue
    }
    const capacity =
      isMentoring && e.mentoringRole === 'mentor' ? capacityOf(e) - (usedCapacity.get(e.personId) ?? 0) : 0
    participants.push({
      id: e.personId,
      seniority: e.seniority,
      department: e.department === '' ? null : e.department,
      managerId: e.managerId,
      languages: [...new Set(e.languages)],
      utcOffsetMinutes: Math.max(-720, Math.min(840, utcOffset)),
      workingHours: { start: hhmm(e.workingHoursStart), end: hhmm(e.workingHoursEnd) },
      skillsWanted: [...new Set(e.skillsWanted)],
      skillsOffered: [...new Set(e.skillsOffered)],
      ...(isMentoring && e.mentoringRole ? { role: e.mentoringRole } : {}),
      ...(isMentoring && e.mentoringRole === 'mentor' ? { capacity } : {}),
      ...answersFor(rules, e),
    })
  }

  // The org chart around the cohort: every other person, with managers nobody knows cut off.
  const inCohort = new Set(participants.map((p) => p.id))
  const known = new Set(input.managerLinks.map((link) => link.id))
  for (const id of inCohort) known.add(id)
  for (const p of participants) if (p.managerId !== null && !known.has(p.managerId)) p.managerId = null
  const orgPeople = input.managerLinks
    .filter((link) => !inCohort.has(link.id))
    .map((link) => ({
      id: link.id,
      managerId: link.managerId !== null && known.has(link.managerId) ? link.managerId : null,
    }))

  const forbidden = new Map<string, [string, string]>()
  const forbid = (a: string, b: string) => {
    if (a !== b && inCohort.has(a) && inCohort.has(b)) forbidden.set(pairKey(a, b), a < b ? [a, b] : [b, a])
  }
  for (const [a, b] of input.neverPairs) forbid(a, b)
  for (const [a, b] of input.declinedPairs) forbid(a, b)
  if (rules.constraints.avoidRepeatPartners) for (const [a, b] of input.earlierPartners) forbid(a, b)
  if (rules.constraints.excludeSameManagerPeers) {
    const byManager = new Map<string, string[]>()
    for (const p of participants) {
      if (p.managerId === null) continue
      const group = byManager.get(p.managerId)
      if (group) group.push(p.id)
      else byManager.set(p.managerId, [p.id])
    }
    for (const group of byManager.values()) {
      for (let i = 0; i < group.length; i++) for (let j = i + 1; j < group.length; j++) forbid(group[i], group[j])
    }
  }

  const enrolleeCount = input.enrollees.length
  if (participants.length === 0) return { cohort: null, mustMatches, invalidProfiles, enrolleeCount }
  const { constraints } = rules
  return {
    cohort: {
      schemaVersion: '1.0',
      cohortId: input.cohortId,
      program: {
        type: ENGINE_TYPE[rules.programType],
        objective: rules.objective,
        weights: { ...rules.weights },
        constraints: {
          excludeReportingChain: constraints.excludeReportingChain,
          reportingChainDepth: constraints.reportingChainDepth,
          requireSharedLanguage: constraints.requireSharedLanguage,
          minOverlapMinutes: constraints.minOverlapMinutes,
          maxSeniorityGap: constraints.maxSeniorityGap,
          minPairScore: constraints.minPairScore,
          forbiddenPairs: [...forbidden.values()],
        },
        mentoring: { ...rules.mentoring },
        circles: { ...rules.circles },
        candidateTopK: rules.candidateTopK,
        ...(rules.questionCriteria.length > 0
          ? {
              questionCriteria: rules.questionCriteria.map((q) => ({
                id: q.questionId,
                rule: q.rule,
                weight: q.weight,
              })),
            }
          : {}),
      },
      participants,
      org: { people: orgPeople },
    },
    mustMatches,
    invalidProfiles,
    enrolleeCount,
  }
}

/**
 * The answers the engine compares: only the criteria's questions (nothing else of the enrollment
 * leaves for the cohort), a scale as its number in words, chosen options without repeats; an empty
 * answer is left out (not answered).
 */
function answersFor(rules: CohortRules, e: CohortEnrollee): { answers?: Record<string, string | string[]> } {
  const answers: Record<string, string | string[]> = {}
  for (const { questionId } of rules.questionCriteria) {
    const answer = e.answers[questionId]
    if (typeof answer === 'number' && Number.isFinite(answer)) answers[questionId] = String(answer)
    else if (typeof answer === 'string' && answer.trim() !== '') answers[questionId] = answer.trim().slice(0, 200)
    else if (Array.isArray(answer)) {
      const options = [...new Set(answer.filter((o): o is string => typeof o === 'string' && o !== ''))]
      if (options.length > 0) answers[questionId] = options.map((o) => o.slice(0, 200))
    }
  }
  return Object.keys(answers).length > 0 ? { answers } : {}
}

function profileProblem(e: CohortEnrollee, isMentoring: boolean): string | null {
  if (e.languages.length === 0) return 'lists no language'
  if (!Number.isInteger(e.seniority) || e.seniority < 1 || e.seniority > 8) return 'has no seniority level 1..8'
  if (!/^\d\d:\d\d/.test(e.workingHoursStart) || !/^\d\d:\d\d/.test(e.workingHoursEnd)) return 'has no working hours'
  if (hhmm(e.workingHoursStart) === hhmm(e.workingHoursEnd)) return 'has empty working hours'
  if (isMentoring && e.mentoringRole === null) return 'has not chosen mentor or mentee'
  return null
}
