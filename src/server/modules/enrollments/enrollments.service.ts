import { stringify } from 'csv-stringify/sync'
import {
  type EnrollBody,
  EnrollBodySchema,
  type Enrollment,
  type EnrollmentAnswer,
  type EnrollmentAnswers,
  type EnrollmentForMatching,
  type EnrollmentList,
  type EnrollmentListQuery,
  EnrollmentListQuerySchema,
  type EnrollPeopleBody,
  EnrollPeopleBodySchema,
  type EnrollPeopleResult,
  type ManagerLink,
  type MyEnrollment,
  type TermsToAcceptList,
  type WithdrawResult,
} from '#contracts/enrollments.ts'
import type { ErrorDetail } from '#contracts/errors.ts'
import { type EnrollmentQuestion, type Program, SCALE_MAX, SCALE_MIN } from '#contracts/programs.ts'
import { offsetMinutes } from '#contracts/time.ts'
import type { Config } from '#server/config.ts'
import type { Db } from '#server/db/connect.ts'
import type { EnrollmentRow } from '#server/db/schema.ts'
import { toIso } from '#server/db/to-iso.ts'
import { inTransaction } from '#server/db/transaction.ts'
import { AppError, notFound } from '#server/http/app-error.ts'
import { spreadsheetSafe } from '#server/http/spreadsheet-cells.ts'
import { hasRole, type Viewer } from '#server/http/viewer.ts'
import type { Mailer } from '#server/mail/mailer.ts'
import { recordAuditEvent } from '#server/modules/audit/audit.service.ts'
import { sendInvitations } from '#server/modules/auth/invitations.service.ts'
import { getOwnProfile, today } from '#server/modules/people/people.service.ts'
import {
  assertProgramWritable,
  enrollmentClosedReason,
  isEligible,
  loadProgram,
  lockProgramForChange,
} from '#server/modules/programs/programs.service.ts'
import { listSkillSlugs } from '#server/modules/skills/skills.service.ts'
import { emitWebhookEvents, webhookEvents } from '#server/modules/webhooks/webhooks.service.ts'
import {
  countEnrolledByDepartment,
  countEnrolledByMentoringRole,
  findEnrollment,
  hasVisibleMatch,
  insertEnrollments,
  listEnrolledForMatching,
  listEnrolledPeople,
  listEnrollmentsAwaitingTerms,
  listManagerLinkRows,
  listPeopleByIds,
  updateEnrollmentConsent,
  updateEnrollmentStatus,
  upsertEnrollment,
} from './enrollments.repository.ts'

const asRecord = <T>(value: unknown): Record<string, T> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, T>) : {}

/** The one place an enrollment row becomes its API shape. */
export function toEnrollment(row: EnrollmentRow): Enrollment {
  return {
    id: row.id,
    programId: row.program_id,
    personId: row.person_id,
    status: row.status,
    intent: row.intent,
    skillsWanted: row.skills_wanted,
    skillsOffered: row.skills_offered,
    mentoringRole: row.mentoring_role,
    mentorCapacity: row.mentor_capacity,
    answers: asRecord(row.answers),
    selfAssessment: asRecord(row.self_assessment),
    consentedAt: toIso(row.consented_at),
    enrolledBy: row.enrolled_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }
}

function validationFailed(details: ErrorDetail[]): AppError {
  const first = details[0]
  return new AppError(
    'validation_failed',
    first ? `${first.path}: ${first.message}` : 'The request is invalid',
    details,
  )
}

