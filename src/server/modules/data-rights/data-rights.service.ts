import {
  ADMIN_EXPORT_WITHHELD_FIELDS,
  ADMIN_EXPORT_WITHHELD_SECTIONS,
  type DataRetention,
  type ErasePersonBody,
  type ErasureResult,
  EXPORT_FORMAT,
  type PersonalDataExport,
  type UpdateDataRetentionBody,
} from '#contracts/data-rights.ts'
import type { Db } from '#server/db/connect.ts'
import { toIso } from '#server/db/to-iso.ts'
import { AppError, forbidden, notFound } from '#server/http/app-error.ts'
import { hasRole, type Viewer } from '#server/http/viewer.ts'
import type { JobData } from '#server/jobs/job-runner.ts'
import { beginAuditRedaction, recordAuditEvent } from '#server/modules/audit/audit.service.ts'
import {
  emailNotifications,
  type NotificationToSend,
  type NotifyDeps,
  recordNotifications,
} from '#server/modules/notifications/notifications.service.ts'
import { hasAnotherActiveAdmin } from '#server/modules/people/people.service.ts'
import { forgetProvisioningOf } from '#server/modules/scim/scim.service.ts'
import { forgetSingleSignOnOf } from '#server/modules/sso/sso-policy.service.ts'
import { keepNumbersOnly, zipExport } from './data-export.ts'
import {
  anonymizePerson,
  clearAuthoredText,
  clearCheckInNotesOfEndedMatches,
  deletePrivateRowsOf,
  deleteReflectionsOfEndedMatches,
  findEmailPreferencesOf,
  findOrganizationRow,
  findPersonRow,
  listActionItemsOf,
  listAuditEventsAbout,
  listCheckInsBy,
  listEnrollmentAnswersOf,
  listEnrollmentsOf,
  listFeedbackGivenBy,
  listFeedbackReceivedBy,
  listFormerNamesAndEmails,
  listGoalsOwnedBy,
  listGoalUpdatesBy,
  listMatchesOf,
  listNotesBy,
  listNotificationsOf,
  listOrganizationsWithRetention,
  listPartnersOf,
  listReflectionsBy,
  listRepairRequestsBy,
  listSessionsOf,
  listSignInsOf,
  listSupportRequestsBy,
  listSurveyAnswersOf,
  listSurveysBy,
  listTextColumns,
  reassignReports,
  replaceInColumn,
  replaceInJobData,
  updateEnrollmentAnswers,
  updateRetentionMonths,
  updateSurveyAnswers,
} from './data-rights.repository.ts'

/** What the erased person is called everywhere afterwards. */
export const FORMER_MEMBER = 'Former member'

/** snake_case row -> camelCase record, dates as ISO strings (the export's one shape). */
function toRecord(row: object): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(row)) {
    const camel = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())
    out[camel] = value instanceof Date ? value.toISOString() : value
  }
  return out
}

async function loadPerson(db: Db, organizationId: string, personId: string) {
  const row = await findPersonRow(db, organizationId, personId)
  if (!row) throw notFound('Person')
  return row
}

