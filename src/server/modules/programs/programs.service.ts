import type { Updateable } from 'kysely'
import { DEFAULT_LOCALE, formatCalendarDay } from '#contracts/date-format.ts'
import type { ErrorDetail } from '#contracts/errors.ts'
import {
  type CreateProgramBody,
  CreateProgramBodySchema,
  checkProgramDates,
  checkQuestionCriteria,
  defaultProgramSettings,
  type Eligibility,
  EligibilitySchema,
  ENROLLABLE_STATUSES,
  type EnrollmentQuestion,
  EnrollmentQuestionsSchema,
  type MatchingRules,
  MatchingRulesSchema,
  mergeMatchingRules,
  PROGRAM_TRANSITIONS,
  type Program,
  type ProgramDefaults,
  type ProgramList,
  type ProgramStatus,
  type ProgramType,
  type ProgramView,
  type UpdateProgramBody,
  UpdateProgramBodySchema,
} from '#contracts/programs.ts'
import type { Db } from '#server/db/connect.ts'
import type { ProgramsTable } from '#server/db/schema.ts'
import { toIso } from '#server/db/to-iso.ts'
import { inTransaction } from '#server/db/transaction.ts'
import { AppError, notFound } from '#server/http/app-error.ts'
import { hasRole, type Viewer } from '#server/http/viewer.ts'
import { recordAuditEvent } from '#server/modules/audit/audit.service.ts'
import { getOwnProfile, today } from '#server/modules/people/people.service.ts'
import { listSkillSlugs } from '#server/modules/skills/skills.service.ts'
import { emitWebhookEvents, webhookEvents } from '#server/modules/webhooks/webhooks.service.ts'
import {
  countEnrolledByProgram,
  countEnrolledByRole,
  countEnrolledInProgram,
  countVisibleMatches,
  findActivePerson,
  findNextCycle,
  findProgram,
  findTheme,
  insertProgram,
  listEnrollmentStatusesOfPerson,
  listExistingPersonIds,
  listPrograms,
  listPublishedPrograms,
  lockProgram,
  type ProgramWithNamesRow,
  updateProgram,
} from './programs.repository.ts'

/** Stored rules over the type's defaults, so a rule added later reads back with its default. */
function readMatchingRules(type: ProgramType, stored: unknown): MatchingRules {
  const defaults = defaultProgramSettings(type).matchingRules
  const parsed = MatchingRulesSchema.safeParse(
    mergeMatchingRules(defaults, typeof stored === 'object' && stored !== null ? stored : {}),
  )
  return parsed.success ? parsed.data : defaults
}

/** The one place a program row becomes its API shape. */
export function toProgram(row: ProgramWithNamesRow): Program {
  const questions = EnrollmentQuestionsSchema.safeParse(row.enrollment_questions)
  const eligibility = EligibilitySchema.safeParse(row.eligibility)
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    description: row.description,
    themeId: row.theme_id,
    themeName: row.theme_id ? row.theme_name : null,
    status: row.status,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    enrollmentClosesOn: row.enrollment_closes_on,
    sessionCadenceDays: row.session_cadence_days,
    targetSessionCount: row.target_session_count,
    sessionMinutes: row.session_minutes,
    focusSkills: row.focus_skills,
    enrollmentQuestions: questions.success ? questions.data : [],
    confidentialityTerms: row.confidentiality_terms,
    eligibility: eligibility.success ? eligibility.data : { kind: 'everyone' },
    matchingRules: readMatchingRules(row.type, row.matching_rules),
    supportContactId: row.support_contact_id,
    supportContactName: row.support_contact_id ? row.support_contact_name : null,
    previousProgramId: row.previous_program_id,
    cycleNumber: row.cycle_number,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  }
}

/** Whether a person falls within the program's eligibility rule. */
export function isEligible(eligibility: Eligibility, person: { id: string; department: string }): boolean {
  switch (eligibility.kind) {
    case 'everyone':
      return true
    case 'departments':
      return eligibility.departments.includes(person.department)
    case 'people':
      return eligibility.personIds.includes(person.id)
  }
}

/** Why a person may not enroll themselves in the program now, or null when they may. */
/** Why no one can enroll on the day `on`, in the reader's locale (en-GB when not chosen), or null. */
export function enrollmentClosedReason(program: Program, on: string, locale?: string | null): string | null {
  if (program.status === 'archived') return 'The program is archived'
  if (!ENROLLABLE_STATUSES.includes(program.status)) {
    return program.status === 'draft'
      ? 'Enrollment has not opened yet'
      : `Enrollment is closed while the program is ${program.status}`
  }
  if (program.enrollmentClosesOn && on > program.enrollmentClosesOn) {
    return `Enrollment for this program closed on ${formatCalendarDay(program.enrollmentClosesOn, locale ?? DEFAULT_LOCALE)}`
  }
  return null
}

