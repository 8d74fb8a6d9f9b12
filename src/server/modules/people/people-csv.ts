import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import { isLanguageCode } from '#contracts/languages.ts'
import { isTimeZone, ROLES } from '#contracts/people.ts'
import {
  type ImportAction,
  type ImportCounts,
  type ImportRowError,
  type ImportRowResult,
  PEOPLE_CSV_COLUMNS,
  REQUIRED_PEOPLE_CSV_COLUMNS,
  WORKING_DAYS_COLUMN,
} from '#contracts/people-import.ts'
import type { PersonStatus, Role } from '#server/db/schema.ts'
import { AppError } from '#server/http/app-error.ts'

// Pure: parsing, validation and the import plan. No database, no HTTP; the service feeds it.

const KNOWN_COLUMNS = new Set<string>([...PEOPLE_CSV_COLUMNS, WORKING_DAYS_COLUMN])
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/
const DATE = /^\d{4}-\d{2}-\d{2}$/
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/
// Cells starting with these are escaped with a leading apostrophe on export (spreadsheet formula injection).
const FORMULA_START = /^[=+\-@\t\r]/

export interface CsvRecord {
  /** The line of the record in the file; the header is line 1. */
  row: number
  cells: string[]
}

/** What people_imports.rows stores: the header as read and every record, so apply re-validates. */
export interface ParsedPeopleCsv {
  columns: string[]
  records: CsvRecord[]
}

/** Reads the CSV text; a file without the required columns, or with unknown ones, is refused as a whole. */
export function parsePeopleCsv(text: string): ParsedPeopleCsv {
  let parsed: Array<{ record: string[]; info: { lines: number } }>
  try {
    parsed = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as unknown as typeof parsed
  } catch (error) {
    throw new AppError('csv_invalid', `The file is not valid CSV: ${(error as Error).message}`)
  }
  const [header, ...rest] = parsed
  if (!header) throw new AppError('csv_invalid', 'The file is empty: it needs a header row and one row per person')
  const columns = header.record.map((cell) => cell.trim().toLowerCase())
  const missing = REQUIRED_PEOPLE_CSV_COLUMNS.filter((column) => !columns.includes(column))
  const unknown = columns.filter((column) => !KNOWN_COLUMNS.has(column))
  const repeated = columns.filter((column, index) => columns.indexOf(column) !== index)
  const details = [
    ...missing.map((column) => ({ path: column, message: 'missing column' })),
    ...unknown.map((column) => ({ path: column || '(empty)', message: 'unknown column' })),
    ...repeated.map((column) => ({ path: column, message: 'repeated column' })),
  ]
  if (details.length > 0) {
    const parts = [
      missing.length ? `missing columns: ${missing.join(', ')}` : '',
      unknown.length ? `unknown columns: ${unknown.map((column) => column || '(empty)').join(', ')}` : '',
      repeated.length ? `repeated columns: ${repeated.join(', ')}` : '',
    ].filter(Boolean)
    throw new AppError(
      'csv_invalid',
      `The header row is not right: ${parts.join('; ')}. Expected: ${PEOPLE_CSV_COLUMNS.join(',')}`,
      details,
    )
  }
  return { columns, records: rest.map(({ record, info }) => ({ row: info.lines, cells: record })) }
}

function unescapeCell(value: string): string {
  const trimmed = value.trim()
  return trimmed.startsWith("'") && FORMULA_START.test(trimmed.slice(1)) ? trimmed.slice(1) : trimmed
}

function escapeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value
}

const splitList = (value: string) =>
  value
    .split(';')
    .map((item) => item.trim())
    .filter(Boolean)

/** A person as the organization holds them, as much as an import reads and writes. */
export interface ExistingPerson {
  id: string
  email: string
  employee_id: string | null
  name: string
  title: string
  department: string
  location: string
  time_zone: string
  languages: string[]
  seniority: number
  manager_id: string | null
  skills_offered: string[]
  skills_wanted: string[]
  working_hours_start: string
  working_hours_end: string
  working_days: number[]
  role: Role
  status: PersonStatus
  left_on: string | null
  has_password: boolean
}

export interface ImportContext {
  existing: ExistingPerson[]
  skillSlugs: Set<string>
  /** Lowercased emails of the file that accounts of other organizations use. */
  emailsElsewhere: Set<string>
  viewerPersonId: string
  today: string
}

