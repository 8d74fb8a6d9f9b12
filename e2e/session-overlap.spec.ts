import { seedDemoOrganization } from './demo-organization.ts'
import { expect, expectNoAxeViolations, test } from './fixtures.ts'
import { dayFromToday, publishPeerMatch, signInAs } from './peer-match.ts'

// A member cannot be booked into two sessions at once: the schedule form says so under the start
// time, with the other session's time in the member's own zone; a session right after is fine.

const programName = 'Peer coaching: no double booking'

test('scheduling over an existing session shows the overlap under the start time', async ({ browser, tandemUrl }) => {
  test.setTimeout(240_000)
  const demo = await test.step('seed the demo organization through the API', () => seedDemoOrganization(tandemUrl))
  const arjun = demo.person('Arjun Mehta')
  const max = demo.person('Maximilian Braun')
  const { matchId } = await publishPeerMatch(tandemUrl, demo.person('Samuel Adeyemi'), [arjun, max], programName)
  // Far enough ahead to be clear of the demo's own sessions.
  const day = dayFromToday(100)

  const { context, page } = await signInAs(browser, tandemUrl, arjun)
  try {
    await page.goto(`/matches/${matchId}?section=sessions`)
    const sessions = page.getByRole('region', { name: 'Sessions', exact: true })
    const schedule = async (time: string) => {
      await sessions.getByRole('button', { name: 'Schedule a session' }).click()
      const form = sessions.getByRole('form', { name: 'Schedule a session' })
      await form.getByLabel('Date').fill(day)
      await form.getByLabel('Start time').fill(time)
      await form.getByLabel('Duration').selectOption('45')
      await form.getByRole('button', { name: 'Schedule session' }).click()
      return form
    }

    await test.step('Arjun schedules 10:00 to 10:45', async () => {
      const form = await schedule('10:00')
      await expect(form).toBeHidden()
      await expect(sessions.getByRole('article')).toHaveCount(1)
    })

    await test.step('10:30 the same day is refused, next to the start time', async () => {
      const form = await schedule('10:30')
      const startTime = form.getByLabel('Start time')
      await expect(startTime).toHaveAttribute('aria-invalid', 'true')
      await expect(startTime).toBeFocused()
      await expect(startTime).toHaveAccessibleDescription(
        // The server writes the span with the date module, in the person's locale (en-GB when not chosen).
        new RegExp(
          `Overlaps a coaching session you already have, \\w+, [^,]+, 10:00\\s?–\\s?10:45 \\(${arjun.timeZone}`,
        ),
      )
      await expectNoAxeViolations(page)
      // Right after it ends is fine.
      await startTime.fill('10:45')
      await expect(startTime).not.toHaveAttribute('aria-invalid', 'true')
      await form.getByRole('button', { name: 'Schedule session' }).click()
      await expect(form).toBeHidden()
      await expect(sessions.getByRole('article')).toHaveCount(2)
    })

    await test.step('Arjun chooses how dates are written; the sessions follow (issue #17, point 5)', async () => {
      const first = sessions.getByRole('article').first()
      // Not chosen yet: the browser's locale (en-US here), a 12-hour clock.
      await expect(first).toContainText(/10:00\s?–\s?10:45\sAM/)
      for (const [locale, written] of [
        ['de-DE', /10:00–10:45 Uhr/],
        ['en-GB', /, 10:00–10:45/],
      ] as const) {
        await page.goto('/profile')
        await page.getByLabel('Dates and times').selectOption(locale)
        await page.getByRole('button', { name: 'Save profile' }).click()
        await expect(page.getByText('Your profile is saved.')).toBeVisible()
        await page.goto(`/matches/${matchId}?section=sessions`)
        await expect(sessions.getByRole('article').first()).toContainText(written)
      }
      await expectNoAxeViolations(page)
    })
  } finally {
    await context.close()
  }
})
