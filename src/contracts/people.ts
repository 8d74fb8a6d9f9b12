import { z } from 'zod'
import { ACCESS_STATUSES, type AccessStatus, PERSON_STATUSES, ROLES } from './allowed-values.ts'
import { LOCALE_TAGS } from './date-format.ts'
import { DateInputSchema, hasSomeField, NOTHING_TO_CHANGE, textField } from './input.ts'
import { isLanguageCode } from './languages.ts'
import { SkillSlugSchema } from './skills.ts'
import { TimeZoneSchema } from './time-zone.ts'

// The CSV import reads isTimeZone from here.
export { isTimeZone } from './time-zone.ts'

export { ACCESS_STATUSES, type AccessStatus, PERSON_STATUSES, ROLES }
export const RoleSchema = z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` })
export type Role = z.infer<typeof RoleSchema>

export const PersonStatusSchema = z.enum(PERSON_STATUSES)
export type PersonStatus = z.infer<typeof PersonStatusSchema>

/**
 * Where a person stands, the one status the API and every page show: not invited (no password and no
 * working invitation link), invited (a link works until a date), active (can sign in), deactivated.
 */
export const AccessStatusSchema = z.enum(ACCESS_STATUSES)

export const PersonAccessSchema = z.object({
  status: AccessStatusSchema,
  /** Until when the invitation link works; null unless `status` is invited. */
  invitedUntil: z.string().nullable(),
})
export type PersonAccess = z.infer<typeof PersonAccessSchema>

/** The one derivation of a person's access: from their stored status and their newest unused invitation link. */
export function personAccessOf(status: PersonStatus, invitationExpiresAt: Date | null, now: Date): PersonAccess {
  if (status !== 'invited') return { status, invitedUntil: null }
  if (invitationExpiresAt && invitationExpiresAt > now) {
    return { status: 'invited', invitedUntil: invitationExpiresAt.toISOString() }
  }
  return { status: 'not_invited', invitedUntil: null }
}

const ACCESS_WORDS: Record<AccessStatus, string> = {
  not_invited: 'Not invited',
  invited: 'Invited',
  active: 'Active',
  deactivated: 'Deactivated',
}

/** The one wording of a status: "Not invited", "Invited (until 14 Dec 2026)", "Active", "Deactivated". */
export function accessStatusText(
  access: { status: AccessStatus; invitedUntil?: string | null },
  formatDate: (iso: string) => string = (iso) => iso.slice(0, 10),
): string {
  const words = ACCESS_WORDS[access.status]
  return access.status === 'invited' && access.invitedUntil
    ? `${words} (until ${formatDate(access.invitedUntil)})`
    : words
}

export const LanguageCodeSchema = textField({ max: 20 })
  .toLowerCase()
  .refine(isLanguageCode, 'must be an ISO 639-1 language code such as en or fr')
const SENIORITY = 'must be a whole number from 1 to 8'
export const SenioritySchema = z.number({ error: SENIORITY }).int(SENIORITY).min(1, SENIORITY).max(8, SENIORITY)
export const TimeOfDaySchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM between 00:00 and 23:59')
/** A calendar date 'YYYY-MM-DD'. */
export const DateOnlySchema = z.iso.date()
/** An email address as typed: surrounding spaces dropped, compared case-insensitively. */
export const EmailSchema = textField({ max: 254 }).toLowerCase().pipe(z.email('must be a valid email address'))
export const PersonNameSchema = textField({ min: 1, max: 200 })

/** Working days use ISO numbering: 1 = Monday ... 7 = Sunday. */
const WORKING_DAY = 'must be a day from 1 (Monday) to 7 (Sunday)'
export const WorkingHoursSchema = z
  .strictObject({
    start: TimeOfDaySchema,
    end: TimeOfDaySchema,
    days: z
      .array(z.number({ error: WORKING_DAY }).int(WORKING_DAY).min(1, WORKING_DAY).max(7, WORKING_DAY))
      .max(7)
      .refine((days) => new Set(days).size === days.length, 'must not repeat a day'),
  })
  .refine((hours) => hours.start < hours.end, {
    message: 'must end after it starts',
    path: ['end'],
    // Only once both times are valid: '9am' is reported once, as not a time.
    when: (payload) => payload.issues.length === 0,
  })
export type WorkingHours = z.infer<typeof WorkingHoursSchema>

const uniqueList = <T extends z.ZodType<string>>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .transform((items) => [...new Set(items)])

/** A person as the API shows it; anything else on the row (the password hash) is stripped. */
export const PersonSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  employeeId: z.string().nullable(),
  name: z.string(),
  role: RoleSchema,
  /** The stored status: invited means no password yet. Pages show `access`, which also says whether a link is waiting. */
  status: PersonStatusSchema,
  access: PersonAccessSchema,
  title: z.string(),
  department: z.string(),
  location: z.string(),
  timeZone: z.string(),
  /** The locale the person chose for dates (SUPPORTED_LOCALES); null: the browser's on pages, en-GB in emails. */
  locale: z.string().nullable(),
  languages: z.array(z.string()),
  seniority: z.number().int(),
  managerId: z.uuid().nullable(),
  /** The manager's name, for display; null without a manager. */
  managerName: z.string().nullable(),
  skillsOffered: z.array(z.string()),
  skillsWanted: z.array(z.string()),
  workingHours: z.object({ start: z.string(), end: z.string(), days: z.array(z.number().int()) }),
  leftOn: z.string().nullable(),
  deactivatedAt: z.string().nullable(),
  /** Set once the person was erased (data rights): "Former member", for good. */
  erasedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type Person = z.infer<typeof PersonSchema>

export const PersonParamsSchema = z.object({ personId: z.uuid() })

/** A page cursor is base64url text (what a previous answer gave); its content is checked by the server. */
const CURSOR = /^[A-Za-z0-9_-]+$/

export const PeopleListQuerySchema = z.strictObject({
  /** Matches name, email or title, case-insensitively. */
  q: textField({ max: 200 }).optional(),
  department: textField({ max: 200 }).optional(),
  location: textField({ max: 200 }).optional(),
  role: RoleSchema.optional(),
  status: PersonStatusSchema.optional(),
  /** One or more access statuses, comma-separated: `not_invited,invited`. */
  access: z
    .union([
      z.array(AccessStatusSchema),
      z
        .string()
        .max(200)
        .regex(/^[a-z_, ]*$/, `must be one or more of ${ACCESS_STATUSES.join(', ')}, separated by commas`)
        .transform((value) => value.split(',').map((item) => item.trim()))
        .pipe(z.array(AccessStatusSchema)),
    ])
    .pipe(z.array(AccessStatusSchema).min(1).max(4))
    .optional(),
  managerId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  /** The page after this cursor (a previous answer's `nextCursor`). */
  after: z.string().max(1000).regex(CURSOR, 'must be a nextCursor from a previous page').optional(),
  /** The page before this cursor (a previous answer's `previousCursor`); not with `after`. */
  before: z.string().max(1000).regex(CURSOR, 'must be a previousCursor from a previous page').optional(),
})
export type PeopleListQuery = z.input<typeof PeopleListQuerySchema>

/** The directory counts matching people up to this many; beyond, it says "1,000+". */
export const PEOPLE_COUNT_CAP = 1000

/**
 * One page of the directory, sorted by name then id, paged by cursor (keyset: a page costs the same
 * at any depth). `total` counts the people matching the filters up to PEOPLE_COUNT_CAP;
 * `isTotalCapped` says there are more.
 */
export const PeopleListSchema = z.object({
  people: z.array(PersonSchema),
  total: z.number().int(),
  isTotalCapped: z.boolean(),
  limit: z.number().int(),
  /** Opaque; null on the last page. */
  nextCursor: z.string().nullable(),
  /** Opaque; null on the first page. */
  previousCursor: z.string().nullable(),
})
export type PeopleList = z.infer<typeof PeopleListSchema>

/** Values for the directory's filter dropdowns. */
export const PeopleFacetsSchema = z.object({
  departments: z.array(z.string()),
  locations: z.array(z.string()),
  /** People who manage at least one person. */
  managers: z.array(z.object({ id: z.uuid(), name: z.string() })),
})
export type PeopleFacets = z.infer<typeof PeopleFacetsSchema>

/** A locale a person may choose for their dates (SUPPORTED_LOCALES). */
export const LocaleSchema = z.enum(LOCALE_TAGS, {
  error: `is not a supported locale (one of ${LOCALE_TAGS.join(', ')})`,
})

const profileFields = {
  name: PersonNameSchema,
  title: textField({ max: 200 }),
  location: textField({ max: 200 }),
  timeZone: TimeZoneSchema,
  locale: LocaleSchema.nullable(),
  languages: uniqueList(LanguageCodeSchema, 20),
  seniority: SenioritySchema,
  skillsOffered: uniqueList(SkillSlugSchema, 50),
  skillsWanted: uniqueList(SkillSlugSchema, 50),
  workingHours: WorkingHoursSchema,
}

/**
 * What a person may change on their own profile. Role, status, email, employee id, manager and
 * department belong to the organization (the org chart and access) and are refused here (400).
 */
export const UpdateOwnProfileBodySchema = z
  .strictObject(profileFields)
  .partial()
  .refine(hasSomeField, NOTHING_TO_CHANGE)
export type UpdateOwnProfileBody = z.input<typeof UpdateOwnProfileBodySchema>

/** What an admin may change on anyone of their organization; status changes go through deactivate/reactivate. */
export const UpdatePersonBodySchema = z
  .strictObject({
    ...profileFields,
    email: EmailSchema,
    employeeId: textField({ min: 1, max: 100 }).nullable(),
    department: textField({ max: 200 }),
    role: RoleSchema,
    managerId: z.uuid().nullable(),
  })
  .partial()
  .refine(hasSomeField, NOTHING_TO_CHANGE)
export type UpdatePersonBody = z.input<typeof UpdatePersonBodySchema>

export const DeactivatePersonBodySchema = z
  .strictObject({
    /** The day the person left; defaults to today. */
    leftOn: DateInputSchema.optional(),
  })
  // A POST without a body is allowed: today's date is used.
  .nullish()
export type DeactivatePersonBody = z.input<typeof DeactivatePersonBodySchema>
