import { type RawBuilder, sql } from 'kysely'
import type { AtRiskReasonCode, AtRiskSort } from '#contracts/insights.ts'
import type { Eligibility } from '#contracts/programs.ts'
import type { Db } from '#server/db/connect.ts'

/**
 * The dashboard's figures as SQL aggregates (issue #14): the database counts and sums, so a program
 * of 12,500 matches and 120,000 sessions returns a few hundred numbers, not every row. Numbers,
 * statuses and names only, like insights.repository.ts. Every sum is of whole numbers, and every
 * division and rounding happens in insight-aggregates.ts with the same arithmetic as
 * insight-figures.ts, so the two paths give identical figures (insight-aggregates.test.ts).
 *
 * Times are compared at millisecond precision (`date_trunc('milliseconds', ...)`), as the
 * computation from rows sees them once read into JavaScript dates.
 */

export interface ProgramScope {
  organizationId: string
  programId: string
}

const PAST_PROPOSAL = sql`('published', 'active', 'completed', 'dissolved', 'declined')`
const WENT_AHEAD = sql`('active', 'completed', 'dissolved')`
const CURRENT = sql`('proposed', 'published', 'active', 'completed')`

const ms = (column: RawBuilder<unknown>) => sql`date_trunc('milliseconds', ${column})`

/** A rating stored in a jsonb answer: a JSON number, or null (what `toNumber` reads from it, for numbers). */
const jsonNumber = (value: RawBuilder<unknown>) =>
  sql`case when jsonb_typeof(${value}) = 'number' then (${value})::text::numeric end`

/** The matches of the program its members were shown (past proposal), as a CTE body. */
const shownMatches = ({ organizationId, programId }: ProgramScope) => sql`
  select id, status, published_at from matches
  where organization_id = ${organizationId} and program_id = ${programId}
    and status in ${PAST_PROPOSAL} and published_at is not null`

/** The members of shown matches with their department and the match's status, as a CTE body (needs `m`). */
const shownMembers = ({ organizationId }: ProgramScope) => sql`
  select mm.match_id, mm.person_id, mm.response, p.department, p.name, m.status
  from m
  join match_members mm on mm.match_id = m.id and mm.organization_id = ${organizationId}
  join people p on p.id = mm.person_id and p.organization_id = ${organizationId}`

/** Sessions held (and not in the future), per match, with the last one, as a CTE body (needs `m`). */
const heldPerMatch = ({ organizationId }: ProgramScope, now: Date) => sql`
  select s.match_id, count(*)::int as n, max(${ms(sql`s.starts_at`)}) as last
  from m join coaching_sessions s on s.match_id = m.id and s.organization_id = ${organizationId}
  where s.status = 'held' and ${ms(sql`s.starts_at`)} <= ${now}::timestamptz
  group by s.match_id`

const int = (value: unknown) => (value === null || value === undefined ? 0 : Number(value))

export interface MatchFigureSums {
  members: number
  membersPeople: number
  accepted: number
  declined: number
  pending: number
  wentAhead: number
  wentAheadPeople: number
  held: number
  atTarget: number
  /** held sessions -> matches that went ahead, with the last bucket "target or more". */
  distribution: Map<number, number>
  activeMatches: number
  activePeople: number
  recentlyMet: number
  pairs: number
  pairPeople: number
  balancedPairs: number
  crossDepartment: number
}

