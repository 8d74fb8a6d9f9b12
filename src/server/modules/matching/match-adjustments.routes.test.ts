import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  CreatePairRuleResultSchema,
  PairRuleListSchema,
  ReviewMatchSchema,
  SwapResultSchema,
} from '#contracts/matching.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'
import {
  buildColleague,
  enrollPerson,
  errorOf,
  type Headers,
  matchOf,
  type ProgramSetup,
  reviewMatches,
  rulesWith,
  runMatching,
  setUpProgram,
} from './matching.fixture.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => {
  await t.jobs.drain()
  await t.close()
})

const post = (url: string, headers: Headers, payload?: object) =>
  t.app.inject({ method: 'POST', url, headers, payload })

function manualMatch(setup: ProgramSetup, personIds: string[], headers = setup.managerHeaders) {
  return post(`/api/programs/${setup.program.id}/matches`, headers, { personIds })
}

async function expectRefused(response: Awaited<ReturnType<typeof post>>, reason: string) {
  expect(response.statusCode, response.body).toBe(422)
  expect(errorOf(response)).toMatchObject({ code: 'constraint_violated', message: reason })
}

const loose = { constraints: { excludeSameManagerPeers: false, maxSeniorityGap: null, minOverlapMinutes: 0 } }

describe('manual matches and the hard rules', () => {
  test('a manual match breaking a hard rule is refused with the reason in words; a valid one is scored by the engine', async () => {
    const setup = await setUpProgram(t, {
      rules: { constraints: { excludeSameManagerPeers: true, maxSeniorityGap: 2, minOverlapMinutes: 120 } },
    })
    const ceo = await buildColleague(setup, { name: 'Cleo Chief' })
    const ben = await enrollPerson(setup, { name: 'Ben Ortiz', manager_id: ceo.id, seniority: 6 })
    const carla = await buildColleague(setup, { name: 'Carla Diaz', manager_id: ben.id })
    const ana = await enrollPerson(setup, { name: 'Ana Lima', manager_id: carla.id, seniority: 5 })
    const sam = await enrollPerson(setup, { name: 'Sam Same', manager_id: carla.id, seniority: 5 })
    const junior = await enrollPerson(setup, { name: 'Jo Junior', seniority: 1 })
    const finn = await enrollPerson(setup, { name: 'Finn Finnish', languages: ['fi'], seniority: 5 })
    const tokyo = await enrollPerson(setup, { name: 'Toko Night', time_zone: 'Asia/Tokyo', seniority: 5 })
    const eve = await enrollPerson(setup, { name: 'Eve Equal', seniority: 5, department: 'Design' })
    const outsider = await buildColleague(setup, { name: 'Nora Notenrolled' })

    await expectRefused(
      await manualMatch(setup, [ana.id, ben.id]),
      'Ana Lima reports to Ben Ortiz through Carla Diaz (reporting chain)',
    )
    await expectRefused(
      await manualMatch(setup, [ana.id, sam.id]),
      'Ana Lima and Sam Same both report to Carla Diaz (same-manager peers are excluded)',
    )
    await expectRefused(
      await manualMatch(setup, [ana.id, junior.id]),
      'The seniority gap between Ana Lima (level 5) and Jo Junior (level 1) is 4; the program allows at most 2',
    )
    await expectRefused(
      await manualMatch(setup, [ana.id, finn.id]),
      'Ana Lima and Finn Finnish share no language (en / fi)',
    )
    await expectRefused(
      await manualMatch(setup, [ana.id, tokyo.id]),
      'Ana Lima and Toko Night share no time of working day; the program asks for at least 2 h',
    )
    await expectRefused(
      await manualMatch(setup, [ana.id, outsider.id]),
      'Nora Notenrolled is not enrolled in this program',
    )
    await expectRefused(
      await manualMatch(setup, [ana.id, eve.id, sam.id]),
      'A match of this program is a pair, not 3 people',
    )

    const created = await manualMatch(setup, [ana.id, eve.id])
    expect(created.statusCode, created.body).toBe(201)
    const match = ReviewMatchSchema.parse(created.json())
    expect(match).toMatchObject({ origin: 'manual', status: 'proposed', isLocked: false })
    expect(match.score).toBeGreaterThan(0)
    // The fit is the score over the best the program's weights allow (their sum times 100 points),
    // and the criteria's points add up to the score.
    const { weights } = rulesWith('peer_coaching')
    const best = (weights.complementarity + weights.seniority + weights.diversity + weights.overlap) * 100
    expect(match.fitPercent).toBe(Math.round((100 * match.score) / best))
    const criteria = Object.values(match.explanation.criteria ?? {})
    expect(criteria.reduce((sum, c) => sum + c.points, 0)).toBe(match.score)
    expect(match.explanation.reasons[0]).toBe('matched by hand by the program manager')
    expect(match.explanation.summary).toContain('different departments')
    // no one twice
    await expectRefused(
      await manualMatch(setup, [eve.id, sam.id]),
      'Eve Equal is already in a proposed match of this program',
    )

    const refusals = await t.db.selectFrom('matches').select('id').where('program_id', '=', setup.program.id).execute()
    expect(refusals).toHaveLength(1)
  })

  test('reporting-chain depth: 1 excludes only the direct manager', async () => {
    const setup = await setUpProgram(t, { rules: { constraints: { ...loose.constraints, reportingChainDepth: 1 } } })
    const top = await enrollPerson(setup, { name: 'Tom Top' })
    const mid = await enrollPerson(setup, { name: 'Mia Mid', manager_id: top.id })
    const low = await enrollPerson(setup, { name: 'Leo Low', manager_id: mid.id })
    await expectRefused(await manualMatch(setup, [low.id, mid.id]), 'Leo Low reports to Mia Mid (reporting chain)')
    expect((await manualMatch(setup, [low.id, top.id])).statusCode).toBe(201)
  })

  test('mentoring: one mentor and one mentee, within the mentor capacity and the seniority gap', async () => {
    const setup = await setUpProgram(t, { type: 'peer_mentoring' })
    const mentor = await enrollPerson(
      setup,
      { name: 'Mo Mentor', seniority: 7 },
      { mentoring_role: 'mentor', mentor_capacity: 1 },
    )
    const peerMentor = await enrollPerson(setup, { name: 'Pia Mentor', seniority: 7 }, { mentoring_role: 'mentor' })
    const mentee = await enrollPerson(setup, { name: 'Mel Mentee', seniority: 3 }, { mentoring_role: 'mentee' })
    const second = await enrollPerson(setup, { name: 'Sid Second', seniority: 3 }, { mentoring_role: 'mentee' })
    const senior = await enrollPerson(setup, { name: 'Sue Senior', seniority: 7 }, { mentoring_role: 'mentee' })
    await expectRefused(
      await manualMatch(setup, [mentor.id, peerMentor.id]),
      'A mentoring match needs one mentor and one mentee (Mo Mentor is mentor and Pia Mentor is mentor)',
    )
    await expectRefused(
      await manualMatch(setup, [mentor.id, senior.id]),
      'Mentor Mo Mentor (level 7) must be at least 1 level(s) more senior than mentee Sue Senior (level 7)',
    )
    const created = await manualMatch(setup, [mentee.id, mentor.id])
    expect(created.statusCode, created.body).toBe(201)
    const match = ReviewMatchSchema.parse(created.json())
    expect(match.members.map((m) => [m.name, m.role])).toEqual([
      ['Mo Mentor', 'mentor'],
      ['Mel Mentee', 'mentee'],
    ])
    expect(match.explanation.summary).toContain('Mo is 4 levels more senior than Mel (ideal gap 2)')
    await expectRefused(
      await manualMatch(setup, [mentor.id, second.id]),
      'Mo Mentor already mentors 1 mentee, their capacity',
    )
  })
})

