import { z } from 'zod'
import { textField } from './input.ts'
import { AccessStatusSchema, EmailSchema, PersonNameSchema, RoleSchema } from './people.ts'

// One email and one name rule for every route (sign-in, invitations, the directory, the CSV import).
export { EmailSchema, PersonNameSchema, type Role, RoleSchema } from './people.ts'

export const PASSWORD_MIN_LENGTH = 12
export const PasswordSchema = textField({ min: PASSWORD_MIN_LENGTH, max: 256, trim: false })

/** The signed-in person, as the web app sees them. */
export const ViewerSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: RoleSchema,
  organizationId: z.uuid(),
  organizationName: z.string(),
  /** How dates are written for this person (issue #17, point 5): their profile's zone and locale (null: the browser's). */
  timeZone: z.string(),
  locale: z.string().nullable(),
})
export type Viewer = z.infer<typeof ViewerSchema>

/**
 * Told to a person at their next sign-in after an admin reset their sign-in, until they dismiss it:
 * "Your sign-in was reset by <resetByName> on <resetAt, in timeZone>".
 */
export const SignInNoticeSchema = z.object({
  kind: z.literal('sign_in_reset_by_admin'),
  resetByName: z.string(),
  resetAt: z.iso.datetime(),
  /** The person's own time zone, to date the notice in. */
  timeZone: z.string(),
})
export type SignInNotice = z.infer<typeof SignInNoticeSchema>

/** Answer of sign-in, set-up, invitation acceptance and GET /api/auth/session; send csrfToken as `x-csrf-token` on every write. */
export const SessionSchema = z.object({
  viewer: ViewerSchema,
  csrfToken: z.string(),
  /** A notice to show once after sign-in (dismissed with POST /api/auth/sign-in-notice/dismiss), or null. */
  signInNotice: SignInNoticeSchema.nullable(),
  /** The organization requires TOTP of this admin or program manager: enroll before using the app (decision 040). */
  isMfaEnrollmentRequired: z.boolean(),
})
export type Session = z.infer<typeof SessionSchema>

/** Answer of a right password on an account with TOTP: no session yet, the code comes next. */
export const MfaChallengeSchema = z.object({
  mfaRequired: z.literal(true),
  /** Send back with the code to POST /api/auth/sign-in/mfa; works for a few minutes. */
  pendingToken: z.string(),
  expiresAt: z.iso.datetime(),
})
export type MfaChallenge = z.infer<typeof MfaChallengeSchema>

/** Answer of POST /api/auth/sign-in: a session, or (an account with TOTP) the challenge for the code. */
export const SignInAnswerSchema = z.union([SessionSchema, MfaChallengeSchema])
export type SignInAnswer = z.infer<typeof SignInAnswerSchema>

export const MfaSignInBodySchema = z.strictObject({
  pendingToken: textField({ min: 1, max: 128 }),
  /** The 6-digit code of the authenticator app, or one of the recovery codes. */
  code: textField({ min: 1, max: 64 }),
})
export type MfaSignInBody = z.infer<typeof MfaSignInBodySchema>

/** My two-step sign-in (TOTP) state. */
export const MfaStatusSchema = z.object({
  isEnabled: z.boolean(),
  recoveryCodesLeft: z.number().int(),
  /** The organization requires it of me (admin or program manager). */
  isRequired: z.boolean(),
})
export type MfaStatus = z.infer<typeof MfaStatusSchema>

/** A new, not yet confirmed authenticator: scan the QR code (or type the secret), then confirm with a code. */
export const MfaSetupSchema = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
  /** The otpauth URI as an SVG QR code (a data: URL for an img element). */
  qrCodeDataUrl: z.string(),
})
export type MfaSetup = z.infer<typeof MfaSetupSchema>

export const MfaCodeBodySchema = z.strictObject({ code: textField({ min: 1, max: 64 }) })
export type MfaCodeBody = z.infer<typeof MfaCodeBodySchema>

/** Shown once: each works once instead of a code. */
export const MfaRecoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) })
export type MfaRecoveryCodes = z.infer<typeof MfaRecoveryCodesSchema>