/** Checks answers against the program's questions: required ones given, choices among the options, scales 1..5. */
export function checkAnswers(questions: EnrollmentQuestion[], answers: EnrollmentAnswers): ErrorDetail[] {
  const details: ErrorDetail[] = []
  const byId = new Map(questions.map((question) => [question.id, question]))
  for (const key of Object.keys(answers)) {
    if (!byId.has(key)) details.push({ path: `body.answers.${key}`, message: 'is not a question of this program' })
  }
  for (const question of questions) {
    const path = `body.answers.${question.id}`
    const answer = answers[question.id]
    const isEmpty =
      answer === undefined ||
      (typeof answer === 'string' && answer.trim() === '') ||
      (Array.isArray(answer) && answer.length === 0)
    if (isEmpty) {
      if (question.isRequired) details.push({ path, message: `is required: "${question.prompt}"` })
      continue
    }
    const options = question.options ?? []
    switch (question.kind) {
      case 'short_text':
        if (typeof answer !== 'string') details.push({ path, message: 'must be text' })
        break
      case 'single_choice':
        if (typeof answer !== 'string' || !options.includes(answer)) {
          details.push({ path, message: `must be one of: ${options.join(', ')}` })
        }
        break
      case 'multiple_choice':
        if (!Array.isArray(answer) || answer.some((choice) => !options.includes(choice))) {
          details.push({ path, message: `must be a list of options among: ${options.join(', ')}` })
        } else if (new Set(answer).size !== answer.length) {
          details.push({ path, message: 'must not repeat an option' })
        }
        break
      case 'scale':
        if (typeof answer !== 'number' || !Number.isInteger(answer) || answer < SCALE_MIN || answer > SCALE_MAX) {
          details.push({ path, message: `must be a whole number ${SCALE_MIN}..${SCALE_MAX}` })
        }
        break
    }
  }
  return details
}

/** The mentoring role and capacity: required in peer mentoring (capacity for mentors), refused otherwise. */
function checkMentoring(
  program: Program,
  body: { mentoringRole?: 'mentor' | 'mentee'; mentorCapacity?: number },
): ErrorDetail[] {
  if (program.type !== 'peer_mentoring') {
    const details: ErrorDetail[] = []
    if (body.mentoringRole !== undefined) {
      details.push({ path: 'body.mentoringRole', message: 'applies to peer mentoring programs only' })
    }
    if (body.mentorCapacity !== undefined) {
      details.push({ path: 'body.mentorCapacity', message: 'applies to peer mentoring programs only' })
    }
    return details
  }
  if (body.mentoringRole === undefined) {
    return [{ path: 'body.mentoringRole', message: 'is required in a mentoring program: mentor or mentee' }]
  }
  if (body.mentoringRole === 'mentee' && body.mentorCapacity !== undefined) {
    return [{ path: 'body.mentorCapacity', message: 'applies to mentors only' }]
  }
  return []
}

async function checkSkills(db: Db, organizationId: string, slugs: string[]): Promise<void> {
  if (slugs.length === 0) return
  const catalogue = await listSkillSlugs(db, organizationId)
  const unknown = [...new Set(slugs.filter((slug) => !catalogue.has(slug)))]
  if (unknown.length > 0) {
    throw new AppError(
      'unknown_skill',
      `Not in the skill catalogue: ${unknown.join(', ')}`,
      unknown.map((slug) => ({ path: 'body.skills', message: `unknown skill ${slug}` })),
    )
  }
}

interface Access {
  program: Program
  enrollment: EnrollmentRow | undefined
  isEligible: boolean
  /** The viewer's chosen locale for dates in messages (null: not chosen). */
  locale: string | null
}

/**
 * The program as the viewer may see it, with their enrollment. A participant who may not see the
 * program (a draft, or neither eligible nor ever enrolled) gets 404, as if it did not exist.
 */
async function loadAccess(
  db: Db,
  viewer: Viewer,
  programId: string,
  options: { lock: boolean; now: Date },
): Promise<Access> {
  const program = options.lock
    ? await lockProgramForChange(db, viewer.organizationId, programId)
    : await loadProgram(db, viewer.organizationId, programId)
  const profile = await getOwnProfile(db, viewer, options.now)
  const enrollment = await findEnrollment(db, viewer.organizationId, programId, viewer.personId)
  const eligible = isEligible(program.eligibility, profile)
  const isVisible =
    hasRole(viewer, 'program_manager') || (program.status !== 'draft' && (eligible || enrollment !== undefined))
  if (!isVisible) throw notFound('Program')
  return { program, enrollment, isEligible: eligible, locale: profile.locale }
}

/** Why the viewer may not enroll (or edit their enrollment) now, as an error; null when they may. */
function refusal(access: Access, now: Date): AppError | null {
  const { program, enrollment } = access
  if (program.status === 'archived') {
    return new AppError('program_archived', `"${program.name}" is archived: it can no longer be changed`)
  }
  if (enrollment?.status === 'removed') {
    return new AppError(
      'enrollment_removed',
      'A program manager removed you from this program; ask them if you would like to join again',
    )
  }
  const closed = enrollmentClosedReason(program, today(now), access.locale)
  if (closed) return new AppError('enrollment_closed', closed)
  if (!access.isEligible && enrollment?.status !== 'enrolled') {
    return new AppError('not_eligible', eligibilityMessage(program))
  }
  return null
}

