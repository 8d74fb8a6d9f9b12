import { z } from 'zod'
import { DateInputSchema, textField } from './input.ts'
import { TimeZoneSchema } from './time-zone.ts'

/** Groups of actions the audit log filters by ("kind"). */
export const AUDIT_KINDS = {
  sign_in: 'Sign-in and passwords',
  people: 'People, invitations and roles',
  data_rights: 'Personal data (export, erasure, retention)',
  settings: 'Settings and catalogues',
  programs: 'Programs and enrollment',
  matching: 'Matching and matches',
  sessions: 'Coaching sessions',
} as const
export type AuditKind = keyof typeof AUDIT_KINDS
export const AuditKindSchema = z.enum(Object.keys(AUDIT_KINDS) as [AuditKind, ...AuditKind[]])

/**
 * Every action the server records, in words, with its kind. An action missing here (a future one)
 * is still listed and exported, under its own name.
 */
export const AUDIT_ACTIONS: Record<string, { label: string; kind: AuditKind }> = {
  'auth.signed_in': { label: 'Signed in', kind: 'sign_in' },
  'auth.sign_in_failed': { label: 'Sign-in failed', kind: 'sign_in' },
  'auth.signed_out': { label: 'Signed out', kind: 'sign_in' },
  'password_reset.requested': { label: 'Password reset requested by email', kind: 'sign_in' },
  'password_reset.completed': { label: 'Password reset completed', kind: 'sign_in' },
  'sign_in.reset_by_admin': { label: 'Sign-in reset by an admin', kind: 'sign_in' },
  'sessions.revoked': { label: 'Signed out everywhere by an admin', kind: 'sign_in' },
  'mfa.enabled': { label: 'Authenticator app (TOTP) turned on', kind: 'sign_in' },
  'mfa.disabled': { label: 'Authenticator app (TOTP) turned off', kind: 'sign_in' },
  'mfa.recovery_code_used': { label: 'Signed in with a recovery code', kind: 'sign_in' },
  'mfa.policy_updated': { label: 'Two-step sign-in requirement changed', kind: 'settings' },
  'sso.linked': { label: 'Account linked to single sign-on', kind: 'sign_in' },
  'sso.settings_updated': { label: 'Single sign-on settings changed', kind: 'settings' },
  'invitation.sent': { label: 'Invitation sent', kind: 'people' },
  'invitation.resent': { label: 'Invitation sent again', kind: 'people' },
  'invitation.accepted': { label: 'Invitation accepted', kind: 'people' },
  'invitation.cancelled': { label: 'Invitation cancelled', kind: 'people' },
  'person.updated': { label: 'Person edited', kind: 'people' },
  'person.role_changed': { label: 'Role changed', kind: 'people' },
  'person.deactivated': { label: 'Person deactivated', kind: 'people' },
  'person.reactivated': { label: 'Person reactivated', kind: 'people' },
  'person.created_by_sso': { label: 'Person created by single sign-on', kind: 'people' },
  'person.provisioned': { label: 'Person created by provisioning (SCIM)', kind: 'people' },
  'scim_group.changed': { label: 'Provisioning group changed (SCIM)', kind: 'people' },
  'scim_token.created': { label: 'Provisioning (SCIM) token created', kind: 'settings' },
  'scim_token.revoked': { label: 'Provisioning (SCIM) token revoked', kind: 'settings' },
  'people.imported': { label: 'People imported', kind: 'people' },
  'people.exported': { label: 'People list exported', kind: 'people' },
  'person.erased': { label: 'Person erased', kind: 'data_rights' },
  'person.data_exported': { label: 'Personal data exported', kind: 'data_rights' },
  'retention.purged': { label: 'Old private notes deleted (retention)', kind: 'data_rights' },
  'api_token.created': { label: 'API token created', kind: 'settings' },
  'api_token.revoked': { label: 'API token revoked', kind: 'settings' },
  'audit_log.exported': { label: 'Audit log exported', kind: 'settings' },
  'organization.set_up': { label: 'Organization set up', kind: 'settings' },
  'organization.updated': { label: 'Organization settings changed', kind: 'settings' },
  'email_preferences.updated': { label: 'Email preferences changed', kind: 'settings' },
  'skill.created': { label: 'Skill added', kind: 'settings' },
  'skill.updated': { label: 'Skill edited', kind: 'settings' },
  'skill.deleted': { label: 'Skill deleted', kind: 'settings' },
  'theme.created': { label: 'Theme added', kind: 'settings' },
  'theme.updated': { label: 'Theme edited', kind: 'settings' },
  'theme.deleted': { label: 'Theme deleted', kind: 'settings' },
  'exercise.created': { label: 'Exercise added', kind: 'settings' },
  'exercise.updated': { label: 'Exercise edited', kind: 'settings' },
  'exercise.deleted': { label: 'Exercise deleted', kind: 'settings' },
  'coaching_question.created': { label: 'Coaching question added', kind: 'settings' },
  'coaching_question.deleted': { label: 'Coaching question deleted', kind: 'settings' },
  'program.created': { label: 'Program created', kind: 'programs' },
  'program.updated': { label: 'Program edited', kind: 'programs' },
  'program.transitioned': { label: 'Program status changed', kind: 'programs' },
  'program.next_cycle_created': { label: 'Next program cycle created', kind: 'programs' },
  'enrollment.added_by_manager': { label: 'People enrolled by a manager', kind: 'programs' },
  'enrollment.removed_by_manager': { label: 'Enrollment removed by a manager', kind: 'programs' },
  'matching_run.started': { label: 'Matching run started', kind: 'matching' },
  'matching_run.succeeded': { label: 'Matching run finished', kind: 'matching' },
  'matching_run.failed': { label: 'Matching run failed', kind: 'matching' },
  'matches.published': { label: 'Matches published', kind: 'matching' },
  'match.locked': { label: 'Match locked', kind: 'matching' },
  'match.unlocked': { label: 'Match unlocked', kind: 'matching' },
  'match.dissolved': { label: 'Match dissolved', kind: 'matching' },
  'match.created_manually': { label: 'Match created by hand', kind: 'matching' },
  'match.swapped': { label: 'Match members swapped', kind: 'matching' },
  'match.accepted': { label: 'Match accepted', kind: 'matching' },
  'match.declined': { label: 'Match declined', kind: 'matching' },
  'match.completed': { label: 'Match completed', kind: 'matching' },
  'match.dissolved_by_member': { label: 'Match ended by a member', kind: 'matching' },
  'match.nudged': { label: 'Match nudged', kind: 'matching' },
  'pair_rule.created': { label: 'Pairing rule added', kind: 'matching' },
  'pair_rule.deleted': { label: 'Pairing rule deleted', kind: 'matching' },
  'repair_request.resolved': { label: 'Re-pair request resolved', kind: 'matching' },
  'sessions.scheduled': { label: 'Sessions scheduled', kind: 'sessions' },
  'sessions.changed': { label: 'Session changed', kind: 'sessions' },
  'sessions.cancelled': { label: 'Session cancelled', kind: 'sessions' },
  'sessions.held': { label: 'Session marked held', kind: 'sessions' },
  'sessions.missed': { label: 'Session marked missed', kind: 'sessions' },
  'webhook.created': { label: 'Webhook endpoint added', kind: 'settings' },
  'webhook.updated': { label: 'Webhook endpoint changed', kind: 'settings' },
  'webhook.deleted': { label: 'Webhook endpoint deleted', kind: 'settings' },
  'webhook.secret_revealed': { label: 'Webhook signing secret shown', kind: 'settings' },
  'webhook.secret_rotated': { label: 'Webhook signing secret replaced', kind: 'settings' },
  'webhook.redelivered': { label: 'Webhook delivery sent again', kind: 'settings' },
}

