import { sql } from 'kysely'
import type { Db } from '#server/db/connect.ts'

// Data rights' SQL: the personal-data export (everything about one person, their own words only),
// erasure (delete or anonymize, then scrub copies of the name), and the retention purge. Every
// query is filtered by organization; the export's private tables are also filtered by author.

// --- export --------------------------------------------------------------------------------------

export function findPersonRow(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom('people as p')
    .leftJoin('people as m', 'm.id', 'p.manager_id')
    .selectAll('p')
    .select('m.name as manager_name')
    .where('p.organization_id', '=', organizationId)
    .where('p.id', '=', personId)
    .executeTakeFirst()
}

export function findOrganizationRow(db: Db, organizationId: string) {
  return db.selectFrom('organizations').selectAll().where('id', '=', organizationId).executeTakeFirst()
}

export function listEnrollmentsOf(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom('enrollments as e')
    .innerJoin('programs as pr', 'pr.id', 'e.program_id')
    .select([
      'e.id',
      'pr.name as program_name',
      'e.status',
      'e.intent',
      'e.skills_wanted',
      'e.skills_offered',
      'e.mentoring_role',
      'e.mentor_capacity',
      'e.answers',
      'e.self_assessment',
      'e.consented_at',
      'e.created_at',
    ])
    .where('e.organization_id', '=', organizationId)
    .where('e.person_id', '=', personId)
    .orderBy('e.created_at')
    .execute()
}

export function listMatchesOf(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom('match_members as mm')
    .innerJoin('matches as m', 'm.id', 'mm.match_id')
    .innerJoin('programs as pr', 'pr.id', 'm.program_id')
    .leftJoin('agreements as a', 'a.match_id', 'm.id')
    .select([
      'm.id',
      'pr.name as program_name',
      'm.status',
      'mm.role',
      'mm.response',
      'mm.response_reason',
      'mm.responded_at',
      'a.focus as agreement_focus',
      'm.published_at',
      'm.ended_at',
      'm.end_reason',
    ])
    .where('mm.organization_id', '=', organizationId)
    .where('mm.person_id', '=', personId)
    .where('m.status', '!=', 'proposed')
    .orderBy('m.created_at')
    .execute()
}