/** Archived programs are read-only: any write is refused with 409 `program_archived`. */
export function assertProgramWritable(program: Pick<Program, 'status' | 'name'>): void {
  if (program.status === 'archived') {
    throw new AppError('program_archived', `"${program.name}" is archived: it can no longer be changed`)
  }
}

async function loadProgramRow(db: Db, organizationId: string, programId: string): Promise<ProgramWithNamesRow> {
  const row = await findProgram(db, organizationId, programId)
  if (!row) throw notFound('Program')
  return row
}

/** A program of the organization in its API shape, for other modules; 404 when it is not the organization's. */
export async function loadProgram(db: Db, organizationId: string, programId: string): Promise<Program> {
  return toProgram(await loadProgramRow(db, organizationId, programId))
}

/**
 * The program and its matching rules (program.matchingRules), for the matching service; 404 when it is
 * not the organization's. Must/never pairs live in pair_rules (owned by the matching module).
 */
export async function getProgramForMatching(db: Db, organizationId: string, programId: string): Promise<Program> {
  return loadProgram(db, organizationId, programId)
}

/** The earlier cycles of a program, nearest first (for avoiding repeat partners). */
export async function listPreviousProgramIds(db: Db, organizationId: string, programId: string): Promise<string[]> {
  const ids: string[] = []
  let current = await findProgram(db, organizationId, programId)
  while (current?.previous_program_id && !ids.includes(current.previous_program_id) && ids.length < 100) {
    ids.push(current.previous_program_id)
    current = await findProgram(db, organizationId, current.previous_program_id)
  }
  return ids
}

/**
 * Locks the program for the rest of the transaction and returns it; 404 when it is not the
 * organization's. Writers that depend on the status call this first so they serialize with transitions.
 */
export async function lockProgramForChange(db: Db, organizationId: string, programId: string): Promise<Program> {
  if (!(await lockProgram(db, organizationId, programId))) throw notFound('Program')
  return loadProgram(db, organizationId, programId)
}

/** What a participant may see of a program: not who else was invited to it. */
function forParticipant(program: Program, personId: string): Program {
  if (program.eligibility.kind !== 'people') return program
  const personIds = program.eligibility.personIds.filter((id) => id === personId)
  return { ...program, eligibility: { kind: 'people', personIds } }
}

function toView(
  program: Program,
  options: { enrolledCount: number | null; isEnrolled: boolean; isEligible: boolean },
  now: Date,
): ProgramView {
  return {
    ...program,
    ...options,
    canEnroll: options.isEligible && !options.isEnrolled && enrollmentClosedReason(program, today(now)) === null,
  }
}

/**
 * Program managers and admins see every program of the organization with its head count;
 * participants see the programs open to them (enrolling or active, and eligible) and those they are enrolled in.
 */
export async function listProgramsForViewer(db: Db, viewer: Viewer, now: Date): Promise<ProgramList> {
  const profile = await profileOf(db, viewer, now)
  const statuses = await listEnrollmentStatusesOfPerson(db, viewer.organizationId, viewer.personId)
  if (hasRole(viewer, 'program_manager')) {
    const [rows, counts] = await Promise.all([
      listPrograms(db, viewer.organizationId),
      countEnrolledByProgram(db, viewer.organizationId),
    ])
    return {
      programs: rows.map(toProgram).map((program) =>
        toView(
          program,
          {
            enrolledCount: counts.get(program.id) ?? 0,
            isEnrolled: statuses.get(program.id) === 'enrolled',
            isEligible: profile !== null && isEligible(program.eligibility, profile),
          },
          now,
        ),
      ),
    }
  }
  const programs: ProgramView[] = []
  for (const program of (await listPublishedPrograms(db, viewer.organizationId)).map(toProgram)) {
    const isEnrolled = statuses.get(program.id) === 'enrolled'
    const eligible = profile !== null && isEligible(program.eligibility, profile)
    const isOpen = eligible && ENROLLABLE_STATUSES.includes(program.status)
    if (isEnrolled || isOpen) {
      programs.push(
        toView(
          forParticipant(program, viewer.personId),
          { enrolledCount: null, isEnrolled, isEligible: eligible },
          now,
        ),
      )
    }
  }
  return { programs }
}

