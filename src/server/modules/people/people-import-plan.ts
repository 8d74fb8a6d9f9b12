import type { ImportAction, ImportCounts, ImportRowResult } from '#contracts/people-import.ts'
import {
  type CsvRecord,
  cellReaderOf,
  type ExistingPerson,
  type ParsedPeopleCsv,
  type TargetPerson,
} from './people-csv.ts'
import { type CatalogueSkill, type RowReading, readPeopleRow, skillCatalogueOf } from './people-import-row.ts'

// Pure: what the rows of a people file mean together. No database, no HTTP; the service feeds it.

export interface ImportContext {
  existing: ExistingPerson[]
  /** The organization's skill catalogue: a file names skills by slug or by name. */
  skills: ReadonlyArray<CatalogueSkill>
  /** Lowercased emails of the file that accounts of other organizations use. */
  emailsElsewhere: Set<string>
  viewerPersonId: string
  today: string
}

export type ManagerRef = { kind: 'none' } | { kind: 'person'; id: string } | { kind: 'row'; index: number }

export interface PlannedRow extends ImportRowResult {
  /** The existing person this row updates; null for a new person. */
  personId: string | null
  target: TargetPerson | null
  manager: ManagerRef
}

export interface ImportPlan {
  rows: PlannedRow[]
  counts: ImportCounts
}

interface RowDraft extends RowReading {
  index: number
  record: CsvRecord
  manager: ManagerRef
}

const sameList = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((item, i) => item === b[i])

function isUnchanged(person: ExistingPerson, target: TargetPerson, managerId: string | null | undefined): boolean {
  return (
    person.email === target.email &&
    person.employee_id === target.employee_id &&
    person.name === target.name &&
    person.title === target.title &&
    person.department === target.department &&
    person.location === target.location &&
    person.time_zone === target.time_zone &&
    sameList(person.languages, target.languages) &&
    person.seniority === target.seniority &&
    sameList(person.skills_offered, target.skills_offered) &&
    sameList(person.skills_wanted, target.skills_wanted) &&
    person.working_hours_start === target.working_hours_start &&
    person.working_hours_end === target.working_hours_end &&
    sameList(person.working_days, target.working_days) &&
    person.role === target.role &&
    person.status === target.status &&
    person.left_on === target.left_on &&
    managerId !== undefined &&
    person.manager_id === managerId
  )
}

function rowsText(rows: number[]): string {
  return rows.length === 1 ? `row ${rows[0]}` : `rows ${rows.join(', ')}`
}

/**
 * Checks every record (people-import-row.ts) and then the file as a whole: the same email or
 * employee id twice, managers named by email or employee id (in the file first, then in the
 * organization), and reporting cycles in the org chart as it would be after the import. Decides per
 * row whether it creates, updates or leaves a person unchanged. Matching is by email first, then by
 * employee id (which lets a file change someone's email).
 */
