import { describe, expect, test, vi } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import type { SessionList, SessionSuggestions } from '#contracts/sessions.ts'
import { buildWorkspace, ids } from '#web/test/builders.ts'
import { apiError, fakeApi } from '#web/test/fake-api.ts'
import { renderUi } from '#web/test/render.tsx'
import { ScheduleForm } from './schedule-form.tsx'

const sessionsPath = `/api/matches/${ids.match}/sessions`

const list: SessionList = {
  upcoming: [],
  past: [],
  balance: [],
  nextRoles: { coachId: null, coacheeId: null },
  cadenceDays: 14,
  canSchedule: true,
  myTimeZone: 'Europe/London',
}

const suggestions: SessionSuggestions = {
  durationMinutes: 45,
  slots: [
    {
      startsAt: '2030-03-04T14:00:00.000Z',
      endsAt: '2030-03-04T14:45:00.000Z',
      localTimes: [
        {
          personId: ids.viewer,
          name: 'Ada Lovelace',
          timeZone: 'Europe/London',
          start: '2030-03-04T14:00',
          end: '2030-03-04T14:45',
          utcOffset: '+00:00',
          inWorkingHours: true,
        },
        {
          personId: ids.partner,
          name: 'Grace Hopper',
          timeZone: 'America/New_York',
          start: '2030-03-04T09:00',
          end: '2030-03-04T09:45',
          utcOffset: '-05:00',
          inWorkingHours: true,
        },
      ],
    },
  ],
}

function serve(created: unknown = { sessions: [] }) {
  return fakeApi({
    [`GET /api/matches/${ids.match}/session-suggestions`]: suggestions,
    'GET /api/exercises': { exercises: [] },
    [`POST ${sessionsPath}`]: created,
  })
}

async function renderForm(onScheduled = vi.fn()) {
  const workspace = buildWorkspace()
  await renderUi(
    <ScheduleForm
      matchId={ids.match}
      workspace={workspace}
      list={list}
      onCancel={() => {}}
      onScheduled={onScheduled}
    />,
  )
  return onScheduled
}

const schedule = () => page.getByRole('button', { name: 'Schedule session' })

describe('scheduling a session', () => {
  test('a date and a start time are required', async () => {
    const api = serve()
    await renderForm()
    await userEvent.click(schedule())
    await expect.element(page.getByText('Choose a date')).toBeVisible()
    await expect.element(page.getByText('Choose a start time')).toBeVisible()
    expect(api.writes).toEqual([])
  })

  test("a suggested time shows each partner's local time, fills the form and is sent as a series in my zone", async () => {
    const api = serve()
    const onScheduled = await renderForm()
    const suggestion = page.getByRole('button', { name: /\(Grace Hopper 9:00\sAM\)/ })
    await expect.element(suggestion).toBeVisible()
    expect(api.callsTo(`GET /api/matches/${ids.match}/session-suggestions`)[0].query.get('durationMinutes')).toBe('45')
    await userEvent.click(suggestion)
    await userEvent.fill(page.getByRole('textbox', { name: /Place/ }), 'Room 4.12')
    await userEvent.fill(page.getByRole('textbox', { name: /Agenda/ }), 'Role play the budget talk')
    await userEvent.selectOptions(page.getByRole('combobox', { name: 'Number of sessions' }), '3')
    await userEvent.click(schedule())

    await expect.poll(() => onScheduled.mock.calls.length).toBe(1)
    expect(api.callsTo(`POST ${sessionsPath}`)[0].body).toEqual({
      startsAtLocal: '2030-03-04T14:00',
      timeZone: 'Europe/London',
      durationMinutes: 45,
      location: 'Room 4.12',
      focus: '',
      exerciseIds: [],
      agenda: 'Role play the budget talk',
      repeat: { count: 3 },
    })
  })

  test('a time someone is already booked at is refused under the start time', async () => {
    serve(apiError(409, 'session_overlaps', 'Grace Hopper has another session then'))
    const onScheduled = await renderForm()
    await userEvent.click(page.getByRole('button', { name: /\(Grace Hopper 9:00\sAM\)/ }))
    await userEvent.click(schedule())
    await expect.element(page.getByText('Grace Hopper has another session then')).toBeVisible()
    expect(onScheduled).not.toHaveBeenCalled()
  })

  test('an address that is not https is refused before sending', async () => {
    const api = serve()
    await renderForm()
    await userEvent.click(page.getByRole('button', { name: /\(Grace Hopper 9:00\sAM\)/ }))
    await userEvent.fill(page.getByRole('textbox', { name: /Video link/ }), 'http://meet.example.com/abc')
    await userEvent.click(schedule())
    await expect.element(page.getByRole('textbox', { name: /Video link/ })).toHaveAttribute('aria-invalid', 'true')
    expect(api.writes).toEqual([])
  })
})
