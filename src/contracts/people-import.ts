import { z } from 'zod'
import { textField } from './input.ts'

/**
 * The CSV columns, in order, for import and export. Lists (languages, skills) are separated by ';'.
 * `manager_email` names the manager by email, or by employee id when no email matches.
 * `working_days` is optional on import (default Monday to Friday): ISO days 1-7 separated by ';'.
 * `status` is active, invited (both mean "works here"; a new person is always created invited) or
 * left (deactivated, with `left_on`, default today).
 */
export const PEOPLE_CSV_COLUMNS = [
  'email',
  'employee_id',
  'name',
  'title',
  'department',
  'location',
  'time_zone',
  'languages',
  'seniority',
  'manager_email',
  'skills_offered',
  'skills_wanted',
  'working_hours_start',
  'working_hours_end',
  'role',
  'status',
  'left_on',
] as const
export type PeopleCsvColumn = (typeof PEOPLE_CSV_COLUMNS)[number]

/** Columns a file must have; the others default when absent. */
export const REQUIRED_PEOPLE_CSV_COLUMNS = ['email', 'name'] as const

/** Optional extra column understood on import and written on export. */
export const WORKING_DAYS_COLUMN = 'working_days'

export const MAX_IMPORT_CSV_LENGTH = 5 * 1024 * 1024

/** The file's text: not trimmed (a CSV's spacing is its own), but clean and capped like any text. */
export const CsvTextSchema = textField({ min: 1, max: MAX_IMPORT_CSV_LENGTH, trim: false })

/** The file name rides in the query string when the body is the raw CSV (text/csv). */
export const PeopleImportQuerySchema = z.strictObject({ fileName: textField({ min: 1, max: 200 }).optional() })

export const CreatePeopleImportBodySchema = z.strictObject({
  fileName: textField({ min: 1, max: 200 }).default('people.csv'),
  csv: CsvTextSchema,
})
export type CreatePeopleImportBody = z.input<typeof CreatePeopleImportBodySchema>

export const ImportActionSchema = z.enum(['create', 'update', 'unchanged', 'error'])
export type ImportAction = z.infer<typeof ImportActionSchema>

export const ImportRowErrorSchema = z.object({ column: z.string(), message: z.string() })
export type ImportRowError = z.infer<typeof ImportRowErrorSchema>

export const ImportRowResultSchema = z.object({
  /** The line in the file as a spreadsheet numbers it: the header is row 1, the first person row 2. */
  row: z.number().int(),
  email: z.string(),
  action: ImportActionSchema,
  errors: z.array(ImportRowErrorSchema),
})
export type ImportRowResult = z.infer<typeof ImportRowResultSchema>

export const ImportCountsSchema = z.object({
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  error: z.number().int(),
})
export type ImportCounts = z.infer<typeof ImportCountsSchema>

export const PeopleImportStatusSchema = z.enum(['previewed', 'applied'])

export const PeopleImportSchema = z.object({
  id: z.uuid(),
  fileName: z.string(),
  status: PeopleImportStatusSchema,
  createdAt: z.string(),
  appliedAt: z.string().nullable(),
  /** True when no row has errors: the import may be applied. */
  canApply: z.boolean(),
  counts: ImportCountsSchema,
  rows: z.array(ImportRowResultSchema),
})
export type PeopleImport = z.infer<typeof PeopleImportSchema>

export const PeopleImportParamsSchema = z.object({ importId: z.uuid() })

/** Applying: the new people are sent their invitations in the same transaction unless `sendInvitations` is false. */
export const ApplyPeopleImportBodySchema = z.strictObject({ sendInvitations: z.boolean().default(true) }).nullish()
export type ApplyPeopleImportBody = z.input<typeof ApplyPeopleImportBodySchema>

export const ApplyPeopleImportResultSchema = z.object({
  id: z.uuid(),
  status: z.literal('applied'),
  appliedAt: z.string(),
  counts: ImportCountsSchema,
  /** New people sent an invitation email (one each); 0 when invitations were not asked for. */
  invitationsSent: z.number().int(),
})
export type ApplyPeopleImportResult = z.infer<typeof ApplyPeopleImportResultSchema>
