import { describe, expect, test } from 'vitest'
import type { MatchFeedback } from '#contracts/feedback.ts'
import type { ActionItem } from '#contracts/notes.ts'
import type { Session, SessionList } from '#contracts/sessions.ts'
import type { Goal, Workspace } from '#contracts/workspaces.ts'
import { spanLabel } from './session-words.ts'
import { actionItemsLine, feedbackLine, goalsLine, nextSessionLine } from './workspace-summary-words.ts'

const me = '00000000-0000-4000-8000-000000000001'
const ben = '00000000-0000-4000-8000-000000000002'

const workspace = {
  partners: [{ personId: ben, name: 'Ben Ortiz', title: '', department: '', timeZone: 'UTC', role: 'peer' }],
  goals: [] as Goal[],
} as unknown as Workspace

function session(coachId: string | null, coacheeId: string | null): Session {
  return {
    startsAt: '2027-03-10T19:30:00.000Z',
    coachId,
    coacheeId,
    localTimes: [
      { personId: ben, start: '2027-03-10T19:30', end: '2027-03-10T20:15' },
      { personId: me, start: '2027-03-10T20:30', end: '2027-03-10T21:15' },
    ],
  } as unknown as Session
}

const list = (upcoming: Session[]) => ({ upcoming }) as unknown as SessionList

describe('the workspace at a glance', () => {
  test('the next session in my own time, with who coaches whom', () => {
    expect(nextSessionLine(list([session(me, ben)]), me, workspace)).toBe(
      `${spanLabel({ start: '2027-03-10T20:30', end: '2027-03-10T21:15' })} · You coach Ben Ortiz`,
    )
    expect(nextSessionLine(list([session(ben, me)]), me, workspace)).toBe(
      `${spanLabel({ start: '2027-03-10T20:30', end: '2027-03-10T21:15' })} · Ben Ortiz coaches you`,
    )
    // A circle's session without roles says only when.
    expect(nextSessionLine(list([session(null, null)]), me, workspace)).toBe(
      spanLabel({ start: '2027-03-10T20:30', end: '2027-03-10T21:15' }),
    )
    expect(nextSessionLine(list([]), me, workspace)).toBeNull()
  })

  test('open action items, and how many are mine', () => {
    const item = (ownerId: string, doneAt: string | null) => ({ ownerId, doneAt }) as ActionItem
    expect(actionItemsLine([], me)).toBe('None yet')
    expect(actionItemsLine([item(me, '2027-01-01T00:00:00.000Z'), item(ben, '2027-01-01T00:00:00.000Z')], me)).toBe(
      'None open: all 2 done',
    )
    expect(actionItemsLine([item(me, null), item(ben, null), item(ben, null)], me)).toBe('3 open, 1 of them yours')
    expect(actionItemsLine([item(ben, null)], me)).toBe('1 open, none of them yours')
  })

  test('the latest feedback received, and the feedback I still owe', () => {
    const feedback = (received: { giverName: string | null; createdAt: string }[], due: number) =>
      ({ received, given: [], due: Array.from({ length: due }, () => ({})) }) as unknown as MatchFeedback
    expect(feedbackLine(feedback([], 0))).toEqual({ received: 'None received yet', due: null })
    expect(
      feedbackLine(
        feedback(
          [
            { giverName: 'Ben Ortiz', createdAt: '2027-01-01T00:00:00.000Z' },
            { giverName: null, createdAt: '2027-02-01T00:00:00.000Z' },
          ],
          2,
        ),
      ),
    ).toEqual({ received: 'From a former member', due: 'You still owe feedback for 2 sessions' })
    expect(feedbackLine(feedback([], 1)).due).toBe('You still owe feedback for 1 session')
  })

  test('goals by status', () => {
    const goals = (statuses: Goal['status'][]) =>
      ({ ...workspace, goals: statuses.map((status) => ({ status })) }) as Workspace
    expect(goalsLine(goals([]))).toBe('No goals yet')
    expect(goalsLine(goals(['active', 'active', 'dropped']))).toBe('2 active')
    expect(goalsLine(goals(['active', 'achieved']))).toBe('1 active, 1 achieved')
  })
})
