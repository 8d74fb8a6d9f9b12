import { describe, expect, test } from 'vitest'
import type { CoachingSessionStatus } from '#server/db/schema.ts'
import { assignRoles, balanceOf, firstRoles, nextRoles, type RoleSession } from './session-roles.ts'

const pair = [
  { personId: 'ana', role: 'peer' as const },
  { personId: 'ben', role: 'peer' as const },
]
const circle = ['ana', 'ben', 'cai', 'dee'].map((personId) => ({ personId, role: 'member' as const }))
const mentoring = [
  { personId: 'mia', role: 'mentor' as const },
  { personId: 'tom', role: 'mentee' as const },
]

const session = (
  id: string,
  status: CoachingSessionStatus,
  coachId: string | null = null,
  coacheeId: string | null = null,
): RoleSession => ({
  id,
  status,
  organizerId: 'ben',
  coachId,
  coacheeId,
})

describe('peer coaching alternates', () => {
  test('the organizer is coached first, then the roles swap every session', () => {
    expect(firstRoles('peer_coaching', pair, 'ben')).toEqual({ coachId: 'ana', coacheeId: 'ben' })
    expect(nextRoles('peer_coaching', pair, { coachId: 'ana', coacheeId: 'ben' })).toEqual({
      coachId: 'ben',
      coacheeId: 'ana',
    })
    const roles = assignRoles(
      'peer_coaching',
      pair,
      ['s1', 's2', 's3'].map((id) => session(id, 'scheduled')),
    )
    expect([...roles.values()].map((r) => r.coachId)).toEqual(['ana', 'ben', 'ana'])
  })

  test('cancelled sessions do not count; held and missed keep their roles', () => {
    const roles = assignRoles('peer_coaching', pair, [
      session('s1', 'held', 'ben', 'ana'),
      session('s2', 'cancelled', 'ana', 'ben'),
      session('s3', 'scheduled'),
      session('s4', 'missed', 'ana', 'ben'),
      session('s5', 'scheduled'),
    ])
    expect(roles.has('s1')).toBe(false)
    expect(roles.has('s2')).toBe(false)
    expect(roles.get('s3')).toEqual({ coachId: 'ana', coacheeId: 'ben' })
    expect(roles.get('s5')).toEqual({ coachId: 'ben', coacheeId: 'ana' })
  })
})

describe('coaching circles rotate the coachee', () => {
  test('each member is coached in turn; the one just coached leads the coaching next', () => {
    const roles = [
      ...assignRoles(
        'coaching_circle',
        circle,
        ['a', 'b', 'c', 'd', 'e'].map((id) => session(id, 'scheduled')),
      ).values(),
    ]
    expect(roles.map((r) => r.coacheeId)).toEqual(['ben', 'cai', 'dee', 'ana', 'ben'])
    expect(roles.map((r) => r.coachId)).toEqual(['cai', 'ben', 'cai', 'dee', 'ana'])
  })
})

describe('peer mentoring', () => {
  test('the mentor always coaches', () => {
    const roles = [
      ...assignRoles(
        'peer_mentoring',
        mentoring,
        ['a', 'b', 'c'].map((id) => session(id, 'scheduled')),
      ).values(),
    ]
    expect(roles).toEqual([1, 2, 3].map(() => ({ coachId: 'mia', coacheeId: 'tom' })))
  })
})

describe('balance', () => {
  test('counts held sessions per role, and scheduled ones apart', () => {
    const members = [
      { personId: 'ana', name: 'Ana' },
      { personId: 'ben', name: 'Ben' },
    ]
    const balance = balanceOf(members, [
      { status: 'held', coachId: 'ana', coacheeId: 'ben' },
      { status: 'held', coachId: 'ben', coacheeId: 'ana' },
      { status: 'held', coachId: 'ana', coacheeId: 'ben' },
      { status: 'missed', coachId: 'ben', coacheeId: 'ana' },
      { status: 'cancelled', coachId: 'ben', coacheeId: 'ana' },
      { status: 'scheduled', coachId: 'ben', coacheeId: 'ana' },
    ])
    expect(balance).toEqual([
      { personId: 'ana', name: 'Ana', coached: 2, coachee: 1, scheduledAsCoach: 0, scheduledAsCoachee: 1 },
      { personId: 'ben', name: 'Ben', coached: 1, coachee: 2, scheduledAsCoach: 1, scheduledAsCoachee: 0 },
    ])
  })
})