/** Acceptance, sessions, active matches, give-and-take and cross-department ties: one pass over the matches. */
export async function sumMatchFigures(
  db: Db,
  scope: ProgramScope,
  options: { now: Date; target: number; activeSince: Date },
): Promise<MatchFigureSums> {
  const { organizationId } = scope
  const result = await sql<Record<string, unknown>>`
    with m as (${shownMatches(scope)}),
    mem as (${shownMembers(scope)}),
    held as (${heldPerMatch(scope, options.now)}),
    coached as (
      select s.match_id, s.coach_id, count(*)::int as n
      from m join coaching_sessions s on s.match_id = m.id and s.organization_id = ${organizationId}
      where s.status = 'held' and ${ms(sql`s.starts_at`)} <= ${options.now}::timestamptz and s.coach_id is not null
      group by s.match_id, s.coach_id),
    coached_total as (select match_id, sum(n)::int as n from coached group by match_id),
    member_turns as (
      select mem.match_id, max(coalesce(c.n, 0)) - min(coalesce(c.n, 0)) as spread,
        count(*)::int as members, count(distinct mem.department)::int as departments
      from mem left join coached c on c.match_id = mem.match_id and c.coach_id = mem.person_id
      group by mem.match_id),
    pm as (
      select m.id, m.status, coalesce(h.n, 0) as n, h.last, coalesce(t.members, 0) as members,
        coalesce(t.departments, 0) as departments, t.spread, coalesce(ct.n, 0) as coached,
        m.status in ${WENT_AHEAD} as went_ahead
      from m left join held h on h.match_id = m.id left join member_turns t on t.match_id = m.id
        left join coached_total ct on ct.match_id = m.id),
    pairs as (select id from pm where went_ahead and members = 2 and coached > 0)
    select
      (select count(*) from mem) as members,
      (select count(distinct person_id) from mem) as members_people,
      (select count(*) from mem where response = 'accepted') as accepted,
      (select count(*) from mem where response = 'declined') as declined,
      (select count(*) from mem where response = 'pending') as pending,
      (select count(distinct person_id) from mem where status in ${WENT_AHEAD}) as went_ahead_people,
      (select count(distinct person_id) from mem where status = 'active') as active_people,
      (select count(distinct mem.person_id) from mem join pairs on pairs.id = mem.match_id) as pair_people,
      (select coalesce(jsonb_object_agg(k, c), '{}'::jsonb) from (
        select least(n, ${options.target}::int) as k, count(*) as c from pm where went_ahead group by 1) d) as distribution,
      count(*) filter (where went_ahead) as went_ahead,
      coalesce(sum(n) filter (where went_ahead), 0) as held,
      count(*) filter (where went_ahead and n >= ${options.target}::int) as at_target,
      count(*) filter (where status = 'active') as active_matches,
      count(*) filter (where status = 'active' and last >= ${options.activeSince}::timestamptz) as recently_met,
      count(*) filter (where went_ahead and members = 2 and coached > 0) as pairs,
      count(*) filter (where went_ahead and members = 2 and coached > 0 and spread <= 1) as balanced_pairs,
      count(*) filter (where went_ahead and departments > 1) as cross_department
    from pm`.execute(db)
  const row = result.rows[0] ?? {}
  const buckets = (typeof row.distribution === 'string' ? JSON.parse(row.distribution) : row.distribution) ?? {}
  return {
    members: int(row.members),
    membersPeople: int(row.members_people),
    accepted: int(row.accepted),
    declined: int(row.declined),
    pending: int(row.pending),
    wentAhead: int(row.went_ahead),
    wentAheadPeople: int(row.went_ahead_people),
    held: int(row.held),
    atTarget: int(row.at_target),
    distribution: new Map(Object.entries(buckets as Record<string, unknown>).map(([k, c]) => [Number(k), int(c)])),
    activeMatches: int(row.active_matches),
    activePeople: int(row.active_people),
    recentlyMet: int(row.recently_met),
    pairs: int(row.pairs),
    pairPeople: int(row.pair_people),
    balancedPairs: int(row.balanced_pairs),
    crossDepartment: int(row.cross_department),
  }
}