/** Turning TOTP off takes a current code (or a recovery code) or the password. */
export const MfaDisableBodySchema = z.strictObject({
  code: textField({ min: 1, max: 64 }).optional(),
  password: textField({ min: 1, max: 256, trim: false }).optional(),
})
export type MfaDisableBody = z.infer<typeof MfaDisableBodySchema>

/** The organization's rule: admins and program managers signing in with a password must use TOTP. */
export const MfaPolicySchema = z.object({ isRequiredForStaff: z.boolean() })
export type MfaPolicy = z.infer<typeof MfaPolicySchema>
export const MfaPolicyBodySchema = z.strictObject({ isRequiredForStaff: z.boolean() })

export const SignInBodySchema = z.strictObject({
  email: EmailSchema,
  // No length rule here: an old password shorter than today's minimum must still be able to sign in.
  password: textField({ min: 1, max: 256, trim: false }),
})
export type SignInBody = z.infer<typeof SignInBodySchema>

/** One of my sessions (a signed-in browser); `id` is a public handle, never the cookie or its hash. */
export const AuthSessionSummarySchema = z.object({
  id: z.string(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  userAgent: z.string(),
  ip: z.string(),
  isCurrent: z.boolean(),
})
export type AuthSessionSummary = z.infer<typeof AuthSessionSummarySchema>

export const AuthSessionListSchema = z.object({ sessions: z.array(AuthSessionSummarySchema) })
export type AuthSessionList = z.infer<typeof AuthSessionListSchema>

export const AuthSessionParamsSchema = z.object({
  sessionId: z.string().regex(/^[0-9a-f]{32}$/, 'is not a session id'),
})

export const PersonSessionsParamsSchema = z.object({ personId: z.uuid() })

export const RevokedSessionsSchema = z.object({ revoked: z.number().int().min(0) })
export type RevokedSessions = z.infer<typeof RevokedSessionsSchema>

/**
 * What an admin's "Reset this person's sign-in" did: signed them out everywhere, ended their
 * password and reset links, and sent a new set-password link (by email with SMTP; in the mail
 * catcher, where admins read it, without).
 */
export const SignInResetSchema = z.object({
  personId: z.uuid(),
  sessionsEnded: z.number().int().min(0),
  linkExpiresAt: z.iso.datetime(),
  delivery: z.enum(['email', 'mail_catcher']),
})
export type SignInReset = z.infer<typeof SignInResetSchema>

export const PasswordResetRequestBodySchema = z.strictObject({ email: EmailSchema })
export type PasswordResetRequestBody = z.infer<typeof PasswordResetRequestBodySchema>

/** Always the same answer, whether or not the account exists. */
export const PasswordResetRequestedSchema = z.object({ message: z.string() })

export const EmailLinkTokenSchema = textField({
  min: 20,
  max: 200,
  trim: false,
  tooShort: 'is not a valid link',
  tooLong: 'is not a valid link',
})

export const PasswordResetCompleteBodySchema = z.strictObject({ token: EmailLinkTokenSchema, password: PasswordSchema })
export type PasswordResetCompleteBody = z.infer<typeof PasswordResetCompleteBodySchema>

export const PasswordResetCompletedSchema = z.object({ message: z.string() })

export const InvitationBodySchema = z.strictObject({
  email: EmailSchema,
  name: PersonNameSchema,
  role: RoleSchema.default('participant'),
})
export type InvitationBody = z.input<typeof InvitationBodySchema>

/** An invitation just sent (or sent again to a person still invited). */
export const InvitationSchema = z.object({
  personId: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  expiresAt: z.iso.datetime(),
  isReinvite: z.boolean(),
})
export type Invitation = z.infer<typeof InvitationSchema>

export const InvitationTokenParamsSchema = z.object({ token: EmailLinkTokenSchema })

/** What the accept-invitation page shows before the person picks a password. */
export const InvitationPreviewSchema = z.object({
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  organizationName: z.string(),
  invitedByName: z.string().nullable(),
  expiresAt: z.iso.datetime(),
})
export type InvitationPreview = z.infer<typeof InvitationPreviewSchema>

export const AcceptInvitationBodySchema = z.strictObject({
  token: EmailLinkTokenSchema,
  password: PasswordSchema,
  name: PersonNameSchema.optional(),
})
export type AcceptInvitationBody = z.infer<typeof AcceptInvitationBodySchema>

/**
 * An invitation still waiting for its person: the newest link sent to someone who has not set a
 * password yet. `isExpired` links no longer work; the admin sends the invitation again or cancels it.
 */
export const PendingInvitationSchema = z.object({
  personId: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  sentAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  isExpired: z.boolean(),
  invitedByName: z.string().nullable(),
})
export type PendingInvitation = z.infer<typeof PendingInvitationSchema>

export const PendingInvitationListQuerySchema = z.strictObject({
  /** Only this person's invitation (the person page). */
  personId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).default(0),
})
export type PendingInvitationListQuery = z.input<typeof PendingInvitationListQuerySchema>

