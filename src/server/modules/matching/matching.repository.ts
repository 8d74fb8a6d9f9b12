import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type { Db } from '#server/db/connect.ts'
import type { MatchingRunStatus, MatchMemberRole, MatchStatus } from '#server/db/schema.ts'

const BATCH = 500

// ---- runs ---------------------------------------------------------------------------------------

const runColumns = [
  'r.id',
  'r.organization_id',
  'r.program_id',
  'r.run_number',
  'r.status',
  'r.settings',
  'r.summary',
  'r.progress',
  'r.error',
  'r.started_by',
  'r.created_at',
  'r.started_at',
  'r.finished_at',
  'p.name as started_by_name',
] as const

function selectRuns(db: Db, organizationId: string) {
  return db
    .selectFrom('matching_runs as r')
    .leftJoin('people as p', (join) =>
      join.onRef('p.id', '=', 'r.started_by').on('p.organization_id', '=', organizationId),
    )
    .where('r.organization_id', '=', organizationId)
}

export type MatchingRunListRow = Awaited<ReturnType<typeof listMatchingRuns>>[number]

/** A program's runs, newest first, without their (large) results. */
export function listMatchingRuns(db: Db, organizationId: string, programId: string) {
  return selectRuns(db, organizationId)
    .select(runColumns)
    .where('r.program_id', '=', programId)
    .orderBy('r.run_number', 'desc')
    .execute()
}

export function findMatchingRun(db: Db, organizationId: string, runId: string) {
  return selectRuns(db, organizationId).select(runColumns).where('r.id', '=', runId).executeTakeFirst()
}

export function findMatchingRunResult(db: Db, organizationId: string, runId: string) {
  return db
    .selectFrom('matching_runs')
    .select('result')
    .where('organization_id', '=', organizationId)
    .where('id', '=', runId)
    .executeTakeFirst()
}

/** A run of the program still queued or running, if any. */
export function findUnfinishedRun(db: Db, organizationId: string, programId: string) {
  return db
    .selectFrom('matching_runs')
    .select(['id', 'status', 'created_at'])
    .where('organization_id', '=', organizationId)
    .where('program_id', '=', programId)
    .where('status', 'in', ['queued', 'running'])
    .orderBy('run_number', 'desc')
    .executeTakeFirst()
}

