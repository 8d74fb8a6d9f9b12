import {
  type AtRiskPage,
  type AtRiskQuery,
  AtRiskQuerySchema,
  type InsightFigure,
  type InsightsOverview,
  type ProgramInsights,
  type ProgramSideBySide,
  type ThemeInsight,
} from '#contracts/insights.ts'
import type { Program } from '#contracts/programs.ts'
import type { Db } from '#server/db/connect.ts'
import { notFound } from '#server/http/app-error.ts'
import { hasRole, type Viewer } from '#server/http/viewer.ts'
import { getOrganization } from '#server/modules/organizations/organizations.service.ts'
import { isEligible, listProgramsForViewer, loadProgram } from '#server/modules/programs/programs.service.ts'
import { listOrganizationSkills } from '#server/modules/skills/skills.service.ts'
import { groupBy } from './group-by.ts'
import { listGoalOwnersAndCounts } from './insight-aggregates.repository.ts'
import { programInsightsFromSums } from './insight-aggregates.ts'
import { insightFigureCsv } from './insight-csv.ts'
import type { InsightRows } from './insight-figures.ts'
import { loadAtRiskNames, loadStoredAtRiskPage, readProgramSnapshots, sumsProgramOf } from './insight-snapshots.ts'
import {
  listCheckIns,
  listEnrollments,
  listFeedbackRatings,
  listGoals,
  listMatches,
  listMembers,
  listOpenRepairRequests,
  listPeople,
  listSessions,
  listSurveyNumbers,
  listThemes,
} from './insights.repository.ts'
import { withholdBelowThreshold } from './privacy-threshold.ts'

/** Insights are for program managers and admins; anyone else is told the program does not exist. */
function assertManager(viewer: Viewer, what: string): void {
  if (!hasRole(viewer, 'program_manager')) throw notFound(what)
}

const toNumber = (value: string | number | null) => {
  if (value === null || value === '') return null
  const n = Number(value)
  return Number.isFinite(n) ? n : null
}

/** A stored self-assessment as { skill: 1..5 }, ignoring anything else. */
function readRatings(value: unknown): Record<string, number> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {}
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === 'number'),
  )
}

const toDate = (value: Date | string) => (value instanceof Date ? value : new Date(value))

const byProgram = <T extends { program_id: string }>(rows: T[]) => groupBy(rows, (row) => row.program_id)

/**
 * Loads every row of each program in one query per table, for the computation from scratch
 * (`computeProgramInsights`): the reference the aggregates are tested against. The routes read
 * the aggregates (insight-aggregates.ts), which do not load a program's rows.
 */
