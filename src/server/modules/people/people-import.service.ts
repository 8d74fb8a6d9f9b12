import {
  type ApplyPeopleImportResult,
  type CreatePeopleImportBody,
  CreatePeopleImportBodySchema,
  type ImportCounts,
  type ImportRowResult,
  type PeopleImport,
} from '#contracts/people-import.ts'
import type { Config } from '#server/config.ts'
import type { Db } from '#server/db/connect.ts'
import type { PeopleImportRow } from '#server/db/schema.ts'
import { toIso } from '#server/db/to-iso.ts'
import { AppError, notFound } from '#server/http/app-error.ts'
import type { Viewer } from '#server/http/viewer.ts'
import type { Mailer } from '#server/mail/mailer.ts'
import { recordAuditEvent } from '#server/modules/audit/audit.service.ts'
import { sendInvitations } from '#server/modules/auth/invitations.service.ts'
import { listOrganizationSkills } from '#server/modules/skills/skills.service.ts'
import { emitWebhookEvents, webhookEvents } from '#server/modules/webhooks/webhooks.service.ts'
import { today } from './people.service.ts'
import { type ParsedPeopleCsv, parsePeopleCsv, peopleCsvTemplate, stringifyPeopleCsv } from './people-csv.ts'
import {
  findPeopleImport,
  insertImportedPeople,
  insertPeopleImport,
  listEmailsInOtherOrganizations,
  listPeopleForExport,
  listPeopleForImport,
  revokeSessionsOfMany,
  updateImportedPeople,
  updateManagers,
  updatePeopleImport,
} from './people-import.repository.ts'
import { type ImportPlan, type PlannedRow, planPeopleImport } from './people-import-plan.ts'

interface StoredReport {
  counts: ImportCounts
  rows: ImportRowResult[]
}

export interface ApplyHooks {
  /** Sends every new person (not marked left) an invitation, in the import's transaction. */
  invite?: { mailer: Mailer; config: Config }
  /** Called with each row's line once its batch is written; a throw rolls the whole import back. */
  onRow?: (row: number) => void | Promise<void>
  /** Rows written per statement (default 1000). */
  batchSize?: number
}

function toReport(plan: ImportPlan): StoredReport {
  return {
    counts: plan.counts,
    rows: plan.rows.map(({ row, email, action, errors }) => ({ row, email, action, errors })),
  }
}

function toPeopleImport(row: PeopleImportRow): PeopleImport {
  const report = row.report as StoredReport
  return {
    id: row.id,
    fileName: row.file_name,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    appliedAt: toIso(row.applied_at),
    canApply: row.status === 'previewed' && report.counts.error === 0,
    counts: report.counts,
    rows: report.rows,
  }
}

async function planAgainstOrganization(db: Db, viewer: Viewer, csv: ParsedPeopleCsv, now: Date): Promise<ImportPlan> {
  const emailColumn = csv.columns.indexOf('email')
  const emails = [...new Set(csv.records.map((record) => (record.cells[emailColumn] ?? '').trim().toLowerCase()))]
  const [existing, skills, emailsElsewhere] = await Promise.all([
    listPeopleForImport(db, viewer.organizationId),
    listOrganizationSkills(db, viewer),
    listEmailsInOtherOrganizations(db, viewer.organizationId, emails.filter(Boolean)),
  ])
  return planPeopleImport(csv, {
    existing,
    skills,
    emailsElsewhere,
    viewerPersonId: viewer.personId,
    today: today(now),
  })
}

/** Reads a CSV of people and stores it with a per-row report of what applying it would do; changes no one. */
export async function previewPeopleImport(
  db: Db,
  viewer: Viewer,
  input: CreatePeopleImportBody,
  now: Date,
): Promise<PeopleImport> {
  const body = CreatePeopleImportBodySchema.parse(input)
  const csv = parsePeopleCsv(body.csv)
  const plan = await planAgainstOrganization(db, viewer, csv, now)
  const row = await insertPeopleImport(db, {
    organizationId: viewer.organizationId,
    createdBy: viewer.personId,
    fileName: body.fileName,
    rows: csv,
    report: toReport(plan),
  })
  return toPeopleImport(row)
}

export async function getPeopleImport(db: Db, viewer: Viewer, importId: string): Promise<PeopleImport> {
  const row = await findPeopleImport(db, viewer.organizationId, importId)
  if (!row) throw notFound('Import')
  return toPeopleImport(row)
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size))
  return chunks
}

/**
 * Applies a previewed import in one transaction: all rows or none. The file is validated again
 * against the organization as it is now; any error refuses the whole import (422). People are
 * matched by email or employee id, so applying the same file twice changes nothing the second time.
 * New people are created invited, without a password; managers are set in a second pass; with
 * `hooks.invite` each new person is sent an invitation in the same transaction.
 */