describe('coaching circles', () => {
  test('a circle by hand: every pair inside must meet the hard rules, and the size the program allows', async () => {
    const setup = await setUpProgram(t, { type: 'coaching_circle', rules: loose })
    const boss = await enrollPerson(setup, { name: 'Bo Boss', department: 'Ops', seniority: 4 })
    const report = await enrollPerson(setup, {
      name: 'Ray Report',
      manager_id: boss.id,
      department: 'Ops',
      seniority: 3,
    })
    const cy = await enrollPerson(setup, { name: 'Cy C', department: 'Sales', seniority: 5 })
    const di = await enrollPerson(setup, { name: 'Di D', department: 'Design', seniority: 4 })
    await expectRefused(await manualMatch(setup, [cy.id, di.id]), 'A circle of this program has 3 to 5 members, not 2')
    await expectRefused(
      await manualMatch(setup, [cy.id, boss.id, report.id]),
      'Ray Report reports to Bo Boss (reporting chain)',
    )
    const created = await manualMatch(setup, [cy.id, di.id, boss.id])
    expect(created.statusCode, created.body).toBe(201)
    const circle = ReviewMatchSchema.parse(created.json())
    expect(circle.members.map((m) => m.role)).toEqual(['member', 'member', 'member'])
    expect(circle.explanation.pairScores).toHaveLength(3)
    expect(circle.explanation.reasons).toContain('3 members from 3 departments (Design, Ops, Sales)')
    expect(circle.explanation.reasons).toContain('seniority levels 4 to 5')
  })
})

