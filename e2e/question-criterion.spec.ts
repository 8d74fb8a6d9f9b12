import { DEMO_PASSWORD, seedDemoOrganization } from './demo-organization.ts'
import { expect, expectNoAxeViolations, signIn, test } from './fixtures.ts'
import { dayFromToday, expectStatus, signedInApi } from './peer-match.ts'

// Issue #17 point 3: enrollment answers count. The program manager reads the answers, marks a
// question as a matching criterion in the program's settings, runs matching, and the match card
// says the answer both gave.

const programName = 'Peer coaching: where we work'
const prompt = 'Where do you work best?'

test('a program manager makes an enrollment question a matching criterion and sees it in a match card', async ({
  page,
  tandemUrl,
}) => {
  test.setTimeout(240_000)
  const demo = await test.step('seed the demo organization through the API', () => seedDemoOrganization(tandemUrl))
  const manager = demo.person('Samuel Adeyemi')
  const peers = [demo.person('Arjun Mehta'), demo.person('Maximilian Braun')]

  const programId = await test.step('a program with a question; two people enroll and answer it', async () => {
    const { api, headers } = await signedInApi(tandemUrl, manager)
    let id: string
    try {
      const program = await expectStatus(
        await api.post('/api/programs', {
          headers,
          data: {
            type: 'peer_coaching',
            name: programName,
            startsOn: dayFromToday(7),
            endsOn: dayFromToday(120),
            enrollmentQuestions: [
              { id: 'mode', kind: 'single_choice', prompt, options: ['Remote', 'Office'], isRequired: true },
            ],
          },
        }),
        201,
        'POST /api/programs',
      )
      id = program.id
      await expectStatus(
        await api.post(`/api/programs/${id}/transitions`, { headers, data: { to: 'enrolling' } }),
        200,
        'transition to enrolling',
      )
    } finally {
      await api.dispose()
    }
    for (const peer of peers) {
      const own = await signedInApi(tandemUrl, peer)
      await expectStatus(
        await own.api.put(`/api/programs/${id}/enrollment`, {
          headers: own.headers,
          data: {
            hasConsented: true,
            intent: 'To listen better',
            skillsWanted: [],
            skillsOffered: [],
            answers: { mode: 'Remote' },
          },
        }),
        200,
        'PUT /api/programs/:programId/enrollment',
      )
      await own.api.dispose()
    }
    return id
  })

  await test.step('the program manager reads the answers and marks the question as a criterion', async () => {
    await signIn(page, manager.email, DEMO_PASSWORD)
    await page.goto(`/programs/${programId}?tab=enrollments`)
    await page.getByText(`1 of 1 answers from ${peers[0].name}`).click()
    await expect(page.getByText('Remote', { exact: true }).first()).toBeVisible()
    await expectNoAxeViolations(page)

    await page.goto(`/programs/${programId}?tab=settings`)
    const rule = page.getByLabel(`How “${prompt}” counts in matching`)
    await rule.selectOption('same')
    await page.getByLabel(`Weight of “${prompt}”`).fill('30')
    await expectNoAxeViolations(page)
    await page.getByRole('button', { name: 'Save settings', exact: true }).click()
    await expect(page.getByRole('button', { name: 'Save settings', exact: true })).toBeHidden()
  })

  await test.step('matching runs with the question, and the match card gives the reason', async () => {
    const { api, headers } = await signedInApi(tandemUrl, manager)
    const program = await expectStatus<{ matchingRules: { questionCriteria: unknown[] } }>(
      await api.get(`/api/programs/${programId}`, { headers }),
      200,
      'GET /api/programs/:programId',
    )
    expect(program.matchingRules.questionCriteria).toEqual([{ questionId: 'mode', rule: 'same', weight: 30 }])
    await expectStatus(
      await api.post(`/api/programs/${programId}/transitions`, { headers, data: { to: 'matching' } }),
      200,
      'transition to matching',
    )
    await api.dispose()

    await page.goto(`/programs/${programId}?tab=matching`)
    await page.getByRole('button', { name: 'Run matching', exact: true }).click()
    await expect(page.getByText(/^Run 1 finished: 1 match/)).toBeVisible()
    const card = page.getByRole('article', { name: /^Match: / })
    await expect(card).toContainText(`Both answered “Remote” to “${prompt}”`)
    await card.getByText(/^How the \d+% fit is made$/).click()
    await expect(card).toContainText(`“${prompt}” (same answer scores): 3,000 points`)
    await expectNoAxeViolations(page)
  })
})