/** Everything Tandem holds about one person, their own words only (a partner's private words never). */
async function collectPersonalData(db: Db, organizationId: string, personId: string, now: Date) {
  const person = await loadPerson(db, organizationId, personId)
  const organization = await findOrganizationRow(db, organizationId)
  const matches = await listMatchesOf(db, organizationId, personId)
  const matchIds = matches.map((m) => m.id)
  const partners = await listPartnersOf(db, organizationId, personId, matchIds)
  const preferences = await findEmailPreferencesOf(db, organizationId, personId)
  const data: PersonalDataExport = {
    format: EXPORT_FORMAT,
    exportedAt: now.toISOString(),
    organization: { name: organization?.name ?? '' },
    profile: {
      id: person.id,
      name: person.name,
      email: person.email,
      employeeId: person.employee_id,
      role: person.role,
      status: person.status,
      title: person.title,
      department: person.department,
      location: person.location,
      timeZone: person.time_zone,
      languages: person.languages,
      seniority: person.seniority,
      managerName: person.manager_name,
      skillsOffered: person.skills_offered,
      skillsWanted: person.skills_wanted,
      workingHours: { start: person.working_hours_start, end: person.working_hours_end, days: person.working_days },
      leftOn: person.left_on,
      deactivatedAt: toIso(person.deactivated_at),
      createdAt: toIso(person.created_at),
      updatedAt: toIso(person.updated_at),
    },
    enrollments: (await listEnrollmentsOf(db, organizationId, personId)).map(toRecord),
    matches: matches.map((m) => ({
      ...toRecord(m),
      partners: partners.filter((p) => p.match_id === m.id).map((p) => ({ name: p.name, role: p.role })),
    })),
    goals: (await listGoalsOwnedBy(db, organizationId, personId)).map(toRecord),
    goalUpdates: (await listGoalUpdatesBy(db, organizationId, personId)).map(toRecord),
    sessions: (await listSessionsOf(db, organizationId, matchIds)).map(toRecord),
    notes: (await listNotesBy(db, organizationId, personId)).map(toRecord),
    reflections: (await listReflectionsBy(db, organizationId, personId)).map(toRecord),
    checkIns: (await listCheckInsBy(db, organizationId, personId)).map(toRecord),
    actionItems: (await listActionItemsOf(db, organizationId, personId)).map(toRecord),
    feedbackGiven: (await listFeedbackGivenBy(db, organizationId, personId)).map(toRecord),
    feedbackReceived: (await listFeedbackReceivedBy(db, organizationId, personId)).map(toRecord),
    surveys: (await listSurveysBy(db, organizationId, personId)).map(toRecord),
    supportRequests: (await listSupportRequestsBy(db, organizationId, personId)).map(toRecord),
    repairRequests: (await listRepairRequestsBy(db, organizationId, personId)).map(toRecord),
    notifications: (await listNotificationsOf(db, organizationId, personId)).map(toRecord),
    auditEvents: (await listAuditEventsAbout(db, organizationId, personId)).map(toRecord),
    signIns: (await listSignInsOf(db, organizationId, personId)).map(toRecord),
    emailPreferences: preferences ? { mutedCategories: preferences.muted_categories } : null,
    withheld: null,
  }
  return { person, data }
}

/**
 * The copy an admin produces for someone else: without the person's private words and answers, nor
 * what only their match shares (decision 026). Empty sections are named in `withheld`, with where the
 * person finds them.
 */
export function withoutPrivateWords(data: PersonalDataExport): PersonalDataExport {
  const copy: PersonalDataExport = { ...data }
  for (const section of ADMIN_EXPORT_WITHHELD_SECTIONS) copy[section] = []
  const fields: string[] = []
  for (const [section, names] of Object.entries(ADMIN_EXPORT_WITHHELD_FIELDS)) {
    const key = section as keyof typeof ADMIN_EXPORT_WITHHELD_FIELDS
    const left: readonly string[] = names
    copy[key] = data[key].map((row) => Object.fromEntries(Object.entries(row).filter(([name]) => !left.includes(name))))
    fields.push(...names.map((name) => `${section}.${name}`))
  }
  copy.withheld = {
    sections: [...ADMIN_EXPORT_WITHHELD_SECTIONS],
    fields,
    reason:
      'This copy was produced by an admin. It leaves out private reflections, check-ins, answers, feedback, goals, sessions, notes and notifications: only the person reads those in Tandem, and they download them, with everything else, from "Your data" after signing in.',
  }
  return copy
}

export interface DataExportFile {
  filename: string
  zip: Uint8Array
}

function exportFile(data: PersonalDataExport): DataExportFile {
  return { filename: `tandem-data-${data.exportedAt.slice(0, 10)}.zip`, zip: zipExport(data) }
}

/** Each person downloads everything Tandem holds about them (GDPR articles 15 and 20); recorded in the audit log. */
export async function exportMyData(db: Db, viewer: Viewer, now: Date): Promise<DataExportFile> {
  return db.transaction().execute(async (trx) => {
    const { data } = await collectPersonalData(trx, viewer.organizationId, viewer.personId, now)
    await recordAuditEvent(trx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      action: 'person.data_exported',
      targetType: 'person',
      targetId: viewer.personId,
      address: viewer.address,
    })
    return exportFile(data)
  })
}

