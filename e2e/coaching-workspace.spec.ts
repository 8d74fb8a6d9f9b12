import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from '@playwright/test'
import { e2eNow } from './clock.ts'
import { seedDemoOrganization } from './demo-organization.ts'
import { expect, expectNoAxeViolations, test, workspaceSection } from './fixtures.ts'
import { dayFromToday, publishPeerMatch, signInAs } from './peer-match.ts'

const screenshotPath = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../docs/screenshots/match-workspace.png',
)

// Issue #5's acceptance journey: two matched peers agree a focus, each sets a goal, one schedules a
// session and downloads its invitation, both run it with the role-play guide, write shared notes
// and a private reflection, add an action item, give each other feedback (the constructive check
// flags "you never listen" and the author rephrases), and check in; the next session shows the
// roles swapped.

const programName = 'Peer coaching: leading with questions'
const focus = 'Handling difficult conversations with customers and colleagues without getting defensive'

/** A moment as a person types it in their own zone: the date ('YYYY-MM-DD') and the time ('HH:mm', to 5 minutes). */
function localParts(timeZone: string, at: number): { date: string; time: string } {
  const rounded = new Date(Math.floor(at / 300_000) * 300_000)
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(rounded)
      .map((part) => [part.type, part.value]),
  )
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` }
}

const section = workspaceSection

test.use({ viewport: { width: 1280, height: 900 } })

test('two matched peers run their coaching relationship in the workspace', async ({ browser, tandemUrl }) => {
  test.setTimeout(360_000)
  const demo = await test.step('seed the demo organization through the API', () => seedDemoOrganization(tandemUrl))
  // Peers in India (UTC+05:30) and Germany (UTC+01:00), same seniority, different departments.
  const arjun = demo.person('Arjun Mehta')
  const max = demo.person('Maximilian Braun')
  const { matchId } = await test.step('a program manager publishes their match', () =>
    publishPeerMatch(tandemUrl, demo.person('Samuel Adeyemi'), [arjun, max], programName))

  const a = await signInAs(browser, tandemUrl, arjun)
  const m = await signInAs(browser, tandemUrl, max)
  try {
    await test.step('Arjun goes from his home page to the workspace and proposes the agreement', async () => {
      const page = a.page
      const match = page.getByRole('article', { name: `${programName}: with ${max.name}` })
      await expect(match).toBeVisible()
      await expectNoAxeViolations(page)
      await match.getByRole('link', { name: `Open the workspace with ${max.name}` }).click()
      await expect(page.getByRole('heading', { level: 1, name: `With ${max.name}` })).toBeVisible()
      expect(new URL(page.url()).pathname).toBe(`/matches/${matchId}`)
      const agreement = await section(page, 'Agreement')
      await expect(
        agreement.getByText('What is said between peers stays between peers.', { exact: false }),
      ).toBeVisible()
      await expect(agreement.getByRole('heading', { name: 'No agreement yet' })).toBeVisible()
      await expectNoAxeViolations(page)

      await agreement.getByRole('button', { name: 'Propose an agreement' }).click()
      await agreement.getByLabel('Focus').fill(focus)
      await agreement
        .getByLabel('Confidentiality')
        .fill('What we say stays between us; we share only what we both agree to.')
      await agreement.getByLabel('Cadence').fill('Every two weeks, 45 minutes, by video.')
      await agreement
        .getByLabel('How we give feedback')
        .fill('At the end of each session: one thing that worked, one thing to try next, about behaviour.')
      await expectNoAxeViolations(page)
      await agreement.getByRole('button', { name: 'Propose the agreement' }).click()
      await expect(agreement.getByText(`${max.name} needs to accept it.`, { exact: false })).toBeVisible()
      await expect(agreement.getByText(`Waiting for ${max.name} · version 1`)).toBeVisible()
      await expect(agreement.getByRole('list', { name: 'Who accepted the agreement' })).toContainText(
        `${max.name}: not yet accepted version 1`,
      )
      await expectNoAxeViolations(page)
    })

    await test.step('Max goes from "My matches" to the workspace, reads the agreement and accepts it', async () => {
      const page = m.page
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'My matches', exact: true })
        .click()
      await expect(page.getByRole('heading', { level: 1, name: 'My matches' })).toBeVisible()
      await expectNoAxeViolations(page)
      await page
        .getByRole('article', { name: `${programName}: with ${arjun.name}` })
        .getByRole('link', { name: `Open the workspace with ${arjun.name}` })
        .click()
      const agreement = await section(page, 'Agreement')
      await expect(agreement.getByText(`${arjun.name} proposed this agreement: it needs your acceptance`)).toBeVisible()
      await expect(agreement.getByText(focus)).toBeVisible()
      await expectNoAxeViolations(page)
      await agreement.getByRole('button', { name: 'Accept version 1' }).click()
      await expect(agreement.getByText('Agreed by everyone · version 1')).toBeVisible()
      await expectNoAxeViolations(page)
    })

    await test.step('each sets a goal; the partner sees it and comments', async () => {
      for (const [own, title] of [
        [a.page, 'Ask open questions before proposing a fix in customer escalations'],
        [m.page, 'Stay calm and curious when a colleague disagrees in planning meetings'],
      ] as const) {
        const goals = await section(own, 'Goals')
        await goals.getByRole('button', { name: 'Add a goal' }).click()
        const form = goals.getByRole('form', { name: 'Add a goal' })
        await form.getByLabel('Goal', { exact: true }).fill(title)
        await form.getByLabel('How it will be measured').fill('My partner and I count it after each conversation.')
        await form.getByLabel('Target').fill('5 conversations in a row')
        await form.getByLabel('Due date').fill(dayFromToday(60))
        await expectNoAxeViolations(own)
        await form.getByRole('button', { name: 'Save the goal' }).click()
        const card = goals.getByRole('article', { name: title })
        await expect(card).toBeVisible()
        // The goal's forms are folded until used (issue #17, point 6).
        await card.getByRole('button', { name: 'Add a milestone' }).click()
        await card.getByLabel('New milestone').fill('Write down three open questions I like')
        await card.getByRole('button', { name: 'Add milestone' }).click()
        await card.getByRole('checkbox', { name: 'Write down three open questions I like' }).check()
        await expect(card.getByText('1 of 1 milestone done')).toBeVisible()
        await card.getByRole('button', { name: 'Close' }).click()
        await card.getByRole('button', { name: 'Update progress' }).click()
        await card.getByLabel('Progress (%)').fill('20')
        await card.getByRole('button', { name: 'Post progress' }).click()
        await expect(card.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '20')
        await expectNoAxeViolations(own)
      }
      await m.page.reload()
      const arjunsGoal = (await section(m.page, 'Goals')).getByRole('article', {
        name: 'Ask open questions before proposing a fix in customer escalations',
      })
      await arjunsGoal.getByRole('button', { name: 'Comment', exact: true }).click()
      await arjunsGoal.getByLabel('Comment on this goal').fill('Try “What have you tried so far?” first.')
      await arjunsGoal.getByRole('button', { name: 'Post comment' }).click()
      await expect(arjunsGoal.getByText(`${max.name} commented`)).toBeVisible()
      await expect(arjunsGoal.getByRole('checkbox')).toHaveCount(0)
      await expectNoAxeViolations(m.page)
    })

    // The session they are about to hold started an hour ago (45 minutes long), so it can be marked
    // held and receive feedback; Arjun types it in his own time zone.
    const start = localParts(arjun.timeZone, e2eNow() - 60 * 60_000)
    const sessionsOf = (page: Page) => section(page, 'Sessions')
    const firstSession = async (page: Page) => (await sessionsOf(page)).getByRole('article').first()

    const firstRoles =
      await test.step('Arjun schedules the session with role playing and downloads the invitation', async () => {
        const page = a.page
        const sessions = await sessionsOf(page)
        await sessions.getByRole('button', { name: 'Schedule a session' }).click()
        const form = sessions.getByRole('form', { name: 'Schedule a session' })
        await expect(form.getByLabel('Focus')).toHaveValue(focus)
        await form.getByLabel('Date').fill(start.date)
        await form.getByLabel('Start time').fill(start.time)
        await form.getByLabel('Duration').selectOption('45')
        await form.getByLabel('Video link').fill('https://meet.example.com/arjun-max')
        await form.getByRole('checkbox', { name: 'Role playing: rehearse a real conversation' }).check()
        await expectNoAxeViolations(page)
        await form.getByRole('button', { name: 'Schedule session' }).click()
        const card = await firstSession(page)
        await expect(card).toContainText('Role playing: rehearse a real conversation')
        const roles = (await card.getByText(/^(You coach|Maximilian Braun coaches you)/).textContent()) ?? ''
        await expectNoAxeViolations(page)
        // The goals are in their own tab; the overview sums up (the session just scheduled started an
        // hour ago and has ended, so none is to come).
        await page.reload()
        await expect(await firstSession(page)).toContainText('Role playing: rehearse a real conversation')
        await expect(
          (await section(page, 'Goals')).getByRole('article', {
            name: 'Stay calm and curious when a colleague disagrees in planning meetings',
          }),
        ).toBeVisible()
        const glance = await section(page, 'At a glance')
        await expect(glance).toContainText(focus)
        await expect(glance).toContainText('2 active')
        await expect(glance).toContainText('None scheduled')
        await expect(glance).toContainText('You still owe feedback for 1 session')
        expect(new URL(page.url()).search).toBe('')
        await expectNoAxeViolations(page)
        await glance.getByRole('link', { name: 'See sessions' }).click()
        expect(new URL(page.url()).search).toBe('?section=sessions')
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          (await firstSession(page)).getByRole('link', { name: 'Download invitation' }).click(),
        ])
        expect(download.suggestedFilename()).toMatch(/\.ics$/)
        const stream = await download.createReadStream()
        const chunks: Buffer[] = []
        for await (const chunk of stream) chunks.push(Buffer.from(chunk))
        const ics = Buffer.concat(chunks).toString('utf8')
        expect(ics).toMatch(/^BEGIN:VCALENDAR\r?\n/)
        expect(ics).toContain('BEGIN:VEVENT')
        expect(ics).toMatch(/END:VCALENDAR\r?\n?$/)
        return roles.startsWith('You coach') ? { coach: arjun, coachee: max } : { coach: max, coachee: arjun }
      })

    for (const [own, me, partner] of [
      [a.page, arjun, max],
      [m.page, max, arjun],
    ] as const) {
      await test.step(`${me.name} runs the session with the role-play guide`, async () => {
        if (own === m.page) await own.reload()
        await (await firstSession(own)).getByRole('link', { name: 'Start session' }).click()
        await expect(own.getByRole('heading', { level: 1, name: `Session guide with ${partner.name}` })).toBeVisible()
        const about = own.getByRole('region', { name: 'This session' })
        const nameFor = (person: typeof me) => (person === me ? 'You' : person.name)
        await expect(about.getByRole('definition').nth(0)).toHaveText(nameFor(firstRoles.coach))
        await expect(about.getByRole('definition').nth(1)).toHaveText(nameFor(firstRoles.coachee))
        await expect(about).toContainText(focus)
        await expect(own.getByRole('heading', { level: 2, name: 'Pick the conversation' })).toBeVisible()
        await expect(own.getByRole('timer')).toHaveText('4:00')
        await expectNoAxeViolations(own)
        await own.getByRole('button', { name: 'Start timer' }).click()
        await expect(own.getByRole('timer')).toHaveText(/^3:5\d$/, { timeout: 5_000 })
        await own.getByRole('button', { name: 'Pause timer' }).click()
        for (const title of ['Brief the other person', 'First run', 'Debrief', 'Second run']) {
          await own.getByRole('button', { name: 'Next step' }).click()
          await expect(own.getByRole('heading', { level: 2, name: title })).toBeVisible()
        }
        await own.getByRole('button', { name: 'Next step' }).click()
        await expect(own.getByRole('heading', { level: 2, name: 'Take it to the real conversation' })).toBeVisible()
        await own.getByRole('button', { name: 'Finish' }).click()
        await expect(own.getByRole('heading', { name: 'You have been through every step' })).toBeFocused()
        await expectNoAxeViolations(own)
        await own.getByRole('link', { name: 'Back to the workspace', exact: true }).click()
        await expect(own.getByRole('heading', { level: 1, name: `With ${partner.name}` })).toBeVisible()
      })
    }

    await test.step('Arjun marks the session held and writes a shared note; Max reads it', async () => {
      const card = await firstSession(a.page)
      await card.getByRole('button', { name: 'Mark held' }).click()
      await expect(card.getByText('Held', { exact: true })).toBeVisible()
      const notes = await section(a.page, 'Shared notes')
      await notes
        .getByLabel('New shared note')
        .fill('We rehearsed the escalation call twice; the second run was calmer.')
      await notes.getByRole('button', { name: 'Add note' }).click()
      await expect(notes.getByText('Your note is added.')).toBeVisible()
      await expectNoAxeViolations(a.page)
      await m.page.reload()
      await expect((await section(m.page, 'Shared notes')).getByText('the second run was calmer')).toBeVisible()
    })

    await test.step('Max writes a private reflection that Arjun never sees', async () => {
      const reflections = await section(m.page, 'Private reflections')
      await reflections.getByLabel('New private reflection').fill('I interrupt when I think I know the answer.')
      await reflections.getByRole('button', { name: 'Save reflection' }).click()
      await expect(reflections.getByText('I interrupt when I think I know the answer.')).toBeVisible()
      await expectNoAxeViolations(m.page)
      await a.page.reload()
      await expect(a.page.getByText('I interrupt when I think I know the answer.')).toHaveCount(0)
    })

    await test.step('Arjun adds an action item for Max', async () => {
      const items = await section(a.page, 'Action items')
      await items.getByLabel('Action item', { exact: true }).fill('Open the next escalation call with a question')
      await items.getByLabel('Owner').selectOption({ label: max.name })
      await items.getByLabel('Due date (optional)').fill(dayFromToday(7))
      await items.getByRole('button', { name: 'Add action item' }).click()
      await expect(
        items.getByRole('checkbox', { name: 'Open the next escalation call with a question' }),
      ).not.toBeChecked()
      await expectNoAxeViolations(a.page)
    })

    await test.step('they give each other feedback; the check flags "you never listen" and Max rephrases', async () => {
      const form = (await section(m.page, 'Feedback')).getByRole('form', { name: 'Give feedback' })
      await m.page.reload()
      await expect(form.getByLabel('Session')).toContainText(`feedback for ${arjun.name}`)
      await form.getByLabel('What worked').fill('When I described the customer, you summarised my point before asking.')
      await form.getByLabel('What to try next').fill('you never listen')
      for (const legend of ['Listening', 'Questions', 'Helpfulness']) {
        await form.getByRole('group', { name: legend }).getByRole('radio', { name: '4' }).check()
      }
      await form.getByRole('button', { name: 'Check wording' }).click()
      const flags = form.getByRole('list', { name: 'Wording to reconsider' })
      await expect(flags).toContainText('Absolute: “never”')
      await expect(flags).toContainText('About the person: “you never listen”')
      await expectNoAxeViolations(m.page)
      await form
        .getByLabel('What to try next')
        .fill('In the first run, when I started on the complaint, you offered a fix before I had finished.')
      await form.getByRole('button', { name: 'Check wording' }).click()
      await expect(form.getByText('The wording looks constructive. You can send it.')).toBeVisible()
      await form.getByRole('button', { name: 'Send feedback' }).click()
      await expect(
        (await section(m.page, 'Feedback')).getByText(`Your feedback for ${arjun.name} is sent.`),
      ).toBeVisible()
      await expectNoAxeViolations(m.page)

      const arjunsForm = (await section(a.page, 'Feedback')).getByRole('form', { name: 'Give feedback' })
      await a.page.reload()
      await arjunsForm
        .getByLabel('What worked')
        .fill('You played the customer realistically and paused to let me try again.')
      await arjunsForm
        .getByLabel('What to try next')
        .fill('In the debrief, start with one question about how the second run felt before giving your view.')
      for (const legend of ['Listening', 'Questions', 'Helpfulness']) {
        await arjunsForm.getByRole('group', { name: legend }).getByRole('radio', { name: '5, excellent' }).check()
      }
      await arjunsForm.getByRole('button', { name: 'Check wording' }).click()
      await expect(arjunsForm.getByText('The wording looks constructive. You can send it.')).toBeVisible()
      await arjunsForm.getByRole('button', { name: 'Send feedback' }).click()
      const received = (await section(a.page, 'Feedback')).getByRole('region', { name: 'Feedback you received' })
      await expect(received).toContainText(`From ${max.name}`)
      await expect(received).toContainText('you offered a fix before I had finished')
      await expect(received).not.toContainText('you never listen')
      await expectNoAxeViolations(a.page)
    })

    for (const [own, me] of [
      [a.page, arjun],
      [m.page, max],
    ] as const) {
      await test.step(`${me.name} checks in after the session`, async () => {
        await own.reload()
        const wellbeing = await section(own, 'Wellbeing')
        await wellbeing.getByRole('radio', { name: 'After a session' }).check()
        await wellbeing.getByRole('group', { name: 'Mood' }).getByRole('radio', { name: 'Good (4)' }).check()
        await wellbeing.getByRole('group', { name: 'Stress' }).getByRole('radio', { name: 'Calm (2)' }).check()
        await wellbeing.getByRole('button', { name: 'Save check-in' }).click()
        await expect(wellbeing.getByText('Check-in saved. Only you can see it.')).toBeVisible()
        await expectNoAxeViolations(own)
      })
    }

    await test.step('the next session shows the roles swapped', async () => {
      const page = a.page
      const sessions = await sessionsOf(page)
      const swapped = firstRoles.coach === arjun ? `${max.name} coaches you` : `You coach ${max.name}`
      await expect(sessions.getByText(`Next session: ${swapped}.`, { exact: false })).toBeVisible()
      await sessions.getByRole('button', { name: 'Schedule a session' }).click()
      const form = sessions.getByRole('form', { name: 'Schedule a session' })
      await form.getByLabel('Date').fill(dayFromToday(14))
      await form.getByLabel('Start time').fill('11:00')
      await form.getByRole('button', { name: 'Schedule session' }).click()
      const upcoming = sessions.getByRole('region', { name: 'Upcoming' }).getByRole('article')
      await expect(upcoming).toHaveCount(1)
      await expect(upcoming).toContainText(`${swapped}.`)
      await expectNoAxeViolations(page)

      // The README's picture of the workspace: its overview at a glance (reloaded, so it shows what
      // the partner did meanwhile and no passing announcements).
      await page.goto(`/matches/${matchId}`)
      const glance = await section(page, 'At a glance')
      await expect(glance).toContainText(swapped)
      await expect(glance).toContainText('1 open, none of them yours')
      await expect(glance).toContainText(`From ${max.name}`)
      await expectNoAxeViolations(page)
      await page.evaluate(() => document.fonts.ready)
      const agreementBottom = await (await section(page, 'Agreement')).evaluate(
        (element) => element.getBoundingClientRect().bottom + window.scrollY,
      )
      await page.screenshot({
        path: screenshotPath,
        fullPage: true,
        clip: { x: 0, y: 0, width: 1280, height: Math.ceil(agreementBottom) + 24 },
      })

      await m.page.reload()
      const maxView = firstRoles.coach === max ? `${arjun.name} coaches you` : `You coach ${arjun.name}`
      await expect(
        (await sessionsOf(m.page)).getByRole('region', { name: 'Upcoming' }).getByRole('article'),
      ).toContainText(`${maxView}.`)
    })

    await test.step('the home page lists the session to come (not the one held), in each peer’s own time', async () => {
      const sessionPath = new RegExp(`^/matches/${matchId}/sessions/[0-9a-f-]{36}/guide$`)
      for (const [own, me, partner, view] of [
        [a.page, arjun, max, firstRoles.coach === arjun ? `${max.name} coaches you` : `You coach ${max.name}`],
        [m.page, max, arjun, firstRoles.coach === max ? `${arjun.name} coaches you` : `You coach ${arjun.name}`],
      ] as const) {
        await own.goto('/')
        const card = own.getByRole('region', { name: 'Upcoming sessions', exact: true })
        const item = card.getByRole('article')
        await expect(item).toHaveCount(1)
        await expect(item).toContainText(`With ${partner.name} · ${programName}`)
        await expect(item).toContainText(`${view}.`)
        await expect(item).toContainText(`Your time (${me.timeZone}`)
        // Arjun typed 11:00 in his own zone; Max reads the same instant in his.
        if (me === arjun) await expect(item.getByRole('heading', { level: 3 })).toContainText('11:00–11:45')
        const start = item.getByRole('link', { name: 'Start session' })
        expect(new URL(await start.evaluate((link) => (link as HTMLAnchorElement).href)).pathname).toMatch(sessionPath)
        await expectNoAxeViolations(own)
        await item.getByRole('link', { name: 'Open the workspace' }).click()
        await expect(own.getByRole('heading', { level: 1, name: `With ${partner.name}` })).toBeVisible()
        expect(new URL(own.url()).pathname).toBe(`/matches/${matchId}`)
      }
    })
  } finally {
    await a.context.close()
    await m.context.close()
  }
})
