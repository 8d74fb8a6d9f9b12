import { z } from 'zod'
import { textField } from './input.ts'

/** An export request carries nothing: any field is refused (a client sending one is confused). */
export const DataExportBodySchema = z.strictObject({}).nullish()

/** An admin confirms an erasure by typing the person's name exactly as Tandem shows it. */
export const ErasePersonBodySchema = z.strictObject({
  confirmName: textField({ min: 1, max: 200 }),
})
export type ErasePersonBody = z.infer<typeof ErasePersonBodySchema>

export const ErasureResultSchema = z.object({
  personId: z.uuid(),
  erasedAt: z.iso.datetime(),
})
export type ErasureResult = z.infer<typeof ErasureResultSchema>

/** Months after a match ends before its private reflections and check-in notes are deleted (null: kept). */
export const RetentionMonthsSchema = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(120, 'must be at most 120')
  .nullable()

export const DataRetentionSchema = z.object({ retentionMonths: RetentionMonthsSchema })
export type DataRetention = z.infer<typeof DataRetentionSchema>

export const UpdateDataRetentionBodySchema = z.strictObject({ retentionMonths: RetentionMonthsSchema })
export type UpdateDataRetentionBody = z.infer<typeof UpdateDataRetentionBodySchema>

/** The files inside the export archive. */
export const EXPORT_JSON_FILE = 'tandem-data.json'
export const EXPORT_HTML_FILE = 'tandem-data.html'
/** The version of the export's JSON layout (`format` in the file). */
export const EXPORT_FORMAT = 'tandem-personal-data/1'

/** The machine-readable file of a personal-data export (GDPR articles 15 and 20). */
export interface PersonalDataExport {
  format: typeof EXPORT_FORMAT
  exportedAt: string
  organization: { name: string }
  profile: Record<string, unknown>
  enrollments: Record<string, unknown>[]
  matches: Record<string, unknown>[]
  goals: Record<string, unknown>[]
  goalUpdates: Record<string, unknown>[]
  sessions: Record<string, unknown>[]
  notes: Record<string, unknown>[]
  reflections: Record<string, unknown>[]
  checkIns: Record<string, unknown>[]
  actionItems: Record<string, unknown>[]
  feedbackGiven: Record<string, unknown>[]
  feedbackReceived: Record<string, unknown>[]
  surveys: Record<string, unknown>[]
  supportRequests: Record<string, unknown>[]
  repairRequests: Record<string, unknown>[]
  notifications: Record<string, unknown>[]
  auditEvents: Record<string, unknown>[]
  signIns: Record<string, unknown>[]
  emailPreferences: { mutedCategories: string[] } | null
}
