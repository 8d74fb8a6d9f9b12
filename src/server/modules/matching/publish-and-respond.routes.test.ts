import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { MyMatchSchema } from '#contracts/matching.ts'
import { NotificationListSchema } from '#contracts/notifications.ts'
import type { PersonRow } from '#server/db/schema.ts'
import { buildEnrollment, buildPerson } from '#server/test/factories.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'
import {
  enrollPerson,
  errorOf,
  type Headers,
  matchOf,
  myMatches,
  publish,
  reviewMatches,
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

const loose = { constraints: { excludeSameManagerPeers: false, maxSeniorityGap: null, minOverlapMinutes: 0 } }

function respond(matchId: string, headers: Headers, payload: object) {
  return t.app.inject({ method: 'POST', url: `/api/matches/${matchId}/respond`, headers, payload })
}

describe('publish and respond', () => {
  test('participants see nothing before publication; publishing notifies every member in-app and by email', async () => {
    const setup = await setUpProgram(t, { rules: loose })
    const ana = await enrollPerson(
      setup,
      {
        name: 'Ana Lima',
        department: 'Sales',
        title: 'Account lead',
        location: 'Lisbon',
        time_zone: 'Europe/Lisbon',
        languages: ['en', 'pt'],
      },
      { skills_wanted: ['negotiation'] },
    )
    const ben = await enrollPerson(
      setup,
      {
        name: 'Ben Ortiz',
        department: 'Design',
        title: 'Designer',
        location: 'Madrid',
        time_zone: 'Europe/Madrid',
        languages: ['en', 'es'],
      },
      { skills_offered: ['negotiation'] },
    )
    const anaHeaders = await sessionHeadersFor(t.db, ana)
    const benHeaders = await sessionHeadersFor(t.db, ben)
    await runMatching(setup)
    const [proposal] = (await reviewMatches(setup)).matches

    expect(await myMatches(t, anaHeaders)).toEqual([])
    const early = await respond(proposal.id, anaHeaders, { response: 'accepted' })
    expect(early.statusCode).toBe(404)

    const published = await publish(setup)
    expect(published).toEqual({ published: 1, notified: 2, programStatus: 'active' })
    const program = await t.db
      .selectFrom('programs')
      .select('status')
      .where('id', '=', setup.program.id)
      .executeTakeFirstOrThrow()
    expect(program.status).toBe('active')

    const [mine] = await myMatches(t, anaHeaders)
    expect(mine).toMatchObject({ id: proposal.id, status: 'published', myRole: 'peer', myResponse: 'pending' })
    expect(mine.partners).toEqual([
      {
        personId: ben.id,
        name: 'Ben Ortiz',
        title: 'Designer',
        department: 'Design',
        location: 'Madrid',
        timeZone: 'Europe/Madrid',
        languages: ['en', 'es'],
        role: 'peer',
        response: 'pending',
      },
    ])
    expect(mine.reasons).toContain('Ana wants negotiation and Ben offers it')

    const notifications = NotificationListSchema.parse(
      (await t.app.inject({ method: 'GET', url: '/api/notifications', headers: benHeaders })).json(),
    )
    expect(notifications.unreadCount).toBe(1)
    expect(notifications.notifications[0]).toMatchObject({ kind: 'match_published', link: '/me/matches' })
    expect(notifications.notifications[0].body).toContain('Ana Lima')
    const mail = await t.db
      .selectFrom('outbox_emails')
      .select(['to_address', 'subject', 'text_body'])
      .where('organization_id', '=', setup.organizationId)
      .execute()
    expect(mail.map((m) => m.to_address).sort()).toEqual([ana.email, ben.email].sort())
    expect(mail[0].text_body).toContain(`${t.config.publicUrl}/me/matches`)

    const audit = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('organization_id', '=', setup.organizationId)
      .execute()
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['matches.published', 'program.transitioned']))

    const nothing = await t.app.inject({
      method: 'POST',
      url: `/api/programs/${setup.program.id}/matches/publish`,
      headers: setup.managerHeaders,
    })
    expect(nothing.statusCode).toBe(422)
    expect(errorOf(nothing).code).toBe('nothing_to_match')
  })

  test('publishing tells each unmatched enrollee why, naming nobody, and what happens next', async () => {
    const setup = await setUpProgram(t, { rules: loose })
    await enrollPerson(setup, { name: 'Ana Lima', languages: ['en'] })
    await enrollPerson(setup, { name: 'Ben Ortiz', languages: ['en'] })
    const lou = await enrollPerson(setup, { name: 'Lou Nobody', languages: ['fi'] })
    await runMatching(setup)
    // The review says it in the program manager's terms, with counts.
    const [left] = (await reviewMatches(setup)).unmatched
    expect(left.reasonText).toContain('Excluded: 2 with no shared language')

    expect(await publish(setup)).toMatchObject({ published: 1, notified: 2 })
    const louHeaders = await sessionHeadersFor(t.db, lou)
    const list = NotificationListSchema.parse(
      (await t.app.inject({ method: 'GET', url: '/api/notifications', headers: louHeaders })).json(),
    )
    expect(list.notifications).toHaveLength(1)
    const [notice] = list.notifications
    expect(notice).toMatchObject({
      kind: 'unmatched_this_time',
      title: `No match for you in ${setup.program.name} this time`,
      link: `/programs/${setup.program.id}`,
    })
    expect(notice.body).toBe(
      'Nobody enrolled this time could be your partner under the program’s rules, mostly because you share no ' +
        'coaching language with them. You stay enrolled: your program manager can match you by hand, and you are in ' +
        'the next matching run of the program.',
    )
    // Nothing about anyone else: no names, no counts.
    expect(notice.body).not.toMatch(/Ana|Ben|\d/)
    const [mail] = await t.db
      .selectFrom('outbox_emails')
      .select(['subject', 'text_body'])
      .where('organization_id', '=', setup.organizationId)
      .where('to_address', '=', lou.email)
      .execute()
    expect(mail.subject).toBe(`No match for you in ${setup.program.name} this time`)
    expect(mail.text_body).toContain('you were not matched this time')
    expect(mail.text_body).toContain(`${t.config.publicUrl}/programs/${setup.program.id}`)
  })

  test('all accept -> active; a decline ends the match, hides the reason from the partner and returns both to the pool', async () => {
    const setup = await setUpProgram(t, { rules: loose })
    const people: PersonRow[] = []
    for (const name of ['Ada A', 'Bea B', 'Cy C', 'Di D']) people.push(await enrollPerson(setup, { name }))
    const headers = await Promise.all(people.map((p) => sessionHeadersFor(t.db, p)))
    await runMatching(setup)
    await publish(setup)
    const [first, second] = (await reviewMatches(setup)).matches
    const headersOf = (personId: string) => headers[people.findIndex((p) => p.id === personId)]

    // accept both members of the first match
    const [a1, a2] = first.members.map((m) => m.personId)
    const half = MyMatchSchema.parse((await respond(first.id, headersOf(a1), { response: 'accepted' })).json())
    expect(half).toMatchObject({ status: 'published', myResponse: 'accepted' })
    const full = MyMatchSchema.parse((await respond(first.id, headersOf(a2), { response: 'accepted' })).json())
    expect(full.status).toBe('active')
    expect(full.partners[0].response).toBe('accepted')

    // decline the second with a private reason
    const [d1, d2] = second.members.map((m) => m.personId)
    const secret = 'We sit in the same open space and already talk every day'
    const declined = await respond(second.id, headersOf(d1), { response: 'declined', reason: secret })
    expect(declined.statusCode, declined.body).toBe(200)
    expect(MyMatchSchema.parse(declined.json()).status).toBe('declined')
    const partnerView = await t.app.inject({ method: 'GET', url: '/api/me/matches', headers: headersOf(d2) })
    expect(partnerView.body).not.toContain(secret)
    expect(JSON.stringify(await myMatches(t, headersOf(d2)))).not.toContain('open space')
    const closed = await respond(second.id, headersOf(d2), { response: 'accepted' })
    expect(closed.statusCode).toBe(409)
    expect(errorOf(closed).code).toBe('match_response_closed')

    // the program manager sees the reason; both are back in the pool
    const review = await reviewMatches(setup)
    const ended = review.matches.find((m) => m.id === second.id)
    expect(ended?.status).toBe('declined')
    expect(ended?.members.find((m) => m.personId === d1)?.responseReason).toBe(secret)
    expect(review.unmatched.map((u) => [u.personId, u.reason]).sort()).toEqual(
      [
        [d1, 'declined'],
        [d2, 'declined'],
      ].sort(),
    )
    const auditDetails = await t.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'match.declined')
      .execute()
    expect(JSON.stringify(auditDetails)).not.toContain('open space')

    // a late run in the active program: only the pool, and never the pair who declined each other
    const late = await enrollPerson(setup, { name: 'Lu Late' })
    const { run } = await runMatching(setup)
    expect(run.summary?.participants).toBe(3)
    const proposals = (await reviewMatches(setup)).matches.filter((m) => m.status === 'proposed')
    expect(proposals).toHaveLength(1)
    expect(matchOf(proposals, d1, d2)).toBeUndefined()
    expect(proposals[0].members.map((m) => m.personId)).toContain(late.id)
    const latePublish = await publish(setup)
    expect(latePublish).toMatchObject({ published: 1, programStatus: 'active' })
  })

  test('next cycle: people are not paired again with an earlier partner', async () => {
    const first = await setUpProgram(t, { rules: loose })
    const a = await enrollPerson(first, { name: 'Al A' })
    const b = await enrollPerson(first, { name: 'Bo B' })
    await runMatching(first)
    await publish(first)
    const next = await setUpProgram(t, {
      organizationId: first.organizationId,
      previousProgramId: first.program.id,
      rules: { constraints: { ...loose.constraints, avoidRepeatPartners: true } },
    })
    for (const person of [a, b]) await buildEnrollment(t.db, { program: next.program, person })
    const c = await enrollPerson(next, { name: 'Cy C' })
    const { run } = await runMatching(next)
    expect(run.result?.matches).toHaveLength(1)
    expect(run.result?.matches[0].members.map((m) => m.personId)).toContain(c.id)
    const manual = await t.app.inject({
      method: 'POST',
      url: `/api/programs/${next.program.id}/matches`,
      headers: next.managerHeaders,
      payload: { personIds: [a.id, b.id] },
    })
    expect(manual.statusCode).toBe(422)
    expect(errorOf(manual).message).toBe('Al A and Bo B were partners in an earlier cycle (no repeat partners)')
  })
})