function eligibilityMessage(program: Program): string {
  switch (program.eligibility.kind) {
    case 'departments':
      return `This program is open to ${program.eligibility.departments.join(', ')} only`
    case 'people':
      return 'This program is open to invited people only'
    default:
      return 'You are not eligible for this program'
  }
}

/** My enrollment in the program, or a draft pre-filled from my profile, and whether I may enroll now. */
export async function getMyEnrollment(db: Db, viewer: Viewer, programId: string, now: Date): Promise<MyEnrollment> {
  const access = await loadAccess(db, viewer, programId, { lock: false, now })
  const { enrollment, program } = access
  const stored = enrollment ? toEnrollment(enrollment) : null
  const denied = refusal(access, now)
  let draft: MyEnrollment['draft']
  if (stored) {
    draft = {
      intent: stored.intent,
      skillsWanted: stored.skillsWanted,
      skillsOffered: stored.skillsOffered,
      mentoringRole: stored.mentoringRole,
      mentorCapacity: stored.mentorCapacity,
      answers: stored.answers,
      selfAssessment: stored.selfAssessment,
    }
  } else {
    const profile = await getOwnProfile(db, viewer, now)
    draft = {
      intent: '',
      skillsWanted: profile.skillsWanted,
      skillsOffered: profile.skillsOffered,
      mentoringRole: null,
      mentorCapacity: program.type === 'peer_mentoring' ? program.matchingRules.mentoring.defaultCapacity : null,
      answers: {},
      selfAssessment: {},
    }
  }
  return {
    isEnrolled: stored?.status === 'enrolled',
    enrollment: stored,
    draft,
    canEnroll: denied === null,
    reason: denied?.message ?? null,
  }
}

/**
 * Enrolls the viewer, or edits their enrollment: while enrollment is open (enrolling, or active for
 * late enrollees, and not past enrollmentClosesOn), when eligible, with consent to the terms, a valid
 * mentoring role, answers that fit the questions and a 1..5 self-assessment of every focus skill.
 */
export async function enroll(
  db: Db,
  viewer: Viewer,
  programId: string,
  input: EnrollBody,
  now: Date,
): Promise<Enrollment> {
  const body = EnrollBodySchema.parse(input)
  return inTransaction(db, async (trx) => {
    const access = await loadAccess(trx, viewer, programId, { lock: true, now })
    const denied = refusal(access, now)
    if (denied) throw denied
    const { program, enrollment } = access
    const details = [...checkMentoring(program, body), ...checkAnswers(program.enrollmentQuestions, body.answers)]
    for (const skill of program.focusSkills) {
      if (body.selfAssessment[skill] === undefined) {
        details.push({ path: `body.selfAssessment.${skill}`, message: 'rate this focus skill 1..5' })
      }
    }
    for (const skill of Object.keys(body.selfAssessment)) {
      if (!program.focusSkills.includes(skill)) {
        details.push({ path: `body.selfAssessment.${skill}`, message: 'is not a focus skill of this program' })
      }
    }
    if (details.length > 0) throw validationFailed(details)
    await checkSkills(trx, viewer.organizationId, [...body.skillsWanted, ...body.skillsOffered])
    const isMentor = body.mentoringRole === 'mentor'
    const row = await upsertEnrollment(
      trx,
      viewer.organizationId,
      programId,
      viewer.personId,
      {
        intent: body.intent,
        skills_wanted: body.skillsWanted,
        skills_offered: body.skillsOffered,
        mentoring_role: body.mentoringRole ?? null,
        mentor_capacity: isMentor ? (body.mentorCapacity ?? program.matchingRules.mentoring.defaultCapacity) : null,
        answers: body.answers,
        self_assessment: body.selfAssessment,
        consented_at: now,
        // Someone a program manager enrolled stays "enrolled by" them when they complete their enrollment.
        enrolled_by: enrollment?.status === 'enrolled' ? enrollment.enrolled_by : viewer.personId,
      },
      now,
    )
    if (enrollment?.status !== 'enrolled') {
      await emitWebhookEvents(trx, viewer.organizationId, now, [
        webhookEvents.enrollmentCreated({
          programId,
          personId: viewer.personId,
          mentoringRole: row.mentoring_role,
          enrolledBy: 'self',
        }),
      ])
    }
    return toEnrollment(row)
  })
}

