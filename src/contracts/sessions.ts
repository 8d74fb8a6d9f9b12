import { z } from 'zod'
import { MY_UPCOMING_SESSIONS_DEFAULT } from './allowed-values.ts'
import { LibraryItemIdSchema } from './exercises.ts'
import { hasSomeField, InstantInputSchema, LocalDateTimeInputSchema, NOTHING_TO_CHANGE, textField } from './input.ts'
import { TimeZoneSchema } from './time-zone.ts'

/** A wall-clock time without a zone, as a person types it: 'YYYY-MM-DDTHH:mm'. */
export const LocalDateTimeSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/, 'must be YYYY-MM-DDTHH:mm')
export type LocalDateTime = z.infer<typeof LocalDateTimeSchema>

export const SESSION_STATUSES = ['scheduled', 'held', 'cancelled', 'missed'] as const
export const SessionStatusSchema = z.enum(SESSION_STATUSES)
export type SessionStatus = z.infer<typeof SessionStatusSchema>

export const SESSION_MIN_MINUTES = 15
export const SESSION_MAX_MINUTES = 240
export const SESSION_DEFAULT_MINUTES = 45
export const SESSION_MAX_REPEAT = 12

const DurationSchema = z.number().int().min(SESSION_MIN_MINUTES).max(SESSION_MAX_MINUTES)
const HttpsUrlSchema = z.url({ protocol: /^https$/, error: 'must be an https:// link' }).max(2000)
const ExerciseIdsSchema = z.array(LibraryItemIdSchema).max(10)

export const SessionParamsSchema = z.object({ sessionId: z.uuid('is not a valid session id') })

/** One member's view of a session's time, in the member's own profile time zone. */
export const SessionLocalTimeSchema = z.object({
  personId: z.uuid(),
  name: z.string(),
  timeZone: z.string(),
  /** 'YYYY-MM-DDTHH:mm' in the member's zone. */
  start: LocalDateTimeSchema,
  end: LocalDateTimeSchema,
  /** The member's UTC offset at the start, '+05:30', '-08:00'. */
  utcOffset: z.string().regex(/^[+-]\d{2}:\d{2}$/),
  /** The whole session falls inside the member's working hours on one of their working days. */
  inWorkingHours: z.boolean(),
})
export type SessionLocalTime = z.infer<typeof SessionLocalTimeSchema>

/** A coaching session as the API returns it. */
export const SessionSchema = z.object({
  id: z.uuid(),
  matchId: z.uuid(),
  /** Sessions scheduled together as a series (repeat) share it. */
  seriesId: z.uuid().nullable(),
  /** The UTC instant the session starts (ISO 8601, 'Z'). */
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  durationMinutes: z.number().int(),
  /** The organizer's IANA zone: the invitation is written in it. */
  timeZone: z.string(),
  organizerId: z.uuid().nullable(),
  location: z.string(),
  videoUrl: z.string().nullable(),
  status: SessionStatusSchema,
  /** Who coaches and who is coached this time (peer coaching alternates; mentoring: the mentor coaches). */
  coachId: z.uuid().nullable(),
  coacheeId: z.uuid().nullable(),
  focus: z.string(),
  exerciseIds: z.array(z.string()),
  agenda: z.string(),
  /** Bumped at every change so calendar programs replace the event they hold. */
  icsSequence: z.number().int(),
  cancelReason: z.string().nullable(),
  statusChangedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Every member's local start and end, in the order of the match's members. */
  localTimes: z.array(SessionLocalTimeSchema),
})
export type Session = z.infer<typeof SessionSchema>

/** Give and take: per member, held sessions coached and coached in, and scheduled ones to come. */
export const SessionBalanceSchema = z.object({
  personId: z.uuid(),
  name: z.string(),
  /** Held sessions in which the member coached. */
  coached: z.number().int(),
  /** Held sessions in which the member was coached. */
  coachee: z.number().int(),
  /** Scheduled (not yet held, missed or cancelled) sessions in which the member coaches / is coached. */
  scheduledAsCoach: z.number().int(),
  scheduledAsCoachee: z.number().int(),
})
export type SessionBalance = z.infer<typeof SessionBalanceSchema>

/**
 * A match's sessions, not paged (a match has a few dozen at most): `upcoming` are the scheduled
 * sessions that have not ended, soonest first; `past` is everything else (ended, held, missed or
 * cancelled), latest first.
 */
export const SessionListSchema = z.object({
  upcoming: z.array(SessionSchema),
  past: z.array(SessionSchema),
  balance: z.array(SessionBalanceSchema),
  /** Who would coach and be coached in a session scheduled now after the last one. */
  nextRoles: z.object({ coachId: z.uuid().nullable(), coacheeId: z.uuid().nullable() }),
  /** The program's cadence: a series repeats every this many days. */
  cadenceDays: z.number().int(),
  /** False once the match is completed: its sessions are read only. */
  canSchedule: z.boolean(),
  /** The viewer's profile time zone: the one new sessions are scheduled in by default. */
  myTimeZone: z.string(),
})
export type SessionList = z.infer<typeof SessionListSchema>