/** Enrolled of eligible: the people the program is open to (not deactivated), plus anyone enrolled. */
export async function countParticipation(db: Db, scope: ProgramScope, eligibility: Eligibility) {
  const { organizationId, programId } = scope
  const eligible =
    eligibility.kind === 'everyone'
      ? sql`true`
      : eligibility.kind === 'departments'
        ? eligibility.departments.length === 0
          ? sql`false`
          : sql`department in (${sql.join(eligibility.departments)})`
        : eligibility.personIds.length === 0
          ? sql`false`
          : sql`id::text in (${sql.join(eligibility.personIds)})`
  const result = await sql<{ enrolled: unknown; eligible: unknown }>`
    with enrolled as (
      select distinct person_id from enrollments
      where organization_id = ${organizationId} and program_id = ${programId} and status = 'enrolled')
    select (select count(*) from enrolled) as enrolled,
      (select count(*) from (
        select id from people where organization_id = ${organizationId} and status <> 'deactivated' and ${eligible}
        union select person_id from enrolled) e) as eligible`.execute(db)
  const row = result.rows[0]
  return { enrolled: int(row?.enrolled), eligible: int(row?.eligible) }
}

/** Goals of shown matches: owners, counts by status and the sum of progress. */
export async function sumGoals(db: Db, scope: ProgramScope) {
  const result = await sql<Record<string, unknown>>`
    with m as (${shownMatches(scope)})
    select count(distinct g.owner_id) as owners, count(*) as set,
      count(*) filter (where g.status = 'achieved') as achieved,
      count(*) filter (where g.status = 'active') as in_progress,
      count(*) filter (where g.status = 'dropped') as dropped,
      coalesce(sum(g.progress), 0) as progress
    from m join goals g on g.match_id = m.id and g.organization_id = ${scope.organizationId}`.execute(db)
  const row = result.rows[0] ?? {}
  return {
    owners: int(row.owners),
    set: int(row.set),
    achieved: int(row.achieved),
    inProgress: int(row.in_progress),
    dropped: int(row.dropped),
    progress: int(row.progress),
  }
}

/** Goals of the shown matches of several programs, per program (the overview's themes). */
export async function listGoalOwnersAndCounts(db: Db, organizationId: string, programIds: string[]) {
  if (programIds.length === 0) return []
  const result = await sql<{ program_id: string; owner_id: string; goals: unknown; achieved: unknown }>`
    select m.program_id, g.owner_id, count(*) as goals, count(*) filter (where g.status = 'achieved') as achieved
    from matches m join goals g on g.match_id = m.id and g.organization_id = ${organizationId}
    where m.organization_id = ${organizationId} and m.program_id in (${sql.join(programIds)})
      and m.status in ${PAST_PROPOSAL} and m.published_at is not null
    group by m.program_id, g.owner_id`.execute(db)
  return result.rows.map((r) => ({
    programId: r.program_id,
    ownerId: r.owner_id,
    goals: int(r.goals),
    achieved: int(r.achieved),
  }))
}

/** Feedback ratings of shown matches: givers, forms and the sums of each rating. */
export async function sumFeedbackRatings(db: Db, scope: ProgramScope) {
  const result = await sql<Record<string, unknown>>`
    with m as (${shownMatches(scope)})
    select count(distinct f.giver_id) as givers, count(*) as forms,
      coalesce(sum(f.rating_listening), 0) as listening, coalesce(sum(f.rating_questions), 0) as questions,
      coalesce(sum(f.rating_helpfulness), 0) as helpfulness
    from m join feedback f on f.match_id = m.id and f.organization_id = ${scope.organizationId}`.execute(db)
  const row = result.rows[0] ?? {}
  return {
    givers: int(row.givers),
    forms: int(row.forms),
    listening: int(row.listening),
    questions: int(row.questions),
    helpfulness: int(row.helpfulness),
  }
}

