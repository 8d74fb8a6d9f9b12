import { describe, expect, test } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import type { Goal } from '#contracts/workspaces.ts'
import { apiError, fakeApi } from '#web/test/fake-api.ts'
import { renderUi } from '#web/test/render.tsx'
import { GoalCard } from './goal-card.tsx'

const goalId = '00000000-0000-4000-8000-00000000901a'
const milestoneId = '00000000-0000-4000-8000-00000000901b'

function buildGoal(overrides: Partial<Goal> = {}): Goal {
  return {
    id: goalId,
    matchId: '00000000-0000-4000-8000-0000000090aa',
    ownerId: '00000000-0000-4000-8000-000000000001',
    isMine: true,
    title: 'Give a conference talk',
    measure: 'A talk accepted and given',
    target: 'One talk',
    dueOn: '2030-06-30',
    status: 'active',
    progress: 40,
    createdAt: '2030-01-01T10:00:00.000Z',
    updatedAt: '2030-01-02T10:00:00.000Z',
    milestones: [{ id: milestoneId, title: 'Write the abstract', dueOn: null, doneAt: null }],
    latestUpdates: [
      {
        id: '00000000-0000-4000-8000-00000000901c',
        authorId: '00000000-0000-4000-8000-000000000002',
        authorName: 'Grace Hopper',
        kind: 'comment',
        body: 'Try a lightning talk first.',
        progress: null,
        createdAt: '2030-01-02T10:00:00.000Z',
      },
    ],
    ...overrides,
  }
}

const goalPath = `/api/goals/${goalId}`