/** The viewer's own profile, for eligibility; an integration (an API token, decision 043) is no person and has none. */
function profileOf(db: Db, viewer: Viewer, now: Date) {
  return viewer.integration ? Promise.resolve(null) : getOwnProfile(db, viewer, now)
}

/**
 * One program as the viewer sees it. Participants see a program (not a draft) they are eligible for
 * or have enrolled in (even if withdrawn); any other program answers 404, as if it did not exist.
 */
export async function getProgramForViewer(db: Db, viewer: Viewer, programId: string, now: Date): Promise<ProgramView> {
  const isManager = hasRole(viewer, 'program_manager')
  // A fixed number of statements whatever the number of enrollments and programs
  // (program-statements.test.ts), one after another (one pooled connection at a time); the count
  // reads this program's enrollments only.
  const program = await loadProgram(db, viewer.organizationId, programId)
  const profile = await profileOf(db, viewer, now)
  const statuses = await listEnrollmentStatusesOfPerson(db, viewer.organizationId, viewer.personId)
  const status = statuses.get(programId)
  const eligible = profile !== null && isEligible(program.eligibility, profile)
  if (!isManager && (program.status === 'draft' || (!eligible && status === undefined))) throw notFound('Program')
  const enrolledCount = isManager ? await countEnrolledInProgram(db, viewer.organizationId, programId) : null
  const shown = isManager ? program : forParticipant(program, viewer.personId)
  return toView(shown, { enrolledCount, isEnrolled: status === 'enrolled', isEligible: eligible }, now)
}

/** The settings a new program of the type starts from (the create form shows them). */
export function getProgramDefaults(type: ProgramType): ProgramDefaults {
  return { type, ...defaultProgramSettings(type) }
}

function validationFailed(details: ErrorDetail[]): AppError {
  const first = details[0]
  return new AppError(
    'validation_failed',
    first ? `${first.path}: ${first.message}` : 'The request is invalid',
    details,
  )
}

function parseRules(rules: MatchingRules): MatchingRules {
  const parsed = MatchingRulesSchema.safeParse(rules)
  if (parsed.success) return parsed.data
  throw validationFailed(
    parsed.error.issues.map((issue) => ({
      path: ['body', 'matchingRules', ...issue.path.map(String)].join('.'),
      message: issue.message,
    })),
  )
}

/** 400 when a question criterion names no question of the program, or a rule its kind does not allow. */
function assertQuestionCriteria(questions: EnrollmentQuestion[], rules: MatchingRules): void {
  const issues = checkQuestionCriteria(questions, rules.questionCriteria)
  if (issues.length === 0) return
  throw validationFailed(issues.map((issue) => ({ path: `body.matchingRules.${issue.path}`, message: issue.message })))
}

type ProgramFields = UpdateProgramBody & { type?: ProgramType }

/** References a program holds must be of the organization: theme, support contact, focus skills, listed people. */
async function assertReferences(db: Db, organizationId: string, fields: ProgramFields): Promise<void> {
  const details: ErrorDetail[] = []
  if (fields.themeId && !(await findTheme(db, organizationId, fields.themeId))) {
    details.push({ path: 'body.themeId', message: 'is not a theme of this organization' })
  }
  if (fields.supportContactId && !(await findActivePerson(db, organizationId, fields.supportContactId))) {
    details.push({ path: 'body.supportContactId', message: 'is not an active person of this organization' })
  }
  if (fields.eligibility?.kind === 'people') {
    const known = await listExistingPersonIds(db, organizationId, fields.eligibility.personIds)
    const unknown = fields.eligibility.personIds.filter((id) => !known.has(id))
    if (unknown.length > 0) {
      details.push({
        path: 'body.eligibility.personIds',
        message: `not people of this organization: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? '...' : ''}`,
      })
    }
  }
  if (details.length > 0) throw validationFailed(details)
  if (fields.focusSkills && fields.focusSkills.length > 0) {
    const catalogue = await listSkillSlugs(db, organizationId)
    const unknown = fields.focusSkills.filter((slug) => !catalogue.has(slug))
    if (unknown.length > 0) {
      throw new AppError(
        'unknown_skill',
        `Not in the skill catalogue: ${unknown.join(', ')}`,
        unknown.map((slug) => ({ path: 'body.focusSkills', message: `unknown skill ${slug}` })),
      )
    }
  }
}

