import { describe, expect, test } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import type { Feedback, MatchFeedback } from '#contracts/feedback.ts'
import { buildWorkspace, ids, organization } from '#web/test/builders.ts'
import { apiError, fakeApi } from '#web/test/fake-api.ts'
import { renderUi } from '#web/test/render.tsx'
import { FeedbackSection } from './feedback-section.tsx'

const sessionId = '00000000-0000-4000-8000-00000000fb01'
const due = {
  sessionId,
  sessionStartsAt: '2030-02-01T15:00:00.000Z',
  receiverId: ids.partner,
  receiverName: 'Grace Hopper',
}
const feedbackPath = `/api/matches/${ids.match}/feedback`
const givePath = `/api/sessions/${sessionId}/feedback`

function buildFeedback(overrides: Partial<Feedback> = {}): Feedback {
  return {
    id: '00000000-0000-4000-8000-00000000fb02',
    matchId: ids.match,
    sessionId,
    sessionStartsAt: due.sessionStartsAt,
    giverId: ids.viewer,
    giverName: 'Ada Lovelace',
    receiverId: ids.partner,
    receiverName: 'Grace Hopper',
    whatWorked: 'Your question about the deadline',
    tryNext: 'Let me finish my thought',
    situation: '',
    behaviour: '',
    impact: '',
    ratings: { listening: 4, questions: 5, helpfulness: 4 },
    flags: [],
    createdAt: '2030-02-01T16:00:00.000Z',
    ...overrides,
  }
}

function serve(feedback: MatchFeedback, give: unknown = buildFeedback()) {
  return fakeApi({
    'GET /api/organization': organization,
    [`GET ${feedbackPath}`]: feedback,
    [`POST ${givePath}`]: give,
  })
}

async function rateAll() {
  for (const legend of ['Listening', 'Questions', 'Helpfulness']) {
    await userEvent.click(page.getByRole('group', { name: legend }).getByRole('radio', { name: '4' }))
  }
}

const whatWorked = () => page.getByRole('textbox', { name: 'What worked' })
const tryNext = () => page.getByRole('textbox', { name: 'What to try next' })