describe('hierarchy safety, property-style', () => {
  test('no published match ever contains a person and anyone above them within the configured depth', async () => {
    const orgTree = fc.record({
      size: fc.integer({ min: 6, max: 24 }),
      parents: fc.array(fc.nat(), { minLength: 24, maxLength: 24 }),
      enrolled: fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }),
      depth: fc.constantFrom(null, 1, 2),
      type: fc.constantFrom('peer_coaching' as const, 'peer_mentoring' as const, 'coaching_circle' as const),
    })
    let publishedPairs = 0
    await fc.assert(
      fc.asyncProperty(orgTree, async ({ size, parents, enrolled, depth, type }) => {
        const setup = await setUpProgram(t, {
          type,
          rules: {
            constraints: { ...loose.constraints, reportingChainDepth: depth },
            circles: { minSize: 2, maxSize: 3, targetSize: 3 },
          },
        })
        // person i reports to someone before them (or nobody): a random tree, enrolled or not
        const ids: string[] = []
        const managerOf = new Map<string, string | null>()
        for (let i = 0; i < size; i++) {
          const managerId = i === 0 || parents[i] % 4 === 0 ? null : ids[parents[i] % i]
          const person = await buildPerson(t.db, {
            organizationId: setup.organizationId,
            manager_id: managerId,
            seniority: 1 + (i % 8),
          })
          ids.push(person.id)
          managerOf.set(person.id, managerId)
          if (enrolled[i] || i < 2) {
            const role = type === 'peer_mentoring' ? (i % 3 === 0 ? 'mentor' : 'mentee') : null
            await buildEnrollment(t.db, {
              program: setup.program,
              person,
              mentoring_role: role,
              mentor_capacity: role === 'mentor' ? 2 : null,
            })
          }
        }
        await runMatching(setup)
        const published = await t.app.inject({
          method: 'POST',
          url: `/api/programs/${setup.program.id}/matches/publish`,
          headers: setup.managerHeaders,
        })
        // 422 only when the run found no feasible pair at all
        expect([200, 422], published.body).toContain(published.statusCode)
        const rows = await t.db
          .selectFrom('match_members as mm')
          .innerJoin('matches as m', 'm.id', 'mm.match_id')
          .select(['m.id', 'mm.person_id', 'mm.role'])
          .where('m.program_id', '=', setup.program.id)
          .where('m.status', '=', 'published')
          .execute()
        publishedPairs += rows.length
        const members = new Map<string, string[]>()
        for (const row of rows) members.set(row.id, [...(members.get(row.id) ?? []), row.person_id])
        const above = (id: string) => {
          const chain: string[] = []
          let current = managerOf.get(id) ?? null
          while (current && (depth === null || chain.length < depth)) {
            chain.push(current)
            current = managerOf.get(current) ?? null
          }
          return chain
        }
        const seen = new Map<string, number>()
        for (const group of members.values()) {
          for (const x of group) {
            for (const y of group) if (x !== y) expect(above(x)).not.toContain(y)
          }
        }
        for (const row of rows) {
          seen.set(row.person_id, (seen.get(row.person_id) ?? 0) + 1)
          const limit = row.role === 'mentor' ? 2 : 1
          expect(seen.get(row.person_id)).toBeLessThanOrEqual(limit)
        }
      }),
      { numRuns: 12, seed: 20261124 },
    )
    // the property held over real publications, not empty ones
    expect(publishedPairs).toBeGreaterThan(20)
  }, 120_000)
})