/** Closing surveys of shown matches: respondents, satisfaction sums and the would-recommend buckets. */
export async function sumClosingSurveys(db: Db, scope: ProgramScope) {
  const satisfaction = jsonNumber(sql`s.answers->'satisfaction'`)
  const recommend = jsonNumber(sql`s.answers->'wouldRecommend'`)
  const result = await sql<Record<string, unknown>>`
    with m as (${shownMatches(scope)})
    select count(distinct s.person_id) as people, count(*) as responses,
      count(${satisfaction}) as satisfaction_count, coalesce(sum(${satisfaction}), 0) as satisfaction_sum,
      count(${recommend}) as recommend_count,
      count(*) filter (where ${recommend} >= 9) as promoters,
      count(*) filter (where ${recommend} <= 6) as detractors
    from m join match_surveys s on s.match_id = m.id and s.organization_id = ${scope.organizationId}
    where s.kind = 'closing'`.execute(db)
  const row = result.rows[0] ?? {}
  return {
    people: int(row.people),
    responses: int(row.responses),
    satisfactionCount: int(row.satisfaction_count),
    satisfactionSum: Number(row.satisfaction_sum ?? 0),
    recommendCount: int(row.recommend_count),
    promoters: int(row.promoters),
    detractors: int(row.detractors),
  }
}

/**
 * Skill growth per focus skill: for each person, their first closing survey (oldest, then by id)
 * that rates the skill, against their enrollment's self-assessment of it.
 */
export async function sumSkillGrowth(db: Db, scope: ProgramScope, slugs: string[]) {
  if (slugs.length === 0) return new Map<string, { people: number; pre: number; post: number; growth: number }>()
  const { organizationId, programId } = scope
  const result = await sql<{ slug: string; people: unknown; pre: unknown; post: unknown; growth: unknown }>`
    with m as (${shownMatches(scope)}),
    answers as (
      select s.person_id, s.created_at, s.id, s.answers->'selfAssessment' as post, e.self_assessment as pre
      from m join match_surveys s on s.match_id = m.id and s.organization_id = ${organizationId}
        join enrollments e on e.person_id = s.person_id and e.program_id = ${programId} and e.organization_id = ${organizationId}
      where s.kind = 'closing')
    select k.slug, count(*) as people, sum(x.pre) as pre, sum(x.post) as post, sum(x.post - x.pre) as growth
    from (values ${sql.join(slugs.map((slug) => sql`(${slug}::text)`))}) k(slug)
    cross join lateral (
      select distinct on (a.person_id) ${jsonNumber(sql`a.pre->k.slug`)} as pre, ${jsonNumber(sql`a.post->k.slug`)} as post
      from answers a
      where jsonb_typeof(a.pre->k.slug) = 'number' and jsonb_typeof(a.post->k.slug) = 'number'
        and jsonb_typeof(a.pre) = 'object' and jsonb_typeof(a.post) = 'object'
      order by a.person_id, a.created_at, a.id) x
    group by k.slug`.execute(db)
  return new Map(
    result.rows.map((r) => [
      r.slug,
      { people: int(r.people), pre: Number(r.pre), post: Number(r.post), growth: Number(r.growth) },
    ]),
  )
}

/** Wellbeing check-ins of shown matches per week (Monday, UTC), and the people over all weeks. */
export async function sumWellbeingWeeks(db: Db, scope: ProgramScope) {
  const week = sql`to_char(date_trunc('week', w.created_at at time zone 'UTC'), 'YYYY-MM-DD')`
  const result = await sql<{
    week_start: string | null
    people: unknown
    check_ins: unknown
    mood: unknown
    stress: unknown
  }>`
    with m as (${shownMatches(scope)})
    select ${week} as week_start, count(distinct w.person_id) as people, count(*) as check_ins,
      sum(w.mood) as mood, sum(w.stress) as stress
    from m join wellbeing_checkins w on w.match_id = m.id and w.organization_id = ${scope.organizationId}
    group by grouping sets ((${week}), ())`.execute(db)
  const total = result.rows.find((r) => r.week_start === null)
  return {
    people: int(total?.people),
    weeks: result.rows
      .filter((r) => r.week_start !== null)
      .map((r) => ({
        weekStart: r.week_start as string,
        people: int(r.people),
        checkIns: int(r.check_ins),
        mood: int(r.mood),
        stress: int(r.stress),
      }))
      .sort((a, b) => a.weekStart.localeCompare(b.weekStart)),
  }
}

