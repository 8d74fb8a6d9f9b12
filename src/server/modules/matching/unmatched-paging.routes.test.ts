import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ProgramMatchesSchema } from '#contracts/matching.ts'
import { buildPerson } from '#server/test/factories.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'
import { enrollPerson, errorOf, type ProgramSetup, runMatching, setUpProgram } from './matching.fixture.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => {
  await t.jobs.drain()
  await t.close()
})

async function review(setup: ProgramSetup, query: string, headers = setup.managerHeaders) {
  return t.app.inject({ method: 'GET', url: `/api/programs/${setup.program.id}/matches?${query}`, headers })
}

async function page(setup: ProgramSetup, query: string) {
  const response = await review(setup, query)
  expect(response.statusCode, response.body).toBe(200)
  return ProgramMatchesSchema.parse(response.json())
}

describe('the unmatched list of the review is paged', () => {
  test('pages in name order with the total; each person keeps their own reason', async () => {
    const setup = await setUpProgram(t)
    await enrollPerson(
      setup,
      { name: 'Ana Lima', department: 'Sales', seniority: 4 },
      { skills_wanted: ['negotiation'], skills_offered: ['storytelling'] },
    )
    await enrollPerson(
      setup,
      { name: 'Ben Ortiz', department: 'Design', seniority: 5 },
      { skills_wanted: ['storytelling'], skills_offered: ['negotiation'] },
    )
    const zed = await enrollPerson(setup, { name: 'Zed Alone', languages: ['ja'] })
    const lou = await enrollPerson(setup, { name: 'Lou Nobody', languages: ['fi'] })
    await runMatching(setup)
    // Enrolled after the run: unmatched because no run has seen them yet.
    const mia = await enrollPerson(setup, { name: 'Mia Late' })

    const all = await page(setup, '')
    expect(all.unmatchedPage).toEqual({ limit: 500, offset: 0, total: 3 })
    expect(all.counts.unmatched).toBe(3)
    expect(all.unmatched.map((u) => [u.name, u.reason])).toEqual([
      ['Lou Nobody', 'no_feasible_partner'],
      ['Mia Late', 'not_in_run'],
      ['Zed Alone', 'no_feasible_partner'],
    ])

    const first = await page(setup, 'unmatchedLimit=2')
    expect(first.unmatched.map((u) => u.personId)).toEqual([lou.id, mia.id])
    expect(first.unmatchedPage).toEqual({ limit: 2, offset: 0, total: 3 })
    // The total stays the total, not the page's length; the matches are not affected.
    expect(first.counts.unmatched).toBe(3)
    expect(first.matches).toEqual(all.matches)

    const second = await page(setup, 'unmatchedLimit=2&unmatchedOffset=2')
    expect(second.unmatched).toEqual([all.unmatched[2]])
    expect(second.unmatched[0]).toMatchObject({ personId: zed.id, reasonText: expect.stringContaining('No feasible') })
    expect(second.unmatchedPage).toEqual({ limit: 2, offset: 2, total: 3 })

    const beyond = await page(setup, 'unmatchedLimit=2&unmatchedOffset=10')
    expect(beyond.unmatched).toEqual([])
    expect(beyond.unmatchedPage.total).toBe(3)
  })

  test('bad paging is a 400 naming the field; participants still cannot read the review', async () => {
    const setup = await setUpProgram(t)
    const person = await enrollPerson(setup, { name: 'Ana Lima' })
    for (const [query, path] of [
      ['unmatchedLimit=0', 'querystring.unmatchedLimit'],
      ['unmatchedLimit=5001', 'querystring.unmatchedLimit'],
      ['unmatchedLimit=ten', 'querystring.unmatchedLimit'],
      ['unmatchedOffset=-1', 'querystring.unmatchedOffset'],
    ]) {
      const response = await review(setup, query)
      expect(response.statusCode, query).toBe(400)
      expect(errorOf(response).code).toBe('validation_failed')
      expect(errorOf(response).details.map((d) => d.path)).toEqual([path])
    }
    const outsider = await buildPerson(t.db, { organizationId: setup.organizationId })
    for (const someone of [person, outsider]) {
      const response = await review(setup, 'unmatchedLimit=1', await sessionHeadersFor(t.db, someone))
      expect(`${response.statusCode} ${errorOf(response).code}`).toBe('404 not_found')
      expect(response.body).not.toContain('Ana Lima')
    }
  })
})