/** The columns an import writes for one person. */
export interface TargetPerson {
  email: string
  employee_id: string | null
  name: string
  title: string
  department: string
  location: string
  time_zone: string
  languages: string[]
  seniority: number
  skills_offered: string[]
  skills_wanted: string[]
  working_hours_start: string
  working_hours_end: string
  working_days: number[]
  role: Role
  status: PersonStatus
  left_on: string | null
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

const DEFAULTS = {
  title: '',
  department: '',
  location: '',
  time_zone: 'UTC',
  languages: ['en'],
  seniority: 3,
  skills_offered: [] as string[],
  skills_wanted: [] as string[],
  working_hours_start: '09:00',
  working_hours_end: '17:00',
  working_days: [1, 2, 3, 4, 5],
  role: 'participant' as Role,
}

interface RowDraft {
  index: number
  record: CsvRecord
  email: string
  employeeId: string | null | undefined
  errors: ImportRowError[]
  person: ExistingPerson | undefined
  managerCell: string | undefined
  manager: ManagerRef
  target: TargetPerson | null
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
 * Validates every record against the organization and the rest of the file, and decides per row
 * whether it creates, updates or leaves a person unchanged. Matching is by email first, then by
 * employee id (which lets a file change someone's email). An empty cell clears free fields
 * (employee id, title, department, location, manager, skills, left_on) and keeps the current value
 * (or the default) of the others; a column absent from the file is left alone.
 */
export function planPeopleImport(csv: ParsedPeopleCsv, context: ImportContext): ImportPlan {
  const position = new Map(csv.columns.map((column, index) => [column, index]))
  const existingByEmail = new Map(context.existing.map((person) => [person.email.toLowerCase(), person]))
  const existingByEmployeeId = new Map(
    context.existing.filter((person) => person.employee_id).map((person) => [person.employee_id!, person]),
  )
  const existingById = new Map(context.existing.map((person) => [person.id, person]))

  const drafts: RowDraft[] = csv.records.map((record, index) => {
    const errors: ImportRowError[] = []
    const cell = (column: string): string | undefined => {
      const at = position.get(column)
      return at === undefined ? undefined : unescapeCell(record.cells[at] ?? '')
    }
    if (record.cells.length > csv.columns.length && record.cells.slice(csv.columns.length).some((c) => c.trim())) {
      errors.push({ column: 'row', message: `has ${record.cells.length} cells, the header ${csv.columns.length}` })
    }
    const email = (cell('email') ?? '').toLowerCase()
    if (!email) errors.push({ column: 'email', message: 'is required' })
    else if (!EMAIL.test(email) || email.length > 254)
      errors.push({ column: 'email', message: 'is not an email address' })
    else if (context.emailsElsewhere.has(email)) {
      errors.push({ column: 'email', message: 'is used by an account of another organization' })
    }
    const employeeCell = cell('employee_id')
    const employeeId = employeeCell === undefined ? undefined : employeeCell || null
    if (employeeId && employeeId.length > 100)
      errors.push({ column: 'employee_id', message: 'is longer than 100 characters' })

    let person = email ? existingByEmail.get(email) : undefined
    if (employeeId) {
      const byEmployeeId = existingByEmployeeId.get(employeeId)
      if (!person) person = byEmployeeId
      else if (byEmployeeId && byEmployeeId.id !== person.id) {
        errors.push({ column: 'employee_id', message: `belongs to another person (${byEmployeeId.email})` })
      }
    }

    const text = (column: 'name' | 'title' | 'department' | 'location', fallback: string) => {
      const value = cell(column)
      if (value === undefined) return fallback
      if (value.length > 200) errors.push({ column, message: 'is longer than 200 characters' })
      return value
    }
    const name = text('name', person?.name ?? '')
    if (!name) errors.push({ column: 'name', message: 'is required' })

    let timeZone = person?.time_zone ?? DEFAULTS.time_zone
    const timeZoneCell = cell('time_zone')
    if (timeZoneCell) {
      if (isTimeZone(timeZoneCell)) timeZone = timeZoneCell
      else
        errors.push({
          column: 'time_zone',
          message: `unknown time zone "${timeZoneCell}" (use an IANA name such as Europe/Paris)`,
        })
    }

    let languages = person?.languages ?? DEFAULTS.languages
    const languagesCell = cell('languages')
    if (languagesCell) {
      const codes = [...new Set(splitList(languagesCell).map((code) => code.toLowerCase()))]
      const unknown = codes.filter((code) => !isLanguageCode(code))
      if (unknown.length > 0) {
        errors.push({
          column: 'languages',
          message: `unknown language ${unknown.join(', ')} (use ISO 639-1 codes such as en, fr)`,
        })
      } else languages = codes
    }

    let seniority = person?.seniority ?? DEFAULTS.seniority
    const seniorityCell = cell('seniority')
    if (seniorityCell) {
      const value = Number(seniorityCell)
      if (/^\d+$/.test(seniorityCell) && value >= 1 && value <= 8) seniority = value
      else errors.push({ column: 'seniority', message: `must be a whole number from 1 to 8, not "${seniorityCell}"` })
    }

    const skills = (column: 'skills_offered' | 'skills_wanted') => {
      const value = cell(column)
      if (value === undefined) return person?.[column] ?? DEFAULTS[column]
      const slugs = [...new Set(splitList(value).map((slug) => slug.toLowerCase()))]
      const unknown = slugs.filter((slug) => !SLUG.test(slug) || !context.skillSlugs.has(slug))
      if (unknown.length > 0) {
        errors.push({ column, message: `not in the skill catalogue: ${unknown.join(', ')}` })
      }
      return slugs
    }
    const skillsOffered = skills('skills_offered')
    const skillsWanted = skills('skills_wanted')

    const time = (column: 'working_hours_start' | 'working_hours_end') => {
      const value = cell(column)
      const fallback = person?.[column] ?? DEFAULTS[column]
      if (!value) return fallback
      if (TIME.test(value)) return value
      errors.push({ column, message: `must be a time HH:MM such as 09:00, not "${value}"` })
      return fallback
    }
    const start = time('working_hours_start')
    const end = time('working_hours_end')
    if (start >= end) errors.push({ column: 'working_hours_end', message: 'must be after working_hours_start' })

    let workingDays = person?.working_days ?? DEFAULTS.working_days
    const daysCell = cell(WORKING_DAYS_COLUMN)
    if (daysCell) {
      const days = splitList(daysCell)
      if (days.every((day) => /^[1-7]$/.test(day)) && new Set(days).size === days.length) {
        workingDays = days.map(Number).sort((a, b) => a - b)
      } else
        errors.push({
          column: WORKING_DAYS_COLUMN,
          message: 'must list days 1 (Monday) to 7 (Sunday) separated by ;, each once',
        })
    }

    let role = person?.role ?? DEFAULTS.role
    const roleCell = cell('role')?.toLowerCase()
    if (roleCell) {
      if ((ROLES as readonly string[]).includes(roleCell)) role = roleCell as Role
      else errors.push({ column: 'role', message: `must be one of ${ROLES.join(', ')}` })
    }

    const statusCell = cell('status')?.toLowerCase()
    let hasLeft = person?.status === 'deactivated'
    if (statusCell) {
      if (statusCell === 'left' || statusCell === 'deactivated') hasLeft = true
      else if (statusCell === 'active' || statusCell === 'invited') hasLeft = false
      else errors.push({ column: 'status', message: 'must be active, invited or left' })
    }
    const leftOnCell = cell('left_on')
    let leftOn: string | null = hasLeft ? (person?.left_on ?? context.today) : null
    if (leftOnCell) {
      if (!DATE.test(leftOnCell) || Number.isNaN(Date.parse(leftOnCell))) {
        errors.push({ column: 'left_on', message: 'must be a date YYYY-MM-DD' })
      } else if (!hasLeft) errors.push({ column: 'left_on', message: 'is only for people whose status is left' })
      else leftOn = leftOnCell
    }
    const status: PersonStatus = hasLeft
      ? 'deactivated'
      : person && person.status !== 'deactivated'
        ? person.status
        : person?.has_password
          ? 'active'
          : 'invited'

    if (person?.id === context.viewerPersonId) {
      if (hasLeft) errors.push({ column: 'status', message: 'you cannot mark yourself as left' })
      if (role !== 'admin') errors.push({ column: 'role', message: 'you cannot change your own role' })
    }

    const target: TargetPerson = {
      // Keep the stored spelling of an email that only differs in case.
      email: person && person.email.toLowerCase() === email ? person.email : email,
      employee_id: employeeId === undefined ? (person?.employee_id ?? null) : employeeId,
      name,
      title: text('title', person?.title ?? DEFAULTS.title),
      department: text('department', person?.department ?? DEFAULTS.department),
      location: text('location', person?.location ?? DEFAULTS.location),
      time_zone: timeZone,
      languages,
      seniority,
      skills_offered: skillsOffered,
      skills_wanted: skillsWanted,
      working_hours_start: start,
      working_hours_end: end,
      working_days: workingDays,
      role,
      status,
      left_on: leftOn,
    }
    const managerCell = cell('manager_email')
    return {
      index,
      record,
      email,
      employeeId,
      errors,
      person,
      managerCell,
      manager: { kind: 'none' },
      target,
    }
  })

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

/** A person as export writes them; status `left` for deactivated people. */
export interface ExportPerson extends Omit<ExistingPerson, 'id' | 'manager_id' | 'has_password'> {
  manager_email: string | null
}

/** Writes people in the import columns (plus working_days), so that export -> import round-trips unchanged. */
export function stringifyPeopleCsv(people: ExportPerson[]): string {
  const columns = [...PEOPLE_CSV_COLUMNS, WORKING_DAYS_COLUMN]
  const records = people.map((person) =>
    [
      person.email,
      person.employee_id ?? '',
      person.name,
      person.title,
      person.department,
      person.location,
      person.time_zone,
      person.languages.join(';'),
      String(person.seniority),
      person.manager_email ?? '',
      person.skills_offered.join(';'),
      person.skills_wanted.join(';'),
      person.working_hours_start,
      person.working_hours_end,
      person.role,
      person.status === 'deactivated' ? 'left' : person.status,
      person.left_on ?? '',
      person.working_days.join(';'),
    ].map(escapeCell),
  )
  return stringify([columns, ...records])
}