// ---- the at-risk matches ------------------------------------------------------------------------

export interface AtRiskRow {
  matchId: string
  status: string
  publishedAt: Date | null
  lastHeld: Date | null
  reasons: AtRiskReasonCode[]
  members: { personId: string; name: string }[]
}

/**
 * Every shown match with its at-risk flags, as a CTE body: no held session for twice the cadence,
 * a pairing-fit concern, an open re-pair request (active matches), or a decline whose members are
 * not matched again.
 */
function atRiskMatches(scope: ProgramScope, now: Date, quietSince: Date, matchId?: string) {
  const { organizationId } = scope
  const fit = jsonNumber(sql`f.answers->'fit'`)
  // Each reason is one set of match ids, built by joins (not a subquery per match), and the flags
  // are computed once (materialized) before the list is filtered, counted and sorted.
  const since = sql`greatest(coalesce(h.last, 'epoch'::timestamptz), ${ms(sql`m.published_at`)})`
  return sql`
    with m as (${shownMatches(scope)}),
    target as (select * from m ${matchId === undefined ? sql`` : sql`where id = ${matchId}`}),
    held as (
      select s.match_id, count(*)::int as n, max(${ms(sql`s.starts_at`)}) as last
      from target t join coaching_sessions s on s.match_id = t.id and s.organization_id = ${organizationId}
      where s.status = 'held' and ${ms(sql`s.starts_at`)} <= ${now}::timestamptz
      group by s.match_id),
    fit_concern as (
      select distinct f.match_id from target t join match_surveys f on f.match_id = t.id and f.organization_id = ${organizationId}
      where t.status = 'active' and f.kind = 'fit' and (${fit} <= 2 or f.answers->>'keepPairing' = 'no')),
    open_repair as (
      select distinct r.match_id from target t join repair_requests r on r.match_id = t.id and r.organization_id = ${organizationId}
      where t.status = 'active' and r.status = 'open'),
    declined_members as (
      select mm.match_id, mm.person_id from target t
      join match_members mm on mm.match_id = t.id and mm.organization_id = ${organizationId}
      join people p on p.id = mm.person_id and p.organization_id = ${organizationId}
      where t.status = 'declined'),
    matched_again as (
      select distinct mm.person_id from declined_members d
      join match_members mm on mm.person_id = d.person_id and mm.organization_id = ${organizationId}
      join m on m.id = mm.match_id and m.status in ${CURRENT}),
    declined_unmatched as (
      select distinct d.match_id from declined_members d
      where d.person_id not in (select person_id from matched_again)),
    flags as materialized (
      select m.id, m.status, m.published_at, h.last,
        m.status = 'active' and ${since} > 'epoch'::timestamptz and ${since} <= ${quietSince}::timestamptz
          as no_recent_session,
        fc.match_id is not null as poor_fit,
        orq.match_id is not null as repair_requested,
        du.match_id is not null as declined
      from target m left join held h on h.match_id = m.id
        left join fit_concern fc on fc.match_id = m.id
        left join open_repair orq on orq.match_id = m.id
        left join declined_unmatched du on du.match_id = m.id),
    at_risk as materialized (
      select *, no_recent_session::int + poor_fit::int + repair_requested::int + declined::int as reason_count
      from flags where no_recent_session or poor_fit or repair_requested or declined)`
}

const REASON_COLUMNS: [AtRiskReasonCode, string][] = [
  ['no_recent_session', 'no_recent_session'],
  ['poor_fit', 'poor_fit'],
  ['repair_requested', 'repair_requested'],
  ['declined', 'declined'],
]

