import { z } from 'zod'
import { textField } from './input.ts'
import { SkillSlugSchema } from './skills.ts'

export const ENROLLMENT_STATUSES = ['enrolled', 'withdrawn', 'removed'] as const
export const EnrollmentStatusSchema = z.enum(ENROLLMENT_STATUSES)
export type EnrollmentStatus = z.infer<typeof EnrollmentStatusSchema>

export const MENTORING_ROLES = ['mentor', 'mentee'] as const
export const MentoringRoleSchema = z.enum(MENTORING_ROLES)
export type MentoringRole = z.infer<typeof MentoringRoleSchema>

/** Mentees one mentor may take. */
export const MentorCapacitySchema = z.int().min(1).max(5)

/** An answer: text (short_text, single_choice), the chosen options (multiple_choice) or 1..5 (scale). */
export const EnrollmentAnswerSchema = z.union([
  textField({ max: 2000 }),
  z.array(textField({ max: 200 })).max(20),
  z.number(),
])
export type EnrollmentAnswer = z.infer<typeof EnrollmentAnswerSchema>

/** Answers keyed by question id; checked against the program's questions by the server. */
export const EnrollmentAnswersSchema = z.record(textField({ max: 64 }), EnrollmentAnswerSchema)
export type EnrollmentAnswers = z.infer<typeof EnrollmentAnswersSchema>

/** Pre-program self-assessment: focus skill slug -> 1..5. */
export const SelfAssessmentSchema = z.record(SkillSlugSchema, z.int().min(1).max(5))
export type SelfAssessment = z.infer<typeof SelfAssessmentSchema>

const skillList = z
  .array(SkillSlugSchema)
  .max(50)
  .transform((items) => [...new Set(items)])

