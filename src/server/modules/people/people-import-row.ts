import { distance } from 'fastest-levenshtein'
import type { z } from 'zod'
import { DateInputSchema } from '#contracts/input.ts'
import { languageCodeOf } from '#contracts/languages.ts'
import { UpdatePersonBodySchema } from '#contracts/people.ts'
import { type ImportRowError, type PeopleCsvColumn, WORKING_DAYS_COLUMN } from '#contracts/people-import.ts'
import type { PersonStatus, Role } from '#server/db/schema.ts'
import type { CsvRecord, ExistingPerson, TargetPerson } from './people-csv.ts'

// One row of a people file -> the person it would write, checked by the API's own schemas. What is
// the file's alone stays here: which column feeds which field, cells read as lists and numbers, an
// empty cell meaning "keep" or "clear", the status column, and matching rows to people. No rule on a
// value is written twice: an address, a zone or a role the API refuses, the import refuses too
// (people-import.verdicts.test.ts holds both to it).

/** The API's field rules for a person (PATCH /api/people/:personId), one schema per field. */
const FIELDS = UpdatePersonBodySchema.shape
type Field = Exclude<keyof typeof FIELDS, 'managerId'>
type FieldValue<F extends Field> = NonNullable<z.output<(typeof FIELDS)[F]>>

type Column = PeopleCsvColumn | typeof WORKING_DAYS_COLUMN
const WORKING_HOURS_COLUMNS: Record<string, Column> = {
  start: 'working_hours_start',
  end: 'working_hours_end',
  days: WORKING_DAYS_COLUMN,
}

// Values longer than this are not repeated in a message (a 300-character name helps no one).
const SHOWN_VALUE_LENGTH = 40

/** Adds one error per column and message; the refused values are named, as a spreadsheet user needs. */
function addIssues(issues: z.core.$ZodIssue[], columnOf: (path: PropertyKey[]) => Column, errors: ImportRowError[]) {
  const grouped = new Map<string, { column: Column; message: string; values: string[] }>()
  for (const issue of issues) {
    const column = columnOf(issue.path)
    const key = `${column}\n${issue.message}`
    const entry = grouped.get(key) ?? { column, message: issue.message, values: [] }
    grouped.set(key, entry)
    const input = (issue as { input?: unknown }).input
    const shown = typeof input === 'string' || typeof input === 'number' ? String(input) : ''
    if (shown && shown.length <= SHOWN_VALUE_LENGTH && !entry.values.includes(shown)) entry.values.push(shown)
  }
  for (const { column, message, values } of grouped.values()) {
    const named = values.map((value) => `"${value}"`).join(', ')
    errors.push({ column, message: named ? `${message}, not ${named}` : message })
  }
}

/** Checks one value with the API's schema of `field`; undefined (and errors) when refused. */
function check<F extends Field>(
  field: F,
  value: unknown,
  columnOf: (path: PropertyKey[]) => Column,
  errors: ImportRowError[],
): FieldValue<F> | undefined {
  const result = (FIELDS[field] as z.ZodType).safeParse(value, { reportInput: true })
  if (result.success) return result.data as FieldValue<F>
  addIssues(result.error.issues, columnOf, errors)
  return undefined
}

/** Checked values by field and cell text, for one file: zones, languages, skills and hours repeat on most rows. */
export type CheckedCells = Map<Field, Map<string, { value: unknown; errors: ImportRowError[] }>>

/** check(), remembered by `key` (the cells the value was read from) in `memo`. */
function checkRepeated<F extends Field>(
  memo: CheckedCells,
  key: string,
  field: F,
  read: () => unknown,
  columnOf: (path: PropertyKey[]) => Column,
  errors: ImportRowError[],
): FieldValue<F> | undefined {
  let ofField = memo.get(field)
  if (!ofField) {
    ofField = new Map()
    memo.set(field, ofField)
  }
  let checked = ofField.get(key)
  if (!checked) {
    const found: ImportRowError[] = []
    checked = { value: check(field, read(), columnOf, found), errors: found }
    ofField.set(key, checked)
  }
  if (checked.errors.length > 0) errors.push(...checked.errors)
  return checked.value as FieldValue<F> | undefined
}

/** A cell of a list column: items separated by ';', spaces around them dropped. */
const splitList = (value: string) =>
  value
    .split(';')
    .map((item) => item.trim())
    .filter(Boolean)

/** A cell of a number column: a number when it reads as one, else the text (which the schema refuses). */
const numberOf = (value: string): number | string => (/^[+-]?\d+(\.\d+)?$/.test(value) ? Number(value) : value)

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