export async function applyPeopleImport(
  db: Db,
  viewer: Viewer,
  importId: string,
  now: Date,
  hooks: ApplyHooks = {},
): Promise<ApplyPeopleImportResult> {
  const batchSize = hooks.batchSize ?? 1000
  const outcome = await db.transaction().execute(async (trx) => {
    const stored = await findPeopleImport(trx, viewer.organizationId, importId, { forUpdate: true })
    if (!stored) throw notFound('Import')
    if (stored.status === 'applied') {
      throw new AppError(
        'import_already_applied',
        'This import was already applied; upload the file again to re-import it',
      )
    }
    const plan = await planAgainstOrganization(trx, viewer, stored.rows as ParsedPeopleCsv, now)
    if (plan.counts.error > 0) {
      // Nothing else was written: keep the fresh report so the admin sees why.
      await updatePeopleImport(trx, viewer.organizationId, importId, { report: toReport(plan), appliedAt: now })
      return { kind: 'refused' as const, counts: plan.counts }
    }

    const idOfRow = new Map<number, string>()
    for (const batch of chunk(plan.rows, batchSize)) {
      const creates = batch.filter((row) => row.action === 'create')
      const created = await insertImportedPeople(
        trx,
        viewer.organizationId,
        creates.map((row) => row.target!),
        now,
      )
      const idByEmail = new Map(created.map((person) => [person.email, person.id]))
      for (const row of creates) idOfRow.set(row.row, idByEmail.get(row.target!.email)!)
      await updateImportedPeople(
        trx,
        viewer.organizationId,
        batch.filter((row) => row.action === 'update').map((row) => ({ ...row.target!, id: row.personId! })),
        now,
      )
      for (const row of batch) {
        if (row.personId) idOfRow.set(row.row, row.personId)
        await hooks.onRow?.(row.row)
      }
    }

    // Second pass: managers, now that every new person has an id.
    const lineOfIndex = plan.rows.map((row) => row.row)
    const managerChanges: Array<{ id: string; manager_id: string | null }> = []
    const existingManager = new Map(
      (await listPeopleForImport(trx, viewer.organizationId)).map((person) => [person.id, person.manager_id]),
    )
    for (const row of plan.rows) {
      const id = idOfRow.get(row.row)!
      const managerId = managerIdOf(row, idOfRow, lineOfIndex)
      if (existingManager.get(id) !== managerId) managerChanges.push({ id, manager_id: managerId })
    }
    for (const batch of chunk(managerChanges, batchSize * 5))
      await updateManagers(trx, viewer.organizationId, batch, now)
    await emitWebhookEvents(
      trx,
      viewer.organizationId,
      now,
      plan.rows
        .filter((row) => row.action === 'create' || row.action === 'update')
        .map((row) => {
          const person = {
            ...row.target!,
            id: idOfRow.get(row.row)!,
            manager_id: managerIdOf(row, idOfRow, lineOfIndex),
          }
          if (row.action === 'create') return webhookEvents.personCreated(person)
          return person.status === 'deactivated'
            ? webhookEvents.personDeactivated(person)
            : webhookEvents.personUpdated(person)
        }),
    )

    const leaving = plan.rows.filter((row) => row.action !== 'unchanged' && row.target!.status === 'deactivated')
    await revokeSessionsOfMany(
      trx,
      leaving.map((row) => idOfRow.get(row.row)!),
      now,
    )

    const newcomers = plan.rows
      .filter((row) => row.action === 'create' && row.target!.status === 'invited')
      .map((row) => ({ id: idOfRow.get(row.row)!, email: row.target!.email, name: row.target!.name }))
    const invitationsSent = hooks.invite
      ? await sendInvitations(trx, hooks.invite.mailer, hooks.invite.config, viewer, newcomers, now)
      : 0

    const applied = await updatePeopleImport(trx, viewer.organizationId, importId, {
      report: toReport(plan),
      status: 'applied',
      appliedAt: now,
    })
    await recordAuditEvent(trx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      address: viewer.address,
      action: 'people.imported',
      targetType: 'people_import',
      targetId: importId,
      details: {
        fileName: stored.file_name,
        counts: plan.counts,
        managersChanged: managerChanges.length,
        invitationsSent,
      },
    })
    return { kind: 'applied' as const, counts: plan.counts, appliedAt: applied.applied_at!, invitationsSent }
  })
  if (outcome.kind === 'refused') {
    throw new AppError(
      'import_has_errors',
      `${outcome.counts.error} ${outcome.counts.error === 1 ? 'row has' : 'rows have'} errors; fix the file and upload it again`,
    )
  }
  return {
    id: importId,
    status: 'applied',
    appliedAt: outcome.appliedAt.toISOString(),
    counts: outcome.counts,
    invitationsSent: outcome.invitationsSent,
  }
}

function managerIdOf(row: PlannedRow, idOfRow: Map<number, string>, lineOfIndex: number[]): string | null {
  const ref = row.manager
  if (ref.kind === 'none') return null
  if (ref.kind === 'person') return ref.id
  return idOfRow.get(lineOfIndex[ref.index])!
}

/** The import's template: every column and an example row naming skills of the organization's catalogue. */
export async function getPeopleCsvTemplate(db: Db, viewer: Viewer): Promise<string> {
  const skills = await listOrganizationSkills(db, viewer)
  return peopleCsvTemplate(skills.map((skill) => skill.name))
}

/** Everyone of the organization as CSV, in the import's columns. */
export async function exportPeopleCsv(db: Db, viewer: Viewer): Promise<string> {
  const people = await listPeopleForExport(db, viewer.organizationId)
  await recordAuditEvent(db, {
    organizationId: viewer.organizationId,
    actorId: viewer.personId,
    address: viewer.address,
    action: 'people.exported',
    targetType: 'organization',
    targetId: viewer.organizationId,
    details: { count: people.length },
  })
  return stringifyPeopleCsv(people)
}