describe('lock, unlock, dissolve, swap', () => {
  async function proposedPairs() {
    const setup = await setUpProgram(t, { rules: loose })
    const people = []
    for (const name of ['Ada A', 'Bea B', 'Cy C', 'Di D']) people.push(await enrollPerson(setup, { name }))
    await runMatching(setup)
    return { setup, people, review: await reviewMatches(setup) }
  }

  test('re-runs keep locked matches; unlocked proposals are replaced; dissolving returns people to the pool', async () => {
    const { setup, review } = await proposedPairs()
    expect(review.matches).toHaveLength(2)
    const [kept, other] = review.matches
    const locked = await post(`/api/matches/${kept.id}/lock`, setup.managerHeaders)
    expect(locked.statusCode, locked.body).toBe(200)
    expect(ReviewMatchSchema.parse(locked.json()).isLocked).toBe(true)

    await runMatching(setup)
    const after = await reviewMatches(setup)
    expect(after.matches.map((m) => m.id)).toContain(kept.id)
    expect(after.matches.map((m) => m.id)).not.toContain(other.id)
    expect(after.counts.locked).toBe(1)

    const dissolve = await t.app.inject({
      method: 'DELETE',
      url: `/api/matches/${kept.id}`,
      headers: setup.managerHeaders,
    })
    expect(dissolve.statusCode).toBe(204)
    const dissolved = await reviewMatches(setup)
    expect(dissolved.matches.map((m) => m.id)).not.toContain(kept.id)
    expect(dissolved.unmatched.map((u) => [u.personId, u.reason]).sort()).toEqual(
      kept.members.map((m) => [m.personId, 'dissolved']).sort(),
    )
    const unlocked = await post(
      `/api/matches/${after.matches.find((m) => m.id !== kept.id)?.id}/unlock`,
      setup.managerHeaders,
    )
    expect(unlocked.statusCode).toBe(200)

    const actions = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('organization_id', '=', setup.organizationId)
      .where('target_type', '=', 'match')
      .orderBy('id')
      .execute()
    expect(actions.map((a) => a.action)).toEqual(['match.locked', 'match.dissolved', 'match.unlocked'])
  })

  test('swap with a member of another proposal rechecks both; a swap that breaks a rule changes nothing', async () => {
    const { setup, people, review } = await proposedPairs()
    const [first, second] = review.matches
    const a = first.members[0].personId
    const b = second.members[0].personId
    const swapped = await post(`/api/matches/${first.id}/swap`, setup.managerHeaders, { personId: a, withPersonId: b })
    expect(swapped.statusCode, swapped.body).toBe(200)
    const result = SwapResultSchema.parse(swapped.json())
    expect(result.matches.map((m) => m.members.map((x) => x.personId).sort())).toEqual([
      [b, first.members[1].personId].sort(),
      [a, second.members[1].personId].sort(),
    ])
    expect(result.matches.every((m) => m.origin === 'manual')).toBe(true)

    // a late enrollee whose manager is in the first match: swapping them in is refused
    const boss = first.members[1].personId
    const report = await enrollPerson(setup, { name: 'Rae Report', manager_id: boss })
    const bossName = people.find((p) => p.id === boss)?.name
    const refused = await post(`/api/matches/${first.id}/swap`, setup.managerHeaders, {
      personId: b,
      withPersonId: report.id,
    })
    await expectRefused(refused, `Rae Report reports to ${bossName} (reporting chain)`)
    const unchanged = matchOf((await reviewMatches(setup)).matches, b, boss)
    expect(unchanged?.id).toBe(first.id)

    // with an unmatched enrollee who fits: they take the place, the other goes back to the pool
    const fresh = await enrollPerson(setup, { name: 'Fay Fresh' })
    const withUnmatched = await post(`/api/matches/${first.id}/swap`, setup.managerHeaders, {
      personId: b,
      withPersonId: fresh.id,
    })
    expect(withUnmatched.statusCode, withUnmatched.body).toBe(200)
    const final = await reviewMatches(setup)
    expect(matchOf(final.matches, fresh.id, boss)?.id).toBe(first.id)
    expect(final.unmatched.map((u) => u.personId)).toContain(b)
  })

  test('pair rules: never dissolves the current proposal and is never proposed again; must is matched first', async () => {
    const { setup, review } = await proposedPairs()
    const [pair] = review.matches
    const [x, y] = pair.members.map((m) => m.personId)
    const never = await post(`/api/programs/${setup.program.id}/pair-rules`, setup.managerHeaders, {
      kind: 'never',
      personIds: [x, y],
    })
    expect(never.statusCode, never.body).toBe(201)
    const created = CreatePairRuleResultSchema.parse(never.json())
    expect(created.dissolvedMatchIds).toEqual([pair.id])
    expect(created.rule.kind).toBe('never')

    const again = await post(`/api/programs/${setup.program.id}/pair-rules`, setup.managerHeaders, {
      kind: 'must',
      personIds: [y, x],
    })
    expect(again.statusCode).toBe(409)
    for (let i = 0; i < 2; i++) {
      await runMatching(setup)
      expect(matchOf((await reviewMatches(setup)).matches, x, y)).toBeUndefined()
    }
    await expectRefused(
      await manualMatch(setup, [x, y]),
      expect.stringContaining('may never be matched') as unknown as string,
    )

    // must: the other two are pushed together even with weights that would split them
    const others = review.matches[1].members.map((m) => m.personId)
    const must = await post(`/api/programs/${setup.program.id}/pair-rules`, setup.managerHeaders, {
      kind: 'must',
      personIds: [others[0], x],
    })
    expect(must.statusCode, must.body).toBe(201)
    await runMatching(setup)
    const withMust = await reviewMatches(setup)
    expect(matchOf(withMust.matches, others[0], x)?.explanation.reasons[0]).toBe('a must-pair rule of the program')

    const list = PairRuleListSchema.parse(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/programs/${setup.program.id}/pair-rules`,
          headers: setup.managerHeaders,
        })
      ).json(),
    )
    expect(list.rules.map((r) => r.kind)).toEqual(['never', 'must'])
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/programs/${setup.program.id}/pair-rules/${list.rules[0].id}`,
      headers: setup.managerHeaders,
    })
    expect(removed.statusCode).toBe(204)
    expect(
      (
        await t.db
          .selectFrom('audit_events')
          .select('action')
          .where('organization_id', '=', setup.organizationId)
          .execute()
      )
        .map((a) => a.action)
        .filter((a) => a.startsWith('pair_rule')),
    ).toEqual(['pair_rule.created', 'pair_rule.created', 'pair_rule.deleted'])
  })

  test('a must rule that breaks a hard rule is refused', async () => {
    const setup = await setUpProgram(t, { rules: loose })
    const boss = await enrollPerson(setup, { name: 'Bo Boss' })
    const report = await enrollPerson(setup, { name: 'Ray Report', manager_id: boss.id })
    const response = await post(`/api/programs/${setup.program.id}/pair-rules`, setup.managerHeaders, {
      kind: 'must',
      personIds: [boss.id, report.id],
    })
    await expectRefused(response, 'Ray Report reports to Bo Boss (reporting chain)')
  })

  test("participants and another organization's program manager cannot see or touch proposals (404, nothing changed)", async () => {
    const { setup, people, review } = await proposedPairs()
    const participant = await sessionHeadersFor(t.db, people[0])
    const stranger = await setUpProgram(t)
    const [match] = review.matches
    for (const headers of [participant, stranger.managerHeaders]) {
      const attempts = [
        t.app.inject({ method: 'GET', url: `/api/programs/${setup.program.id}/matches`, headers }),
        t.app.inject({ method: 'GET', url: `/api/programs/${setup.program.id}/pair-rules`, headers }),
        post(`/api/matches/${match.id}/lock`, headers),
        post(`/api/matches/${match.id}/unlock`, headers),
        post(`/api/matches/${match.id}/swap`, headers, { personId: people[0].id, withPersonId: people[1].id }),
        t.app.inject({ method: 'DELETE', url: `/api/matches/${match.id}`, headers }),
        post(`/api/programs/${setup.program.id}/matches`, headers, { personIds: [people[0].id, people[1].id] }),
        post(`/api/programs/${setup.program.id}/pair-rules`, headers, {
          kind: 'never',
          personIds: [people[0].id, people[1].id],
        }),
        post(`/api/programs/${setup.program.id}/matches/publish`, headers),
        post(`/api/matches/${match.id}/respond`, headers, { response: 'accepted' }),
      ]
      for (const response of await Promise.all(attempts)) {
        expect(response.statusCode, response.body).toBe(404)
      }
    }
    const after = await reviewMatches(setup)
    expect(after.matches.map((m) => [m.id, m.status, m.isLocked, m.members.map((x) => x.personId)])).toEqual(
      review.matches.map((m) => [m.id, m.status, m.isLocked, m.members.map((x) => x.personId)]),
    )
    expect(
      await t.db.selectFrom('pair_rules').select('id').where('program_id', '=', setup.program.id).execute(),
    ).toEqual([])
  })
})