/** A skill of the organization's catalogue as the Skills page shows it. */
export interface CatalogueSkill {
  slug: string
  name: string
}

/** Skills looked up as a file names them: by slug, or by the name the Skills page shows. */
export interface SkillCatalogue {
  /** The slug of a skill written as its slug or its name (any case); undefined when neither. */
  slugOf(item: string): string | undefined
  /** Names of the catalogue close to an unknown item (spelling or part of it), closest first, at most 3. */
  closeNames(item: string): string[]
}

export function skillCatalogueOf(skills: ReadonlyArray<CatalogueSkill>): SkillCatalogue {
  const bySlug = new Map(skills.map((skill) => [skill.slug, skill.slug]))
  const byName = new Map<string, string>()
  for (const skill of skills) {
    byName.set(skill.name.toLowerCase(), skill.slug)
    byName.set(skill.slug.toLowerCase(), skill.slug)
  }
  return {
    slugOf: (item) => bySlug.get(item) ?? byName.get(item.toLowerCase()),
    closeNames(item) {
      const wanted = item.toLowerCase()
      return skills
        .map((skill) => {
          const name = skill.name.toLowerCase()
          const isPart = name.includes(wanted) || wanted.includes(name) || skill.slug.includes(wanted)
          const apart = Math.min(distance(wanted, name), distance(wanted, skill.slug))
          return { name: skill.name, apart: isPart ? 0 : apart }
        })
        .filter((candidate) => candidate.apart <= Math.max(2, Math.floor(wanted.length / 3)))
        .sort((a, b) => a.apart - b.apart || a.name.localeCompare(b.name))
        .slice(0, 3)
        .map((candidate) => candidate.name)
    },
  }
}

/** What reading a row needs from the organization. */
export interface RowContext {
  existingByEmail: Map<string, ExistingPerson>
  existingByEmployeeId: Map<string, ExistingPerson>
  skills: SkillCatalogue
  /** Lowercased emails of the file that accounts of other organizations use. */
  emailsElsewhere: Set<string>
  viewerPersonId: string
  today: string
  /** Shared by the rows of one file (see CheckedCells). */
  checked: CheckedCells
}

export interface RowReading {
  /** The row's email as compared (lowercase); '' when missing or refused. */
  email: string
  /** undefined: no employee_id column; null: an empty cell. */
  employeeId: string | null | undefined
  errors: ImportRowError[]
  /** The existing person the row is about (by email, else by employee id). */
  person: ExistingPerson | undefined
  /** The manager_email cell; undefined without the column. */
  managerCell: string | undefined
  target: TargetPerson
}

/**
 * Reads one record. An empty cell clears free fields (employee id, title, department, location,
 * skills, left_on) and keeps the current value (or the default) of the others; a column absent from
 * the file is left alone.
 */
