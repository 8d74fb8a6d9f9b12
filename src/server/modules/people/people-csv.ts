import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import {
  PEOPLE_CSV_COLUMNS,
  type PeopleCsvColumn,
  REQUIRED_PEOPLE_CSV_COLUMNS,
  WORKING_DAYS_COLUMN,
} from '#contracts/people-import.ts'
import type { PersonStatus, Role } from '#server/db/schema.ts'
import { AppError } from '#server/http/app-error.ts'
import { fromSpreadsheetCell, spreadsheetSafe } from '#server/http/spreadsheet-cells.ts'

// Pure: the file format of people (reading, writing, one cell). No database, no HTTP. What a row
// means is people-import-row.ts's; what rows mean together, people-import-plan.ts's.

const KNOWN_COLUMNS = new Set<string>([...PEOPLE_CSV_COLUMNS, WORKING_DAYS_COLUMN])

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

export type CellReader = (column: PeopleCsvColumn | typeof WORKING_DAYS_COLUMN) => string | undefined

/**
 * Reads cells by column name: spaces around a cell dropped, export's formula escape undone, and
 * undefined when the file has no such column.
 */
export function cellReaderOf(columns: string[]): (record: CsvRecord) => CellReader {
  const position = new Map(columns.map((column, index) => [column, index]))
  return (record) => (column) => {
    const at = position.get(column)
    return at === undefined ? undefined : fromSpreadsheetCell(record.cells[at] ?? '')
  }
}

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

/** A person as export writes them; status `left` for deactivated people. */
export interface ExportPerson extends Omit<ExistingPerson, 'id' | 'manager_id' | 'has_password'> {
  manager_email: string | null
}

/** Writes people in the import columns (plus working_days), so that export -> import round-trips unchanged. */
/**
 * The template an admin fills in: every column and one example row, with skills named as the Skills
 * page shows them and languages by English name (the import reads both).
 */
export function peopleCsvTemplate(skillNames: string[]): string {
  const example = [
    'ana.lima@example.com',
    'E-1042',
    'Ana Lima',
    'Product designer',
    'Design',
    'Lisbon',
    'Europe/Lisbon',
    'Portuguese;English',
    '4',
    'lead.designer@example.com',
    skillNames.slice(0, 2).join(';'),
    skillNames.slice(2, 3).join(';'),
    '09:00',
    '17:30',
    'participant',
    'active',
    '',
    '1;2;3;4;5',
  ]
  return stringify([[...PEOPLE_CSV_COLUMNS, WORKING_DAYS_COLUMN], example.map(spreadsheetSafe)])
}

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
    ].map(spreadsheetSafe),
  )
  return stringify([columns, ...records])
}
