import type { EnrollmentForMatching, ManagerLink } from '#contracts/enrollments.ts'
import type { StartMatchingRunBody } from '#contracts/matching.ts'
import type { MatchingRules, Program } from '#contracts/programs.ts'
import type { Db } from '#server/db/connect.ts'
import type { MatchMemberRole, MatchStatus } from '#server/db/schema.ts'
import { AppError, notFound } from '#server/http/app-error.ts'
import { hasRole, type Viewer } from '#server/http/viewer.ts'
import { listEnrollmentsForMatching, listManagerLinks } from '#server/modules/enrollments/enrollments.service.ts'
import { getProgramForMatching, listPreviousProgramIds } from '#server/modules/programs/programs.service.ts'
import type { CohortEnrollee, CohortRules } from './cohort-builder.ts'
import { type ConstraintContext, pairKey, peopleToName } from './match-constraints.ts'
import { listMemberships, listPairRules, listPeopleCards, type PairRuleWithNamesRow } from './matching.repository.ts'

/** Matches still standing: people in them are not matched again. */
export const CURRENT_STATUSES: MatchStatus[] = ['proposed', 'published', 'active', 'completed']
/** Matches of earlier cycles that count as having been partners. */
const EARLIER_STATUSES: MatchStatus[] = ['published', 'active', 'completed', 'declined']

/** Runs, proposals and adjustments are for program managers; anyone else is told the thing does not exist. */
export function assertManager(viewer: Viewer, what: string): void {
  if (!hasRole(viewer, 'program_manager')) throw notFound(what)
}

/** Matching happens while the program is matching, or active (late enrollees). */
export function assertMatchable(program: Program): void {
  if (program.status !== 'matching' && program.status !== 'active') {
    throw new AppError(
      'matching_not_allowed',
      `"${program.name}" is ${program.status}: matches are made while a program is matching, or active for late enrollees`,
    )
  }
}

export function toCohortEnrollee(e: EnrollmentForMatching): CohortEnrollee {
  return {
    personId: e.personId,
    seniority: e.seniority,
    department: e.department,
    managerId: e.managerId,
    languages: e.languages,
    timeZone: e.timeZone,
    workingHoursStart: e.workingHours.start,
    workingHoursEnd: e.workingHours.end,
    skillsWanted: e.skillsWanted,
    skillsOffered: e.skillsOffered,
    mentoringRole: e.mentoringRole,
    mentorCapacity: e.mentorCapacity,
    answers: e.answers,
  }
}

/** The program's rules with a run's overrides, in the shape the cohort builder takes. */
export function toCohortRules(program: Program, overrides?: StartMatchingRunBody): CohortRules {
  const rules: MatchingRules = program.matchingRules
  return {
    programType: program.type,
    objective: overrides?.objective ?? rules.objective,
    weights: { ...rules.weights, ...overrides?.weights },
    constraints: { ...rules.constraints },
    mentoring: { ...rules.mentoring },
    circles: { ...rules.circles },
    candidateTopK: overrides?.candidateTopK === undefined ? rules.candidateTopK : overrides.candidateTopK,
    questionCriteria: rules.questionCriteria.map((q) => ({ ...q })),
  }
}

/** The day time-zone offsets are read at: the program's start, or now when it has none. */
export function referenceDateOf(program: Program, now: Date): string | Date {
  return program.startsOn ?? now
}

export interface Membership {
  matchId: string
  personId: string
  role: MatchMemberRole
  status: MatchStatus
  origin: 'engine' | 'manual'
  isLocked: boolean
  endedAt: Date | null
  endReason: string | null
}

