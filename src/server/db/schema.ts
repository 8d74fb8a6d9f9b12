import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

type CreatedAt = ColumnType<Date, Date | string | undefined, never>
type Timestamp = ColumnType<Date, Date | string, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
type Json<T> = ColumnType<T, string, string>

export type Role = 'admin' | 'program_manager' | 'participant'
export type PersonStatus = 'invited' | 'active' | 'deactivated'
export type EmailTokenPurpose = 'invitation' | 'password_reset'

export interface OrganizationsTable {
  id: Generated<string>
  name: string
  slug: string
  aggregate_threshold: Generated<number>
  /** Months after a match ends before private reflections and check-in notes are deleted; null: kept. */
  retention_months: number | null
  /** Admins and program managers signing in with a password must use TOTP (decision 040). */
  is_mfa_required_for_staff: Generated<boolean>
  created_at: CreatedAt
}

export interface PeopleTable {
  id: Generated<string>
  organization_id: string
  email: string
  employee_id: string | null
  name: string
  role: Generated<Role>
  status: Generated<PersonStatus>
  password_hash: string | null
  title: Generated<string>
  department: Generated<string>
  location: Generated<string>
  time_zone: Generated<string>
  /** The locale dates are written in for this person (SUPPORTED_LOCALES); null: not chosen. */
  locale: string | null
  languages: Generated<string[]>
  seniority: Generated<number>
  manager_id: string | null
  skills_offered: Generated<string[]>
  skills_wanted: Generated<string[]>
  working_hours_start: Generated<string>
  working_hours_end: Generated<string>
  working_days: Generated<number[]>
  /** 'YYYY-MM-DD': the day the person left the organization (retention figures). */
  left_on: string | null
  deactivated_at: NullableTimestamp
  /** When an admin last reset this person's sign-in, and who (the notice they get at next sign-in). */
  sign_in_reset_at: NullableTimestamp
  sign_in_reset_by: string | null
  is_sign_in_reset_notice_pending: Generated<boolean>
  /** Set when the person was erased (data rights): the row stays as "Former member", for good. */
  erased_at: NullableTimestamp
  created_at: CreatedAt
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface SkillsTable {
  id: Generated<string>
  organization_id: string
  slug: string
  name: string
  category: Generated<string>
  created_at: CreatedAt
}

export interface AuthSessionsTable {
  id: string
  organization_id: string
  person_id: string
  csrf_token: string
  user_agent: Generated<string>
  ip: Generated<string>
  created_at: CreatedAt
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>
  expires_at: Timestamp
  revoked_at: NullableTimestamp
  /** A password sign-in the organization's MFA rule applies to, before the person enrolled (decision 040). */
  is_mfa_enrollment_required: Generated<boolean>
}

/** A person's authenticator (TOTP, decision 040): active once confirmed with a first code. */
export interface PersonTotpTable {
  person_id: string
  organization_id: string
  /** Base32, stored sealed under the instance's secret key (decision 047). */
  secret: string
  confirmed_at: NullableTimestamp
  /** The last 30-second step a code was accepted for: a code is not accepted twice. */
  last_used_step: ColumnType<string | null, number | null | undefined, number | null>
  created_at: CreatedAt
}

export interface TotpRecoveryCodesTable {
  id: Generated<string>
  person_id: string
  code_hash: string
  used_at: NullableTimestamp
}

/** A right password waiting for its second factor: not a session. `id` is the hash of the token. */
export interface PendingSignInsTable {
  id: string
  organization_id: string
  person_id: string
  user_agent: Generated<string>
  ip: Generated<string>
  failed_attempts: Generated<number>
  expires_at: Timestamp
}

export interface EmailTokensTable {
  id: Generated<string>
  token_hash: string
  purpose: EmailTokenPurpose
  organization_id: string
  person_id: string
  created_by: string | null
  created_at: CreatedAt
  expires_at: Timestamp
  used_at: NullableTimestamp
}

export interface SignInAttemptsTable {
  id: Generated<number>
  email: string
  ip: string
  succeeded: boolean
  created_at: CreatedAt
}

/** Requests counted against a rate limit in its current fixed window, shared by every instance. */
export interface RateLimitCountersTable {
  /** The limit's route (method and URL pattern) and the client's key (its address). */
  key: string
  hits: number
  window_ends_at: Timestamp
}

/** A program's dashboard counts and sums at one instant (decision 029): numbers, statuses and ids only. */
export interface ProgramInsightSnapshotsTable {
  program_id: string
  organization_id: string
  /** When the figures were computed, by the app's clock. */
  as_of: Timestamp
  /** The program settings the sums were computed with; a different key means compute again. */
  settings_key: string
  sums: ColumnType<unknown, string, string>
}

/**
 * A program's at-risk matches as its latest snapshot counted them (decision 046), with each
 * match's place in the three orders of the at-risk list; rewritten with the snapshot.
 */
export interface ProgramAtRiskEntriesTable {
  program_id: string
  organization_id: string
  match_id: string
  status: string
  published_at: NullableTimestamp
  last_held: NullableTimestamp
  no_recent_session: boolean
  poor_fit: boolean
  repair_requested: boolean
  declined: boolean
  rank_attention: number
  rank_name: number
  rank_quiet: number
}

export interface OutboxEmailsTable {
  id: Generated<string>
  organization_id: string | null
  to_address: string
  subject: string
  /** Null once purged: the body of a credential email is deleted when it has been delivered. */
  text_body: string | null
  html_body: string | null
  transport: 'outbox' | 'smtp'
  error: string | null
  /** Files sent with the email, such as a session's .ics invitation. */
  attachments: JsonColumnWithDefault<EmailAttachment[]>
  created_at: CreatedAt
  sent_at: NullableTimestamp
  kind: Generated<EmailKind>
  /** The body holds a sign-in link (invitation, password reset, sign-in reset). */
  has_credential: Generated<boolean>
  /** The person the email is for, when it is for a person of the organization. */
  recipient_person_id: string | null
  /** SMTP delivery attempts so far. */
  attempts: Generated<number>
  /** Extra headers sent with the email (List-Unsubscribe). */
  headers: JsonColumnWithDefault<Record<string, string>>
  body_purged_at: NullableTimestamp
  /** The delivery job that is sending it (pg-boss job id), while it sends or after its worker died. */
  claimed_by: string | null
  /** When that job claimed it: a claim by another job older than a few minutes is stale. */
  claimed_at: NullableTimestamp
}

export type EmailKind = 'invitation' | 'password_reset' | 'sign_in_reset' | 'notification'

export interface EmailAttachment {
  filename: string
  contentType: string
  content: string
}

export interface PeopleImportsTable {
  id: Generated<string>
  organization_id: string
  created_by: string | null
  file_name: Generated<string>
  rows: Json<unknown>
  report: Json<unknown>
  status: Generated<'previewed' | 'applied'>
  created_at: CreatedAt
  applied_at: NullableTimestamp
}

/** Append-only (migration 0011's trigger refuses UPDATE and DELETE; see docs/decisions/013-audit-log.md). */
export interface AuditEventsTable {
  id: Generated<number>
  /** Null for an event of the instance rather than of an organization (a sign-in with an unknown email). */
  organization_id: string | null
  actor_id: string | null
  action: string
  target_type: string
  target_id: string | null
  details: ColumnType<Record<string, unknown>, string | undefined, string>
  /** The client address the event came from (null for the system's own jobs). */
  address: string | null
  outcome: Generated<'succeeded' | 'failed'>
  created_at: CreatedAt
  /** The organization API token an integration acted with (no person acted: actor_id is null). */
  actor_api_token_id: ColumnType<string | null, string | null | undefined, never>
}

/** An organization's API token for integrations (decision 043): only the secret's SHA-256 is kept. */
export interface ApiTokensTable {
  id: Generated<string>
  organization_id: string
  name: string
  scopes: string[]
  token_hash: string
  /** The secret's first characters (`tdm_` and a few more), so a list tells tokens apart. */
  token_prefix: string
  created_by: string | null
  created_at: Timestamp
  expires_at: NullableTimestamp
  last_used_at: NullableTimestamp
  revoked_at: NullableTimestamp
  revoked_by: string | null
}
export type ApiTokenRow = Selectable<ApiTokensTable>

export type ProgramType = 'peer_coaching' | 'coaching_circle' | 'peer_mentoring'
export type ProgramStatus = 'draft' | 'enrolling' | 'matching' | 'active' | 'completed' | 'archived'
export type EnrollmentStatus = 'enrolled' | 'withdrawn' | 'removed'
export type MentoringRole = 'mentor' | 'mentee'
export type MatchingRunStatus = 'queued' | 'running' | 'succeeded' | 'failed'
export type MatchStatus = 'proposed' | 'published' | 'active' | 'completed' | 'dissolved' | 'declined'
export type MatchMemberRole = 'peer' | 'mentor' | 'mentee' | 'member'
export type MatchResponse = 'pending' | 'accepted' | 'declined'

/** jsonb columns: written as JSON text, read back parsed (typed by the Zod contract of the module). */
type JsonColumn<T> = ColumnType<T, string, string>
type JsonColumnWithDefault<T> = ColumnType<T, string | undefined, string>

export interface ThemesTable {
  id: Generated<string>
  organization_id: string
  name: string
  description: Generated<string>
  created_at: CreatedAt
}

export interface ProgramsTable {
  id: Generated<string>
  organization_id: string
  type: ProgramType
  name: string
  description: Generated<string>
  theme_id: string | null
  status: Generated<ProgramStatus>
  starts_on: string | null
  ends_on: string | null
  enrollment_closes_on: string | null
  session_cadence_days: number
  target_session_count: number
  session_minutes: Generated<number>
  focus_skills: Generated<string[]>
  enrollment_questions: JsonColumnWithDefault<unknown>
  confidentiality_terms: Generated<string>
  eligibility: JsonColumnWithDefault<unknown>
  matching_rules: JsonColumn<unknown>
  support_contact_id: string | null
  previous_program_id: string | null
  cycle_number: Generated<number>
  created_by: string | null
  created_at: CreatedAt
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface EnrollmentsTable {
  id: Generated<string>
  organization_id: string
  program_id: string
  person_id: string
  status: Generated<EnrollmentStatus>
  intent: Generated<string>
  skills_wanted: Generated<string[]>
  skills_offered: Generated<string[]>
  mentoring_role: MentoringRole | null
  mentor_capacity: number | null
  answers: JsonColumnWithDefault<unknown>
  self_assessment: JsonColumnWithDefault<unknown>
  consented_at: NullableTimestamp
  enrolled_by: string | null
  created_at: CreatedAt
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface MatchingRunsTable {
  id: Generated<string>
  organization_id: string
  program_id: string
  run_number: number
  status: Generated<MatchingRunStatus>
  settings: JsonColumn<unknown>
  summary: ColumnType<unknown, string | null | undefined, string | null>
  result: ColumnType<unknown, string | null | undefined, string | null>
  progress: Generated<number>
  error: string | null
  started_by: string | null
  created_at: CreatedAt
  started_at: NullableTimestamp
  finished_at: NullableTimestamp
}

export interface MatchesTable {
  id: Generated<string>
  organization_id: string
  program_id: string
  run_id: string | null
  status: Generated<MatchStatus>
  origin: Generated<'engine' | 'manual'>
  score: Generated<number>
  explanation: JsonColumnWithDefault<unknown>
  is_locked: Generated<boolean>
  published_at: NullableTimestamp
  ended_at: NullableTimestamp
  end_reason: string | null
  created_by: string | null
  created_at: CreatedAt
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface MatchMembersTable {
  match_id: string
  person_id: string
  organization_id: string
  role: Generated<MatchMemberRole>
  response: Generated<MatchResponse>
  /** Why a member declined: visible to program managers only. */
  response_reason: string | null
  responded_at: NullableTimestamp
  /** When this member agreed to complete the match (it completes once every member agreed). */
  completion_agreed_at: NullableTimestamp
}

export type GoalStatus = 'active' | 'achieved' | 'dropped'
export type GoalUpdateKind = 'progress' | 'comment'

/** The focus and ground rules a match agrees; one per match, re-accepted after every change. */
export interface AgreementsTable {
  id: Generated<string>
  organization_id: string
  match_id: string
  focus: string
  /** { confidentiality, cadence, feedback } (typed by the workspaces contract). */
  ground_rules: JsonColumn<unknown>
  version: Generated<number>
  proposed_by: string | null
  proposed_at: ColumnType<Date, Date | string | undefined, Date | string>
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface AgreementAcceptancesTable {
  agreement_id: string
  person_id: string
  version: number
  accepted_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface GoalsTable {
  id: Generated<string>
  organization_id: string
  match_id: string
  owner_id: string
  title: string
  /** How it will be measured. */
  measure: string
  target: string
  /** 'YYYY-MM-DD' */
  due_on: string
  status: Generated<GoalStatus>
  /** 0-100 */
  progress: Generated<number>
  created_at: CreatedAt
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface GoalMilestonesTable {
  id: Generated<string>
  goal_id: string
  organization_id: string
  title: string
  due_on: string | null
  done_at: NullableTimestamp
  created_at: CreatedAt
}

export interface GoalUpdatesTable {
  id: Generated<string>
  goal_id: string
  organization_id: string
  author_id: string | null
  kind: GoalUpdateKind
  body: Generated<string>
  progress: number | null
  created_at: CreatedAt
}

export interface PairRulesTable {
  id: Generated<string>
  organization_id: string
  program_id: string
  kind: 'must' | 'never'
  /** The smaller of the two ids (a check constraint keeps each pair once). */
  person_a_id: string
  person_b_id: string
  created_by: string | null
  created_at: CreatedAt
}

export interface NotificationsTable {
  id: Generated<string>
  organization_id: string
  person_id: string
  kind: string
  title: string
  body: Generated<string>
  link: string | null
  read_at: NullableTimestamp
  created_at: CreatedAt
}

export interface EmailPreferencesTable {
  person_id: string
  organization_id: string
  /** EmailCategory values the person turned off (contracts/notifications.ts). */
  muted_categories: Generated<string[]>
  /** Random, unguessable: the unsubscribe link carries it instead of a sign-in. */
  unsubscribe_token: string
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

/** A scheduled notification's key ("reminder-24h:<session>:<person>:<startsAt>"), claimed once. */
export interface NotificationDeliveriesTable {
  delivery_key: string
  organization_id: string
  created_at: CreatedAt
}

export type ExerciseTechnique =
  | 'role_play'
  | 'what_if'
  | 'empathy'
  | 'change_of_perspective'
  | 'collaborative_storytelling'
  | 'other'
export type CoachingQuestionKind = 'active_listening' | 'powerful'

/** An organization's own exercises; the built-in library lives in code (modules/exercises). */
export interface ExercisesTable {
  id: Generated<string>
  organization_id: string | null
  technique: ExerciseTechnique
  slug: string
  title: string
  purpose: string
  duration_minutes: number
  steps: JsonColumnWithDefault<unknown>
  prompts: JsonColumnWithDefault<unknown>
  scenarios: JsonColumnWithDefault<unknown>
  is_built_in: Generated<boolean>
  created_by: string | null
  created_at: CreatedAt
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface CoachingQuestionsTable {
  id: Generated<string>
  organization_id: string | null
  kind: CoachingQuestionKind
  text: string
  created_by: string | null
  created_at: CreatedAt
}

export type CoachingSessionStatus = 'scheduled' | 'held' | 'cancelled' | 'missed'

/** A coaching session of a match ("coaching_" because auth_sessions holds sign-in sessions). */
export interface CoachingSessionsTable {
  id: Generated<string>
  organization_id: string
  match_id: string
  /** Sessions scheduled together at the program's cadence share a series. */
  series_id: string | null
  organizer_id: string | null
  starts_at: ColumnType<Date, Date | string, Date | string>
  duration_minutes: number
  /** The organizer's IANA time zone when it was scheduled. */
  time_zone: string
  location: Generated<string>
  video_url: string | null
  status: Generated<CoachingSessionStatus>
  coach_id: string | null
  coachee_id: string | null
  focus: Generated<string>
  /** Exercise ids: 'builtin:<slug>' or an organization exercise's uuid. */
  exercise_ids: Generated<string[]>
  agenda: Generated<string>
  ics_uid: string
  ics_sequence: Generated<number>
  cancel_reason: string | null
  status_changed_at: NullableTimestamp
  created_at: CreatedAt
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

/** Shared notes: read by every member of the match; each entry edited by its author. */
export interface SessionNotesTable {
  id: Generated<string>
  organization_id: string
  match_id: string
  session_id: string | null
  author_id: string | null
  body: string
  created_at: CreatedAt
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

/** Private reflections: the author alone (no partner, program manager, admin or export). */
export interface ReflectionsTable {
  id: Generated<string>
  organization_id: string
  match_id: string
  session_id: string | null
  author_id: string
  body: string
  created_at: CreatedAt
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface ActionItemsTable {
  id: Generated<string>
  organization_id: string
  match_id: string
  session_id: string | null
  owner_id: string
  created_by: string | null
  title: string
  /** 'YYYY-MM-DD' */
  due_on: string | null
  done_at: NullableTimestamp
  created_at: CreatedAt
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface FeedbackTable {
  id: Generated<string>
  organization_id: string
  match_id: string
  session_id: string
  giver_id: string | null
  receiver_id: string
  what_worked: string
  try_next: string
  situation: Generated<string>
  behaviour: Generated<string>
  impact: Generated<string>
  rating_listening: number
  rating_questions: number
  rating_helpfulness: number
  /** The constructive-wording check's findings when it was sent. */
  flags: JsonColumnWithDefault<unknown>
  created_at: CreatedAt
}

export type WellbeingMoment = 'before' | 'after' | 'anytime'

/** Private to the person. */
export interface WellbeingCheckinsTable {
  id: Generated<string>
  organization_id: string
  person_id: string
  match_id: string
  session_id: string | null
  moment: WellbeingMoment
  mood: number
  stress: number
  note: string | null
  created_at: CreatedAt
}

/** Exists only when the person consented to the message reaching the support contact. */
export interface SupportRequestsTable {
  id: Generated<string>
  organization_id: string
  person_id: string
  program_id: string
  match_id: string | null
  contact_id: string | null
  message: string
  consented_at: ColumnType<Date, Date | string, never>
  created_at: CreatedAt
}

export type MatchSurveyKind = 'fit' | 'pulse' | 'closing'

export interface MatchSurveysTable {
  id: Generated<string>
  organization_id: string
  match_id: string
  person_id: string
  kind: MatchSurveyKind
  /** Typed by the surveys contract per kind. */
  answers: JsonColumn<unknown>
  created_at: CreatedAt
}

export type RepairRequestStatus = 'open' | 'resolved' | 'withdrawn'

/** A member asks to be re-paired; the reason is for the program manager only. */
export interface RepairRequestsTable {
  id: Generated<string>
  organization_id: string
  match_id: string
  person_id: string
  reason: string
  status: Generated<RepairRequestStatus>
  resolved_by: string | null
  resolved_at: NullableTimestamp
  /** Set when the request was closed because its match ended: what the requester is told. */
  resolution_note: string | null
  created_at: CreatedAt
}

/** A running Tandem process (issue #16): written at start and every half minute, removed on a clean stop. */
export interface InstanceHeartbeatsTable {
  id: string
  hostname: string
  pid: number
  version: string
  is_job_worker: boolean
  started_at: Date
  last_seen_at: Date
}

/** Single sign-on with OpenID Connect, one row per organization (issue #15 point 2). */
export interface OidcSettingsTable {
  organization_id: string
  is_enabled: Generated<boolean>
  /** The button's name: "Sign in with <display_name>". */
  display_name: string
  issuer_url: string
  client_id: string
  /** Never answered by the API once saved (only whether one is set). */
  client_secret: string
  /** Lower-case domains whose verified addresses may sign in. */
  allowed_domains: Generated<string[]>
  is_jit_enabled: Generated<boolean>
  is_sso_required: Generated<boolean>
  /** The one admin who may still sign in with a password while SSO is required. */
  break_glass_person_id: string | null
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
  updated_by: string | null
  /** Which kind of provider the organization signs in with (one per organization). */
  protocol: Generated<'oidc' | 'saml'>
  /** SAML: where the SP-initiated AuthnRequest is sent (HTTP-Redirect binding). */
  saml_idp_sso_url: Generated<string>
  /** SAML: the provider's entity id, the Issuer its assertions must carry. */
  saml_idp_entity_id: Generated<string>
  /** SAML: one or more PEM certificates whose keys may sign assertions (several during a rollover). */
  saml_idp_certificates: Generated<string>
}

/** A SAML AuthnRequest sent to the provider; `id` is its ID (the InResponseTo of the answer). */
export interface SamlRequestsTable {
  id: string
  organization_id: string
  /** sha-256 of the secret the starting browser keeps in its cookie. */
  browser_hash: string
  expires_at: Timestamp
  /** When an answer was accepted (the assertion checked, the person found). */
  used_at: NullableTimestamp
  person_id: string | null
  /** When the starting browser came back and its session started. */
  finished_at: NullableTimestamp
  created_at: CreatedAt
}

/** An assertion that signed someone in, kept until it expires so it cannot be replayed. */
export interface SamlAssertionsTable {
  organization_id: string
  issuer: string
  assertion_id: string
  expires_at: Timestamp
  created_at: CreatedAt
}

/** A sign-in sent to the provider and not back yet; `id` is the sha-256 of its state. */
export interface OidcLoginStatesTable {
  id: string
  organization_id: string
  code_verifier: string
  nonce: string
  expires_at: Timestamp
  created_at: CreatedAt
}

/** The provider account (issuer + subject) a person signs in with. */
export interface OidcIdentitiesTable {
  organization_id: string
  person_id: string
  issuer: string
  subject: string
  created_at: CreatedAt
  last_signed_in_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed'

/** An admin's webhook endpoint (decision 044): the secret signs every delivery (Standard Webhooks). */
export interface WebhookEndpointsTable {
  id: Generated<string>
  organization_id: string
  url: string
  description: Generated<string>
  event_types: string[]
  is_enabled: Generated<boolean>
  /** `whsec_` + base64 of 32 random bytes, sealed under the instance's secret key (decision 047). */
  secret: string
  created_at: Timestamp
  updated_at: Timestamp
}

/** An event written in the transaction of the change it describes (the outbox): ids and public fields only. */
export interface WebhookEventsTable {
  id: Generated<string>
  organization_id: string
  type: string
  payload: Json<{ type: string; timestamp: string; data: Record<string, unknown> }>
  created_at: Timestamp
}

export interface WebhookDeliveriesTable {
  id: Generated<string>
  organization_id: string
  endpoint_id: string
  event_id: string
  status: Generated<WebhookDeliveryStatus>
  attempts: Generated<number>
  last_status_code: number | null
  last_error: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

export interface WebhookDeliveryAttemptsTable {
  id: Generated<string>
  delivery_id: string
  attempt: number
  attempted_at: Timestamp
  status_code: number | null
  duration_ms: number
  error: string | null
  is_redelivery: Generated<boolean>
}

/** An organization's SCIM bearer token (migration 0025): only its SHA-256 is kept. */
export interface ScimTokensTable {
  id: Generated<string>
  organization_id: string
  token_hash: string
  created_by: string | null
  created_at: Timestamp
  last_used_at: NullableTimestamp
  revoked_at: NullableTimestamp
}

/** A person as the identity provider provisions them: its externalId, and when it deleted them. */
export interface ScimUsersTable {
  person_id: string
  organization_id: string
  external_id: string | null
  deleted_at: NullableTimestamp
  updated_at: Timestamp
}

/** A group the identity provider pushes (decision 042: not a department). */
export interface ScimGroupsTable {
  id: Generated<string>
  organization_id: string
  display_name: string
  external_id: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

export interface ScimGroupMembersTable {
  group_id: string
  person_id: string
  organization_id: string
}

export interface Database {
  instance_heartbeats: InstanceHeartbeatsTable
  organizations: OrganizationsTable
  people: PeopleTable
  skills: SkillsTable
  auth_sessions: AuthSessionsTable
  email_tokens: EmailTokensTable
  person_totp: PersonTotpTable
  totp_recovery_codes: TotpRecoveryCodesTable
  pending_sign_ins: PendingSignInsTable
  sign_in_attempts: SignInAttemptsTable
  rate_limit_counters: RateLimitCountersTable
  program_insight_snapshots: ProgramInsightSnapshotsTable
  program_at_risk_entries: ProgramAtRiskEntriesTable
  outbox_emails: OutboxEmailsTable
  people_imports: PeopleImportsTable
  audit_events: AuditEventsTable
  api_tokens: ApiTokensTable
  themes: ThemesTable
  programs: ProgramsTable
  enrollments: EnrollmentsTable
  matching_runs: MatchingRunsTable
  matches: MatchesTable
  match_members: MatchMembersTable
  agreements: AgreementsTable
  agreement_acceptances: AgreementAcceptancesTable
  goals: GoalsTable
  goal_milestones: GoalMilestonesTable
  goal_updates: GoalUpdatesTable
  pair_rules: PairRulesTable
  notifications: NotificationsTable
  email_preferences: EmailPreferencesTable
  notification_deliveries: NotificationDeliveriesTable
  exercises: ExercisesTable
  coaching_questions: CoachingQuestionsTable
  coaching_sessions: CoachingSessionsTable
  session_notes: SessionNotesTable
  reflections: ReflectionsTable
  action_items: ActionItemsTable
  feedback: FeedbackTable
  wellbeing_checkins: WellbeingCheckinsTable
  support_requests: SupportRequestsTable
  match_surveys: MatchSurveysTable
  repair_requests: RepairRequestsTable
  oidc_settings: OidcSettingsTable
  oidc_login_states: OidcLoginStatesTable
  oidc_identities: OidcIdentitiesTable
  saml_requests: SamlRequestsTable
  saml_assertions: SamlAssertionsTable
  webhook_endpoints: WebhookEndpointsTable
  webhook_events: WebhookEventsTable
  webhook_deliveries: WebhookDeliveriesTable
  webhook_delivery_attempts: WebhookDeliveryAttemptsTable
  scim_tokens: ScimTokensTable
  scim_users: ScimUsersTable
  scim_groups: ScimGroupsTable
  scim_group_members: ScimGroupMembersTable
}

export type OrganizationRow = Selectable<OrganizationsTable>
export type PersonRow = Selectable<PeopleTable>
export type OidcSettingsRow = Selectable<OidcSettingsTable>
export type NewPerson = Insertable<PeopleTable>
export type PersonUpdate = Updateable<PeopleTable>
export type SkillRow = Selectable<SkillsTable>
export type AuthSessionRow = Selectable<AuthSessionsTable>
export type EmailTokenRow = Selectable<EmailTokensTable>
export type OutboxEmailRow = Selectable<OutboxEmailsTable>
export type PeopleImportRow = Selectable<PeopleImportsTable>
export type AuditEventRow = Selectable<AuditEventsTable>
export type ThemeRow = Selectable<ThemesTable>
export type ProgramRow = Selectable<ProgramsTable>
export type EnrollmentRow = Selectable<EnrollmentsTable>
export type MatchingRunRow = Selectable<MatchingRunsTable>
export type MatchRow = Selectable<MatchesTable>
export type MatchMemberRow = Selectable<MatchMembersTable>
export type AgreementRow = Selectable<AgreementsTable>
export type AgreementAcceptanceRow = Selectable<AgreementAcceptancesTable>
export type GoalRow = Selectable<GoalsTable>
export type GoalMilestoneRow = Selectable<GoalMilestonesTable>
export type GoalUpdateRow = Selectable<GoalUpdatesTable>
export type PairRuleRow = Selectable<PairRulesTable>
export type NotificationRow = Selectable<NotificationsTable>
export type EmailPreferencesRow = Selectable<EmailPreferencesTable>
export type ExerciseRow = Selectable<ExercisesTable>
export type CoachingQuestionRow = Selectable<CoachingQuestionsTable>
export type CoachingSessionRow = Selectable<CoachingSessionsTable>
export type SessionNoteRow = Selectable<SessionNotesTable>
export type ReflectionRow = Selectable<ReflectionsTable>
export type ActionItemRow = Selectable<ActionItemsTable>
export type FeedbackRow = Selectable<FeedbackTable>
export type WellbeingCheckinRow = Selectable<WellbeingCheckinsTable>
export type SupportRequestRow = Selectable<SupportRequestsTable>
export type MatchSurveyRow = Selectable<MatchSurveysTable>
export type RepairRequestRow = Selectable<RepairRequestsTable>
export type WebhookEndpointRow = Selectable<WebhookEndpointsTable>
export type WebhookEventRow = Selectable<WebhookEventsTable>
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>
export type WebhookDeliveryAttemptRow = Selectable<WebhookDeliveryAttemptsTable>