export async function loadInsightRows(db: Db, viewer: Viewer, programs: Program[]): Promise<Map<string, InsightRows>> {
  const org = viewer.organizationId
  const ids = programs.map((p) => p.id)
  const [people, skills, enrollments, matches, members, sessions, goals, feedback, checkIns, surveys, repairs] =
    await Promise.all([
      listPeople(db, org),
      listOrganizationSkills(db, viewer),
      listEnrollments(db, org, ids).then(byProgram),
      listMatches(db, org, ids).then(byProgram),
      listMembers(db, org, ids).then(byProgram),
      listSessions(db, org, ids).then(byProgram),
      listGoals(db, org, ids).then(byProgram),
      listFeedbackRatings(db, org, ids).then(byProgram),
      listCheckIns(db, org, ids).then(byProgram),
      listSurveyNumbers(db, org, ids).then(byProgram),
      listOpenRepairRequests(db, org, ids).then(byProgram),
    ])
  const skillNames = new Map(skills.map((s) => [s.slug, s.name]))
  const stillHere = people.filter((p) => p.status !== 'deactivated')
  const result = new Map<string, InsightRows>()
  for (const program of programs) {
    const surveysOf = surveys.get(program.id) ?? []
    result.set(program.id, {
      program: programFacts(program, skillNames),
      eligiblePersonIds: stillHere.filter((p) => isEligible(program.eligibility, p)).map((p) => p.id),
      enrollments: (enrollments.get(program.id) ?? []).map((e) => ({
        personId: e.person_id,
        status: e.status,
        selfAssessment: readRatings(e.self_assessment),
      })),
      matches: (matches.get(program.id) ?? []).map((m) => ({
        id: m.id,
        status: m.status,
        publishedAt: m.published_at ? toDate(m.published_at) : null,
      })),
      members: (members.get(program.id) ?? []).map((m) => ({
        matchId: m.match_id,
        personId: m.person_id,
        name: m.name,
        department: m.department,
        response: m.response,
      })),
      sessions: (sessions.get(program.id) ?? []).map((s) => ({
        matchId: s.match_id,
        status: s.status,
        startsAt: toDate(s.starts_at),
        coachId: s.coach_id,
      })),
      goals: (goals.get(program.id) ?? []).map((g) => ({
        matchId: g.match_id,
        ownerId: g.owner_id,
        status: g.status,
        progress: g.progress,
      })),
      feedback: (feedback.get(program.id) ?? []).map((f) => ({
        giverId: f.giver_id,
        listening: f.rating_listening,
        questions: f.rating_questions,
        helpfulness: f.rating_helpfulness,
      })),
      checkIns: (checkIns.get(program.id) ?? []).map((c) => ({
        personId: c.person_id,
        mood: c.mood,
        stress: c.stress,
        createdAt: toDate(c.created_at),
      })),
      fitAnswers: surveysOf
        .filter((s) => s.kind === 'fit')
        .map((s) => ({
          matchId: s.match_id,
          personId: s.person_id,
          fit: toNumber(s.fit),
          keepPairing: s.keep_pairing,
        })),
      closingSurveys: surveysOf
        .filter((s) => s.kind === 'closing')
        .map((s) => ({
          matchId: s.match_id,
          personId: s.person_id,
          satisfaction: toNumber(s.satisfaction),
          wouldRecommend: toNumber(s.would_recommend),
          selfAssessment: readRatings(s.self_assessment),
        })),
      openRepairRequestMatchIds: [...new Set((repairs.get(program.id) ?? []).map((r) => r.match_id))],
    })
  }
  return result
}

/** A program's settings and focus skills (with their names), as both insight paths report them. */
function programFacts(program: Program, skillNames: Map<string, string>) {
  return {
    id: program.id,
    name: program.name,
    type: program.type,
    status: program.status,
    cadenceDays: program.sessionCadenceDays,
    targetSessionCount: program.targetSessionCount,
    focusSkills: program.focusSkills.map((slug) => ({ slug, name: skillNames.get(slug) ?? slug })),
  }
}

/** The program as the dashboard names it: settings and focus skills with their names. */
async function loadInsightProgram(db: Db, viewer: Viewer, program: Program) {
  const skillNames = new Map((await listOrganizationSkills(db, viewer)).map((s) => [s.slug, s.name]))
  return programFacts(program, skillNames)
}

/**
 * A program's dashboard for program managers and admins, from its snapshot (at most a minute old,
 * `asOf`): aggregates hidden below the organization's current threshold, and the first page of the
 * matches that need attention (names, never anyone's words).
 */
export async function getProgramInsights(
  db: Db,
  viewer: Viewer,
  programId: string,
  now: Date,
): Promise<ProgramInsights> {
  assertManager(viewer, 'Program')
  const [program, organization] = await Promise.all([
    loadProgram(db, viewer.organizationId, programId),
    getOrganization(db, viewer),
  ])
  const [facts, snapshots] = await Promise.all([
    loadInsightProgram(db, viewer, program),
    readProgramSnapshots(db, viewer.organizationId, [sumsProgramOf(program)], now),
  ])
  const snapshot = snapshots.get(program.id)
  if (!snapshot) throw notFound('Program')
  const names = await loadAtRiskNames(db, viewer.organizationId, [snapshot])
  const figures = programInsightsFromSums(facts, snapshot.sums, snapshot.asOf, organization.aggregateThreshold, names)
  // An integration (an API token, decision 043) gets the figures, not who is in a match that struggles.
  if (viewer.integration) figures.atRisk = []
  return { ...figures, generatedAt: now.toISOString(), asOf: snapshot.asOf.toISOString() }
}

/** One page of a program's at-risk matches, in one of three orders (program managers and admins). */
export async function getAtRiskPage(
  db: Db,
  viewer: Viewer,
  programId: string,
  query: AtRiskQuery,
  now: Date,
): Promise<AtRiskPage> {
  assertManager(viewer, 'Program')
  const page = AtRiskQuerySchema.parse(query)
  const program = await loadProgram(db, viewer.organizationId, programId)
  return loadStoredAtRiskPage(db, viewer.organizationId, sumsProgramOf(program), now, page)
}

