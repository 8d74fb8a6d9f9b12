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

export interface OutboxEmailsTable {
  id: Generated<string>
  organization_id: string | null
  to_address: string
  subject: string
  text_body: string
  html_body: string | null
  transport: 'outbox' | 'smtp'
  error: string | null
  created_at: CreatedAt
  sent_at: NullableTimestamp
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

export interface AuditEventsTable {
  id: Generated<number>
  organization_id: string
  actor_id: string | null
  action: string
  target_type: string
  target_id: string | null
  details: ColumnType<Record<string, unknown>, string | undefined, string>
  created_at: CreatedAt
}

export interface Database {
  organizations: OrganizationsTable
  people: PeopleTable
  skills: SkillsTable
  auth_sessions: AuthSessionsTable
  email_tokens: EmailTokensTable
  sign_in_attempts: SignInAttemptsTable
  outbox_emails: OutboxEmailsTable
  people_imports: PeopleImportsTable
  audit_events: AuditEventsTable
}

export type OrganizationRow = Selectable<OrganizationsTable>
export type PersonRow = Selectable<PeopleTable>
export type NewPerson = Insertable<PeopleTable>
export type PersonUpdate = Updateable<PeopleTable>
export type SkillRow = Selectable<SkillsTable>
export type AuthSessionRow = Selectable<AuthSessionsTable>
export type EmailTokenRow = Selectable<EmailTokensTable>
export type OutboxEmailRow = Selectable<OutboxEmailsTable>
export type PeopleImportRow = Selectable<PeopleImportsTable>
export type AuditEventRow = Selectable<AuditEventsTable>