/** One page of pending invitations, newest first; `total` counts them all. */
export const PendingInvitationListSchema = z.object({
  invitations: z.array(PendingInvitationSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
})
export type PendingInvitationList = z.infer<typeof PendingInvitationListSchema>

export const InvitationPersonParamsSchema = z.object({ personId: z.uuid() })

/**
 * A cancelled invitation: its links no longer work. A person who was nothing but the invitation is
 * removed (`isPersonRemoved`), so the address can be invited again; one the organization knows
 * otherwise (employee id, reports, enrollments) stays in the directory, still without a password.
 */
export const CancelledInvitationSchema = z.object({
  personId: z.uuid(),
  email: z.string(),
  name: z.string(),
  isPersonRemoved: z.boolean(),
})
export type CancelledInvitation = z.infer<typeof CancelledInvitationSchema>

/**
 * The people a bulk invitation action is for: the directory's filters (as on the People page). The
 * action itself keeps to those it applies to (see BulkInvitationBodySchema).
 */
export const InvitationSelectionSchema = z.strictObject({
  q: textField({ max: 200 }).optional(),
  department: textField({ max: 200 }).optional(),
  role: RoleSchema.optional(),
  access: AccessStatusSchema.optional(),
})
export type InvitationSelection = z.input<typeof InvitationSelectionSchema>

/** How many of the selected people are in each access status (what each bulk action would reach). */
export const InvitationSelectionCountsSchema = z.object({
  notInvited: z.number().int(),
  invited: z.number().int(),
  active: z.number().int(),
  deactivated: z.number().int(),
})
export type InvitationSelectionCounts = z.infer<typeof InvitationSelectionCountsSchema>

/**
 * `invite` sends a first invitation to the selected people not invited yet (or whose link expired);
 * `resend` sends a new link to those invited (the old one stops working); `cancel` ends the invited
 * people's links (they stay in the directory, not invited: unlike cancelling one invitation, a bulk
 * cancel removes nobody). Each call handles one batch of up to `limit`
 * people in name order, after `after` (the previous answer's nextCursor), so a page can show progress.
 */
export const BULK_INVITATION_ACTIONS = ['invite', 'resend', 'cancel'] as const
export const BulkInvitationBodySchema = z.strictObject({
  action: z.enum(BULK_INVITATION_ACTIONS),
  selection: InvitationSelectionSchema.default({}),
  after: z
    .string()
    .max(1000)
    .regex(/^[A-Za-z0-9_-]+$/, 'must be a nextCursor from a previous answer')
    .optional(),
  limit: z.number().int().min(1).max(500).default(100),
})
export type BulkInvitationBody = z.input<typeof BulkInvitationBodySchema>

/**
 * One batch done: `done` people were sent their invitation (or had it cancelled); `skipped` were sent
 * one less than a minute ago and get no second email (or had accepted meanwhile). `nextCursor` is
 * null when no selected person is left.
 */
export const BulkInvitationResultSchema = z.object({
  action: z.enum(BULK_INVITATION_ACTIONS),
  done: z.number().int(),
  skipped: z.number().int(),
  nextCursor: z.string().nullable(),
})
export type BulkInvitationResult = z.infer<typeof BulkInvitationResultSchema>