/** One person's enrollment in a program. */
export const EnrollmentSchema = z.object({
  id: z.uuid(),
  programId: z.uuid(),
  personId: z.uuid(),
  status: EnrollmentStatusSchema,
  intent: z.string(),
  skillsWanted: z.array(z.string()),
  skillsOffered: z.array(z.string()),
  mentoringRole: MentoringRoleSchema.nullable(),
  mentorCapacity: z.number().int().nullable(),
  answers: EnrollmentAnswersSchema,
  selfAssessment: z.record(z.string(), z.number().int()),
  /** When the person accepted the confidentiality terms; null when a program manager enrolled them and they have not yet. */
  consentedAt: z.string().nullable(),
  /** Who enrolled the person: themselves, or a program manager. */
  enrolledBy: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type Enrollment = z.infer<typeof EnrollmentSchema>

/**
 * GET /api/programs/:programId/enrollment: my enrollment, or (`isEnrolled` false) a draft to start the
 * form from: skills from my profile, the mentoring defaults, empty answers.
 */
export const MyEnrollmentSchema = z.object({
  isEnrolled: z.boolean(),
  /** The stored enrollment (possibly withdrawn), null when there is none. */
  enrollment: EnrollmentSchema.nullable(),
  /** What the form starts from: the enrollment when there is one, otherwise pre-filled from the profile. */
  draft: z.object({
    intent: z.string(),
    skillsWanted: z.array(z.string()),
    skillsOffered: z.array(z.string()),
    mentoringRole: MentoringRoleSchema.nullable(),
    mentorCapacity: z.number().int().nullable(),
    answers: EnrollmentAnswersSchema,
    selfAssessment: z.record(z.string(), z.number().int()),
  }),
  /** Whether I may enroll (or edit my enrollment) now, and if not why. */
  canEnroll: z.boolean(),
  reason: z.string().nullable(),
})
export type MyEnrollment = z.infer<typeof MyEnrollmentSchema>

/**
 * Enroll, or edit my enrollment. Consent to the program's confidentiality terms is required;
 * mentoringRole and mentorCapacity (mentors) are required in peer mentoring and refused otherwise;
 * answers must fit the program's questions; selfAssessment rates each focus skill 1..5.
 */
export const EnrollBodySchema = z.strictObject({
  hasConsented: z.literal(true, 'you must accept the confidentiality terms to enroll'),
  intent: textField({ min: 1, max: 2000 }),
  skillsWanted: skillList,
  skillsOffered: skillList,
  mentoringRole: MentoringRoleSchema.optional(),
  mentorCapacity: MentorCapacitySchema.optional(),
  answers: EnrollmentAnswersSchema.default({}),
  selfAssessment: SelfAssessmentSchema.default({}),
})
export type EnrollBody = z.input<typeof EnrollBodySchema>

export const EnrollmentPersonParamsSchema = z.object({ programId: z.uuid(), personId: z.uuid() })

export const EnrollmentListQuerySchema = z.strictObject({
  /** Matches name, email or title, case-insensitively. */
  q: textField({ max: 200 }).optional(),
  department: textField({ max: 200 }).optional(),
  mentoringRole: MentoringRoleSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
})
export type EnrollmentListQuery = z.input<typeof EnrollmentListQuerySchema>

/**
 * An enrolled person as the program manager sees them, with their answers to the program's
 * questions (the enrollment form says the program managers read them; issue #17, point 3).
 */
export const EnrolledPersonSchema = z.object({
  enrollmentId: z.uuid(),
  personId: z.uuid(),
  name: z.string(),
  email: z.string(),
  title: z.string(),
  department: z.string(),
  seniority: z.number().int(),
  mentoringRole: MentoringRoleSchema.nullable(),
  mentorCapacity: z.number().int().nullable(),
  skillsWanted: z.array(z.string()),
  skillsOffered: z.array(z.string()),
  answers: EnrollmentAnswersSchema,
  hasConsented: z.boolean(),
  isEnrolledByManager: z.boolean(),
  enrolledAt: z.string(),
})
export type EnrolledPerson = z.infer<typeof EnrolledPersonSchema>

/** One page of the people enrolled (status enrolled), sorted by name, with counts over all of them. */
export const EnrollmentListSchema = z.object({
  enrollments: z.array(EnrolledPersonSchema),
  /** People matching the filters. */
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  /** Over everyone enrolled, whatever the filters. */
  counts: z.object({
    enrolled: z.number().int(),
    byDepartment: z.array(z.object({ department: z.string(), count: z.number().int() })),
    byMentoringRole: z.object({ mentor: z.number().int(), mentee: z.number().int() }),
  }),
})
export type EnrollmentList = z.infer<typeof EnrollmentListSchema>

/**
 * A program manager enrolls people on their behalf, with their profile skills. In peer mentoring
 * the role applies to all of them (mentors get `mentorCapacity` or the program's default capacity).
 */
export const EnrollPeopleBodySchema = z.strictObject({
  personIds: z
    .array(z.uuid())
    .min(1)
    .max(5000)
    .transform((items) => [...new Set(items)]),
  mentoringRole: MentoringRoleSchema.optional(),
  mentorCapacity: MentorCapacitySchema.optional(),
})
export type EnrollPeopleBody = z.input<typeof EnrollPeopleBodySchema>

export const EnrollPeopleResultSchema = z.object({
  /** Newly enrolled (including people who had withdrawn or been removed before). */
  enrolled: z.number().int(),
  /** Already enrolled: left as they were. */
  alreadyEnrolled: z.number().int(),
  /** Newly enrolled people without a password, each sent one email inviting them and naming the program. */
  invited: z.number().int(),
})
export type EnrollPeopleResult = z.infer<typeof EnrollPeopleResultSchema>

/** A program the viewer was enrolled in by someone else and whose confidentiality terms they have not accepted yet. */
export const TermsToAcceptSchema = z.object({
  programId: z.uuid(),
  programName: z.string(),
  confidentialityTerms: z.string(),
  /** Who enrolled them (a program manager); null when that account is gone. */
  enrolledByName: z.string().nullable(),
})
export type TermsToAccept = z.infer<typeof TermsToAcceptSchema>

export const TermsToAcceptListSchema = z.object({ programs: z.array(TermsToAcceptSchema) })
export type TermsToAcceptList = z.infer<typeof TermsToAcceptListSchema>

export const WithdrawResultSchema = z.object({ status: EnrollmentStatusSchema })
export type WithdrawResult = z.infer<typeof WithdrawResultSchema>

/**
 * An enrolled person with what the matching engine needs (from their profile, and the skills and
 * mentoring role from the enrollment). Server-side only: returned by listEnrollmentsForMatching.
 */
export interface EnrollmentForMatching {
  enrollmentId: string
  personId: string
  name: string
  seniority: number
  department: string
  managerId: string | null
  languages: string[]
  timeZone: string
  /** The time zone's offset from UTC now, in minutes (the engine's `utcOffsetMinutes`). */
  utcOffsetMinutes: number
  workingHours: { start: string; end: string; days: number[] }
  skillsWanted: string[]
  skillsOffered: string[]
  mentoringRole: MentoringRole | null
  /** Mentors: their capacity (the program's default when they did not say); null for others. */
  mentorCapacity: number | null
  /** The enrollment's answers (matching reads those of the program's question criteria). */
  answers: EnrollmentAnswers
  enrolledAt: string
}

/** Every person of the organization with their manager: the reporting chain through people outside the cohort. */
export interface ManagerLink {
  id: string
  managerId: string | null
}