/** Everything matching decisions about one program read: enrollees, org chart, rules, history. */
export interface MatchingContext {
  program: Program
  /** The day time-zone offsets are read at (referenceDateOf, fixed when the context was loaded). */
  referenceDate: string | Date
  rules: CohortRules
  enrollees: EnrollmentForMatching[]
  enrolleeById: Map<string, CohortEnrollee>
  managerLinks: ManagerLink[]
  pairRules: PairRuleWithNamesRow[]
  /** Members of the program's current matches (proposed, published, active, completed). */
  memberships: Membership[]
  /** Members of the program's ended matches (declined, dissolved). */
  endedMemberships: Membership[]
  earlierPartners: [string, string][]
  declinedPairs: [string, string][]
}

function groupPairs(memberships: { matchId: string; personId: string }[]): [string, string][] {
  const byMatch = new Map<string, string[]>()
  for (const m of memberships) {
    const group = byMatch.get(m.matchId)
    if (group) group.push(m.personId)
    else byMatch.set(m.matchId, [m.personId])
  }
  const pairs: [string, string][] = []
  for (const group of byMatch.values()) {
    for (let i = 0; i < group.length; i++) for (let j = i + 1; j < group.length; j++) pairs.push([group[i], group[j]])
  }
  return pairs
}

function toMembership(row: Awaited<ReturnType<typeof listMemberships>>[number]): Membership {
  return {
    matchId: row.match_id,
    personId: row.person_id,
    role: row.role,
    status: row.status,
    origin: row.origin,
    isLocked: row.is_locked,
    endedAt: row.ended_at,
    endReason: row.end_reason,
  }
}

/** Loads what matching needs about a program of the organization; 404 when it is not theirs. */
export async function loadMatchingContext(
  db: Db,
  organizationId: string,
  programId: string,
  now: Date,
  overrides?: StartMatchingRunBody,
): Promise<MatchingContext> {
  const program = await getProgramForMatching(db, organizationId, programId)
  const previousIds = await listPreviousProgramIds(db, organizationId, programId)
  const [enrollees, managerLinks, pairRules, memberships, ended, earlier] = await Promise.all([
    listEnrollmentsForMatching(db, organizationId, programId, now),
    listManagerLinks(db, organizationId),
    listPairRules(db, organizationId, programId),
    listMemberships(db, organizationId, [programId], CURRENT_STATUSES),
    listMemberships(db, organizationId, [programId], ['declined', 'dissolved']),
    listMemberships(db, organizationId, previousIds, EARLIER_STATUSES),
  ])
  const endedMemberships = ended.map(toMembership)
  return {
    program,
    referenceDate: referenceDateOf(program, now),
    rules: toCohortRules(program, overrides),
    enrollees,
    enrolleeById: new Map(enrollees.map((e) => [e.personId, toCohortEnrollee(e)])),
    managerLinks,
    pairRules,
    memberships: memberships.map(toMembership),
    endedMemberships,
    earlierPartners: groupPairs(earlier.map(toMembership)),
    declinedPairs: groupPairs(endedMemberships.filter((m) => m.status === 'declined')),
  }
}

/** The hard-rule checker for adjustments, with the names its refusals use. */
export async function constraintContextOf(
  db: Db,
  organizationId: string,
  context: MatchingContext,
  personIds: string[],
): Promise<ConstraintContext> {
  const cards = await listPeopleCards(db, organizationId, peopleToName(context, personIds))
  const names = new Map(cards.map((card) => [card.id, card.name]))
  return {
    rules: context.rules,
    referenceDate: context.referenceDate,
    enrollees: context.enrolleeById,
    managerLinks: context.managerLinks,
    nameOf: (id) => names.get(id) ?? 'someone outside the organization',
    neverPairs: new Set(
      context.pairRules.filter((r) => r.kind === 'never').map((r) => pairKey(r.person_a_id, r.person_b_id)),
    ),
    earlierPartners: new Set(context.earlierPartners.map(([a, b]) => pairKey(a, b))),
    declinedPairs: new Set(context.declinedPairs.map(([a, b]) => pairKey(a, b))),
    questions: context.program.enrollmentQuestions,
  }
}
