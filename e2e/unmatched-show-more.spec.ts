import { DEMO_PASSWORD, seedDemoOrganization } from './demo-organization.ts'
import { expect, expectNoAxeViolations, signIn, test } from './fixtures.ts'
import { dayFromToday, expectStatus, signedInApi } from './peer-match.ts'

// The review's unmatched list comes a page at a time: 50 first, then "Show more" adds the rest and
// moves the focus to the first person added.

test('a program manager pages through a long unmatched list', async ({ page, tandemUrl }) => {
  test.setTimeout(240_000)
  const demo = await test.step('seed the demo organization through the API', () => seedDemoOrganization(tandemUrl))
  const manager = demo.person('Samuel Adeyemi')
  const programId = await test.step('a program in matching with everyone enrolled, no run yet', async () => {
    const { api, headers } = await signedInApi(tandemUrl, manager)
    try {
      const program = await expectStatus(
        await api.post('/api/programs', {
          headers,
          data: {
            type: 'peer_coaching',
            name: 'Peer coaching: everyone',
            startsOn: dayFromToday(7),
            endsOn: dayFromToday(120),
          },
        }),
        201,
        'POST /api/programs',
      )
      const found = await expectStatus<{ people: { id: string }[] }>(
        await api.get('/api/people', { params: { limit: 100 } }),
        200,
        'GET /api/people',
      )
      const transition = (to: string) => api.post(`/api/programs/${program.id}/transitions`, { headers, data: { to } })
      await expectStatus(await transition('enrolling'), 200, 'transition to enrolling')
      await expectStatus(
        await api.post(`/api/programs/${program.id}/enrollments`, {
          headers,
          data: { personIds: found.people.map((person) => person.id) },
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

  await signIn(page, manager.email, DEMO_PASSWORD)
  await page.goto(`/programs/${programId}`)
  await page.getByRole('tab', { name: 'Matching', exact: true }).click()
  const list = page.getByRole('list', { name: 'Unmatched people' })
  await expect(list.getByRole('listitem')).toHaveCount(50)
  const shown = page.getByText(/^Showing 50 of (\d+)$/)
  await expect(shown).toBeVisible()
  const total = Number((await shown.textContent())?.match(/of (\d+)$/)?.[1])
  expect(total).toBeGreaterThan(50)
  await expect(page.getByRole('heading', { name: `Unmatched (${total})` })).toBeVisible()
  await expectNoAxeViolations(page)
  const names = await list.getByRole('listitem').locator('.match-member-name').allTextContents()
  expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))

  await page.getByRole('button', { name: 'Show more', exact: true }).click()
  await expect(list.getByRole('listitem')).toHaveCount(total)
  await expect(list.getByRole('listitem').nth(50)).toBeFocused()
  await expect(page.getByRole('button', { name: 'Show more', exact: true })).toHaveCount(0)
  await expectNoAxeViolations(page)
})