/**
 * Withdraws the viewer while enrollment is open; refused (409 already_matched) once they are in a
 * match that members can see: they ask the program manager to dissolve it instead.
 */
export async function withdraw(db: Db, viewer: Viewer, programId: string, now: Date): Promise<WithdrawResult> {
  return inTransaction(db, async (trx) => {
    const access = await loadAccess(trx, viewer, programId, { lock: true, now })
    const { program, enrollment } = access
    assertProgramWritable(program)
    if (enrollment?.status !== 'enrolled') throw notFound('Enrollment')
    const closed = enrollmentClosedReason(program, today(now), access.locale)
    if (closed) throw new AppError('enrollment_closed', `${closed}: ask the program manager to remove you`)
    if (await hasVisibleMatch(trx, viewer.organizationId, programId, viewer.personId)) {
      throw new AppError(
        'already_matched',
        'You are already matched in this program: ask the program manager if you need to leave',
      )
    }
    await updateEnrollmentStatus(trx, viewer.organizationId, programId, viewer.personId, 'withdrawn', now)
    return { status: 'withdrawn' }
  })
}

/** Who enrolled (program managers): one page by name, with counts by department and mentoring role. */
export async function listProgramEnrollments(
  db: Db,
  viewer: Viewer,
  programId: string,
  input: EnrollmentListQuery,
): Promise<EnrollmentList> {
  const query = EnrollmentListQuerySchema.parse(input)
  await loadProgram(db, viewer.organizationId, programId)
  const [{ rows, total }, byDepartment, byRole] = await Promise.all([
    listEnrolledPeople(db, viewer.organizationId, programId, query, query),
    countEnrolledByDepartment(db, viewer.organizationId, programId),
    countEnrolledByMentoringRole(db, viewer.organizationId, programId),
  ])
  return {
    enrollments: rows.map((row) => ({
      enrollmentId: row.enrollment_id,
      personId: row.person_id,
      name: row.name,
      email: row.email,
      title: row.title,
      department: row.department,
      seniority: row.seniority,
      mentoringRole: row.mentoring_role,
      mentorCapacity: row.mentor_capacity,
      skillsWanted: row.skills_wanted,
      skillsOffered: row.skills_offered,
      answers: asRecord(row.answers),
      hasConsented: row.consented_at !== null,
      isEnrolledByManager: row.enrolled_by !== null && row.enrolled_by !== row.person_id,
      enrolledAt: row.updated_at.toISOString(),
    })),
    total,
    limit: query.limit,
    offset: query.offset,
    counts: {
      enrolled: byRole.enrolled,
      byDepartment,
      byMentoringRole: { mentor: byRole.mentor, mentee: byRole.mentee },
    },
  }
}

/** One answer as a CSV cell: choices joined with '; ', a scale as its number, nothing as empty. */
function answerCell(answer: EnrollmentAnswer | undefined): string {
  if (answer === undefined) return ''
  return Array.isArray(answer) ? answer.join('; ') : String(answer)
}

/**
 * Everyone enrolled as CSV (program managers): their profile columns, consent, and one column per
 * enrollment question with their answer (issue #17, point 3). Cells are spreadsheet-safe.
 */
export async function exportProgramEnrollmentsCsv(
  db: Db,
  viewer: Viewer,
  programId: string,
): Promise<{ filename: string; csv: string }> {
  const program = await loadProgram(db, viewer.organizationId, programId)
  const rows: Awaited<ReturnType<typeof listEnrolledPeople>>['rows'] = []
  for (let offset = 0; ; offset += EXPORT_PAGE) {
    const page = await listEnrolledPeople(db, viewer.organizationId, programId, {}, { limit: EXPORT_PAGE, offset })
    rows.push(...page.rows)
    if (page.rows.length < EXPORT_PAGE) break
  }
  const questions = program.enrollmentQuestions
  const header = [
    'name',
    'email',
    'title',
    'department',
    'mentoring_role',
    'skills_wanted',
    'skills_offered',
    'consented',
    'enrolled_at',
    ...questions.map((question) => question.prompt),
  ]
  const lines = rows.map((row) => {
    const answers = asRecord<EnrollmentAnswer>(row.answers)
    return [
      row.name,
      row.email,
      row.title,
      row.department,
      row.mentoring_role ?? '',
      row.skills_wanted.join('; '),
      row.skills_offered.join('; '),
      row.consented_at ? 'yes' : 'no',
      row.updated_at.toISOString(),
      ...questions.map((question) => answerCell(answers[question.id])),
    ].map(spreadsheetSafe)
  })
  const slug =
    program.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'program'
  return { filename: `${slug}-enrollments.csv`, csv: stringify([header.map(spreadsheetSafe), ...lines]) }
}

