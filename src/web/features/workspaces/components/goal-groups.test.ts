import { describe, expect, it } from 'vitest'
import type { Goal, Workspace } from '#contracts/workspaces.ts'
import { goalGroups, milestoneSummary, parseProgress } from './goal-groups.ts'

const ana = '00000000-0000-4000-8000-000000000001'
const ben = '00000000-0000-4000-8000-000000000002'
const charles = '00000000-0000-4000-8000-000000000003'

function goal(id: string, ownerId: string, overrides: Partial<Goal> = {}): Goal {
  return {
    id,
    matchId: '00000000-0000-4000-8000-0000000000aa',
    ownerId,
    isMine: ownerId === ana,
    title: `Goal ${id}`,
    measure: 'Count',
    target: '3',
    dueOn: '2027-01-31',
    status: 'active',
    progress: 0,
    createdAt: '2026-11-20T09:00:00.000Z',
    updatedAt: '2026-11-20T09:00:00.000Z',
    milestones: [],
    latestUpdates: [],
    ...overrides,
  }
}

function workspace(type: Workspace['program']['type'], goals: Goal[], myRole: Workspace['myRole'] = 'peer'): Workspace {
  const partnerRole = myRole === 'mentor' ? 'mentee' : myRole === 'mentee' ? 'mentor' : myRole
  return {
    match: { id: '00000000-0000-4000-8000-0000000000aa', status: 'active', publishedAt: null },
    myRole,
    partners: [
      { personId: ben, name: 'Ben Ortiz', title: '', department: '', timeZone: 'UTC', role: partnerRole },
      ...(type === 'coaching_circle'
        ? [{ personId: charles, name: 'Charles', title: '', department: '', timeZone: 'UTC', role: 'member' as const }]
        : []),
    ],
    program: { id: '00000000-0000-4000-8000-0000000000bb', name: 'P', type, confidentialityTerms: '' },
    agreement: null,
    canOwnGoals: type !== 'peer_mentoring' || myRole === 'mentee',
    goals,
  }
}

describe('goalGroups', () => {
  it('groups goals by member, mine first, active goals before achieved and dropped, then by due date', () => {
    const groups = goalGroups(
      workspace('peer_coaching', [
        goal('b1', ben),
        goal('a1', ana, { status: 'achieved' }),
        goal('a2', ana, { dueOn: '2027-03-01' }),
        goal('a3', ana, { dueOn: '2027-02-01' }),
      ]),
      ana,
    )
    expect(groups.map((group) => [group.title, group.goals.map((item) => item.id)])).toEqual([
      ['Your goals', ['a3', 'a2', 'a1']],
      ["Ben Ortiz's goals", ['b1']],
    ])
    expect(groups.every((group) => group.canOwnGoals)).toBe(true)
  })

  it('in mentoring shows the mentor no group of their own, only the mentee’s goals', () => {
    const groups = goalGroups(workspace('peer_mentoring', [goal('b1', ben)], 'mentor'), ana)
    expect(groups.map((group) => group.title)).toEqual(["Ben Ortiz's goals"])
  })

  it('in mentoring gives the mentee their group even when empty', () => {
    const groups = goalGroups(workspace('peer_mentoring', [], 'mentee'), ana)
    expect(groups.map((group) => [group.title, group.canOwnGoals])).toEqual([['Your goals', true]])
  })

  it('lists every circle member', () => {
    const groups = goalGroups(workspace('coaching_circle', []), ana)
    expect(groups.map((group) => group.title)).toEqual(['Your goals', "Ben Ortiz's goals", "Charles' goals"])
  })
})

describe('milestoneSummary and parseProgress', () => {
  it('counts done milestones', () => {
    const withMilestones = goal('a1', ana, {
      milestones: [
        { id: '00000000-0000-4000-8000-0000000000c1', title: 'One', dueOn: null, doneAt: '2026-11-21T09:00:00.000Z' },
        { id: '00000000-0000-4000-8000-0000000000c2', title: 'Two', dueOn: null, doneAt: null },
      ],
    })
    expect(milestoneSummary(withMilestones)).toBe('1 of 2 milestones done')
  })

  it('turns a typed progress into a whole percent between 0 and 100', () => {
    expect(parseProgress('40')).toBe(40)
    expect(parseProgress('40.6')).toBe(41)
    expect(parseProgress('140')).toBe(100)
    expect(parseProgress('-3')).toBe(0)
    expect(parseProgress('')).toBeNull()
    expect(parseProgress('abc')).toBeNull()
  })
})