function withoutRepeats(eligibility: Eligibility): Eligibility {
  if (eligibility.kind === 'departments')
    return { kind: 'departments', departments: [...new Set(eligibility.departments)] }
  if (eligibility.kind === 'people') return { kind: 'people', personIds: [...new Set(eligibility.personIds)] }
  return eligibility
}

function toColumns(fields: ProgramFields): Updateable<ProgramsTable> {
  const columns: Updateable<ProgramsTable> = {}
  if (fields.type !== undefined) columns.type = fields.type
  if (fields.name !== undefined) columns.name = fields.name
  if (fields.description !== undefined) columns.description = fields.description
  if (fields.themeId !== undefined) columns.theme_id = fields.themeId
  if (fields.startsOn !== undefined) columns.starts_on = fields.startsOn
  if (fields.endsOn !== undefined) columns.ends_on = fields.endsOn
  if (fields.enrollmentClosesOn !== undefined) columns.enrollment_closes_on = fields.enrollmentClosesOn
  if (fields.sessionCadenceDays !== undefined) columns.session_cadence_days = fields.sessionCadenceDays
  if (fields.targetSessionCount !== undefined) columns.target_session_count = fields.targetSessionCount
  if (fields.sessionMinutes !== undefined) columns.session_minutes = fields.sessionMinutes
  if (fields.focusSkills !== undefined) columns.focus_skills = fields.focusSkills
  if (fields.enrollmentQuestions !== undefined)
    columns.enrollment_questions = JSON.stringify(fields.enrollmentQuestions)
  if (fields.confidentialityTerms !== undefined) columns.confidentiality_terms = fields.confidentialityTerms
  if (fields.eligibility !== undefined) columns.eligibility = JSON.stringify(withoutRepeats(fields.eligibility))
  if (fields.supportContactId !== undefined) columns.support_contact_id = fields.supportContactId
  return columns
}

/** Creates a draft program; whatever the body leaves out comes from the type's defaults. */
export async function createProgram(db: Db, viewer: Viewer, input: CreateProgramBody): Promise<Program> {
  const body = CreateProgramBodySchema.parse(input)
  const defaults = defaultProgramSettings(body.type)
  const matchingRules = parseRules(mergeMatchingRules(defaults.matchingRules, body.matchingRules))
  assertQuestionCriteria(body.enrollmentQuestions ?? defaults.enrollmentQuestions, matchingRules)
  await assertReferences(db, viewer.organizationId, body)
  return inTransaction(db, async (trx) => {
    const programId = await insertProgram(trx, viewer.organizationId, {
      type: body.type,
      name: body.name,
      description: body.description ?? '',
      theme_id: body.themeId ?? null,
      starts_on: body.startsOn ?? null,
      ends_on: body.endsOn ?? null,
      enrollment_closes_on: body.enrollmentClosesOn ?? null,
      session_cadence_days: body.sessionCadenceDays ?? defaults.sessionCadenceDays,
      target_session_count: body.targetSessionCount ?? defaults.targetSessionCount,
      session_minutes: body.sessionMinutes ?? defaults.sessionMinutes,
      focus_skills: body.focusSkills ?? [],
      enrollment_questions: JSON.stringify(body.enrollmentQuestions ?? defaults.enrollmentQuestions),
      confidentiality_terms: body.confidentialityTerms ?? defaults.confidentialityTerms,
      eligibility: JSON.stringify(withoutRepeats(body.eligibility ?? defaults.eligibility)),
      matching_rules: JSON.stringify(matchingRules),
      support_contact_id: body.supportContactId ?? null,
      created_by: viewer.personId,
    })
    await recordAuditEvent(trx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      address: viewer.address,
      action: 'program.created',
      targetType: 'program',
      targetId: programId,
      details: { type: body.type, name: body.name },
    })
    return loadProgram(trx, viewer.organizationId, programId)
  })
}

/**
 * Edits a program. Archived programs are read-only (409 program_archived); the type may change only
 * while the program is a draft (409 program_type_locked); matching rules merge into the current ones.
 */