/** An admin produces a person's export on their request: audited, and the person is told in the app and by email. */
export async function exportPersonData(
  db: Db,
  deps: NotifyDeps,
  viewer: Viewer,
  personId: string,
  now: Date,
): Promise<DataExportFile> {
  if (!hasRole(viewer, 'admin')) throw forbidden('Only an admin can export the data of another person')
  return db.transaction().execute(async (trx) => {
    const { person, data: everything } = await collectPersonalData(trx, viewer.organizationId, personId, now)
    const data = personId === viewer.personId ? everything : withoutPrivateWords(everything)
    await recordAuditEvent(trx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      action: 'person.data_exported',
      targetType: 'person',
      targetId: personId,
      address: viewer.address,
    })
    if (personId !== viewer.personId && !person.erased_at) {
      const when = now.toISOString().slice(0, 10)
      const notice: NotificationToSend = {
        personId,
        kind: 'data_exported',
        title: 'An admin downloaded a copy of your data',
        body: `${viewer.name} exported a copy of your Tandem data on ${when}, without your private words and answers. If you did not ask for this, contact your admin.`,
        link: '/me/data',
        email: {
          to: person.email,
          subject: 'A copy of your Tandem data was downloaded',
          text: `${viewer.name} (an admin) exported a copy of your Tandem data on ${when}, as a personal-data request. It leaves out your private reflections, check-ins, answers, feedback, goals, sessions and notes: no admin can read those.\nIf you did not ask for this, contact your admin.\nYou can download everything, those included, yourself: ${deps.publicUrl}/me/data`,
        },
      }
      await recordNotifications(trx, viewer.organizationId, [notice])
      await emailNotifications(trx, deps, viewer.organizationId, [notice])
    }
    return exportFile(data)
  })
}

/** A regular expression that matches any of the values as a whole word (case-insensitive in use). */
export function wholeWordPattern(values: string[]): string | null {
  const variants = new Set<string>()
  for (const value of values) {
    const trimmed = value.trim()
    if (trimmed.length < 2) continue
    variants.add(trimmed)
    variants.add(JSON.stringify(trimmed).slice(1, -1))
    variants.add(
      trimmed.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll("'", '&#39;'),
    )
    variants.add(trimmed.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll("'", '&#x27;'))
  }
  if (variants.size === 0) return null
  const escaped = [...variants]
    .sort((a, b) => b.length - a.length)
    .map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|')
  return `(?<![[:alnum:]_])(?:${escaped})(?![[:alnum:]_])`
}

/** Tables whose rows are scrubbed by the erasure's own steps rather than by the name replacement. */
const NOT_SCRUBBED = new Set(['people'])
/** Tables whose scrub touches only these columns (the audit log's trigger lets nothing else change). */
const SCRUBBED_COLUMNS_ONLY: Record<string, readonly string[]> = { audit_events: ['details'] }

/**
 * Erases a person for good (GDPR article 17): personal data and their private and authored words go,
 * sign-in is impossible, their partners' workspaces stay (with "Former member"), program figures keep
 * their counts, and every copy of their name or address elsewhere becomes "Former member".
 */
export async function erasePerson(
  db: Db,
  viewer: Viewer,
  personId: string,
  body: ErasePersonBody,
  now: Date,
): Promise<ErasureResult> {
  if (!hasRole(viewer, 'admin')) throw forbidden('Only an admin can erase a person')
  return db.transaction().execute(async (trx) => {
    const person = await loadPerson(trx, viewer.organizationId, personId)
    if (person.erased_at) throw new AppError('person_erased', 'This person was already erased')
    if (personId === viewer.personId) {
      throw new AppError('self_erasure', 'You cannot erase yourself; ask another admin')
    }
    if (body.confirmName.trim() !== person.name.trim()) {
      throw new AppError('erase_name_mismatch', "The name you typed is not this person's name", [
        { path: 'body.confirmName', message: 'does not match the name of the person' },
      ])
    }
    if (person.role === 'admin' && person.status === 'active') {
      if (!(await hasAnotherActiveAdmin(trx, viewer.organizationId, personId))) {
        throw new AppError('last_admin', 'The organization needs at least one admin: make someone else admin first')
      }
    }
    await beginAuditRedaction(trx)
    const identifying = [
      person.name,
      person.email,
      ...(await listFormerNamesAndEmails(trx, viewer.organizationId, personId)),
    ]
    await deletePrivateRowsOf(trx, viewer.organizationId, personId, person.email)
    await clearAuthoredText(trx, viewer.organizationId, personId)
    for (const row of await listEnrollmentAnswersOf(trx, viewer.organizationId, personId)) {
      await updateEnrollmentAnswers(trx, viewer.organizationId, row.id, {
        answers: keepNumbersOnly(row.answers) ?? {},
        selfAssessment: row.self_assessment,
      })
    }
    for (const row of await listSurveyAnswersOf(trx, viewer.organizationId, personId)) {
      const answers = row.answers as Record<string, unknown>
      if (answers && typeof answers === 'object' && 'comment' in answers) {
        await updateSurveyAnswers(trx, viewer.organizationId, row.id, { ...answers, comment: null })
      }
    }
    await reassignReports(trx, viewer.organizationId, personId, person.manager_id)
    await anonymizePerson(trx, viewer.organizationId, personId, now)
    // The provider account (issuer + subject) identifies them too: a later sign-in finds no one.
    await forgetSingleSignOnOf(trx, viewer.organizationId, personId)
    // So does the identity provider's id of them (SCIM externalId), and their SCIM groups.
    await forgetProvisioningOf(trx, viewer.organizationId, personId)
    const pattern = wholeWordPattern(identifying)
    if (pattern) {
      for (const column of await listTextColumns(trx)) {
        if (!column.is_scoped || NOT_SCRUBBED.has(column.table_name)) continue
        const onlyColumns = SCRUBBED_COLUMNS_ONLY[column.table_name]
        if (onlyColumns && !onlyColumns.includes(column.column_name)) continue
        await replaceInColumn(trx, column, viewer.organizationId, pattern, FORMER_MEMBER)
      }
      await replaceInJobData(trx, viewer.organizationId, pattern, FORMER_MEMBER)
    }
    await recordAuditEvent(trx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      action: 'person.erased',
      targetType: 'person',
      targetId: personId,
      address: viewer.address,
    })
    return { personId, erasedAt: now.toISOString() }
  })
}