/** Schedule a session (or a series at the program's cadence). */
export const CreateSessionBodySchema = z.strictObject({
  /** The local start, read in `timeZone`. */
  startsAtLocal: LocalDateTimeInputSchema,
  /** Defaults to the organizer's profile time zone; becomes the session's zone. */
  timeZone: TimeZoneSchema.optional(),
  durationMinutes: DurationSchema.default(SESSION_DEFAULT_MINUTES),
  /** A place to meet ("Room 4.12"), or empty for a video call. */
  location: textField({ max: 500 }).default(''),
  videoUrl: HttpsUrlSchema.nullable().optional(),
  focus: textField({ max: 2000 }).default(''),
  /** Exercises from the library: 'builtin:<slug>' or the organization's own exercise ids. */
  exerciseIds: ExerciseIdsSchema.default([]),
  agenda: textField({ max: 4000 }).default(''),
  /** A series of `count` sessions, one every `cadenceDays` of the program, at the same local time. */
  repeat: z.strictObject({ count: z.number().int().min(1).max(SESSION_MAX_REPEAT) }).optional(),
})
export type CreateSessionBody = z.input<typeof CreateSessionBodySchema>

/** The sessions just scheduled (one, or the whole series), soonest first. */
export const CreatedSessionsSchema = z.object({ sessions: z.array(SessionSchema) })
export type CreatedSessions = z.infer<typeof CreatedSessionsSchema>

/**
 * Reschedule or change the agenda of a scheduled session. `startsAtLocal` is read in `timeZone`
 * (default: the session's zone); the session keeps its organizer and zone. Any change bumps the
 * invitation's sequence.
 */
export const UpdateSessionBodySchema = z
  .strictObject({
    startsAtLocal: LocalDateTimeInputSchema,
    timeZone: TimeZoneSchema,
    durationMinutes: DurationSchema,
    location: textField({ max: 500 }),
    videoUrl: HttpsUrlSchema.nullable(),
    focus: textField({ max: 2000 }),
    exerciseIds: ExerciseIdsSchema,
    agenda: textField({ max: 4000 }),
  })
  .partial()
  .refine(hasSomeField, NOTHING_TO_CHANGE)
  .refine((body) => body.timeZone === undefined || body.startsAtLocal !== undefined, {
    message: 'timeZone only goes with startsAtLocal',
    path: ['timeZone'],
  })
export type UpdateSessionBody = z.input<typeof UpdateSessionBodySchema>

export const CancelSessionBodySchema = z.strictObject({
  /** Shown to the other member(s) and in the cancelled invitation. */
  reason: textField({ max: 1000 }).default(''),
})
export type CancelSessionBody = z.input<typeof CancelSessionBodySchema>

/** Once the start time has passed: did it take place? */
export const SessionStatusBodySchema = z.strictObject({ status: z.enum(['held', 'missed']) })
export type SessionStatusBody = z.input<typeof SessionStatusBodySchema>

export const SessionSuggestionsQuerySchema = z.strictObject({
  durationMinutes: z.coerce.number().int().min(SESSION_MIN_MINUTES).max(SESSION_MAX_MINUTES).default(45),
  /** Search from this instant (ISO 8601); default now. Slots start on 15-minute boundaries. */
  from: InstantInputSchema.optional(),
  count: z.coerce.number().int().min(1).max(20).default(5),
})
export type SessionSuggestionsQuery = z.input<typeof SessionSuggestionsQuerySchema>

/** A slot inside every member's working hours and days, clear of their other scheduled sessions. */
export const SessionSlotSchema = z.object({
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  localTimes: z.array(SessionLocalTimeSchema),
})
export type SessionSlot = z.infer<typeof SessionSlotSchema>

export const SessionSuggestionsSchema = z.object({
  durationMinutes: z.number().int(),
  /** Earliest first; fewer than asked (or none) when the members' hours barely overlap in the next weeks. */
  slots: z.array(SessionSlotSchema),
})
export type SessionSuggestions = z.infer<typeof SessionSuggestionsSchema>

export { MY_UPCOMING_SESSIONS_DEFAULT }
export const MY_UPCOMING_SESSIONS_MAX = 50

/** The home page's list: limited (soonest first), not paged; `total` says how many there are in all. */
export const MyUpcomingSessionsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MY_UPCOMING_SESSIONS_MAX).default(MY_UPCOMING_SESSIONS_DEFAULT),
})
export type MyUpcomingSessionsQuery = z.input<typeof MyUpcomingSessionsQuerySchema>

/** One of my sessions across my matches, with its program, my partners and my own local time. */
export const MyUpcomingSessionSchema = SessionSchema.extend({
  programName: z.string(),
  /** The other members of the match (never the viewer), in the match's member order. */
  partners: z.array(z.object({ personId: z.uuid(), name: z.string() })),
  /** The viewer's entry of `localTimes`: start and end in the viewer's own profile time zone. */
  myLocalTime: SessionLocalTimeSchema,
})
export type MyUpcomingSession = z.infer<typeof MyUpcomingSessionSchema>

/**
 * The viewer's scheduled sessions that have not ended, in every match they may open (published,
 * active or completed), soonest first, at most `limit` of them.
 */
export const MyUpcomingSessionsSchema = z.object({
  sessions: z.array(MyUpcomingSessionSchema),
  /** How many such sessions there are in all (may exceed `sessions.length`). */
  total: z.number().int(),
})
export type MyUpcomingSessions = z.infer<typeof MyUpcomingSessionsSchema>
