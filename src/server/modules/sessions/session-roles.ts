import type { SessionBalance } from '#contracts/sessions.ts'
import type { CoachingSessionStatus, MatchMemberRole, ProgramType } from '#server/db/schema.ts'

// Who coaches whom: peer coaching alternates from one session to the next, coaching circles
// rotate the coachee through the members (the one just coached leads the coaching next), and in
// peer mentoring the mentor coaches. For a pair, rotation and alternation are the same rule.

export interface RoleMember {
  personId: string
  role: MatchMemberRole
}

export interface Roles {
  coachId: string | null
  coacheeId: string | null
}

export interface RoleSession extends Roles {
  id: string
  status: CoachingSessionStatus
  organizerId: string | null
}

function mentoringRoles(members: RoleMember[], organizerId: string | null): Roles {
  const mentor = members.find((m) => m.role === 'mentor')
  const mentees = members.filter((m) => m.role === 'mentee')
  const coachee = mentees.find((m) => m.personId === organizerId) ?? mentees[0]
  return { coachId: mentor?.personId ?? null, coacheeId: coachee?.personId ?? null }
}

/** The first session: the organizer brings their challenge (is coached), the next member coaches. */
export function firstRoles(programType: ProgramType, members: RoleMember[], organizerId: string | null): Roles {
  if (programType === 'peer_mentoring') return mentoringRoles(members, organizerId)
  if (members.length === 0) return { coachId: null, coacheeId: null }
  const index = Math.max(
    0,
    members.findIndex((m) => m.personId === organizerId),
  )
  return {
    coacheeId: members[index].personId,
    coachId: members.length > 1 ? members[(index + 1) % members.length].personId : null,
  }
}

/** The session after `previous`: the next member is coached, and the one just coached coaches. */
export function nextRoles(programType: ProgramType, members: RoleMember[], previous: Roles): Roles {
  if (programType === 'peer_mentoring') return mentoringRoles(members, previous.coacheeId)
  const index = members.findIndex((m) => m.personId === previous.coacheeId)
  if (index < 0 || members.length < 2) return firstRoles(programType, members, null)
  return {
    coacheeId: members[(index + 1) % members.length].personId,
    coachId: members[index].personId,
  }
}

/**
 * Roles for every session still scheduled, given all of a match's sessions in start order:
 * cancelled sessions do not count, held and missed ones keep the roles they had, and each
 * scheduled one follows the session before it.
 */
export function assignRoles(
  programType: ProgramType,
  members: RoleMember[],
  sessionsInOrder: RoleSession[],
): Map<string, Roles> {
  const assigned = new Map<string, Roles>()
  let previous: Roles | null = null
  for (const session of sessionsInOrder) {
    if (session.status === 'cancelled') continue
    if (session.status === 'scheduled') {
      const roles: Roles = previous
        ? nextRoles(programType, members, previous)
        : firstRoles(programType, members, session.organizerId)
      assigned.set(session.id, roles)
      previous = roles
    } else {
      previous = { coachId: session.coachId, coacheeId: session.coacheeId }
    }
  }
  return assigned
}

/** Give and take: held sessions each member coached and was coached in, and the scheduled ones. */
export function balanceOf(
  members: { personId: string; name: string }[],
  sessions: Pick<RoleSession, 'status' | 'coachId' | 'coacheeId'>[],
): SessionBalance[] {
  return members.map((member) => {
    const count = (status: CoachingSessionStatus, key: 'coachId' | 'coacheeId') =>
      sessions.filter((s) => s.status === status && s[key] === member.personId).length
    return {
      personId: member.personId,
      name: member.name,
      coached: count('held', 'coachId'),
      coachee: count('held', 'coacheeId'),
      scheduledAsCoach: count('scheduled', 'coachId'),
      scheduledAsCoachee: count('scheduled', 'coacheeId'),
    }
  })
}
