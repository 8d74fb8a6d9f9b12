import { seedDemoOrganization } from './demo-organization.ts'
import { expect, expectNoAxeViolations, test } from './fixtures.ts'
import { publishPeerMatch, signInAs, utcLocalFromNow, writeAs } from './peer-match.ts'

// Issue #5 point 5: the exercise library (the five techniques, the question bank, an admin's own
// exercise and question) and the guided session: roles, focus, an exercise picked for a session
// that has none, its steps one at a time with a timer run from the keyboard, questions for the coach.

const programName = 'Peer coaching: practising hard conversations'
const ownExercise = {
  title: 'Feedback in five minutes',
  purpose: 'A short drill to turn an observation into feedback about behaviour, with one thing to try next.',
  steps: [
    { title: 'Name the situation', instruction: 'Say when and where it happened, in one sentence.', minutes: 2 },
    { title: 'Describe the behaviour and its impact', instruction: 'Say what you saw and how it landed.', minutes: 3 },
  ],
}
const ownQuestion = 'What would your best customer say about this?'

test.use({ viewport: { width: 1280, height: 900 } })

test('an admin adds to the exercise library, and peers are guided through a role play', async ({
  browser,
  tandemUrl,
}) => {
  test.setTimeout(180_000)
  const demo = await test.step('seed the demo organization through the API', () => seedDemoOrganization(tandemUrl))
  const arjun = demo.person('Arjun Mehta')
  const max = demo.person('Maximilian Braun')
  const { matchId } = await test.step('a program manager publishes a match', () =>
    publishPeerMatch(tandemUrl, demo.person('Samuel Adeyemi'), [arjun, max], programName))

  await test.step('an admin reads the library and adds an exercise and a question of the organization’s own', async () => {
    const { context, page } = await signInAs(browser, tandemUrl, demo.admin)
    try {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Exercises', exact: true }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Exercise library' })).toBeVisible()
      for (const title of [
        'Role playing: rehearse a real conversation',
        '"What if?" scenarios: think a plan through',
        "Empathy exercise: see it through the other person's eyes",
        'Change of perspective: walk around the decision',
        'Collaborative storytelling: from a shared challenge to action steps',
      ]) {
        await expect(page.getByRole('article', { name: title })).toBeVisible()
      }
      const rolePlay = page.getByRole('article', { name: 'Role playing: rehearse a real conversation' })
      await rolePlay.getByText('Steps, prompts and worked scenarios').click()
      await expect(rolePlay.getByText('A difficult customer', { exact: true })).toBeVisible()
      await expect(rolePlay.getByText('Pick the conversation', { exact: true })).toBeVisible()
      await expect(
        page
          .getByRole('region', { name: /^Active listening/ })
          .getByRole('listitem')
          .first(),
      ).toBeVisible()
      await expectNoAxeViolations(page)

      const form = page.getByRole('form', { name: 'Add an exercise' })
      await form.getByLabel('Technique').selectOption({ label: 'Role playing' })
      await form.getByLabel('Title', { exact: true }).fill(ownExercise.title)
      await form.getByLabel('Purpose').fill(ownExercise.purpose)
      await form.getByRole('button', { name: 'Add a step' }).click()
      for (const [index, step] of ownExercise.steps.entries()) {
        await form.getByLabel(`Step ${index + 1} title`).fill(step.title)
        await form.getByLabel(`Step ${index + 1} instruction`).fill(step.instruction)
        await form.getByLabel(`Step ${index + 1} minutes`).fill(String(step.minutes))
      }
      await form.getByLabel('Prompts for the coach').fill('What did you see?\nWhat will you try next time?')
      await expectNoAxeViolations(page)
      await form.getByRole('button', { name: 'Add the exercise' }).click()
      await expect(form.getByText(`“${ownExercise.title}” is in the library.`)).toBeVisible()
      const added = page.getByRole('article', { name: ownExercise.title })
      await expect(added.getByText('Your organization’s')).toBeVisible()
      await expect(added.getByText('5 min', { exact: true })).toBeVisible()

      const questionForm = page.getByRole('form', { name: 'Add a question' })
      await questionForm.getByLabel('Kind').selectOption('powerful')
      await questionForm.getByLabel('Question').fill(ownQuestion)
      await questionForm.getByRole('button', { name: 'Add the question' }).click()
      await expect(page.getByRole('region', { name: /^Powerful questions/ }).getByText(ownQuestion)).toBeVisible()
      await expectNoAxeViolations(page)
    } finally {
      await context.close()
    }
  })

  await test.step('Arjun opens the guide of a session without an exercise and picks role playing', async () => {
    const { context, page } = await signInAs(browser, tandemUrl, arjun)
    try {
      // A session that started a few minutes ago, with nothing on its agenda.
      const { sessions } = await (await writeAs(page)).post<{ sessions: { id: string }[] }>(
        `/api/matches/${matchId}/sessions`,
        { startsAtLocal: utcLocalFromNow(-15), timeZone: 'UTC', durationMinutes: 45 },
      )
      const sessionId = sessions[0]?.id
      await page.goto(`/matches/${matchId}/sessions/${sessionId}/guide`)
      await expect(page.getByRole('heading', { level: 1, name: `Session guide with ${max.name}` })).toBeVisible()
      const about = page.getByRole('region', { name: 'This session' })
      await expect(about.getByRole('definition').first()).toHaveText(/^(You|Maximilian Braun)$/)
      await expect(page.getByRole('heading', { name: 'Choose an exercise' })).toBeVisible()
      await expect(page.getByRole('radio', { name: new RegExp(ownExercise.title) })).toBeVisible()
      await expectNoAxeViolations(page)
      await page.getByRole('radio', { name: /^Role playing: rehearse a real conversation/ }).check()
      await page.getByRole('button', { name: 'Start the guide' }).click()

      const stepHeading = page.getByRole('heading', { level: 2, name: 'Pick the conversation' })
      await expect(stepHeading).toBeVisible()
      await expect(page.getByText('Step 1 of 6 · Role playing: rehearse a real conversation')).toBeVisible()
      const timer = page.getByRole('timer')
      await expect(timer).toHaveText('4:00')
      const coachPanel = page.getByRole('complementary', { name: 'Questions for the coach' })
      await expect(coachPanel.getByRole('heading', { name: 'Listen actively' })).toBeVisible()
      await expect(coachPanel.getByRole('heading', { name: 'Ask powerful questions' })).toBeVisible()
      await expect(page.getByText('Which moment are you most worried about?')).toBeVisible()
      await expectNoAxeViolations(page)

      // The timer from the keyboard: start, see it run, pause, and it holds.
      await page.getByRole('button', { name: 'Start timer' }).focus()
      await page.keyboard.press('Enter')
      await expect(timer).toHaveText(/^3:5\d$/, { timeout: 5_000 })
      await expect(page.getByRole('button', { name: 'Pause timer' })).toBeFocused()
      await page.keyboard.press('Enter')
      const held = await timer.textContent()
      await page.waitForTimeout(1_500)
      await expect(timer).toHaveText(held ?? '')
      await expect(page.getByRole('button', { name: 'Resume timer' })).toBeVisible()

      await page.getByRole('button', { name: 'Next step' }).click()
      await expect(page.getByRole('heading', { level: 2, name: 'Brief the other person' })).toBeVisible()
      await expect(timer).toHaveText('3:00')
      await expect(page.getByRole('status').filter({ hasText: 'Step 2 of 6: Brief the other person' })).toBeAttached()
      await page.getByRole('button', { name: 'Previous step' }).click()
      await expect(stepHeading).toBeVisible()
      const steps = page.getByRole('navigation', { name: 'Steps of the session' })
      await steps.getByRole('button', { name: /^Take it to the real conversation/ }).click()
      await expect(steps.getByRole('button', { name: /^Take it to the real conversation/ })).toHaveAttribute(
        'aria-current',
        'step',
      )
      await page.getByRole('button', { name: 'Finish' }).click()
      await expect(page.getByRole('heading', { name: 'You have been through every step' })).toBeFocused()
      await coachPanel.getByText(/^The whole question bank/).click()
      await expect(coachPanel.locator('details').getByText(ownQuestion)).toBeVisible()
      await expectNoAxeViolations(page)
      await page.getByRole('link', { name: 'Back to the workspace', exact: true }).click()
      await expect(page.getByRole('heading', { level: 1, name: `With ${max.name}` })).toBeVisible()
    } finally {
      await context.close()
    }
  })
})