export async function insertMatchingRun(
  db: Db,
  organizationId: string,
  values: { programId: string; settings: unknown; startedBy: string },
): Promise<string> {
  const row = await db
    .insertInto('matching_runs')
    .values((eb) => ({
      organization_id: organizationId,
      program_id: values.programId,
      run_number: eb
        .selectFrom('matching_runs')
        .select(sql<number>`coalesce(max(run_number), 0) + 1`.as('next'))
        .where('program_id', '=', values.programId),
      settings: JSON.stringify(values.settings),
      started_by: values.startedBy,
    }))
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export type MatchingRunChanges = {
  status?: MatchingRunStatus
  progress?: number
  summary?: unknown
  result?: unknown
  error?: string | null
  startedAt?: Date
  finishedAt?: Date
}

export async function updateMatchingRun(db: Db, organizationId: string, runId: string, changes: MatchingRunChanges) {
  await db
    .updateTable('matching_runs')
    .set({
      ...(changes.status !== undefined ? { status: changes.status } : {}),
      ...(changes.progress !== undefined ? { progress: changes.progress } : {}),
      ...(changes.summary !== undefined ? { summary: JSON.stringify(changes.summary) } : {}),
      ...(changes.result !== undefined ? { result: JSON.stringify(changes.result) } : {}),
      ...(changes.error !== undefined ? { error: changes.error } : {}),
      ...(changes.startedAt !== undefined ? { started_at: changes.startedAt } : {}),
      ...(changes.finishedAt !== undefined ? { finished_at: changes.finishedAt } : {}),
    })
    .where('organization_id', '=', organizationId)
    .where('id', '=', runId)
    .execute()
}

/** The unmatched lists of the program's latest succeeded run (read from its result without loading the matches). */
export function findLatestRunUnmatched(db: Db, organizationId: string, programId: string) {
  return db
    .selectFrom('matching_runs')
    .select(['id', 'finished_at', sql<unknown>`result -> 'unmatched'`.as('unmatched')])
    .where('organization_id', '=', organizationId)
    .where('program_id', '=', programId)
    .where('status', '=', 'succeeded')
    .orderBy('run_number', 'desc')
    .limit(1)
    .executeTakeFirst()
}

// ---- matches ------------------------------------------------------------------------------------

export interface NewMatch {
  runId: string | null
  origin: 'engine' | 'manual'
  score: number
  explanation: unknown
  isLocked: boolean
  createdBy: string | null
  members: { personId: string; role: MatchMemberRole }[]
}

/** Inserts matches and their members in batches; returns the new ids in order. */
export async function insertMatches(
  db: Db,
  organizationId: string,
  programId: string,
  matches: NewMatch[],
): Promise<string[]> {
  const ids = matches.map(() => randomUUID())
  for (let start = 0; start < matches.length; start += BATCH) {
    const slice = matches.slice(start, start + BATCH)
    await db
      .insertInto('matches')
      .values(
        slice.map((m, k) => ({
          id: ids[start + k],
          organization_id: organizationId,
          program_id: programId,
          run_id: m.runId,
          origin: m.origin,
          score: m.score,
          explanation: JSON.stringify(m.explanation),
          is_locked: m.isLocked,
          created_by: m.createdBy,
        })),
      )
      .execute()
    const members = slice.flatMap((m, k) =>
      m.members.map((member) => ({
        match_id: ids[start + k],
        person_id: member.personId,
        organization_id: organizationId,
        role: member.role,
      })),
    )
    for (let from = 0; from < members.length; from += BATCH * 2) {
      await db
        .insertInto('match_members')
        .values(members.slice(from, from + BATCH * 2))
        .execute()
    }
  }
  return ids
}

/** Removes the program's engine proposals that nobody locked (a new run replaces them). */
export async function deleteReplaceableProposals(db: Db, organizationId: string, programId: string): Promise<number> {
  const result = await db
    .deleteFrom('matches')
    .where('organization_id', '=', organizationId)
    .where('program_id', '=', programId)
    .where('status', '=', 'proposed')
    .where('origin', '=', 'engine')
    .where('is_locked', '=', false)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}

export function findMatch(db: Db, organizationId: string, matchId: string) {
  return db
    .selectFrom('matches')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', matchId)
    .executeTakeFirst()
}

export function listProgramMatches(
  db: Db,
  organizationId: string,
  programId: string,
  statuses: MatchStatus[],
  page: { limit: number; offset: number } = { limit: 1_000_000, offset: 0 },
) {
  return db
    .selectFrom('matches')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('program_id', '=', programId)
    .where('status', 'in', statuses)
    .orderBy('created_at')
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
}

/** How many matches of the program are in each status, and how many proposals are locked. */
export async function countProgramMatches(db: Db, organizationId: string, programId: string) {
  const rows = await db
    .selectFrom('matches')
    .select(['status', 'is_locked', (eb) => eb.fn.countAll<number>().as('count')])
    .where('organization_id', '=', organizationId)
    .where('program_id', '=', programId)
    .groupBy(['status', 'is_locked'])
    .execute()
  return rows.map((row) => ({ status: row.status, isLocked: row.is_locked, count: Number(row.count) }))
}

export function listMatchesByIds(db: Db, organizationId: string, matchIds: string[]) {
  if (matchIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('matches')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', 'in', matchIds)
    .execute()
}

export type MemberRow = Awaited<ReturnType<typeof listMatchMembers>>[number]

/** Members of the given matches with the profile fields the API shows. */
export async function listMatchMembers(db: Db, organizationId: string, matchIds: string[]) {
  const rows = []
  for (let start = 0; start < matchIds.length; start += BATCH * 4) {
    const chunk = matchIds.slice(start, start + BATCH * 4)
    rows.push(
      ...(await db
        .selectFrom('match_members as mm')
        .innerJoin('people as p', (join) =>
          join.onRef('p.id', '=', 'mm.person_id').on('p.organization_id', '=', organizationId),
        )
        .select([
          'mm.match_id',
          'mm.person_id',
          'mm.role',
          'mm.response',
          'mm.response_reason',
          'mm.responded_at',
          'p.name',
          'p.email',
          'p.title',
          'p.department',
          'p.location',
          'p.time_zone',
          'p.languages',
          'p.seniority',
        ])
        .where('mm.organization_id', '=', organizationId)
        .where('mm.match_id', 'in', chunk)
        .orderBy('mm.match_id')
        .orderBy('p.name')
        .execute()),
    )
  }
  return rows
}

/** Who is in which match of the program, for the given statuses. */
export function listMemberships(db: Db, organizationId: string, programIds: string[], statuses: MatchStatus[]) {
  if (programIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('match_members as mm')
    .innerJoin('matches as m', 'm.id', 'mm.match_id')
    .select([
      'mm.match_id',
      'mm.person_id',
      'mm.role',
      'm.program_id',
      'm.status',
      'm.score',
      'm.origin',
      'm.is_locked',
      'm.ended_at',
      'm.end_reason',
    ])
    .where('mm.organization_id', '=', organizationId)
    .where('m.organization_id', '=', organizationId)
    .where('m.program_id', 'in', programIds)
    .where('m.status', 'in', statuses)
    .orderBy('m.created_at')
    .orderBy('mm.match_id')
    .execute()
}

export async function updateMatch(
  db: Db,
  organizationId: string,
  matchId: string,
  changes: {
    status?: MatchStatus
    isLocked?: boolean
    origin?: 'engine' | 'manual'
    score?: number
    explanation?: unknown
    publishedAt?: Date
    endedAt?: Date
    endReason?: string
  },
  now: Date,
) {
  await db
    .updateTable('matches')
    .set({
      updated_at: now,
      ...(changes.status !== undefined ? { status: changes.status } : {}),
      ...(changes.isLocked !== undefined ? { is_locked: changes.isLocked } : {}),
      ...(changes.origin !== undefined ? { origin: changes.origin } : {}),
      ...(changes.score !== undefined ? { score: changes.score } : {}),
      ...(changes.explanation !== undefined ? { explanation: JSON.stringify(changes.explanation) } : {}),
      ...(changes.publishedAt !== undefined ? { published_at: changes.publishedAt } : {}),
      ...(changes.endedAt !== undefined ? { ended_at: changes.endedAt } : {}),
      ...(changes.endReason !== undefined ? { end_reason: changes.endReason } : {}),
    })
    .where('organization_id', '=', organizationId)
    .where('id', '=', matchId)
    .execute()
}

/** proposed -> published for the whole program; returns the published ids. */
export async function publishProposals(
  db: Db,
  organizationId: string,
  programId: string,
  now: Date,
): Promise<string[]> {
  const rows = await db
    .updateTable('matches')
    .set({ status: 'published', published_at: now, updated_at: now })
    .where('organization_id', '=', organizationId)
    .where('program_id', '=', programId)
    .where('status', '=', 'proposed')
    .returning('id')
    .execute()
  return rows.map((row) => row.id)
}

export async function replaceMatchMembers(
  db: Db,
  organizationId: string,
  matchId: string,
  members: { personId: string; role: MatchMemberRole }[],
) {
  await db
    .deleteFrom('match_members')
    .where('organization_id', '=', organizationId)
    .where('match_id', '=', matchId)
    .execute()
  await db
    .insertInto('match_members')
    .values(
      members.map((m) => ({ match_id: matchId, person_id: m.personId, organization_id: organizationId, role: m.role })),
    )
    .execute()
}

export async function updateMemberResponse(
  db: Db,
  organizationId: string,
  matchId: string,
  personId: string,
  response: 'accepted' | 'declined',
  reason: string | null,
  now: Date,
) {
  await db
    .updateTable('match_members')
    .set({ response, response_reason: reason, responded_at: now })
    .where('organization_id', '=', organizationId)
    .where('match_id', '=', matchId)
    .where('person_id', '=', personId)
    .execute()
}

/** The matches a person is a member of, with the program's name and type, for the given statuses. */
export function listMatchesOfPerson(db: Db, organizationId: string, personId: string, statuses: MatchStatus[]) {
  return db
    .selectFrom('matches as m')
    .innerJoin('match_members as mm', 'mm.match_id', 'm.id')
    .innerJoin('programs as pr', (join) =>
      join.onRef('pr.id', '=', 'm.program_id').on('pr.organization_id', '=', organizationId),
    )
    .selectAll('m')
    .select(['pr.name as program_name', 'pr.type as program_type'])
    .where('m.organization_id', '=', organizationId)
    .where('mm.organization_id', '=', organizationId)
    .where('mm.person_id', '=', personId)
    .where('m.status', 'in', statuses)
    .orderBy('m.published_at', 'desc')
    .orderBy('m.id')
    .execute()
}

// ---- pair rules ---------------------------------------------------------------------------------

function selectPairRules(db: Db, organizationId: string) {
  return db
    .selectFrom('pair_rules as r')
    .innerJoin('people as a', (join) =>
      join.onRef('a.id', '=', 'r.person_a_id').on('a.organization_id', '=', organizationId),
    )
    .innerJoin('people as b', (join) =>
      join.onRef('b.id', '=', 'r.person_b_id').on('b.organization_id', '=', organizationId),
    )
    .leftJoin('people as c', (join) =>
      join.onRef('c.id', '=', 'r.created_by').on('c.organization_id', '=', organizationId),
    )
    .selectAll('r')
    .select(['a.name as person_a_name', 'b.name as person_b_name', 'c.name as created_by_name'])
    .where('r.organization_id', '=', organizationId)
}

export type PairRuleWithNamesRow = Awaited<ReturnType<typeof listPairRules>>[number]

export function listPairRules(db: Db, organizationId: string, programId: string) {
  return selectPairRules(db, organizationId).where('r.program_id', '=', programId).orderBy('r.created_at').execute()
}

export function findPairRule(db: Db, organizationId: string, programId: string, ruleId: string) {
  return selectPairRules(db, organizationId)
    .where('r.program_id', '=', programId)
    .where('r.id', '=', ruleId)
    .executeTakeFirst()
}

export function findPairRuleFor(db: Db, organizationId: string, programId: string, a: string, b: string) {
  const [low, high] = a < b ? [a, b] : [b, a]
  return db
    .selectFrom('pair_rules')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('program_id', '=', programId)
    .where('person_a_id', '=', low)
    .where('person_b_id', '=', high)
    .executeTakeFirst()
}

export async function insertPairRule(
  db: Db,
  organizationId: string,
  values: { programId: string; kind: 'must' | 'never'; personIds: [string, string]; createdBy: string },
): Promise<string> {
  const [low, high] = [...values.personIds].sort()
  const row = await db
    .insertInto('pair_rules')
    .values({
      organization_id: organizationId,
      program_id: values.programId,
      kind: values.kind,
      person_a_id: low,
      person_b_id: high,
      created_by: values.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function deletePairRule(db: Db, organizationId: string, programId: string, ruleId: string) {
  await db
    .deleteFrom('pair_rules')
    .where('organization_id', '=', organizationId)
    .where('program_id', '=', programId)
    .where('id', '=', ruleId)
    .execute()
}

// ---- people -------------------------------------------------------------------------------------

export type PersonCardRow = Awaited<ReturnType<typeof listPeopleCards>>[number]

/** Names and profile fields of people of the organization, for reasons and refusals. */
export async function listPeopleCards(db: Db, organizationId: string, personIds: string[]) {
  const rows = []
  const ids = [...new Set(personIds)]
  for (let start = 0; start < ids.length; start += BATCH * 4) {
    rows.push(
      ...(await db
        .selectFrom('people')
        .select(['id', 'name', 'email', 'title', 'department', 'seniority'])
        .where('organization_id', '=', organizationId)
        .where('id', 'in', ids.slice(start, start + BATCH * 4))
        .execute()),
    )
  }
  return rows
}