describe('feedback after a session, with its wording check', () => {
  test('the required fields and ratings are asked for before any check', async () => {
    const api = serve({ received: [], given: [], due: [due] })
    await renderUi(<FeedbackSection matchId={ids.match} workspace={buildWorkspace()} />)
    await userEvent.click(page.getByRole('button', { name: 'Check wording' }))
    await expect.element(whatWorked()).toHaveAttribute('aria-invalid', 'true')
    await expect.element(tryNext()).toHaveAttribute('aria-invalid', 'true')
    await expect.element(page.getByText('Choose a rating from 1 to 5').first()).toBeVisible()
    expect(api.writes).toEqual([])
  })

  test('constructive wording passes the check and is sent for the chosen session', async () => {
    const api = serve({ received: [], given: [], due: [due] })
    await renderUi(<FeedbackSection matchId={ids.match} workspace={buildWorkspace()} />)
    await userEvent.fill(whatWorked(), 'Your question about the deadline')
    await userEvent.fill(tryNext(), 'Let me finish my thought')
    await rateAll()
    await userEvent.click(page.getByRole('button', { name: 'Check wording' }))
    await expect.element(page.getByText('The wording looks constructive. You can send it.')).toBeVisible()
    expect(api.writes).toEqual([])

    api.on(`GET ${feedbackPath}`, { received: [], given: [buildFeedback()], due: [] })
    await userEvent.click(page.getByRole('button', { name: 'Send feedback' }))
    await expect.element(page.getByText('Your feedback for Grace Hopper is sent.')).toBeInTheDocument()
    expect(api.callsTo(`POST ${givePath}`).map((call) => call.body)).toEqual([
      {
        whatWorked: 'Your question about the deadline',
        tryNext: 'Let me finish my thought',
        situation: '',
        behaviour: '',
        impact: '',
        receiverId: ids.partner,
        ratings: { listening: 4, questions: 4, helpfulness: 4 },
        acknowledgeFlags: false,
      },
    ])
    await expect.element(page.getByText('No session is waiting for your feedback.', { exact: false })).toBeVisible()
    await expect.element(page.getByText('Feedback you gave (1)')).toBeVisible()
  })

  test('an absolute about the person is flagged beside its field; editing asks for a new check; send anyway acknowledges', async () => {
    const api = serve({ received: [], given: [], due: [due] })
    await renderUi(<FeedbackSection matchId={ids.match} workspace={buildWorkspace()} />)
    await userEvent.fill(whatWorked(), 'You never ask follow-up questions')
    await userEvent.fill(tryNext(), 'Let me finish my thought')
    await rateAll()
    await userEvent.click(page.getByRole('button', { name: 'Check wording' }))

    await expect.element(page.getByText('The check found 2 things to reconsider')).toBeVisible()
    const flags = page.getByRole('list', { name: 'Wording to reconsider' })
    await expect.element(flags.getByText('Absolute: “never”')).toBeVisible()
    // An insult, even disguised, is named as hurtful beside its field.
    await userEvent.fill(tryNext(), 'That plan was st*pid')
    await userEvent.click(page.getByRole('button', { name: 'Check wording' }))
    await expect.element(flags.getByText('Hurtful: “st*pid”')).toBeVisible()
    await userEvent.fill(tryNext(), 'Let me finish my thought')
    await userEvent.click(page.getByRole('button', { name: 'Check wording' }))
    await expect.element(page.getByText('The check found 2 things to reconsider')).toBeVisible()
    // The suggestion is read out with the field.
    expect(whatWorked().element().getAttribute('aria-describedby')).toContain('feedback-whatWorked-flags')

    // Any edit clears the verdict: the wording must be checked again.
    await userEvent.type(whatWorked(), '!')
    await expect.element(flags).not.toBeInTheDocument()
    await expect.element(page.getByRole('button', { name: 'Check wording' })).toBeVisible()
    await userEvent.click(page.getByRole('button', { name: 'Check wording' }))
    await userEvent.click(page.getByRole('button', { name: 'Send anyway' }))
    await expect.poll(() => api.callsTo(`POST ${givePath}`).length).toBe(1)
    expect(api.callsTo(`POST ${givePath}`)[0].body).toMatchObject({
      whatWorked: 'You never ask follow-up questions!',
      acknowledgeFlags: true,
    })
  })

  test("the server's refusal of unconstructive wording is shown and the flags come back", async () => {
    serve(
      { received: [], given: [], due: [due] },
      apiError(422, 'feedback_not_constructive', 'Reconsider the flagged wording, or send it anyway.'),
    )
    await renderUi(<FeedbackSection matchId={ids.match} workspace={buildWorkspace()} />)
    await userEvent.fill(whatWorked(), 'Your question about the deadline')
    await userEvent.fill(tryNext(), 'Let me finish my thought')
    await rateAll()
    await userEvent.click(page.getByRole('button', { name: 'Check wording' }))
    await userEvent.click(page.getByRole('button', { name: 'Send feedback' }))
    await expect.element(page.getByText('Reconsider the flagged wording, or send it anyway.')).toBeVisible()
  })

  test('feedback received is listed with its ratings', async () => {
    serve({
      received: [buildFeedback({ giverName: 'Grace Hopper', receiverId: ids.viewer, receiverName: 'Ada Lovelace' })],
      given: [],
      due: [],
    })
    await renderUi(<FeedbackSection matchId={ids.match} workspace={buildWorkspace()} />)
    const received = page.getByRole('region', { name: 'Feedback you received' })
    await expect.element(received.getByText('From Grace Hopper')).toBeVisible()
    await expect.element(received.getByText('Your question about the deadline')).toBeVisible()
    await expect.element(received.getByText('5 out of 5')).toBeVisible()
    await expect.element(page.getByRole('button', { name: 'Check wording' })).not.toBeInTheDocument()
  })
})