export function planPeopleImport(csv: ParsedPeopleCsv, context: ImportContext): ImportPlan {
  const existingByEmail = new Map(context.existing.map((person) => [person.email.toLowerCase(), person]))
  const existingByEmployeeId = new Map(
    context.existing.filter((person) => person.employee_id).map((person) => [person.employee_id!, person]),
  )
  const existingById = new Map(context.existing.map((person) => [person.id, person]))
  const rowContext = {
    ...context,
    skills: skillCatalogueOf(context.skills),
    existingByEmail,
    existingByEmployeeId,
    checked: new Map(),
  }
  const cellsOf = cellReaderOf(csv.columns)

  const drafts: RowDraft[] = csv.records.map((record, index) => ({
    ...readPeopleRow(record, cellsOf(record), csv.columns.length, rowContext),
    index,
    record,
    manager: { kind: 'none' },
  }))

  // Duplicates within the file, and two rows reaching the same person.
  const flagRepeats = (key: (draft: RowDraft) => string | null | undefined, column: string, what: string) => {
    const groups = new Map<string, RowDraft[]>()
    for (const draft of drafts) {
      const value = key(draft)
      if (value) groups.set(value, [...(groups.get(value) ?? []), draft])
    }
    for (const group of groups.values()) {
      if (group.length < 2) continue
      for (const draft of group) {
        const others = group.filter((other) => other !== draft).map((other) => other.record.row)
        draft.errors.push({ column, message: `${what} also on ${rowsText(others)}` })
      }
    }
  }
  flagRepeats((draft) => draft.email, 'email', 'the same email is')
  flagRepeats((draft) => draft.employeeId, 'employee_id', 'the same employee id is')
  flagRepeats(
    (draft) => (draft.person && draft.email !== draft.person.email.toLowerCase() ? draft.person.id : null),
    'email',
    'another row updates the same person, which is',
  )
  const byPersonId = new Map(drafts.filter((draft) => draft.person).map((draft) => [draft.person!.id, draft]))

  // Managers: by email, else by employee id; in the file first, then in the organization.
  const fileByEmail = new Map<string, RowDraft>()
  const fileByEmployeeId = new Map<string, RowDraft>()
  for (const draft of drafts) {
    if (draft.email && !fileByEmail.has(draft.email)) fileByEmail.set(draft.email, draft)
    if (draft.employeeId && !fileByEmployeeId.has(draft.employeeId)) fileByEmployeeId.set(draft.employeeId, draft)
  }
  const refTo = (draft: RowDraft): ManagerRef =>
    draft.person ? { kind: 'person', id: draft.person.id } : { kind: 'row', index: draft.index }
  for (const draft of drafts) {
    if (draft.managerCell === undefined) {
      draft.manager = draft.person?.manager_id ? { kind: 'person', id: draft.person.manager_id } : { kind: 'none' }
      continue
    }
    if (!draft.managerCell) continue
    const key = draft.managerCell.toLowerCase()
    const inFile = fileByEmail.get(key) ?? fileByEmployeeId.get(draft.managerCell)
    const inOrganization = existingByEmail.get(key) ?? existingByEmployeeId.get(draft.managerCell)
    if (inFile) draft.manager = refTo(inFile)
    else if (inOrganization) draft.manager = { kind: 'person', id: inOrganization.id }
    else {
      draft.errors.push({
        column: 'manager_email',
        message: `no one with the email or employee id "${draft.managerCell}" in the file or the organization`,
      })
    }
  }

  // Reporting cycles in the org chart as it would be after the import.
  const nodeOf = (draft: RowDraft) => (draft.person ? draft.person.id : `row:${draft.index}`)
  const managerOf = new Map<string, string | null>(context.existing.map((person) => [person.id, person.manager_id]))
  const draftOfNode = new Map<string, RowDraft>()
  for (const draft of drafts) {
    const node = nodeOf(draft)
    if (draftOfNode.has(node)) continue // a duplicate row, already reported
    draftOfNode.set(node, draft)
    const ref = draft.manager
    managerOf.set(
      node,
      ref.kind === 'none'
        ? null
        : ref.kind === 'person'
          ? byPersonId.get(ref.id)
            ? nodeOf(byPersonId.get(ref.id)!)
            : ref.id
          : `row:${ref.index}`,
    )
  }
  const labelOf = (node: string) => draftOfNode.get(node)?.email || existingById.get(node)?.email || node
  const state = new Map<string, 'walking' | 'done'>()
  for (const start of draftOfNode.keys()) {
    if (state.has(start)) continue
    const path: string[] = []
    let node: string | null | undefined = start
    while (node && !state.has(node)) {
      state.set(node, 'walking')
      path.push(node)
      node = managerOf.get(node)
    }
    if (node && state.get(node) === 'walking') {
      const cycle = path.slice(path.indexOf(node))
      const message =
        cycle.length === 1
          ? 'a person cannot be their own manager'
          : `reporting cycle: ${[...cycle, cycle[0]].map(labelOf).join(' -> ')}`
      for (const member of cycle) draftOfNode.get(member)?.errors.push({ column: 'manager_email', message })
    }
    for (const visited of path) state.set(visited, 'done')
  }

  const counts: ImportCounts = { create: 0, update: 0, unchanged: 0, error: 0 }
  const rows: PlannedRow[] = drafts.map((draft) => {
    let action: ImportAction
    if (draft.errors.length > 0) action = 'error'
    else if (!draft.person) action = 'create'
    else {
      const ref = draft.manager
      const managerId = ref.kind === 'none' ? null : ref.kind === 'person' ? ref.id : undefined
      action = isUnchanged(draft.person, draft.target!, managerId) ? 'unchanged' : 'update'
    }
    counts[action]++
    return {
      row: draft.record.row,
      email: draft.email,
      action,
      errors: draft.errors,
      personId: draft.person?.id ?? null,
      target: action === 'error' ? null : draft.target,
      manager: draft.manager,
    }
  })
  return { rows, counts }
}
