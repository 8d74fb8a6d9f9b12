import { DEMO_PASSWORD, seedDemoOrganization } from './demo-organization.ts'
import { expect, expectNoAxeViolations, signIn, test } from './fixtures.ts'
import { dayFromToday, expectStatus, signedInApi } from './peer-match.ts'

// Issue #17 point 2: the review says why a person was left without a match, in their terms (who
// could have been a partner, what excluded the others, what would help); after publishing, that
// person is told, in words that name nobody, and what happens next.

const programName = 'Peer coaching: one left over'

test('a run leaves one person unmatched: the review explains why, and publishing tells them', async ({
  page,
  tandemUrl,
}) => {
  test.setTimeout(240_000)
  const demo = await test.step('seed the demo organization through the API', () => seedDemoOrganization(tandemUrl))
  const manager = demo.person('Samuel Adeyemi')
  const peers = [demo.person('Arjun Mehta'), demo.person('Maximilian Braun')]
  const loner = demo.person('Beatriz Santos')

  const programId = await test.step('a program in matching; one enrollee coaches only in Finnish', async () => {
    const own = await signedInApi(tandemUrl, loner)
    await expectStatus(
      await own.api.patch('/api/me/profile', { headers: own.headers, data: { languages: ['fi'] } }),
      200,
      'PATCH /api/me/profile',
    )
    await own.api.dispose()
    const { api, headers } = await signedInApi(tandemUrl, manager)
    try {
      const program = await expectStatus(
        await api.post('/api/programs', {
          headers,
          data: { type: 'peer_coaching', name: programName, startsOn: dayFromToday(7), endsOn: dayFromToday(120) },
        }),
        201,
        'POST /api/programs',
      )
      const transition = (to: string) => api.post(`/api/programs/${program.id}/transitions`, { headers, data: { to } })
      await expectStatus(await transition('enrolling'), 200, 'transition to enrolling')
      const found = await expectStatus<{ people: { id: string; email: string }[] }>(
        await api.get('/api/people', { params: { limit: 100 } }),
        200,
        'GET /api/people',
      )
      const emails = new Set([...peers, loner].map((person) => person.email))
      await expectStatus(
        await api.post(`/api/programs/${program.id}/enrollments`, {
          headers,
          data: { personIds: found.people.filter((p) => emails.has(p.email)).map((p) => p.id) },
        }),
        200,
        'POST /api/programs/:programId/enrollments',
      )
      await expectStatus(await transition('matching'), 200, 'transition to matching')
      return program.id
    } finally {
      await api.dispose()
    }
  })

  await test.step('the program manager runs matching and reads why she was left out', async () => {
    await signIn(page, manager.email, DEMO_PASSWORD)
    await page.goto(`/programs/${programId}?tab=matching`)
    await page.getByRole('button', { name: 'Run matching', exact: true }).click()
    await expect(page.getByText(/^Run 1 finished: 1 match, 1 person unmatched\.$/)).toBeVisible()
    const left = page.getByRole('list', { name: 'Unmatched people' }).getByRole('listitem')
    await expect(left).toHaveCount(1)
    await expect(left).toContainText(loner.name)
    await expect(left).toContainText('None of the 2 people in this run could be their partner.')
    await expect(left).toContainText('with no shared language')
    await expectNoAxeViolations(page)

    await page.getByRole('button', { name: 'Publish matches', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'Publish matches?' })
    await dialog.getByRole('button', { name: 'Publish and notify', exact: true }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByText('1 match published; 2 people were notified.', { exact: true })).toBeVisible()
    await page.context().clearCookies()
  })

  await test.step('she is told, naming nobody, and what happens next', async () => {
    await signIn(page, loner.email, DEMO_PASSWORD)
    await page.goto('/notifications')
    const notice = page.getByRole('listitem').filter({ hasText: `No match for you in ${programName} this time` })
    await expect(notice).toBeVisible()
    await expect(notice).toContainText('Nobody enrolled this time could be your partner under the program’s rules')
    await expect(notice).toContainText('You stay enrolled: your program manager can match you by hand')
    for (const peer of peers) await expect(notice).not.toContainText(peer.name)
    await expectNoAxeViolations(page)
  })
})
