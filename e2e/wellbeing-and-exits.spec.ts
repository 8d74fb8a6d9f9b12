import type { Page } from '@playwright/test'
import { type DemoPerson, seedDemoOrganization } from './demo-organization.ts'
import { expect, expectNoAxeViolations, test, workspaceSection } from './fixtures.ts'
import { dayFromToday, expectStatus, publishPeerMatch, signedInApi, signInAs, writeAs } from './peer-match.ts'

// Issue #5 points 8 and 9 in the browser: a peer checks in before and after a session (privately),
// sees their trend, asks for support with consent, answers the pairing fit, asks to be re-paired
// and withdraws, completes the match and answers the closing survey; the partner never sees any of
// it; the program manager reads the re-pair reason. Axe on every state.

const programName = 'Peer coaching: wellbeing and exits'
const PRIVATE_NOTE = 'Nervous about the quarterly review'
const REPAIR_REASON = 'Our calendars never line up and we keep cancelling'

/**
 * An active peer coaching match (published, accepted by both) with one session held yesterday at
 * `heldAt` UTC (a second match of the same people needs another hour: members' sessions never overlap).
 */
async function activePeerMatch(
  baseURL: string,
  manager: DemoPerson,
  peers: [DemoPerson, DemoPerson],
  name = programName,
  heldAt = '10:00',
) {
  const published = await publishPeerMatch(baseURL, manager, peers, name)
  const matchId = published.matchId
  for (const [index, peer] of peers.entries()) {
    const member = await signedInApi(baseURL, peer)
    try {
      await expectStatus(
        await member.api.post(`/api/matches/${matchId}/respond`, {
          headers: member.headers,
          data: { response: 'accepted' },
        }),
        200,
        'accept the match',
      )
      if (index === 0) {
        const created = await expectStatus<{ sessions: { id: string }[] }>(
          await member.api.post(`/api/matches/${matchId}/sessions`, {
            headers: member.headers,
            data: { startsAtLocal: `${dayFromToday(-1)}T${heldAt}`, timeZone: 'UTC', durationMinutes: 45 },
          }),
          201,
          'schedule a session yesterday',
        )
        await expectStatus(
          await member.api.post(`/api/sessions/${created.sessions[0]?.id}/status`, {
            headers: member.headers,
            data: { status: 'held' },
          }),
          200,
          'mark the session held',
        )
      }
    } finally {
      await member.api.dispose()
    }
  }
  return published
}

/** A region of any page, by its heading (a workspace's sections are opened through workspaceSection). */
const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true })
const section = workspaceSection

