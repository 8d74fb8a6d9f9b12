import {
  type WebhookEnrollmentData,
  type WebhookEventType,
  type WebhookMatchData,
  type WebhookPersonData,
  type WebhookProgramStatusData,
  type WebhookSessionData,
  webhookDataSchemas,
} from '#contracts/webhooks.ts'

/** One event to emit: its type and its data, built by one of the builders below (through its schema). */
export interface WebhookEventInput {
  type: WebhookEventType
  data: Record<string, unknown>
}

// Each builder parses its data with the event's strict schema: a field a caller adds by mistake
// (a note, a reason) fails loudly in the caller's transaction instead of leaving in a payload.
const build = <T extends WebhookEventType>(type: T, data: unknown): WebhookEventInput => ({
  type,
  data: webhookDataSchemas[type].parse(data) as Record<string, unknown>,
})

/**
 * A person as the directory shows them (what HR sync needs): a row (snake_case, as repositories and
 * the import hold them) or the API's Person; the builder picks the public fields.
 */
export type PersonForWebhook =
  | {
      id: string
      name: string
      email: string
      role: string
      status: string
      // A newly invited person's row holds the columns' defaults (empty text, no manager).
      employee_id?: string | null
      title?: string
      department?: string
      location?: string
      manager_id?: string | null
      left_on?: string | null
    }
  | {
      id: string
      employeeId: string | null
      name: string
      email: string
      role: string
      status: string
      title: string
      department: string
      location: string
      managerId: string | null
      leftOn: string | null
    }

function personData(person: PersonForWebhook): WebhookPersonData {
  const common = {
    personId: person.id,
    name: person.name,
    email: person.email,
    role: person.role,
    status: person.status,
    title: person.title ?? '',
    department: person.department ?? '',
    location: person.location ?? '',
  }
  if ('employeeId' in person) {
    return { ...common, employeeId: person.employeeId, managerId: person.managerId, leftOn: person.leftOn }
  }
  return {
    ...common,
    employeeId: person.employee_id ?? null,
    managerId: person.manager_id ?? null,
    leftOn: person.left_on ?? null,
  }
}

/** A match with its members as the matching repository lists them (only who and in which role). */
export interface MatchForWebhook {
  matchId: string
  programId: string
  status: string
  members: ReadonlyArray<{ person_id: string; role: string }>
}

function matchData(match: MatchForWebhook): WebhookMatchData {
  return {
    matchId: match.matchId,
    programId: match.programId,
    status: match.status,
    members: match.members.map((member) => ({ personId: member.person_id, role: member.role })),
  }
}

export const webhookEvents = {
  personCreated: (person: PersonForWebhook) => build('person.created', personData(person)),
  personUpdated: (person: PersonForWebhook) => build('person.updated', personData(person)),
  personDeactivated: (person: PersonForWebhook) => build('person.deactivated', personData(person)),
  enrollmentCreated: (enrollment: WebhookEnrollmentData) => build('enrollment.created', enrollment),
  matchPublished: (match: MatchForWebhook) => build('match.published', matchData(match)),
  matchAccepted: (match: MatchForWebhook & { personId: string }) =>
    build('match.accepted', { ...matchData(match), personId: match.personId }),
  matchDeclined: (match: MatchForWebhook & { personId: string }) =>
    build('match.declined', { ...matchData(match), personId: match.personId }),
  matchCompleted: (match: MatchForWebhook) => build('match.completed', matchData(match)),
  sessionHeld: (session: Omit<WebhookSessionData, 'startsAt'> & { startsAt: Date }) =>
    build('session.held', { ...session, startsAt: session.startsAt.toISOString() }),
  programStatusChanged: (change: WebhookProgramStatusData) => build('program.status_changed', change),
}