/** The other members of these matches, by name (what the person's workspace shows them). */
export function listPartnersOf(db: Db, organizationId: string, personId: string, matchIds: string[]) {
  if (matchIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('match_members as mm')
    .innerJoin('people as p', 'p.id', 'mm.person_id')
    .select(['mm.match_id', 'p.name', 'mm.role'])
    .where('mm.organization_id', '=', organizationId)
    .where('mm.match_id', 'in', matchIds)
    .where('mm.person_id', '!=', personId)
    .execute()
}

export function listGoalsOwnedBy(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom('goals')
    .select(['id', 'match_id', 'title', 'measure', 'target', 'due_on', 'status', 'progress', 'created_at'])
    .where('organization_id', '=', organizationId)
    .where('owner_id', '=', personId)
    .orderBy('created_at')
    .execute()
}

export function listGoalUpdatesBy(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom('goal_updates')
    .select(['id', 'goal_id', 'kind', 'body', 'progress', 'created_at'])
    .where('organization_id', '=', organizationId)
    .where('author_id', '=', personId)
    .orderBy('created_at')
    .execute()
}

export function listSessionsOf(db: Db, organizationId: string, matchIds: string[]) {
  if (matchIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('coaching_sessions')
    .select([
      'id',
      'match_id',
      'starts_at',
      'duration_minutes',
      'time_zone',
      'location',
      'status',
      'focus',
      'agenda',
      'cancel_reason',
    ])
    .where('organization_id', '=', organizationId)
    .where('match_id', 'in', matchIds)
    .orderBy('starts_at')
    .execute()
}

export function listNotesBy(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom('session_notes')
    .select(['id', 'match_id', 'session_id', 'body', 'created_at', 'updated_at'])
    .where('organization_id', '=', organizationId)
    .where('author_id', '=', personId)
    .orderBy('created_at')
    .execute()
}

/** The person's own reflections only: never a partner's. */
export function listReflectionsBy(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom('reflections')
    .select(['id', 'match_id', 'session_id', 'body', 'created_at', 'updated_at'])
    .where('organization_id', '=', organizationId)
    .where('author_id', '=', personId)
    .orderBy('created_at')
    .execute()
}

/** The person's own check-ins only: never a partner's. */
export function listCheckInsBy(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom('wellbeing_checkins')
    .select(['id', 'match_id', 'session_id', 'moment', 'mood', 'stress', 'note', 'created_at'])
    .where('organization_id', '=', organizationId)
    .where('person_id', '=', personId)
    .orderBy('created_at')
    .execute()
}

export function listActionItemsOf(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom('action_items')
    .select(['id', 'match_id', 'session_id', 'title', 'due_on', 'done_at', 'created_at'])
    .where('organization_id', '=', organizationId)
    .where('owner_id', '=', personId)
    .orderBy('created_at')
    .execute()
}

const feedbackColumns = [
  'f.id',
  'f.match_id',
  'f.session_id',
  'f.what_worked',
  'f.try_next',
  'f.situation',
  'f.behaviour',
  'f.impact',
  'f.rating_listening',
  'f.rating_questions',
  'f.rating_helpfulness',
  'f.created_at',
] as const

export function listFeedbackGivenBy(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom('feedback as f')
    .leftJoin('people as p', 'p.id', 'f.receiver_id')
    .select([...feedbackColumns, 'p.name as receiver_name'])
    .where('f.organization_id', '=', organizationId)
    .where('f.giver_id', '=', personId)
    .orderBy('f.created_at')
    .execute()
}

/** Feedback addressed to the person (theirs to read in the workspace too). */
export function listFeedbackReceivedBy(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom('feedback as f')
    .leftJoin('people as p', 'p.id', 'f.giver_id')
    .select([...feedbackColumns, 'p.name as giver_name'])
    .where('f.organization_id', '=', organizationId)
    .where('f.receiver_id', '=', personId)
    .orderBy('f.created_at')
    .execute()
}

export function listSurveysBy(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom('match_surveys')
    .select(['id', 'match_id', 'kind', 'answers', 'created_at'])
    .where('organization_id', '=', organizationId)
    .where('person_id', '=', personId)
    .orderBy('created_at')
    .execute()
}

export function listSupportRequestsBy(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom('support_requests')
    .select(['id', 'program_id', 'match_id', 'message', 'consented_at', 'created_at'])
    .where('organization_id', '=', organizationId)
    .where('person_id', '=', personId)
    .orderBy('created_at')
    .execute()
}

export function listRepairRequestsBy(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom('repair_requests')
    .select(['id', 'match_id', 'reason', 'status', 'resolved_at', 'created_at'])
    .where('organization_id', '=', organizationId)
    .where('person_id', '=', personId)
    .orderBy('created_at')
    .execute()
}

export function listNotificationsOf(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom('notifications')
    .select(['id', 'kind', 'title', 'body', 'link', 'read_at', 'created_at'])
    .where('organization_id', '=', organizationId)
    .where('person_id', '=', personId)
    .orderBy('created_at')
    .execute()
}

/** Audit events the person did or that were about them; the actor by name (joined now, never stored). */
export function listAuditEventsAbout(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom('audit_events as e')
    .leftJoin('people as p', 'p.id', 'e.actor_id')
    .select(['e.id', 'e.action', 'e.target_type', 'e.target_id', 'e.details', 'e.outcome', 'e.created_at'])
    .select('p.name as actor_name')
    .where('e.organization_id', '=', organizationId)
    .where((eb) => eb.or([eb('e.actor_id', '=', personId), eb('e.target_id', '=', personId)]))
    .orderBy('e.id')
    .execute()
}

export function listSignInsOf(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom('auth_sessions')
    .select(['created_at', 'last_seen_at', 'expires_at', 'revoked_at', 'user_agent', 'ip'])
    .where('organization_id', '=', organizationId)
    .where('person_id', '=', personId)
    .orderBy('created_at')
    .execute()
}

export function findEmailPreferencesOf(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom('email_preferences')
    .select(['muted_categories'])
    .where('organization_id', '=', organizationId)
    .where('person_id', '=', personId)
    .executeTakeFirst()
}

// --- erasure ---------------------------------------------------------------------------------------

/** Earlier names and addresses of the person, from the diffs of `person.updated` events about them. */
export async function listFormerNamesAndEmails(db: Db, organizationId: string, personId: string) {
  const rows = await db
    .selectFrom('audit_events')
    .select('details')
    .where('organization_id', '=', organizationId)
    .where('target_type', '=', 'person')
    .where('target_id', '=', personId)
    .execute()
  const values: string[] = []
  for (const { details } of rows) {
    const changes = (details as { changes?: Record<string, { from?: unknown; to?: unknown }> }).changes
    for (const field of ['name', 'email'] as const) {
      const change = changes?.[field]
      for (const value of [change?.from, change?.to]) if (typeof value === 'string' && value) values.push(value)
    }
  }
  return values
}

/** Everything private or authored by the person that is deleted outright. */
export async function deletePrivateRowsOf(db: Db, organizationId: string, personId: string, email: string) {
  const org = organizationId
  const counts = {
    reflections: await deleteCount(
      db.deleteFrom('reflections').where('organization_id', '=', org).where('author_id', '=', personId),
    ),
    notes: await deleteCount(
      db.deleteFrom('session_notes').where('organization_id', '=', org).where('author_id', '=', personId),
    ),
    actionItems: await deleteCount(
      db.deleteFrom('action_items').where('organization_id', '=', org).where('owner_id', '=', personId),
    ),
    notifications: await deleteCount(
      db.deleteFrom('notifications').where('organization_id', '=', org).where('person_id', '=', personId),
    ),
  }
  await db
    .deleteFrom('email_preferences')
    .where('organization_id', '=', org)
    .where('person_id', '=', personId)
    .execute()
  await db.deleteFrom('auth_sessions').where('organization_id', '=', org).where('person_id', '=', personId).execute()
  await db.deleteFrom('email_tokens').where('organization_id', '=', org).where('person_id', '=', personId).execute()
  await db
    .deleteFrom('outbox_emails')
    .where('organization_id', '=', org)
    .where(sql<boolean>`lower(to_address) = lower(${email})`)
    .execute()
  await db.deleteFrom('sign_in_attempts').where(sql<boolean>`lower(email) = lower(${email})`).execute()
  return counts
}

async function deleteCount(query: { executeTakeFirst(): Promise<{ numDeletedRows: bigint }> }) {
  return Number((await query.executeTakeFirst()).numDeletedRows)
}

/** Authored text in rows that stay (they hold the numbers program figures count): emptied. */
export async function clearAuthoredText(db: Db, organizationId: string, personId: string) {
  const org = organizationId
  await db
    .updateTable('wellbeing_checkins')
    .set({ note: null })
    .where('organization_id', '=', org)
    .where('person_id', '=', personId)
    .execute()
  // Feedback given and received: the words go, the ratings (dashboard averages) stay.
  await db
    .updateTable('feedback')
    .set({ what_worked: '', try_next: '', situation: '', behaviour: '', impact: '', flags: '[]' })
    .where('organization_id', '=', org)
    .where((eb) => eb.or([eb('giver_id', '=', personId), eb('receiver_id', '=', personId)]))
    .execute()
  const goalIds = db
    .selectFrom('goals')
    .select('id')
    .where('organization_id', '=', org)
    .where('owner_id', '=', personId)
  await db.deleteFrom('goal_milestones').where('organization_id', '=', org).where('goal_id', 'in', goalIds).execute()
  await db
    .updateTable('goals')
    .set({ title: "A former member's goal", measure: '', target: '' })
    .where('organization_id', '=', org)
    .where('owner_id', '=', personId)
    .execute()
  await db
    .updateTable('goal_updates')
    .set({ body: '' })
    .where('organization_id', '=', org)
    .where('author_id', '=', personId)
    .execute()
  await db
    .updateTable('action_items')
    .set({ created_by: null })
    .where('organization_id', '=', org)
    .where('created_by', '=', personId)
    .execute()
  await db
    .updateTable('repair_requests')
    .set({ reason: '' })
    .where('organization_id', '=', org)
    .where('person_id', '=', personId)
    .execute()
  await db
    .updateTable('match_members')
    .set({ response_reason: null })
    .where('organization_id', '=', org)
    .where('person_id', '=', personId)
    .execute()
  await db
    .updateTable('support_requests')
    .set({ message: '' })
    .where('organization_id', '=', org)
    .where('person_id', '=', personId)
    .execute()
  await db
    .updateTable('email_tokens')
    .set({ created_by: null })
    .where('organization_id', '=', org)
    .where('created_by', '=', personId)
    .execute()
  // Events about the person keep who acted and when; their details (profile diffs) go.
  await db
    .updateTable('audit_events')
    .set({ details: '{}' })
    .where('organization_id', '=', org)
    .where('target_type', '=', 'person')
    .where('target_id', '=', personId)
    .execute()
}

export function listEnrollmentAnswersOf(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom('enrollments')
    .select(['id', 'answers', 'self_assessment'])
    .where('organization_id', '=', organizationId)
    .where('person_id', '=', personId)
    .execute()
}

export function updateEnrollmentAnswers(
  db: Db,
  organizationId: string,
  enrollmentId: string,
  values: { answers: unknown; selfAssessment: unknown },
) {
  return db
    .updateTable('enrollments')
    .set({
      intent: '',
      answers: JSON.stringify(values.answers),
      self_assessment: JSON.stringify(values.selfAssessment),
    })
    .where('organization_id', '=', organizationId)
    .where('id', '=', enrollmentId)
    .execute()
}

export function listSurveyAnswersOf(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom('match_surveys')
    .select(['id', 'answers'])
    .where('organization_id', '=', organizationId)
    .where('person_id', '=', personId)
    .execute()
}

export function updateSurveyAnswers(db: Db, organizationId: string, surveyId: string, answers: unknown) {
  return db
    .updateTable('match_surveys')
    .set({ answers: JSON.stringify(answers) })
    .where('organization_id', '=', organizationId)
    .where('id', '=', surveyId)
    .execute()
}

/** The person's reports now report to the person's own manager (null at the top of the line). */
export function reassignReports(db: Db, organizationId: string, personId: string, newManagerId: string | null) {
  return db
    .updateTable('people')
    .set({ manager_id: newManagerId })
    .where('organization_id', '=', organizationId)
    .where('manager_id', '=', personId)
    .execute()
}

/** The person's row becomes "Former member": nothing that identifies them, no way to sign in. */
export function anonymizePerson(db: Db, organizationId: string, personId: string, erasedAt: Date) {
  return db
    .updateTable('people')
    .set({
      name: 'Former member',
      email: `former-member-${personId}@erased.invalid`,
      employee_id: null,
      role: 'participant',
      status: 'deactivated',
      password_hash: null,
      title: '',
      department: '',
      location: '',
      time_zone: 'UTC',
      languages: [],
      seniority: 1,
      manager_id: null,
      skills_offered: [],
      skills_wanted: [],
      working_hours_start: '09:00',
      working_hours_end: '17:00',
      working_days: [1, 2, 3, 4, 5],
      deactivated_at: sql<Date>`coalesce(deactivated_at, ${erasedAt})`,
      erased_at: erasedAt,
      updated_at: erasedAt,
    })
    .where('organization_id', '=', organizationId)
    .where('id', '=', personId)
    .execute()
}

/** Every text, jsonb and text[] column of the application's tables (public schema), with whether it has organization_id. */
export async function listTextColumns(db: Db) {
  const result = await sql<{ table_name: string; column_name: string; data_type: string; is_scoped: boolean }>`
    select c.table_name, c.column_name, c.data_type,
      exists (select 1 from information_schema.columns o
              where o.table_schema = c.table_schema and o.table_name = c.table_name
                and o.column_name = 'organization_id') as is_scoped
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
      and (c.data_type in ('text', 'character varying', 'jsonb', 'json') or c.udt_name = '_text')
      and c.table_name not like 'kysely_%'
    order by c.table_name, c.ordinal_position`.execute(db)
  return result.rows
}

/**
 * Replaces every whole-word occurrence of the pattern (case-insensitive) in one text or jsonb column
 * of the organization's rows. Identifiers come from the catalogue, never from a request.
 */
export async function replaceInColumn(
  db: Db,
  column: { table_name: string; column_name: string; data_type: string },
  organizationId: string,
  pattern: string,
  replacement: string,
): Promise<number> {
  const table = sql.table(column.table_name)
  const col = sql.ref(column.column_name)
  const isJson = column.data_type === 'jsonb' || column.data_type === 'json'
  const isArray = column.data_type === 'ARRAY'
  const asText = isJson || isArray ? sql`${col}::text` : sql`${col}`
  const replaced = sql`regexp_replace(${asText}, ${pattern}, ${replacement}, 'gi')`
  const value = isJson
    ? sql`(${replaced})::${sql.raw(column.data_type)}`
    : isArray
      ? sql`array(select regexp_replace(x, ${pattern}, ${replacement}, 'gi') from unnest(${col}) as x)`
      : replaced
  const result = await sql`update ${table} set ${col} = ${value}
    where organization_id = ${organizationId} and ${asText} ~* ${pattern}`.execute(db)
  return Number(result.numAffectedRows ?? 0)
}

/** The same replacement in the job queue's data of the organization's jobs (descriptions, message text). */
export async function replaceInJobData(db: Db, organizationId: string, pattern: string, replacement: string) {
  const result = await sql`update pgboss.job
    set data = (regexp_replace(data::text, ${pattern}, ${replacement}, 'gi'))::jsonb,
        output = (regexp_replace(output::text, ${pattern}, ${replacement}, 'gi'))::jsonb
    where data->>'organizationId' = ${organizationId}
      and (data::text ~* ${pattern} or coalesce(output::text, '') ~* ${pattern})`.execute(db)
  return Number(result.numAffectedRows ?? 0)
}

// --- retention -------------------------------------------------------------------------------------

export function listOrganizationsWithRetention(db: Db) {
  return db
    .selectFrom('organizations')
    .select(['id', 'retention_months'])
    .where('retention_months', 'is not', null)
    .execute()
}

export function updateRetentionMonths(db: Db, organizationId: string, retentionMonths: number | null) {
  return db
    .updateTable('organizations')
    .set({ retention_months: retentionMonths })
    .where('id', '=', organizationId)
    .returning(['retention_months'])
    .executeTakeFirst()
}

/** Matches of the organization that ended (completed or dissolved) before the cutoff. */
function endedMatchIds(db: Db, organizationId: string, endedBefore: Date) {
  return (
    db
      .selectFrom('matches')
      .select('id')
      .where('organization_id', '=', organizationId)
      .where('status', 'in', ['completed', 'dissolved'])
      // A match completed with its program may have no ended_at: its last change is when it ended.
      .where(sql<Date>`coalesce(ended_at, updated_at)`, '<', endedBefore)
  )
}

export async function deleteReflectionsOfEndedMatches(db: Db, organizationId: string, endedBefore: Date) {
  const result = await db
    .deleteFrom('reflections')
    .where('organization_id', '=', organizationId)
    .where('match_id', 'in', endedMatchIds(db, organizationId, endedBefore))
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}

/** Check-in notes go; the mood and stress numbers stay (the wellbeing figure counts them). */
export async function clearCheckInNotesOfEndedMatches(db: Db, organizationId: string, endedBefore: Date) {
  const result = await db
    .updateTable('wellbeing_checkins')
    .set({ note: null })
    .where('organization_id', '=', organizationId)
    .where('note', 'is not', null)
    .where('match_id', 'in', endedMatchIds(db, organizationId, endedBefore))
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}