export async function changeProgram(
  db: Db,
  viewer: Viewer,
  programId: string,
  input: UpdateProgramBody,
  now: Date,
): Promise<Program> {
  const body = UpdateProgramBodySchema.parse(input)
  return inTransaction(db, async (trx) => {
    const current = await lockProgramForChange(trx, viewer.organizationId, programId)
    assertProgramWritable(current)
    if (body.type !== undefined && body.type !== current.type && current.status !== 'draft') {
      throw new AppError(
        'program_type_locked',
        `The type cannot change once enrollment has opened (the program is ${current.status})`,
        [{ path: 'body.type', message: 'is locked after the draft stage' }],
      )
    }
    const dateIssues: ErrorDetail[] = []
    checkProgramDates(
      {
        startsOn: body.startsOn === undefined ? current.startsOn : body.startsOn,
        endsOn: body.endsOn === undefined ? current.endsOn : body.endsOn,
        enrollmentClosesOn:
          body.enrollmentClosesOn === undefined ? current.enrollmentClosesOn : body.enrollmentClosesOn,
      },
      { addIssue: (issue) => dateIssues.push({ path: `body.${issue.path.join('.')}`, message: issue.message }) },
    )
    if (dateIssues.length > 0) throw validationFailed(dateIssues)
    await assertReferences(trx, viewer.organizationId, body)
    const columns = toColumns(body)
    const type = body.type ?? current.type
    let rules = current.matchingRules
    if (body.matchingRules !== undefined || type !== current.type) {
      // A new type starts from its own defaults; the patch (if any) applies on top.
      const base = type === current.type ? current.matchingRules : defaultProgramSettings(type).matchingRules
      rules = parseRules(mergeMatchingRules(base, body.matchingRules))
      columns.matching_rules = JSON.stringify(rules)
    }
    // a question removed (or its kind changed) must leave the criteria in the same request
    assertQuestionCriteria(body.enrollmentQuestions ?? current.enrollmentQuestions, rules)
    const changed = Object.keys(body).filter((key) => body[key as keyof typeof body] !== undefined)
    if (changed.length > 0) {
      await updateProgram(trx, viewer.organizationId, programId, columns, now)
      await recordAuditEvent(trx, {
        organizationId: viewer.organizationId,
        actorId: viewer.personId,
        address: viewer.address,
        action: 'program.updated',
        targetType: 'program',
        targetId: programId,
        details: { fields: changed },
      })
    }
    return loadProgram(trx, viewer.organizationId, programId)
  })
}

const statusWords: Record<ProgramStatus, string> = {
  draft: 'draft',
  enrolling: 'enrolling',
  matching: 'matching',
  active: 'active',
  completed: 'completed',
  archived: 'archived',
}

function invalidTransition(message: string, details: ErrorDetail[] = []): AppError {
  return new AppError('invalid_transition', message, details)
}

/** What must hold before the program may move to `to`; throws invalid_transition naming what is missing. */
async function assertTransitionRules(db: Db, organizationId: string, program: Program, to: ProgramStatus, now: Date) {
  if (program.status === 'draft' && to === 'enrolling') {
    const details: ErrorDetail[] = []
    if (program.name.trim() === '') details.push({ path: 'name', message: 'is required' })
    if (!program.startsOn) details.push({ path: 'startsOn', message: 'is required' })
    if (!program.endsOn) details.push({ path: 'endsOn', message: 'is required' })
    else if (program.endsOn < today(now)) details.push({ path: 'endsOn', message: 'is in the past' })
    if (program.enrollmentClosesOn && program.enrollmentClosesOn < today(now)) {
      details.push({ path: 'enrollmentClosesOn', message: 'is in the past' })
    }
    if (program.confidentialityTerms.trim() === '') {
      details.push({ path: 'confidentialityTerms', message: 'is required: people consent to them when they enroll' })
    }
    if (details.length > 0) {
      throw invalidTransition(
        `Cannot open enrollment yet: ${details.map((detail) => `${detail.path} ${detail.message}`).join('; ')}`,
        details,
      )
    }
  }
  if (program.status === 'enrolling' && to === 'matching') {
    const counts = await countEnrolledByRole(db, organizationId, program.id)
    if (program.type === 'peer_mentoring') {
      if (counts.mentor === 0 || counts.mentee === 0) {
        throw invalidTransition(
          `Cannot start matching: a mentoring program needs at least one mentor and one mentee (enrolled: ${counts.mentor} mentors, ${counts.mentee} mentees)`,
        )
      }
    } else {
      const minimum = program.type === 'coaching_circle' ? program.matchingRules.circles.minSize : 2
      if (counts.total < minimum) {
        throw invalidTransition(
          `Cannot start matching: at least ${minimum} people must be enrolled (enrolled: ${counts.total})`,
        )
      }
    }
  }
  if (program.status === 'matching' && to === 'active') {
    if ((await countVisibleMatches(db, organizationId, program.id)) === 0) {
      throw invalidTransition('Cannot start the program: publish its matches first')
    }
  }
  if (program.status === 'matching' && to === 'enrolling') {
    if ((await countVisibleMatches(db, organizationId, program.id)) > 0) {
      throw invalidTransition(
        'Cannot reopen enrollment: matches are already published (late enrollees join the active program)',
      )
    }
  }
}