test('a peer checks in, asks for support, answers the fit, asks to be re-paired, completes the match and closes it', async ({
  browser,
  tandemUrl,
}) => {
  test.setTimeout(360_000)
  const demo = await test.step('seed the demo organization', () => seedDemoOrganization(tandemUrl))
  const arjun = demo.person('Arjun Mehta')
  const max = demo.person('Maximilian Braun')
  const manager = demo.person('Samuel Adeyemi')
  const { programId, matchId } = await test.step('an active match with a session held yesterday', () =>
    activePeerMatch(tandemUrl, manager, [arjun, max]))

  const a = await signInAs(browser, tandemUrl, arjun)
  try {
    const page = a.page
    await page.goto(`/matches/${matchId}`)
    const wellbeing = await section(page, 'Wellbeing')
    await expect(wellbeing).toBeVisible()
    await expect(wellbeing.getByText('No check-ins yet.', { exact: false })).toBeVisible()
    await expectNoAxeViolations(page)

    await test.step('check in before and after the session, with a private note', async () => {
      await wellbeing.getByRole('radio', { name: 'Before a session' }).check()
      await wellbeing.getByRole('group', { name: 'Mood' }).getByRole('radio', { name: 'Low (2)' }).check()
      await wellbeing.getByRole('group', { name: 'Stress' }).getByRole('radio', { name: 'Stressed (4)' }).check()
      await wellbeing.getByLabel('Private note').fill(PRIVATE_NOTE)
      await wellbeing.getByRole('button', { name: 'Save check-in' }).click()
      await expect(wellbeing.getByText('Check-in saved. Only you can see it.')).toBeVisible()

      await wellbeing.getByRole('radio', { name: 'After a session' }).check()
      await wellbeing.getByRole('group', { name: 'Mood' }).getByRole('radio', { name: 'Good (4)' }).check()
      await wellbeing.getByRole('group', { name: 'Stress' }).getByRole('radio', { name: 'Calm (2)' }).check()
      await wellbeing.getByRole('button', { name: 'Save check-in' }).click()
      await expect(wellbeing.getByText('Check-in saved. Only you can see it.')).toBeVisible()
      const deltas = wellbeing.getByRole('table', { name: 'How your sessions moved you (before to after)' })
      await expect(deltas).toContainText('from 2 to 4 (+2)')
      await expect(deltas).toContainText('from 4 to 2 (-2)')
      await expect(wellbeing.getByRole('table', { name: /Average mood and stress per week/ })).toBeVisible()
      await expectNoAxeViolations(page)
    })

    await test.step('ask for support: refused without consent, sent with it', async () => {
      await wellbeing.getByLabel('Your message').fill('I would like to talk to someone about my workload.')
      await wellbeing.getByRole('button', { name: 'Send support request' }).click()
      await expect(wellbeing.getByText(/Tick the box to agree/)).toBeVisible()
      await expectNoAxeViolations(page)
      await wellbeing
        .getByRole('checkbox', { name: /I agree that this message, my name and my email are sent to/ })
        .check()
      await wellbeing.getByRole('button', { name: 'Send support request' }).click()
      await expect(wellbeing.getByText(/Your message was sent to/)).toBeVisible()
      await expect(wellbeing.getByText('I would like to talk to someone about my workload.')).toBeVisible()
    })

    const fit = await section(page, 'How the pairing is going')
    await test.step('answer the pairing fit', async () => {
      // Said where it is asked: what the program manager will see of the answer (the organization's threshold is 5).
      await expect(
        fit.getByText(/Your program manager sees only that a fit concern was raised in your match/),
      ).toBeVisible()
      await expect(fit.getByText(/totals appear only over at least 5 people/)).toBeVisible()
      await fit
        .getByRole('group', { name: 'How well does this pairing fit you?' })
        .getByRole('radio', { name: 'Fair fit (3)' })
        .check()
      await fit
        .getByRole('group', { name: 'Would you like to keep this pairing?' })
        .getByRole('radio', { name: 'Not sure' })
        .check()
      await fit.getByRole('button', { name: 'Send my answer' }).click()
      await expect(fit.getByText('You rated the fit 3 of 5 (fair fit)', { exact: false })).toBeVisible()
    })

    await test.step('ask to be re-paired, then withdraw', async () => {
      await fit.getByRole('button', { name: 'Ask to be re-paired' }).click()
      const dialog = page.getByRole('dialog', { name: 'Ask to be re-paired' })
      await expect(dialog).toContainText(
        'This request is addressed to your program managers: they read it with your name and your reason',
      )
      await dialog.getByRole('button', { name: 'Send request' }).click()
      await expect(dialog.getByText('Say why you would like a new partner')).toBeVisible()
      await expectNoAxeViolations(page)
      await dialog.getByLabel('Reason').fill(REPAIR_REASON)
      await dialog.getByRole('button', { name: 'Send request' }).click()
      await expect(dialog).toBeHidden()
      await expect(fit.getByText(/You asked to be re-paired on/)).toBeVisible()
      await expectNoAxeViolations(page)
    })
  } finally {
    await a.context.close()
  }

  await test.step('the program manager reads the reason; the partner sees none of it', async () => {
    const pm = await signedInApi(tandemUrl, manager)
    const list = await expectStatus<{ requests: { reason: string }[] }>(
      await pm.api.get(`/api/programs/${programId}/repair-requests`),
      200,
      'GET repair requests',
    )
    expect(list.requests.map((r) => r.reason)).toEqual([REPAIR_REASON])
    await pm.api.dispose()

    const p = await signInAs(browser, tandemUrl, manager)
    try {
      await p.page.goto(`/programs/${programId}`)
      await p.page.getByRole('tab', { name: 'Follow-up' }).click()
      const requests = region(p.page, 'Re-pair requests')
      const request = requests.getByRole('article', { name: new RegExp(`^${arjun.name}`) })
      await expect(request).toContainText(REPAIR_REASON)
      await expect(request).toContainText(`matched with ${max.name}`)
      await expect(request).toContainText('Open')
      const ratings = region(p.page, 'Feedback ratings')
      await expect(ratings.getByText('Not enough feedback to show yet')).toBeVisible()
      await expect(ratings).toContainText('0 feedback forms from 0 people')
      await expectNoAxeViolations(p.page)
    } finally {
      await p.context.close()
    }

    const m = await signInAs(browser, tandemUrl, max)
    try {
      await m.page.goto(`/matches/${matchId}`)
      // Nothing of Arjun's check-ins, support request or re-pair request, on either tab.
      await expect(await section(m.page, 'How the pairing is going')).toBeVisible()
      for (const name of ['How the pairing is going', 'Wellbeing']) {
        await section(m.page, name)
        await expect(m.page.locator('body')).not.toContainText(REPAIR_REASON)
        await expect(m.page.locator('body')).not.toContainText(PRIVATE_NOTE)
        await expect(m.page.locator('body')).not.toContainText('asked to be re-paired')
      }
      await expect((await section(m.page, 'Wellbeing')).getByText('No check-ins yet.', { exact: false })).toBeVisible()
    } finally {
      await m.context.close()
    }
  })

  const again = await signInAs(browser, tandemUrl, arjun)
  try {
    const page = again.page
    await page.goto(`/matches/${matchId}?section=pairing`)
    const fit = await section(page, 'How the pairing is going')
    await test.step('withdraw the request; Max agrees to complete, Arjun agrees last and the match completes', async () => {
      await fit.getByRole('button', { name: 'Withdraw my request' }).click()
      await expect(fit.getByText('Your re-pair request was withdrawn.')).toBeVisible()
      // A session still to come, and Max's agreement to complete, both through the API.
      const writer = await writeAs(page)
      await writer.post(`/api/matches/${matchId}/sessions`, {
        startsAtLocal: `${dayFromToday(7)}T10:00`,
        timeZone: 'UTC',
        durationMinutes: 45,
      })
      const maxApi = await signedInApi(tandemUrl, max)
      await expectStatus(
        await maxApi.api.post(`/api/matches/${matchId}/complete`, { headers: maxApi.headers, data: {} }),
        200,
        'Max agrees to complete',
      )
      await maxApi.api.dispose()
      await page.reload()
      const sessions = await section(page, 'Sessions')
      await expect(sessions.getByRole('article')).toHaveCount(2)
      await section(page, 'How the pairing is going')
      await expect(
        fit.getByText(/A match is completed when everyone in it agrees, or when a program manager completes it/),
      ).toBeVisible()
      await expect(fit.getByText(`${max.name} would like to complete the match.`)).toBeVisible()
      await fit.getByRole('button', { name: 'Agree to complete' }).click()
      const dialog = page.getByRole('dialog', { name: 'Complete this match?' })
      await expect(dialog).toContainText('its sessions still to come are cancelled')
      await dialog.getByRole('button', { name: 'Complete the match' }).click()
      await expect(dialog).toBeHidden()
      await expect(fit.getByRole('heading', { name: 'Closing survey' })).toBeVisible()
      await expectNoAxeViolations(page)
    })

    await test.step('the session to come is cancelled, and both members got the calendar cancellation', async () => {
      const sessions = await section(page, 'Sessions')
      await expect(sessions.getByText('No session planned.')).toBeVisible()
      const admin = await signedInApi(tandemUrl, demo.admin)
      const outbox = await expectStatus<{ emails: { to: string; subject: string; text: string | null }[] }>(
        await admin.api.get('/api/outbox', { params: { limit: 100 } }),
        200,
        'GET /api/outbox',
      )
      await admin.api.dispose()
      const cancellations = outbox.emails.filter((email) => /cancelled: the match was completed/.test(email.subject))
      expect(cancellations.map((email) => email.to).sort()).toEqual([arjun.email, max.email].sort())
      for (const email of cancellations) expect(email.text).toContain('removes it from your calendar')
    })

    await test.step('answer the closing survey', async () => {
      await section(page, 'How the pairing is going')
      await fit.getByRole('button', { name: 'Send the closing survey' }).click()
      await expect(fit.getByText('Choose how satisfied you are')).toBeVisible()
      await fit
        .getByRole('group', { name: 'How satisfied are you with this match?' })
        .getByRole('radio', { name: 'Satisfied (4)' })
        .check()
      await fit
        .getByRole('group', { name: 'How likely are you to recommend this program to a colleague?' })
        .getByRole('radio', { name: '9', exact: true })
        .check()
      const skills = fit.getByRole('group').filter({ has: page.getByRole('radio', { name: 'Strong (4)' }) })
      for (const group of await skills.all()) await group.getByRole('radio', { name: 'Strong (4)' }).check()
      await fit
        .getByRole('group', { name: /Do you intend to stay with the organization/ })
        .getByRole('radio', { name: 'Yes' })
        .check()
      await fit.getByRole('button', { name: 'Send the closing survey' }).click()
      await expect(fit.getByText('Thank you: you answered the closing survey on', { exact: false })).toBeVisible()
      await expectNoAxeViolations(page)
    })
  } finally {
    await again.context.close()
  }

  const secondProgram = 'Peer coaching: second round'
  const second = await test.step('a second program where both members ask to be re-paired', async () => {
    const created = await activePeerMatch(tandemUrl, manager, [arjun, max], secondProgram, '12:00')
    for (const [person, reason] of [
      [arjun, 'We want different things from the program'],
      [max, 'Our goals point in different directions'],
    ] as const) {
      const member = await signedInApi(tandemUrl, person)
      await expectStatus(
        await member.api.post(`/api/matches/${created.matchId}/repair-requests`, {
          headers: member.headers,
          data: { reason },
        }),
        201,
        `${person.name} asks to be re-paired`,
      )
      await member.api.dispose()
    }
    return created
  })

  await test.step("the program manager marks Arjun's re-pair request handled", async () => {
    const p = await signInAs(browser, tandemUrl, manager)
    try {
      const page = p.page
      await page.goto(`/programs/${second.programId}?tab=follow-up`)
      const requests = region(page, 'Re-pair requests')
      const request = requests.getByRole('article', { name: new RegExp(`^${arjun.name}`) })
      await expect(request).toContainText('We want different things from the program')
      await request.getByRole('button', { name: `Mark handled for ${arjun.name}` }).click()
      const dialog = page.getByRole('dialog', { name: 'Mark this request handled?' })
      await expect(dialog).toContainText(`${arjun.name} is told that you handled their request`)
      await expectNoAxeViolations(page)
      await dialog.getByRole('button', { name: 'Mark handled' }).click()
      await expect(dialog).toBeHidden()
      await expect(requests.getByText(`${arjun.name}'s request is marked handled`)).toBeVisible()
      await requests.getByRole('checkbox', { name: 'Show handled and withdrawn requests' }).check()
      await expect(request).toContainText('Handled')
      await expect(request).toContainText(`by ${manager.name}`)
      await expectNoAxeViolations(page)
    } finally {
      await p.context.close()
    }
  })

  await test.step('in the second program, a member ends the match with a reason and answers the closing survey', async () => {
    const m = await signInAs(browser, tandemUrl, max)
    try {
      const page = m.page
      await page.goto(`/matches/${second.matchId}`)
      const fit = await section(page, 'How the pairing is going')
      await fit.getByRole('button', { name: 'End this match' }).click()
      const dialog = page.getByRole('dialog', { name: 'End this match' })
      await expect(dialog).toContainText('is told only that the match ended')
      await dialog.getByRole('button', { name: 'End the match' }).click()
      await expect(dialog.getByText('Say why you are ending the match')).toBeVisible()
      await expectNoAxeViolations(page)
      await dialog.getByLabel('Why are you ending the match?').fill('We want different things from the program')
      await dialog.getByRole('button', { name: 'End the match' }).click()
      await expect(dialog).toBeHidden()
      await expect(fit.getByText('This match ended on', { exact: false })).toBeVisible()
      await expect(fit.getByRole('heading', { name: 'Closing survey' })).toBeVisible()
      await expect(region(page, 'This match has ended')).toBeVisible()
      await expect(region(page, 'Sessions')).toHaveCount(0)
      await expect(page.getByRole('tablist', { name: 'Workspace sections' })).toHaveCount(0)
      await expectNoAxeViolations(page)

      // Coming back later: the workspace reads, read-only, with only the closing survey open.
      await page.reload()
      await expect(region(page, 'This match has ended')).toBeVisible()
      await expect(page.getByText('Ended early', { exact: true })).toBeVisible()
      for (const name of ['Agreement', 'Goals', 'Sessions', 'Wellbeing'])
        await expect(region(page, name)).toHaveCount(0)
      await answerClosingSurvey(page, fit)
      await expectNoAxeViolations(page)
    } finally {
      await m.context.close()
    }
  })

  await test.step('the partner finds the ended match in My matches and answers the closing survey', async () => {
    const a2 = await signInAs(browser, tandemUrl, arjun)
    try {
      const page = a2.page
      await page.goto('/me/matches')
      const card = page.getByRole('article', { name: `${secondProgram}: with ${max.name}` })
      await expect(card).toContainText('Ended early')
      await expectNoAxeViolations(page)
      await card.getByRole('link', { name: `Open the workspace and closing survey with ${max.name}` }).click()
      await expect(region(page, 'This match has ended')).toBeVisible()
      await answerClosingSurvey(page, region(page, 'How the pairing is going'))
    } finally {
      await a2.context.close()
    }
  })

  await test.step("ending the match closed Max's open re-pair request; the program manager reads why", async () => {
    const p = await signInAs(browser, tandemUrl, manager)
    try {
      const page = p.page
      await page.goto(`/programs/${second.programId}?tab=follow-up`)
      const requests = region(page, 'Re-pair requests')
      await expect(requests.getByRole('heading', { name: 'No open re-pair requests' })).toBeVisible()
      await requests.getByRole('checkbox', { name: 'Show handled and withdrawn requests' }).check()
      const request = requests.getByRole('article', { name: new RegExp(`^${max.name}`) })
      await expect(request).toContainText('Our goals point in different directions')
      await expect(request).toContainText('Handled')
      await expect(request).toContainText('The match ended, so this request closed with it.')
      await expect(request).not.toContainText(' by ')
      await expectNoAxeViolations(page)
    } finally {
      await p.context.close()
    }
  })
})

/** Rates everything in the closing survey and sends it. */
async function answerClosingSurvey(page: Page, fit: ReturnType<typeof region>) {
  await fit
    .getByRole('group', { name: 'How satisfied are you with this match?' })
    .getByRole('radio', { name: 'Neutral (3)' })
    .check()
  await fit
    .getByRole('group', { name: 'How likely are you to recommend this program to a colleague?' })
    .getByRole('radio', { name: '6', exact: true })
    .check()
  const skills = fit.getByRole('group').filter({ has: page.getByRole('radio', { name: 'Capable (3)' }) })
  for (const group of await skills.all()) await group.getByRole('radio', { name: 'Capable (3)' }).check()
  await fit.getByRole('button', { name: 'Send the closing survey' }).click()
  await expect(fit.getByText('Thank you: you answered the closing survey on', { exact: false })).toBeVisible()
}