describe('goal card', () => {
  test("the owner sees progress, milestones and the partner's comment, and posts progress with a note", async () => {
    const api = fakeApi({ [`POST ${goalPath}/updates`]: buildGoal({ progress: 60 }) })
    await renderUi(<GoalCard goal={buildGoal()} />)

    await expect.element(page.getByRole('heading', { name: 'Give a conference talk' })).toBeVisible()
    await expect
      .element(page.getByRole('progressbar', { name: 'Progress: 40%' }))
      .toHaveAttribute('aria-valuenow', '40')
    await expect.element(page.getByText('Grace Hopper commented')).toBeVisible()
    await expect.element(page.getByText('Try a lightning talk first.')).toBeVisible()

    // Every form is folded until used: one button each.
    await expect.element(page.getByRole('form')).not.toBeInTheDocument()
    const update = page.getByRole('button', { name: 'Update progress' })
    await expect.element(update).toHaveAttribute('aria-expanded', 'false')
    await userEvent.click(update)
    await expect.element(page.getByRole('slider', { name: 'Progress slider' })).toHaveFocus()

    const progress = page.getByRole('spinbutton', { name: 'Progress (%)' })
    await userEvent.clear(progress)
    await userEvent.click(page.getByRole('button', { name: 'Post progress' }))
    await expect.element(page.getByText('Progress is a number from 0 to 100')).toBeVisible()
    expect(api.writes).toEqual([])

    await userEvent.fill(progress, '60')
    await userEvent.fill(page.getByRole('textbox', { name: /What moved/ }), '  Abstract drafted  ')
    await userEvent.click(page.getByRole('button', { name: 'Post progress' }))
    // Posted: the form folds and the focus is back on its button.
    await expect.element(page.getByRole('button', { name: 'Update progress' })).toHaveFocus()
    await expect.element(page.getByRole('textbox', { name: /What moved/ })).not.toBeInTheDocument()
    expect(api.callsTo(`POST ${goalPath}/updates`).map((call) => call.body)).toEqual([
      { kind: 'progress', progress: 60, body: 'Abstract drafted' },
    ])
  })

  test('ticking a milestone shows at once and is put back when the server refuses', async () => {
    const api = fakeApi({
      [`PATCH ${goalPath}/milestones/${milestoneId}`]: apiError(409, 'goal_closed', 'This goal is closed'),
    })
    await renderUi(<GoalCard goal={buildGoal()} />)
    const milestone = page.getByRole('checkbox', { name: 'Write the abstract' })
    await expect.element(milestone).not.toBeChecked()
    await userEvent.click(milestone)
    await expect.element(page.getByText('This goal is closed')).toBeVisible()
    await expect.element(milestone).not.toBeChecked()
    expect(api.callsTo(`PATCH ${goalPath}/milestones/${milestoneId}`)[0].body).toEqual({ isDone: true })
  })

  test('a milestone needs a name; a named one is sent with its date', async () => {
    const api = fakeApi({ [`POST ${goalPath}/milestones`]: buildGoal() })
    await renderUi(<GoalCard goal={buildGoal()} />)
    await userEvent.click(page.getByRole('button', { name: 'Add a milestone' }))
    await expect.element(page.getByRole('textbox', { name: 'New milestone' })).toHaveFocus()
    await userEvent.click(page.getByRole('button', { name: 'Add milestone' }))
    await expect.element(page.getByText('Name the milestone')).toBeVisible()
    expect(api.writes).toEqual([])

    await userEvent.fill(page.getByRole('textbox', { name: 'New milestone' }), 'Submit to the call for papers')
    await userEvent.fill(page.getByLabelText(/^By/), '2030-03-01')
    await userEvent.click(page.getByRole('button', { name: 'Add milestone' }))
    // Added: the form stays open, emptied, for the next step; Close folds it.
    await expect.element(page.getByRole('textbox', { name: 'New milestone' })).toHaveValue('')
    expect(api.callsTo(`POST ${goalPath}/milestones`)[0].body).toEqual({
      title: 'Submit to the call for papers',
      dueOn: '2030-03-01',
    })
    await userEvent.click(page.getByRole('button', { name: 'Close' }))
    await expect.element(page.getByRole('button', { name: 'Add a milestone' })).toHaveFocus()
  })

  test("a partner's goal: no owner actions, ticks shown as text, and a comment", async () => {
    const api = fakeApi({ [`POST ${goalPath}/updates`]: buildGoal() })
    await renderUi(<GoalCard goal={buildGoal({ isMine: false })} />)
    await expect.element(page.getByText(/Write the abstract/)).toHaveTextContent('○ Write the abstract · open')
    await expect.element(page.getByRole('checkbox')).not.toBeInTheDocument()
    await expect.element(page.getByRole('button', { name: 'Post progress' })).not.toBeInTheDocument()
    await expect.element(page.getByRole('button', { name: 'Mark achieved' })).not.toBeInTheDocument()

    await expect.element(page.getByRole('button', { name: 'Add a milestone' })).not.toBeInTheDocument()
    await userEvent.click(page.getByRole('button', { name: 'Comment', exact: true }))
    await userEvent.click(page.getByRole('button', { name: 'Post comment' }))
    await expect.element(page.getByText('Write a comment')).toBeVisible()
    await userEvent.fill(page.getByRole('textbox', { name: 'Comment on this goal' }), 'Proud of you')
    await userEvent.click(page.getByRole('button', { name: 'Post comment' }))
    await expect.element(page.getByRole('button', { name: 'Comment', exact: true })).toHaveFocus()
    await expect.element(page.getByRole('textbox', { name: 'Comment on this goal' })).not.toBeInTheDocument()
    expect(api.callsTo(`POST ${goalPath}/updates`)[0].body).toEqual({ kind: 'comment', body: 'Proud of you' })
  })

  test('the owner marks the goal achieved', async () => {
    const api = fakeApi({ [`PATCH ${goalPath}`]: buildGoal({ status: 'achieved' }) })
    await renderUi(<GoalCard goal={buildGoal()} />)
    await userEvent.click(page.getByRole('button', { name: 'Mark achieved' }))
    await expect.poll(() => api.writes).toEqual([`PATCH ${goalPath}`])
    expect(api.calls.at(-1)?.body).toEqual({ status: 'achieved' })
  })
})
