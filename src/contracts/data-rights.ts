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
  /**
   * Null in a person's own export. In an export an admin produced for someone else: the sections left
   * empty because only the person (and, for shared ones, their partners) may read them, and why.
   */
  withheld: { sections: PersonalDataSection[]; fields: string[]; reason: string } | null
}

/** The sections of the export that hold records about the person. */
export type PersonalDataSection = Exclude<
  keyof PersonalDataExport,
  'format' | 'exportedAt' | 'organization' | 'withheld'
>

/**
 * What an admin's export of another person leaves out (decision 026): the person's private words and
 * answers, and what only a match's members share. No admin can read these anywhere else in Tandem, so
 * an export on the person's behalf must not hand them over; the person downloads them from "Your data".
 */
export const ADMIN_EXPORT_WITHHELD_SECTIONS = [
  'goals',
  'goalUpdates',
  'sessions',
  'notes',
  'reflections',
  'checkIns',
  'actionItems',
  'feedbackGiven',
  'feedbackReceived',
  'surveys',
  'supportRequests',
  'notifications',
] as const satisfies readonly PersonalDataSection[]

/** Fields left out of kept sections in an admin's export: enrollment answers, the pair's agreed focus. */
export const ADMIN_EXPORT_WITHHELD_FIELDS = {
  enrollments: ['intent', 'answers', 'selfAssessment'],
  matches: ['agreementFocus'],
} as const satisfies Partial<Record<PersonalDataSection, readonly string[]>>