/** One figure of a program's dashboard as CSV (hidden figures stay hidden). */
export async function exportProgramInsightCsv(
  db: Db,
  viewer: Viewer,
  programId: string,
  figure: InsightFigure,
  now: Date,
): Promise<{ filename: string; csv: string }> {
  const insights = await getProgramInsights(db, viewer, programId, now)
  if (figure === 'at-risk' && !viewer.integration && insights.atRiskPaging.total > insights.atRisk.length) {
    // The download holds every at-risk match, not the dashboard's first page.
    const program = await loadProgram(db, viewer.organizationId, programId)
    const all = await loadStoredAtRiskPage(db, viewer.organizationId, sumsProgramOf(program), now, {
      sort: 'attention',
      limit: null,
      offset: 0,
    })
    insights.atRisk = all.matches
  }
  const day = insights.generatedAt.slice(0, 10)
  return { filename: `insights-${figure}-${day}.csv`, csv: insightFigureCsv(insights, figure) }
}

/** Every program side by side, and the organization's themes with the programs and goals that serve them. */
export async function getInsightsOverview(db: Db, viewer: Viewer, now: Date): Promise<InsightsOverview> {
  assertManager(viewer, 'Insights')
  const [{ programs }, organization, themes] = await Promise.all([
    listProgramsForViewer(db, viewer, now),
    getOrganization(db, viewer),
    listThemes(db, viewer.organizationId),
  ])
  const threshold = organization.aggregateThreshold
  const skillNames = new Map((await listOrganizationSkills(db, viewer)).map((s) => [s.slug, s.name]))
  const snapshots = await readProgramSnapshots(db, viewer.organizationId, programs.map(sumsProgramOf), now)
  const sideBySide: ProgramSideBySide[] = []
  for (const program of programs) {
    const snapshot = snapshots.get(program.id)
    if (!snapshot) continue
    // The side-by-side rows name no one, so the at-risk members' names are not read.
    const insights = programInsightsFromSums(
      programFacts(program, skillNames),
      snapshot.sums,
      snapshot.asOf,
      threshold,
      new Map(),
    )
    const { distribution: _distribution, ...sessions } = insights.sessions
    sideBySide.push({
      programId: program.id,
      name: program.name,
      type: program.type,
      status: program.status,
      themeId: program.themeId,
      participation: insights.participation,
      activeMatches: insights.activeMatches,
      sessions,
      goals: insights.goals,
      satisfaction: insights.satisfaction,
      atRiskCount: insights.atRiskPaging.total,
      asOf: snapshot.asOf.toISOString(),
    })
  }
  const themed = programs.filter((p) => p.themeId !== null)
  const goalsByOwner = await listGoalOwnersAndCounts(
    db,
    viewer.organizationId,
    themed.map((p) => p.id),
  )
  const ref = (p: Program) => ({ programId: p.id, name: p.name, status: p.status })
  const themeInsights: ThemeInsight[] = themes.map((theme) => {
    const served = programs.filter((p) => p.themeId === theme.id)
    const servedIds = new Set(served.map((p) => p.id))
    const goals = goalsByOwner.filter((g) => servedIds.has(g.programId))
    const owners = new Set(goals.map((g) => g.ownerId)).size
    return {
      themeId: theme.id,
      name: theme.name,
      description: theme.description,
      programs: served.map(ref),
      goals: withholdBelowThreshold(
        owners,
        threshold,
        {
          count: goals.reduce((sum, g) => sum + g.goals, 0),
          achieved: goals.reduce((sum, g) => sum + g.achieved, 0),
        },
        { count: null, achieved: null },
      ),
    }
  })
  return {
    generatedAt: now.toISOString(),
    asOf: sideBySide.map((p) => p.asOf).reduce((oldest, asOf) => (asOf < oldest ? asOf : oldest), now.toISOString()),
    threshold,
    programs: sideBySide,
    themes: themeInsights,
    unthemedPrograms: programs.filter((p) => p.themeId === null).map(ref),
  }
}
