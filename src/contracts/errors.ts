import { z } from 'zod'

/** Every error code the API answers, with its HTTP status. The web acts on the code, never the message. */
export const errorStatus = {
  validation_failed: 400,
  bad_request: 400,
  /** The body is not the JSON (or the length) it claims to be. */
  malformed_body: 400,
  csv_invalid: 400,
  payload_too_large: 413,
  /** A path segment longer than any id Tandem hands out. */
  uri_too_long: 414,
  /** A content type the route does not read (JSON, and text/csv for the people import). */
  unsupported_media_type: 415,
  /** A value the database cannot hold (out of range, not representable) that slipped past the contract. */
  invalid_data: 422,
  unauthenticated: 401,
  invalid_credentials: 401,
  csrf_invalid: 403,
  forbidden: 403,
  account_deactivated: 403,
  not_found: 404,
  route_not_found: 404,
  conflict: 409,
  concurrent_change: 409,
  already_set_up: 409,
  email_taken: 409,
  employee_id_taken: 409,
  import_already_applied: 409,
  import_has_errors: 422,
  skill_taken: 409,
  skill_in_use: 409,
  last_admin: 409,
  self_deactivation: 409,
  self_sign_in_reset: 409,
  person_not_active: 409,
  invalid_manager: 422,
  reporting_cycle: 422,
  unknown_skill: 422,
  token_invalid: 410,
  invitation_not_pending: 409,
  /** The person was sent an invitation moments ago (by this admin or another): no second email; Retry-After says when. */
  invitation_recently_sent: 429,
  theme_taken: 409,
  invalid_transition: 409,
  program_archived: 409,
  program_type_locked: 409,
  next_cycle_exists: 409,
  not_eligible: 403,
  enrollment_closed: 409,
  enrollment_removed: 409,
  already_matched: 409,
  constraint_violated: 422,
  matching_run_in_progress: 409,
  matching_not_allowed: 409,
  match_not_editable: 409,
  match_response_closed: 409,
  nothing_to_match: 422,
  mentee_owns_goals: 403,
  not_goal_owner: 403,
  no_agreement: 409,
  agreement_changed: 409,
  exercise_built_in: 409,
  exercise_taken: 409,
  coaching_question_built_in: 409,
  // wellbeing, fit and exits (issue #5 points 8 and 9)
  already_checked_in: 409,
  checkin_session_cancelled: 409,
  support_consent_required: 422,
  // a person enrolled by someone else enters no match before accepting the program's terms (issue #15)
  terms_not_accepted: 403,
  fit_too_early: 409,
  survey_already_answered: 409,
  repair_request_open: 409,
  repair_request_closed: 409,
  match_not_active: 409,
  nudge_already_sent: 409,
  program_not_running: 409,
  closing_survey_not_open: 409,
  // notes and feedback (shared notes, reflections, action items, feedback)
  not_note_author: 403,
  not_action_item_creator: 403,
  not_match_member: 422,
  session_not_in_match: 422,
  feedback_not_open: 409,
  feedback_already_given: 409,
  feedback_not_constructive: 422,
  // sessions (issue #5 point 4)
  match_read_only: 409,
  nonexistent_local_time: 422,
  unknown_exercise: 422,
  session_not_scheduled: 409,
  session_not_started: 409,
  session_cancelled: 409,
  /** A member of the match already has a session at that time (in this match or another). */
  session_overlaps: 409,
  mail_delivery_failed: 502,
  // jobs (issue #6 point 5: the admin's view of background jobs)
  job_not_retryable: 409,
  // data rights (issue #11 point 4)
  erase_name_mismatch: 422,
  self_erasure: 409,
  person_erased: 409,
  // single sign-on (issue #15 point 2)
  /** The organization requires single sign-on: passwords are refused (except for its break-glass admin). */
  sso_required: 403,
  /** The break-glass admin is missing while SSO is required, or is not an active admin. */
  break_glass_invalid: 422,
  /** The issuer's discovery document could not be read or is not OpenID Connect. */
  oidc_discovery_failed: 422,
  /** The SAML identity provider's certificate or metadata could not be read. */
  saml_certificate_invalid: 422,
  saml_metadata_invalid: 422,
  // multi-factor sign-in (issue #15 point 4, decision 040)
  /** The code of the authenticator app (or the recovery code) is wrong, or was used already. */
  invalid_mfa_code: 401,
  /** The pending sign-in between password and code has ended (expired, used, too many wrong codes). */
  mfa_pending_expired: 401,
  /** The organization requires two-step sign-in of this person: only setting it up is allowed until then. */
  mfa_enrollment_required: 403,
  /** An API token (Bearer) on a route no token may use (decision 043). */
  api_token_not_allowed: 403,
  /** An API token (Bearer) without the scope the route needs. */
  insufficient_scope: 403,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
  /** The database cannot be reached (an outage, a dropped connection) or did not answer in time: retry after Retry-After seconds. */
  database_unavailable: 503,
} as const

export type ErrorCode = keyof typeof errorStatus

export const ErrorDetailSchema = z.object({ path: z.string(), message: z.string() })
export type ErrorDetail = z.infer<typeof ErrorDetailSchema>

export const ErrorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(ErrorDetailSchema),
  }),
})
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>
