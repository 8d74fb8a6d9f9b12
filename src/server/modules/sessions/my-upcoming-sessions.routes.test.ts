import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DAY, MINUTE } from '#contracts/durations.ts'
import { ErrorResponseSchema } from '#contracts/errors.ts'
import { CreatedSessionsSchema, MyUpcomingSessionsSchema } from '#contracts/sessions.ts'
import { fixedClock } from '#server/clock.ts'
import type { MatchStatus, PersonRow } from '#server/db/schema.ts'
import { buildMatch, buildOrganization, buildPerson, buildProgram, buildSession } from '#server/test/factories.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'

// A fixed instant: the dates below stay where they are against it, whatever today's date is.
const clock = fixedClock('2027-01-15T10:00:00Z')

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({}, { clock })
})
afterAll(() => t.close())

type Headers = Record<string, string>
const URL = '/api/me/coaching-sessions'

async function upcoming(headers: Headers, query = '') {
  const response = await t.app.inject({ method: 'GET', url: `${URL}${query}`, headers })
  expect(response.statusCode, response.body).toBe(200)
  return MyUpcomingSessionsSchema.parse(response.json())
}

async function schedule(matchId: string, headers: Headers, body: object) {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/matches/${matchId}/sessions`,
    headers,
    payload: body,
  })
  expect(response.statusCode, response.body).toBe(201)
  return CreatedSessionsSchema.parse(response.json()).sessions
}

/**
 * Asha (Kolkata) in three matches she may open (active with Ben in Los Angeles, published with
 * Carla, completed with Dan), three she may not (proposed, dissolved, declined), and a match of
 * Ben with Eve in the same organization that she is not part of.
 */
async function setUp() {
  const organization = await buildOrganization(t.db)
  const program = await buildProgram(t.db, {
    organizationId: organization.id,
    name: 'Listening circle',
    status: 'active',
  })
  const other = await buildProgram(t.db, { organizationId: organization.id, name: 'Leading change', status: 'active' })
  const person = (name: string, time_zone: string) =>
    buildPerson(t.db, { organizationId: organization.id, name, time_zone })
  const asha = await person('Asha Rao', 'Asia/Kolkata')
  const ben = await person('Ben Ortiz', 'America/Los_Angeles')
  const carla = await person('Carla Diaz', 'Europe/Madrid')
  const dan = await person('Dan Kim', 'Asia/Seoul')
  const eve = await person('Eve Adams', 'UTC')
  const match = (programId: string, memberIds: string[], status: MatchStatus) =>
    buildMatch(t.db, { organizationId: organization.id, programId, memberIds, status })
  return {
    organization,
    asha,
    ben,
    carla,
    dan,
    eve,
    withBen: await match(program.id, [asha.id, ben.id], 'active'),
    withCarla: await match(other.id, [asha.id, carla.id], 'published'),
    withDan: await match(program.id, [asha.id, dan.id], 'completed'),
    closed: await Promise.all(
      (['proposed', 'dissolved', 'declined'] as const).map((status) => match(program.id, [asha.id, eve.id], status)),
    ),
    benWithEve: await match(other.id, [ben.id, eve.id], 'active'),
    ashaHeaders: await sessionHeadersFor(t.db, asha),
    benHeaders: await sessionHeadersFor(t.db, ben),
  }
}

describe('GET /api/me/coaching-sessions', () => {
  test('my scheduled sessions that have not ended, across my matches, soonest first, in my zone', async () => {
    const s = await setUp()
    const now = clock.now().getTime()
    // Scheduled through the API by Asha at 20:00 in Kolkata: 07:30 in Los Angeles; the organizer is coached first.
    const [first, second] = await schedule(s.withBen.id, s.ashaHeaders, {
      startsAtLocal: '2030-06-03T20:00',
      location: 'Room 4.12',
      videoUrl: 'https://meet.example.com/asha-ben',
      repeat: { count: 2 },
    })
    const inProgress = await buildSession(t.db, { match: s.withCarla, startsAt: new Date(now - 10 * MINUTE) })
    const soon = await buildSession(t.db, { match: s.withDan, startsAt: new Date(now + DAY) })

    // None of these are listed: ended, cancelled, held, missed, or in a match Asha may not open.
    await buildSession(t.db, { match: s.withCarla, startsAt: new Date(now - 60 * MINUTE), durationMinutes: 45 })
    for (const status of ['cancelled', 'held', 'missed'] as const) {
      await buildSession(t.db, { match: s.withBen, startsAt: new Date(now + 2 * DAY), status })
    }
    for (const closed of s.closed) await buildSession(t.db, { match: closed, startsAt: new Date(now + DAY) })
    // Ben's session with Eve: Ben's, never Asha's.
    const benAndEve = await buildSession(t.db, { match: s.benWithEve, startsAt: new Date(now + 3 * DAY) })

    const mine = await upcoming(s.ashaHeaders)
    expect(mine.total).toBe(4)
    expect(mine.sessions.map((session) => session.id)).toEqual([inProgress.id, soon.id, first.id, second.id])
    const [carlaSession, danSession, benSession] = mine.sessions
    expect(carlaSession).toMatchObject({
      matchId: s.withCarla.id,
      programName: 'Leading change',
      partners: [{ personId: s.carla.id, name: 'Carla Diaz' }],
      status: 'scheduled',
    })
    expect(danSession).toMatchObject({ matchId: s.withDan.id, programName: 'Listening circle' })
    expect(danSession.partners.map((p) => p.name)).toEqual(['Dan Kim'])
    expect(benSession).toMatchObject({
      matchId: s.withBen.id,
      programName: 'Listening circle',
      partners: [{ personId: s.ben.id, name: 'Ben Ortiz' }],
      coachId: s.ben.id,
      coacheeId: s.asha.id,
      location: 'Room 4.12',
      videoUrl: 'https://meet.example.com/asha-ben',
      startsAt: '2030-06-03T14:30:00.000Z',
      myLocalTime: {
        personId: s.asha.id,
        timeZone: 'Asia/Kolkata',
        start: '2030-06-03T20:00',
        end: '2030-06-03T20:45',
        utcOffset: '+05:30',
      },
    })
    expect(benSession.localTimes.find((time) => time.personId === s.ben.id)).toMatchObject({
      start: '2030-06-03T07:30',
      utcOffset: '-07:00',
    })
    // The roles alternate: Asha coaches Ben a week later.
    expect(mine.sessions[3]).toMatchObject({ coachId: s.asha.id, coacheeId: s.ben.id })

    // Ben sees his own: the two with Asha and the one with Eve, none of Asha's other matches.
    const bens = await upcoming(s.benHeaders)
    expect(bens.total).toBe(3)
    expect(bens.sessions.map((session) => session.id)).toEqual([benAndEve.id, first.id, second.id])
    expect(bens.sessions[0]).toMatchObject({ partners: [{ personId: s.eve.id, name: 'Eve Adams' }] })
    expect(bens.sessions[1].myLocalTime).toMatchObject({ timeZone: 'America/Los_Angeles', start: '2030-06-03T07:30' })
  })

  test('a cancelled, held or missed session leaves the list at once', async () => {
    const s = await setUp()
    const [session] = await schedule(s.withBen.id, s.ashaHeaders, { startsAtLocal: '2030-06-03T20:00' })
    expect((await upcoming(s.benHeaders)).total).toBe(1)
    const cancelled = await t.app.inject({
      method: 'POST',
      url: `/api/sessions/${session.id}/cancel`,
      headers: s.benHeaders,
      payload: {},
    })
    expect(cancelled.statusCode, cancelled.body).toBe(200)
    expect(await upcoming(s.benHeaders)).toEqual({ sessions: [], total: 0 })
    expect(await upcoming(s.ashaHeaders)).toEqual({ sessions: [], total: 0 })

    const started = await buildSession(t.db, {
      match: s.withBen,
      startsAt: new Date(clock.now().getTime() - 5 * MINUTE),
    })
    expect((await upcoming(s.ashaHeaders)).sessions.map((x) => x.id)).toEqual([started.id])
    for (const status of ['held', 'missed'] as const) {
      await t.db.updateTable('coaching_sessions').set({ status: 'scheduled' }).where('id', '=', started.id).execute()
      const marked = await t.app.inject({
        method: 'POST',
        url: `/api/sessions/${started.id}/status`,
        headers: s.ashaHeaders,
        payload: { status },
      })
      expect(marked.statusCode, marked.body).toBe(200)
      expect((await upcoming(s.ashaHeaders)).total, status).toBe(0)
    }
  })

  test('limit: default 5, 1 to 50; total counts them all', async () => {
    const s = await setUp()
    await schedule(s.withBen.id, s.ashaHeaders, { startsAtLocal: '2030-06-03T20:00', repeat: { count: 7 } })
    const byDefault = await upcoming(s.benHeaders)
    expect([byDefault.sessions.length, byDefault.total]).toEqual([5, 7])
    const two = await upcoming(s.benHeaders, '?limit=2')
    expect(two.sessions.map((x) => x.id)).toEqual(byDefault.sessions.slice(0, 2).map((x) => x.id))
    expect((await upcoming(s.benHeaders, '?limit=50')).sessions).toHaveLength(7)
    for (const limit of ['0', '51', 'many', '2.5']) {
      const response = await t.app.inject({ method: 'GET', url: `${URL}?limit=${limit}`, headers: s.benHeaders })
      expect(response.statusCode, limit).toBe(400)
      const error = ErrorResponseSchema.parse(response.json()).error
      expect(error.code).toBe('validation_failed')
      expect(error.details.map((d) => d.path).join()).toContain('limit')
    }
  })

  test("nobody else's sessions: outsiders, a program manager, an admin and another organization see none", async () => {
    const s = await setUp()
    await schedule(s.withBen.id, s.ashaHeaders, { startsAtLocal: '2030-06-03T20:00' })
    await buildSession(t.db, { match: s.benWithEve, startsAt: new Date(clock.now().getTime() + DAY) })
    const outsider = await buildPerson(t.db, { organizationId: s.organization.id })
    const manager = await buildPerson(t.db, { organizationId: s.organization.id, role: 'program_manager' })
    const admin = await buildPerson(t.db, { organizationId: s.organization.id, role: 'admin' })
    // Another organization with its own active match and session: only its members see it.
    const elsewhere = await buildOrganization(t.db)
    const foreignProgram = await buildProgram(t.db, { organizationId: elsewhere.id, status: 'active' })
    const foreignAdmin = await buildPerson(t.db, { organizationId: elsewhere.id, role: 'admin' })
    const foreignPeer = await buildPerson(t.db, { organizationId: elsewhere.id })
    const foreignOther = await buildPerson(t.db, { organizationId: elsewhere.id })
    const foreignMatch = await buildMatch(t.db, {
      organizationId: elsewhere.id,
      programId: foreignProgram.id,
      memberIds: [foreignPeer.id, foreignOther.id],
      status: 'active',
    })
    const foreignSession = await buildSession(t.db, {
      match: foreignMatch,
      startsAt: new Date(clock.now().getTime() + DAY),
    })

    for (const person of [outsider, manager, admin, foreignAdmin] as PersonRow[]) {
      expect(await upcoming(await sessionHeadersFor(t.db, person)), person.role).toEqual({ sessions: [], total: 0 })
    }
    // Eve sees her session with Ben, never Asha and Ben's.
    const eves = await upcoming(await sessionHeadersFor(t.db, s.eve))
    expect(eves.sessions.map((x) => x.matchId)).toEqual([s.benWithEve.id])
    const foreign = await upcoming(await sessionHeadersFor(t.db, foreignPeer))
    expect(foreign.sessions.map((x) => x.id)).toEqual([foreignSession.id])
  })

  test('signed out: 401', async () => {
    const response = await t.app.inject({ method: 'GET', url: URL })
    expect(response.statusCode).toBe(401)
  })
})