export function readPeopleRow(
  record: CsvRecord,
  cell: (column: Column) => string | undefined,
  headerLength: number,
  context: RowContext,
): RowReading {
  const errors: ImportRowError[] = []
  const at = (column: Column) => () => column
  if (record.cells.length > headerLength && record.cells.slice(headerLength).some((value) => value.trim())) {
    errors.push({ column: 'row', message: `has ${record.cells.length} cells, the header ${headerLength}` })
  }

  // A refused address still names the row in the report and is compared for repeats, in lowercase.
  let email = (cell('email') ?? '').toLowerCase()
  if (!email) errors.push({ column: 'email', message: 'is required' })
  else {
    const valid = check('email', email, at('email'), errors)
    if (valid && context.emailsElsewhere.has(valid)) {
      errors.push({ column: 'email', message: 'is used by an account of another organization' })
    }
    email = valid ?? email
  }
  const employeeCell = cell('employee_id')
  const employeeId =
    employeeCell === undefined
      ? undefined
      : employeeCell
        ? check('employeeId', employeeCell, at('employee_id'), errors)
        : null

  let person = email ? context.existingByEmail.get(email) : undefined
  if (employeeId) {
    const byEmployeeId = context.existingByEmployeeId.get(employeeId)
    if (!person) person = byEmployeeId
    else if (byEmployeeId && byEmployeeId.id !== person.id) {
      errors.push({ column: 'employee_id', message: `belongs to another person (${byEmployeeId.email})` })
    }
  }

  /** A present cell, even empty, replaces the value; an absent column keeps it. */
  const text = (field: 'name' | 'title' | 'department' | 'location', fallback: string) => {
    const value = cell(field)
    if (value === undefined) return fallback
    return checkRepeated(context.checked, value, field, () => value, at(field), errors) ?? fallback
  }
  /** A non-empty cell replaces the value; an empty or absent one keeps it. */
  const kept = <F extends Field>(
    field: F,
    column: Column,
    read: (value: string) => unknown,
    fallback: FieldValue<F>,
  ) => {
    const value = cell(column)
    if (!value) return fallback
    return checkRepeated(context.checked, value, field, () => read(value), at(column), errors) ?? fallback
  }
  const skills = (field: 'skillsOffered' | 'skillsWanted', column: 'skills_offered' | 'skills_wanted') => {
    const value = cell(column)
    if (value === undefined) return person?.[column] ?? DEFAULTS[column]
    // Names become slugs first; what the catalogue does not know is reported with the names close to it.
    const items = splitList(value)
    const unknown = items.filter((item) => context.skills.slugOf(item) === undefined)
    for (const item of unknown) {
      const close = context.skills.closeNames(item)
      errors.push({
        column,
        message: `not in the skill catalogue: "${item}"${close.length > 0 ? ` (close: ${close.join(', ')})` : ' (see the Skills page for the names)'}`,
      })
    }
    const slugs = items.map((item) => context.skills.slugOf(item)).filter((slug) => slug !== undefined)
    return checkRepeated(context.checked, slugs.join(';'), field, () => slugs, at(column), errors) ?? []
  }

  const name = text('name', person?.name ?? '')
  const title = text('title', person?.title ?? DEFAULTS.title)
  const department = text('department', person?.department ?? DEFAULTS.department)
  const location = text('location', person?.location ?? DEFAULTS.location)
  const timeZone = kept('timeZone', 'time_zone', (value) => value, person?.time_zone ?? DEFAULTS.time_zone)
  const languages = kept(
    'languages',
    'languages',
    (value) => splitList(value).map((item) => languageCodeOf(item) ?? item),
    person?.languages ?? DEFAULTS.languages,
  )
  const seniority = kept('seniority', 'seniority', numberOf, person?.seniority ?? DEFAULTS.seniority)
  const role = kept('role', 'role', (value) => value, person?.role ?? DEFAULTS.role)
  const skillsOffered = skills('skillsOffered', 'skills_offered')
  const skillsWanted = skills('skillsWanted', 'skills_wanted')

  const currentHours = {
    start: person?.working_hours_start ?? DEFAULTS.working_hours_start,
    end: person?.working_hours_end ?? DEFAULTS.working_hours_end,
    days: person?.working_days ?? DEFAULTS.working_days,
  }
  const startCell = cell('working_hours_start')
  const endCell = cell('working_hours_end')
  const daysCell = cell(WORKING_DAYS_COLUMN)
  const hoursRead = {
    start: startCell || currentHours.start,
    end: endCell || currentHours.end,
    days: daysCell ? splitList(daysCell).map(numberOf) : currentHours.days,
  }
  const workingHours =
    startCell || endCell || daysCell
      ? (checkRepeated(
          context.checked,
          `${hoursRead.start}\u0000${hoursRead.end}\u0000${hoursRead.days.join(';')}`,
          'workingHours',
          () => hoursRead,
          (path) => WORKING_HOURS_COLUMNS[String(path[0])] ?? 'working_hours_start',
          errors,
        ) ?? currentHours)
      : currentHours

  // Status is the file's own column: the API changes it through deactivate and reactivate.
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
    // The rule of POST /api/people/:personId/deactivate's leftOn.
    const parsed = DateInputSchema.safeParse(leftOnCell, { reportInput: true })
    if (!parsed.success) addIssues(parsed.error.issues, at('left_on'), errors)
    else if (!hasLeft) errors.push({ column: 'left_on', message: 'is only for people whose status is left' })
    else leftOn = parsed.data
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

  return {
    email,
    employeeId,
    errors,
    person,
    managerCell: cell('manager_email'),
    target: {
      // Keep the stored spelling of an email that only differs in case.
      email: person && person.email.toLowerCase() === email ? person.email : email,
      employee_id: employeeId === undefined ? (person?.employee_id ?? null) : employeeId,
      name,
      title,
      department,
      location,
      time_zone: timeZone,
      languages,
      seniority,
      skills_offered: skillsOffered,
      skills_wanted: skillsWanted,
      working_hours_start: workingHours.start,
      working_hours_end: workingHours.end,
      working_days: [...workingHours.days].sort((a, b) => a - b),
      role,
      status,
      left_on: leftOn,
    },
  }
}