// --- retention -------------------------------------------------------------------------------------

export async function getDataRetention(db: Db, viewer: Viewer): Promise<DataRetention> {
  const row = await findOrganizationRow(db, viewer.organizationId)
  if (!row) throw notFound('Organization')
  return { retentionMonths: row.retention_months }
}

/** An admin sets (or turns off with null) how long private reflections and check-in notes are kept after a match ends. */
export async function changeDataRetention(
  db: Db,
  viewer: Viewer,
  body: UpdateDataRetentionBody,
): Promise<DataRetention> {
  if (!hasRole(viewer, 'admin')) throw forbidden('Only an admin can change data retention')
  return db.transaction().execute(async (trx) => {
    const before = await findOrganizationRow(trx, viewer.organizationId)
    if (!before) throw notFound('Organization')
    const row = await updateRetentionMonths(trx, viewer.organizationId, body.retentionMonths)
    if (!row) throw notFound('Organization')
    await recordAuditEvent(trx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      action: 'organization.updated',
      targetType: 'organization',
      targetId: viewer.organizationId,
      details: {
        before: { retentionMonths: before.retention_months },
        after: { retentionMonths: row.retention_months },
      },
      address: viewer.address,
    })
    return { retentionMonths: row.retention_months }
  })
}

/** The moment `months` calendar months before `now` (UTC; the 31st falls back to the month's last day). */
export function monthsBefore(now: Date, months: number): Date {
  const target = new Date(now)
  const day = target.getUTCDate()
  target.setUTCDate(1)
  target.setUTCMonth(target.getUTCMonth() - months)
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(day, lastDay))
  return target
}

export const RETENTION_QUEUE = 'retention-purge'

export interface RetentionPurgeJob extends JobData {
  /** The moment to purge for (ISO); the job's own clock when absent (tests set it). */
  at?: string
}

export interface RetentionPurgeResult {
  organizationId: string
  reflections: number
  checkInNotes: number
}

/**
 * The daily retention sweep: in each organization that turned it on, deletes the private
 * reflections and check-in notes of matches that ended (completed or dissolved) more than its
 * chosen number of months before `now`; each organization's purge is audited with counts only.
 */
export async function purgeExpiredPrivateContent(db: Db, now: Date): Promise<RetentionPurgeResult[]> {
  const results: RetentionPurgeResult[] = []
  for (const organization of await listOrganizationsWithRetention(db)) {
    if (organization.retention_months === null) continue
    const cutoff = monthsBefore(now, organization.retention_months)
    const result = await db.transaction().execute(async (trx) => {
      const reflections = await deleteReflectionsOfEndedMatches(trx, organization.id, cutoff)
      const checkInNotes = await clearCheckInNotesOfEndedMatches(trx, organization.id, cutoff)
      if (reflections + checkInNotes > 0) {
        await recordAuditEvent(trx, {
          organizationId: organization.id,
          actorId: null,
          action: 'retention.purged',
          targetType: 'organization',
          targetId: organization.id,
          details: {
            reflections,
            checkInNotes,
            retentionMonths: organization.retention_months,
            endedBefore: cutoff.toISOString(),
          },
        })
      }
      return { organizationId: organization.id, reflections, checkInNotes }
    })
    results.push(result)
  }
  return results
}
