import type { Browser } from '@playwright/test'
import { e2eNow } from './clock.ts'
import { type DemoPerson, seedDemoOrganization } from './demo-organization.ts'
import { expect, expectNoAxeViolations, test, workspaceSection } from './fixtures.ts'
import { dayFromToday, expectStatus, publishPeerMatch, signedInApi, signInAs } from './peer-match.ts'

// Issue #5 points 6 and 7 in the browser: shared notes (the partner reads, only the author edits),
// a private reflection the partner never sees, an action item ticked off by the partner, and
// feedback whose wording check flags "you never listen" before the author rephrases; axe on each state.

const programName = 'Peer coaching: notes and feedback'

/** A published peer match, and a session of it that started two hours ago and was held. */
async function matchWithHeldSession(baseURL: string, manager: DemoPerson, peers: [DemoPerson, DemoPerson]) {
  const { matchId } = await publishPeerMatch(baseURL, manager, peers, programName)
  const organizer = await signedInApi(baseURL, peers[0])
  const started = new Date(e2eNow() - 2 * 3_600_000).toISOString().slice(0, 16)
  const created = await expectStatus<{ sessions: { id: string }[] }>(
    await organizer.api.post(`/api/matches/${matchId}/sessions`, {
      headers: organizer.headers,
      data: { startsAtLocal: started, timeZone: 'UTC', durationMinutes: 45 },
    }),
    201,
    'schedule a session',
  )
  const sessionId = created.sessions[0].id
  await expectStatus(
    await organizer.api.post(`/api/sessions/${sessionId}/status`, {
      headers: organizer.headers,
      data: { status: 'held' },
    }),
    200,
    'mark held',
  )
  await organizer.api.dispose()
  return { matchId, sessionId }
}

async function openWorkspace(browser: Browser, baseURL: string, person: DemoPerson, matchId: string) {
  const { context, page } = await signInAs(browser, baseURL, person)
  await page.goto(`/matches/${matchId}`)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  return { context, page }
}

const section = workspaceSection

test('notes, a private reflection, an action item and constructive feedback', async ({ browser, tandemUrl }) => {
  test.setTimeout(240_000)
  const demo = await seedDemoOrganization(tandemUrl)
  const arjun = demo.person('Arjun Mehta')
  const max = demo.person('Maximilian Braun')
  const { matchId } = await matchWithHeldSession(tandemUrl, demo.person('Samuel Adeyemi'), [arjun, max])
  const a = await openWorkspace(browser, tandemUrl, arjun, matchId)
  const m = await openWorkspace(browser, tandemUrl, max, matchId)
  try {
    await test.step('Arjun writes a shared note and edits it; Max reads it but cannot edit it', async () => {
      const notes = await section(a.page, 'Shared notes')
      await expect(notes.getByText('No notes yet.', { exact: false })).toBeVisible()
      await expectNoAxeViolations(a.page)
      await notes.getByLabel('New shared note').fill('We practised the escalation call twice.')
      await notes.getByRole('button', { name: 'Add note' }).click()
      await expect(notes.getByText('Your note is added.')).toBeVisible()
      await notes.getByRole('button', { name: /^Edit your note of / }).click()
      await notes.getByLabel('Edit note').fill('We practised the escalation call three times.')
      await expectNoAxeViolations(a.page)
      await notes.getByRole('button', { name: 'Save note' }).click()
      await expect(notes.getByText('We practised the escalation call three times.')).toBeVisible()

      const maxNotes = await section(m.page, 'Shared notes')
      await m.page.reload()
      await expect(maxNotes.getByText('We practised the escalation call three times.')).toBeVisible()
      await expect(maxNotes.getByRole('button', { name: /^Edit your note/ })).toHaveCount(0)
    })

    await test.step('Arjun writes a private reflection; Max never sees it', async () => {
      const reflections = await section(a.page, 'Private reflections')
      await expect(reflections.getByText('Only you can see this').first()).toBeVisible()
      await reflections.getByLabel('New private reflection').fill('I still jump to solutions when I feel rushed.')
      await reflections.getByRole('button', { name: 'Save reflection' }).click()
      await expect(reflections.getByText('I still jump to solutions when I feel rushed.')).toBeVisible()
      await expectNoAxeViolations(a.page)
      await m.page.reload()
      await expect((await section(m.page, 'Private reflections')).getByText('No reflections yet.')).toBeVisible()
      await expect(m.page.getByText('I still jump to solutions')).toHaveCount(0)
    })

    await test.step('Arjun adds an action item for Max; Max ticks it off', async () => {
      const items = await section(a.page, 'Action items')
      await items.getByLabel('Action item', { exact: true }).fill('Try the five-whys question in planning')
      await items.getByLabel('Owner').selectOption({ label: max.name })
      await items.getByLabel('Due date (optional)').fill(dayFromToday(7))
      await items.getByRole('button', { name: 'Add action item' }).click()
      await expect(items.getByRole('checkbox', { name: 'Try the five-whys question in planning' })).not.toBeChecked()
      await expectNoAxeViolations(a.page)
      await m.page.reload()
      const maxItems = await section(m.page, 'Action items')
      await maxItems.getByRole('checkbox', { name: 'Try the five-whys question in planning' }).check()
      await expect(maxItems.getByText('“Try the five-whys question in planning” is done.')).toBeVisible()
      await expect(maxItems.getByRole('button', { name: /^Delete action item/ })).toHaveCount(0)
      await expectNoAxeViolations(m.page)
    })

    await test.step('Max gives feedback: the check flags "you never listen", he rephrases and sends', async () => {
      const feedback = await section(m.page, 'Feedback')
      const form = feedback.getByRole('form', { name: 'Give feedback' })
      await expect(form.getByLabel('Session')).toContainText(`feedback for ${arjun.name}`)
      await form.getByLabel('What worked').fill('When I described the customer, you summarized my point before asking.')
      await form.getByLabel('What to try next').fill('you never listen')
      for (const legend of ['Listening', 'Questions', 'Helpfulness']) {
        await form.getByRole('group', { name: legend }).getByRole('radio', { name: '4' }).check()
      }
      await form.getByRole('button', { name: 'Check wording' }).click()
      await expect(form.getByText('The check found 2 things to reconsider')).toBeVisible()
      const flags = form.getByRole('list', { name: 'Wording to reconsider' })
      await expect(flags).toContainText('Absolute: “never”')
      await expect(flags).toContainText('About the person: “you never listen”')
      await expect(form.getByRole('button', { name: 'Send anyway' })).toBeVisible()
      await expectNoAxeViolations(m.page)

      await form
        .getByLabel('What to try next')
        .fill('In the role play, when I started describing the complaint, you offered a fix before I finished.')
      await form.getByRole('button', { name: 'Check wording' }).click()
      await expect(form.getByText('The wording looks constructive. You can send it.')).toBeVisible()
      await form.getByRole('button', { name: 'Send feedback' }).click()
      await expect(feedback.getByText(`Your feedback for ${arjun.name} is sent.`)).toBeVisible()
      await expect(feedback.getByText('No session is waiting for your feedback.', { exact: false })).toBeVisible()
      await expectNoAxeViolations(m.page)

      await a.page.reload()
      const received = (await section(a.page, 'Feedback')).getByRole('region', { name: 'Feedback you received' })
      await expect(received).toContainText(`From ${max.name}`)
      await expect(received).toContainText('you offered a fix before I finished')
      await expectNoAxeViolations(a.page)
    })
  } finally {
    await a.context.close()
    await m.context.close()
  }
})