const EXPORT_PAGE = 1000

/** Statuses in which a program manager may enroll or remove people (matching included: before the next run). */
const MANAGED_STATUSES: readonly Program['status'][] = ['enrolling', 'matching', 'active']

function assertManageable(program: Program, verb: string): void {
  assertProgramWritable(program)
  if (!MANAGED_STATUSES.includes(program.status)) {
    throw new AppError('enrollment_closed', `People cannot be ${verb} while the program is ${program.status}`)
  }
}

/**
 * Enrolls people on their behalf (program managers), with their profile skills; they accept the
 * confidentiality terms before they enter a match. Every person must be active or invited (no password
 * yet) and eligible, or nothing is enrolled. Each newly enrolled person without a password gets one
 * email that invites them and names the program (a new link: the earlier one stops working).
 */
export async function enrollPeople(
  db: Db,
  mail: { mailer: Mailer; config: Config },
  viewer: Viewer,
  programId: string,
  input: EnrollPeopleBody,
  now: Date,
): Promise<EnrollPeopleResult> {
  const body = EnrollPeopleBodySchema.parse(input)
  return inTransaction(db, async (trx) => {
    const program = await lockProgramForChange(trx, viewer.organizationId, programId)
    assertManageable(program, 'enrolled')
    const mentoring = checkMentoring(program, body)
    if (mentoring.length > 0) throw validationFailed(mentoring)
    const people = await listPeopleByIds(trx, viewer.organizationId, body.personIds)
    const byId = new Map(people.map((person) => [person.id, person]))
    const unknown: ErrorDetail[] = []
    const refused: ErrorDetail[] = []
    body.personIds.forEach((personId, index) => {
      const person = byId.get(personId)
      const path = `body.personIds.${index}`
      if (!person) unknown.push({ path, message: 'is not a person of this organization' })
      else if (person.status === 'deactivated') refused.push({ path, message: `${person.name} is deactivated` })
      else if (!isEligible(program.eligibility, person)) {
        refused.push({ path, message: `${person.name} is not eligible (${eligibilityMessage(program)})` })
      }
    })
    if (unknown.length > 0) throw validationFailed(unknown)
    if (refused.length > 0) {
      throw new AppError(
        'not_eligible',
        `${refused.length} of these people cannot enroll: ${refused[0]!.message}${refused.length > 1 ? ', ...' : ''}`,
        refused,
      )
    }
    const isMentor = body.mentoringRole === 'mentor'
    const enrolledIds = await insertEnrollments(
      trx,
      viewer.organizationId,
      programId,
      people.map((person) => ({
        personId: person.id,
        skillsWanted: person.skills_wanted,
        skillsOffered: person.skills_offered,
      })),
      {
        mentoringRole: body.mentoringRole ?? null,
        mentorCapacity: isMentor ? (body.mentorCapacity ?? program.matchingRules.mentoring.defaultCapacity) : null,
        enrolledBy: viewer.personId,
        now,
      },
    )
    await recordAuditEvent(trx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      address: viewer.address,
      action: 'enrollment.added_by_manager',
      targetType: 'program',
      targetId: programId,
      details: { personIds: body.personIds, enrolled: enrolledIds.length, mentoringRole: body.mentoringRole ?? null },
    })
    await emitWebhookEvents(
      trx,
      viewer.organizationId,
      now,
      enrolledIds.map((personId) =>
        webhookEvents.enrollmentCreated({
          programId,
          personId,
          mentoringRole: body.mentoringRole ?? null,
          enrolledBy: 'manager',
        }),
      ),
    )
    const newlyEnrolled = new Set(enrolledIds)
    const invited = await sendInvitations(
      trx,
      mail.mailer,
      mail.config,
      viewer,
      people.filter((person) => person.status === 'invited' && newlyEnrolled.has(person.id)),
      now,
      { program: { id: program.id, name: program.name } },
    )
    return { enrolled: enrolledIds.length, alreadyEnrolled: people.length - enrolledIds.length, invited }
  })
}