/** An action in words: "auth.sign_in_failed" -> "Sign-in failed"; an unknown action keeps its name. */
export function auditActionLabel(action: string): string {
  return AUDIT_ACTIONS[action]?.label ?? action
}

/** The actions of one kind. */
export function actionsOfKind(kind: AuditKind): string[] {
  return Object.entries(AUDIT_ACTIONS)
    .filter(([, value]) => value.kind === kind)
    .map(([action]) => action)
}

const dateOnly = DateInputSchema

/**
 * Filters of the audit log. `action` is one action ("auth.sign_in_failed") or a kind ("sign_in");
 * `from` and `to` are calendar days in `timeZone` (the admin's), both included; `before` is the id
 * of the oldest event already shown (keyset paging, newest first).
 */
export const AuditEventQuerySchema = z
  .strictObject({
    actorId: z.uuid('is not a valid person id').optional(),
    action: textField({ max: 100 })
      .regex(/^[a-z_]+(\.[a-z_]+)?$/, 'is not an action or a kind')
      .refine((value) => value.includes('.') || value in AUDIT_KINDS, 'is not an action or a kind')
      .optional(),
    from: dateOnly.optional(),
    to: dateOnly.optional(),
    timeZone: TimeZoneSchema.default('UTC'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    message: 'must not be after `to`',
    path: ['from'],
  })
export type AuditEventQuery = z.input<typeof AuditEventQuerySchema>
export type AuditEventFilters = z.output<typeof AuditEventQuerySchema>

export const AuditPersonSchema = z.object({ id: z.string(), name: z.string() })

export const AuditEventSchema = z.object({
  id: z.number().int(),
  createdAt: z.iso.datetime(),
  action: z.string(),
  /** The action in words. */
  actionLabel: z.string(),
  /** Who did it; null for the system's own work or someone not signed in (see `address`). */
  actor: AuditPersonSchema.nullable(),
  /** The organization API token an integration acted with (no person acted then; decision 043). */
  apiToken: AuditPersonSchema.nullable(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  /** The target's name when the target is a person of the organization (joined when read, never stored). */
  targetName: z.string().nullable(),
  address: z.string().nullable(),
  outcome: z.enum(['succeeded', 'failed']),
  /** Ids, counts and settings values: never private text. */
  details: z.record(z.string(), z.unknown()),
})
export type AuditEvent = z.infer<typeof AuditEventSchema>

/** Newest first; `nextBefore` (the `before` of the next, older page) is null on the last page. */
export const AuditEventPageSchema = z.object({
  events: z.array(AuditEventSchema),
  nextBefore: z.number().int().nullable(),
})
export type AuditEventPage = z.infer<typeof AuditEventPageSchema>

/** People who appear as actors in the organization's log, for the actor filter. */
export const AuditActorListSchema = z.object({ actors: z.array(AuditPersonSchema) })
export type AuditActorList = z.infer<typeof AuditActorListSchema>