/**
 * Moves a program along draft -> enrolling -> matching -> active -> completed -> archived (and
 * matching -> enrolling to reopen; draft or enrolling -> archived to cancel). Every other move, and
 * any move whose step rules do not hold, is refused with 409 invalid_transition; archived is final.
 */
export async function transitionProgram(
  db: Db,
  viewer: Viewer,
  programId: string,
  to: ProgramStatus,
  now: Date,
): Promise<Program> {
  return inTransaction(db, async (trx) => {
    const program = await lockProgramForChange(trx, viewer.organizationId, programId)
    assertProgramWritable(program)
    const allowed = PROGRAM_TRANSITIONS[program.status]
    if (!allowed.includes(to)) {
      const next = allowed.map((status) => statusWords[status]).join(' or ')
      throw invalidTransition(
        program.status === to
          ? `The program is already ${statusWords[to]}`
          : `A program cannot move from ${statusWords[program.status]} to ${statusWords[to]}; from ${statusWords[program.status]} it can move to ${next}`,
        [{ path: 'body.to', message: `must be one of: ${allowed.join(', ')}` }],
      )
    }
    await assertTransitionRules(trx, viewer.organizationId, program, to, now)
    await updateProgram(trx, viewer.organizationId, programId, { status: to }, now)
    await emitWebhookEvents(trx, viewer.organizationId, now, [
      webhookEvents.programStatusChanged({ programId, from: program.status, to }),
    ])
    await recordAuditEvent(trx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      address: viewer.address,
      action: 'program.transitioned',
      targetType: 'program',
      targetId: programId,
      details: { from: program.status, to },
    })
    return loadProgram(trx, viewer.organizationId, programId)
  })
}

function nextCycleName(name: string, cycleNumber: number): string {
  return `${name.replace(/\s*\(cycle \d+\)$/i, '')} (cycle ${cycleNumber})`.slice(0, 200)
}

/**
 * Starts the next cycle of a completed (or archived) peer coaching or circles program: a new draft
 * with the same settings, cycle_number + 1, and avoidRepeatPartners on, so people meet new peers.
 */
export async function startNextCycle(db: Db, viewer: Viewer, programId: string): Promise<Program> {
  return inTransaction(db, async (trx) => {
    const previous = await lockProgramForChange(trx, viewer.organizationId, programId)
    if (previous.type === 'peer_mentoring') {
      throw invalidTransition(
        'Cycles are for peer coaching and coaching circles; start a new mentoring program instead',
      )
    }
    if (previous.status !== 'completed' && previous.status !== 'archived') {
      throw invalidTransition(`Complete the program before starting its next cycle (it is ${previous.status})`)
    }
    const existing = await findNextCycle(trx, viewer.organizationId, programId)
    if (existing) {
      throw new AppError('next_cycle_exists', `Cycle ${existing.cycle_number} of this program already exists`, [
        { path: 'programId', message: `next cycle ${existing.id}` },
      ])
    }
    const cycleNumber = previous.cycleNumber + 1
    const rules = {
      ...previous.matchingRules,
      constraints: { ...previous.matchingRules.constraints, avoidRepeatPartners: true },
    }
    const id = await insertProgram(trx, viewer.organizationId, {
      type: previous.type,
      name: nextCycleName(previous.name, cycleNumber),
      description: previous.description,
      theme_id: previous.themeId,
      session_cadence_days: previous.sessionCadenceDays,
      target_session_count: previous.targetSessionCount,
      session_minutes: previous.sessionMinutes,
      focus_skills: previous.focusSkills,
      enrollment_questions: JSON.stringify(previous.enrollmentQuestions),
      confidentiality_terms: previous.confidentialityTerms,
      eligibility: JSON.stringify(previous.eligibility),
      matching_rules: JSON.stringify(rules),
      support_contact_id: previous.supportContactId,
      previous_program_id: previous.id,
      cycle_number: cycleNumber,
      created_by: viewer.personId,
    })
    await recordAuditEvent(trx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      address: viewer.address,
      action: 'program.next_cycle_created',
      targetType: 'program',
      targetId: id,
      details: { previousProgramId: previous.id, cycleNumber },
    })
    return loadProgram(trx, viewer.organizationId, id)
  })
}