/** Programs the viewer was enrolled in by someone else and must accept the confidentiality terms of before entering a match. */
export async function listTermsToAccept(db: Db, viewer: Viewer): Promise<TermsToAcceptList> {
  const rows = await listEnrollmentsAwaitingTerms(db, viewer.organizationId, viewer.personId)
  return {
    programs: rows.map((row) => ({
      programId: row.program_id,
      programName: row.program_name,
      confidentialityTerms: row.confidentiality_terms,
      enrolledByName: row.enrolled_by_name,
    })),
  }
}

/** The viewer accepts the program's confidentiality terms (once; again changes nothing); 404 when not enrolled. */
export async function acceptProgramTerms(db: Db, viewer: Viewer, programId: string, now: Date): Promise<Enrollment> {
  const row = await updateEnrollmentConsent(db, viewer.organizationId, programId, viewer.personId, now)
  if (!row) throw notFound('Enrollment')
  return toEnrollment(row)
}

/** Removes a person from the program (program managers); refused once they are in a match members can see. */
export async function removeEnrollment(
  db: Db,
  viewer: Viewer,
  programId: string,
  personId: string,
  now: Date,
): Promise<WithdrawResult> {
  return inTransaction(db, async (trx) => {
    const program = await lockProgramForChange(trx, viewer.organizationId, programId)
    assertManageable(program, 'removed')
    const enrollment = await findEnrollment(trx, viewer.organizationId, programId, personId)
    if (enrollment?.status !== 'enrolled') throw notFound('Enrollment')
    if (await hasVisibleMatch(trx, viewer.organizationId, programId, personId)) {
      throw new AppError(
        'already_matched',
        'This person is in a published match: dissolve the match before removing them from the program',
      )
    }
    await updateEnrollmentStatus(trx, viewer.organizationId, programId, personId, 'removed', now)
    await recordAuditEvent(trx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      address: viewer.address,
      action: 'enrollment.removed_by_manager',
      targetType: 'program',
      targetId: programId,
      details: { personId },
    })
    return { status: 'removed' }
  })
}

/**
 * The people enrolled in the program (not deactivated), with what the matching engine needs: profile
 * fields, and skills and mentoring role from the enrollment (mentors' capacity defaults to the
 * program's). 404 when the program is not the organization's.
 */
export async function listEnrollmentsForMatching(
  db: Db,
  organizationId: string,
  programId: string,
  now: Date,
): Promise<EnrollmentForMatching[]> {
  const program = await loadProgram(db, organizationId, programId)
  const rows = await listEnrolledForMatching(db, organizationId, programId)
  const offsets = new Map<string, number>()
  return rows.map((row) => {
    let offset = offsets.get(row.time_zone)
    if (offset === undefined) {
      offset = offsetMinutes(now, row.time_zone)
      offsets.set(row.time_zone, offset)
    }
    return {
      enrollmentId: row.enrollment_id,
      personId: row.person_id,
      name: row.name,
      seniority: row.seniority,
      department: row.department,
      managerId: row.manager_id,
      languages: row.languages,
      timeZone: row.time_zone,
      utcOffsetMinutes: offset,
      workingHours: { start: row.working_hours_start, end: row.working_hours_end, days: row.working_days },
      skillsWanted: row.skills_wanted,
      skillsOffered: row.skills_offered,
      mentoringRole: row.mentoring_role,
      mentorCapacity:
        row.mentoring_role === 'mentor'
          ? (row.mentor_capacity ?? program.matchingRules.mentoring.defaultCapacity)
          : null,
      answers: asRecord<EnrollmentAnswer>(row.answers),
      enrolledAt: row.created_at.toISOString(),
    }
  })
}

/** Every person of the organization with their manager, for the reporting-chain rule through people outside the cohort. */
export async function listManagerLinks(db: Db, organizationId: string): Promise<ManagerLink[]> {
  return (await listManagerLinkRows(db, organizationId)).map((row) => ({ id: row.id, managerId: row.manager_id }))
}