const ORDER: Record<AtRiskSort, RawBuilder<unknown>> = {
  // Most reasons first, then by the first member's name; ties keep the order of publication.
  attention: sql`a.reason_count desc, a.first_name, a.published_at, a.id`,
  name: sql`a.first_name, a.published_at, a.id`,
  // Longest without a held session first (never met before anyone who did), then by name.
  quiet: sql`a.last asc nulls first, a.published_at, a.first_name, a.id`,
}

export interface AtRiskPageOptions {
  now: Date
  quietSince: Date
  sort: AtRiskSort
  limit: number | null
  offset: number
  matchId?: string
}

/** The first member's name of each at-risk match, which two orders sort by (one grouped join), as a CTE. */
function firstNames(organizationId: string) {
  return sql`first_names as (
      select a.id, coalesce(min(p.name), '') as first_name from at_risk a
      left join match_members mm on mm.match_id = a.id and mm.organization_id = ${organizationId}
      left join people p on p.id = mm.person_id and p.organization_id = ${organizationId}
      group by a.id)`
}

/** The members of the match `matchId` refers to, by their current names, as a lateral join's body (a page's rows only). */
function membersByName(organizationId: string, matchId: RawBuilder<unknown>) {
  return sql`select coalesce(jsonb_agg(jsonb_build_object('personId', p.id, 'name', p.name) order by p.name, p.id), '[]'::jsonb) as members
      from match_members mm join people p on p.id = mm.person_id and p.organization_id = ${organizationId}
      where mm.match_id = ${matchId} and mm.organization_id = ${organizationId}`
}

const toDate = (value: Date | string | null) =>
  value === null ? null : value instanceof Date ? value : new Date(value)

interface AtRiskSqlRow {
  id: string | null
  status: string
  published_at: Date | string | null
  last: Date | string | null
  no_recent_session: boolean
  poor_fit: boolean
  repair_requested: boolean
  declined: boolean
  members: { personId: string; name: string }[] | string
}

/** How many at-risk matches there are in all and per reason, as select-list columns over `at_risk` rows. */
const reasonCounts = () =>
  sql`count(*) as total, ${sql.join(
    REASON_COLUMNS.map(
      ([, column]) => sql`count(*) filter (where ${sql.ref(column)}) as ${sql.raw(`${column}_count`)}`,
    ),
  )}`

/** The counts row's figures. */
function toCounts(row: Record<string, unknown>) {
  return {
    total: int(row.total),
    counts: Object.fromEntries(REASON_COLUMNS.map(([code, column]) => [code, int(row[`${column}_count`])])) as Record<
      AtRiskReasonCode,
      number
    >,
  }
}

/**
 * The SQL of one page of the at-risk list with the counts, in one statement, counted now (one
 * match's page and the direct path; the list's pages come from the snapshot's entries): the counts
 * row always comes back, joined to the page's rows when there are any. The members' names are
 * gathered for the page's rows only.
 */
export function atRiskPageQuery(scope: ProgramScope, options: AtRiskPageOptions) {
  const { organizationId } = scope
  return sql<AtRiskSqlRow & Record<string, unknown>>`
    ${atRiskMatches(scope, options.now, options.quietSince, options.matchId)},
    ${firstNames(organizationId)},
    counts as (select ${reasonCounts()} from at_risk),
    page as (
      select a.* from (select r.*, n.first_name from at_risk r join first_names n on n.id = r.id) a
      order by ${ORDER[options.sort]}
      ${options.limit === null ? sql`` : sql`limit ${options.limit}`} offset ${options.offset})
    select c.*, a.id, a.status, a.published_at, a.last, a.no_recent_session, a.poor_fit, a.repair_requested,
      a.declined, a.reason_count, a.first_name, names.members
    from counts c
    left join page a on true
    left join lateral (${membersByName(organizationId, sql.ref('a.id'))}) names on true
    order by ${ORDER[options.sort]}`
}

function toAtRiskRow(r: AtRiskSqlRow): AtRiskRow {
  return {
    matchId: r.id as string,
    status: r.status,
    publishedAt: toDate(r.published_at),
    lastHeld: toDate(r.last),
    reasons: REASON_COLUMNS.filter(([, column]) => r[column as keyof AtRiskSqlRow] === true).map(([code]) => code),
    members: typeof r.members === 'string' ? JSON.parse(r.members) : r.members,
  }
}

/** One page of the at-risk matches in the given order, counted now, with how many there are in all and per reason. */
export async function listAtRiskPage(db: Db, scope: ProgramScope, options: AtRiskPageOptions) {
  const result = await atRiskPageQuery(scope, options).execute(db)
  return {
    ...toCounts(result.rows[0] ?? {}),
    rows: result.rows.filter((row) => row.id !== null).map(toAtRiskRow),
  }
}

/**
 * Counts the program's at-risk matches now and keeps them as its entries (decision 046), each with
 * its place in the three orders, in place of the ones kept before: one statement that never brings
 * the rows to the server. Run it in the transaction that stores the snapshot.
 */
export async function replaceAtRiskEntries(db: Db, scope: ProgramScope, options: { now: Date; quietSince: Date }) {
  const { organizationId, programId } = scope
  await db
    .deleteFrom('program_at_risk_entries')
    .where('organization_id', '=', organizationId)
    .where('program_id', '=', programId)
    .execute()
  const rank = (sort: AtRiskSort) => sql`row_number() over (order by ${ORDER[sort]})`
  await sql`
    ${atRiskMatches(scope, options.now, options.quietSince)},
    ${firstNames(organizationId)}
    insert into program_at_risk_entries (program_id, organization_id, match_id, status, published_at, last_held,
      no_recent_session, poor_fit, repair_requested, declined, rank_attention, rank_name, rank_quiet)
    select ${programId}, ${organizationId}, a.id, a.status, a.published_at, a.last,
      a.no_recent_session, a.poor_fit, a.repair_requested, a.declined,
      ${rank('attention')}, ${rank('name')}, ${rank('quiet')}
    from (select r.*, n.first_name from at_risk r join first_names n on n.id = r.id) a`.execute(db)
}

/** How many at-risk matches the program's snapshot kept, in all and per reason. */
export async function countStoredAtRisk(db: Db, scope: ProgramScope) {
  const result = await sql<Record<string, unknown>>`
    select ${reasonCounts()} from program_at_risk_entries
    where organization_id = ${scope.organizationId} and program_id = ${scope.programId}`.execute(db)
  return toCounts(result.rows[0] ?? {})
}

/**
 * The SQL of one page of the at-risk matches from the entries the program's snapshot kept, in the
 * given order: an index range on the match's place in that order (the scale benchmark EXPLAINs it),
 * with the members' current names.
 */
export function storedAtRiskPageQuery(
  scope: ProgramScope,
  options: { sort: AtRiskSort; limit: number | null; offset: number },
) {
  const { organizationId, programId } = scope
  const rank = sql.ref(`a.rank_${options.sort}`)
  return sql<AtRiskSqlRow>`
    select a.match_id as id, a.status, a.published_at, a.last_held as last, a.no_recent_session, a.poor_fit,
      a.repair_requested, a.declined, names.members
    from program_at_risk_entries a
    left join lateral (${membersByName(organizationId, sql.ref('a.match_id'))}) names on true
    where a.organization_id = ${organizationId} and a.program_id = ${programId} and ${rank} > ${options.offset}
      ${options.limit === null ? sql`` : sql`and ${rank} <= ${options.offset + options.limit}`}
    order by ${rank}`
}

/** One page of the at-risk matches from the entries the program's snapshot kept, in the given order. */
export async function listStoredAtRiskPage(
  db: Db,
  scope: ProgramScope,
  options: { sort: AtRiskSort; limit: number | null; offset: number },
): Promise<AtRiskRow[]> {
  const result = await storedAtRiskPageQuery(scope, options).execute(db)
  return result.rows.map(toAtRiskRow)
}
