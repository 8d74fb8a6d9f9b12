import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DAY } from '#contracts/durations.ts'
import { AtRiskPageSchema, InsightsOverviewSchema, ProgramInsightsSchema } from '#contracts/insights.ts'
import { fixedClock } from '#server/clock.ts'
import { loadProgram } from '#server/modules/programs/programs.service.ts'
import {
  buildEnrollment,
  buildMatch,
  buildOrganization,
  buildPerson,
  buildProgram,
  buildSession,
} from '#server/test/factories.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'
import {
  INSIGHT_REFRESH_QUEUE,
  INSIGHT_SWEEP_QUEUE,
  refreshProgramSnapshot,
  sumsProgramOf,
} from './insight-snapshots.ts'

/**
 * The dashboard and the overview read each program's snapshot (decision 029), through the real
 * server: a write shows once the refresh job counted again, `asOf` says when, a snapshot over a
 * minute old or counted with other settings is never served, and it keeps no names.
 */

const START = new Date('2027-01-15T10:00:00.000Z')
const clock = fixedClock(START)
let t: TestApp
beforeAll(async () => {
  t = await createTestApp({}, { clock })
})
afterAll(() => t.close())

/** Three active pairs of a peer coaching program (target 6 sessions), one held session so far; threshold lowered to 2. */
async function setUp() {
  const organization = await buildOrganization(t.db)
  const org = organization.id
  await t.db.updateTable('organizations').set({ aggregate_threshold: 2 }).where('id', '=', org).execute()
  const pm = await buildPerson(t.db, { organizationId: org, role: 'program_manager', name: 'Pat Manager' })
  const program = await buildProgram(t.db, {
    organizationId: org,
    status: 'active',
    name: 'Snapshot program',
    session_cadence_days: 14,
    target_session_count: 6,
  })
  const people = []
  for (const name of ['Ana Abe', 'Ben Bo', 'Cai Cy', 'Dee Du', 'Eli Ek', 'Fay Fu']) {
    const row = await buildPerson(t.db, { organizationId: org, name, department: 'Sales' })
    await buildEnrollment(t.db, { program, person: row })
    people.push(row)
  }
  const matches = []
  for (let i = 0; i < 3; i++) {
    matches.push(
      await buildMatch(t.db, {
        organizationId: org,
        programId: program.id,
        memberIds: [people[2 * i].id, people[2 * i + 1].id],
        status: 'active',
      }),
    )
  }
  await buildSession(t.db, { match: matches[0], status: 'held', startsAt: new Date(clock.now().getTime() - DAY) })
  return { org, pm, program, matches, people, headers: await sessionHeadersFor(t.db, pm) }
}

async function dashboard(url: string, headers: Record<string, string>) {
  const response = await t.app.inject({ method: 'GET', url, headers })
  expect(response.statusCode, response.body).toBe(200)
  return ProgramInsightsSchema.parse(response.json())
}

describe('the dashboard reads a snapshot', () => {
  test('a write shows once the refresh job counted again; asOf says when the figures were counted', async () => {
    clock.set(START)
    const s = await setUp()
    const url = `/api/programs/${s.program.id}/insights`
    const first = await dashboard(url, s.headers)
    expect(first.asOf).toBe(START.toISOString())
    expect(first.sessions).toMatchObject({ held: 1 })

    await buildSession(t.db, { match: s.matches[1], status: 'held', startsAt: new Date(START.getTime() - 2 * DAY) })
    clock.advance(20_000)
    const stale = await dashboard(url, s.headers)
    expect(stale.sessions).toMatchObject({ held: 1 })
    expect(stale.asOf).toBe(START.toISOString())
    expect(stale.generatedAt).toBe(clock.now().toISOString())

    // The sweep (every minute) queues a refresh due 30 s after the snapshot was counted: due now.
    clock.advance(30_000)
    await t.jobs.send(INSIGHT_SWEEP_QUEUE, { organizationId: null })
    await t.jobs.drain()
    const refreshedAt = clock.now().toISOString()
    const fresh = await dashboard(url, s.headers)
    expect(fresh.sessions).toMatchObject({ held: 2 })
    expect(fresh.asOf).toBe(refreshedAt)

    // The refresh queued the program's next one, 30 s later, once.
    const queued = await sql<{ n: number }>`
      select count(*)::int as n from pgboss.job
      where name = ${INSIGHT_REFRESH_QUEUE} and state = 'created' and singleton_key = ${s.program.id}`.execute(t.db)
    expect(queued.rows[0].n).toBe(1)
  })

  test('a snapshot over a minute old is never served, nor one counted with other settings', async () => {
    clock.set(START)
    const s = await setUp()
    const url = `/api/programs/${s.program.id}/insights`
    await dashboard(url, s.headers)
    await buildSession(t.db, { match: s.matches[2], status: 'held', startsAt: new Date(START.getTime() - DAY) })

    clock.advance(61_000)
    const late = await dashboard(url, s.headers)
    expect(late.asOf).toBe(clock.now().toISOString())
    expect(late.sessions).toMatchObject({ held: 2, target: 18 })

    clock.advance(1_000)
    await t.db.updateTable('programs').set({ target_session_count: 4 }).where('id', '=', s.program.id).execute()
    const changed = await dashboard(url, s.headers)
    expect(changed.asOf).toBe(clock.now().toISOString())
    expect(changed.sessions).toMatchObject({ held: 2, target: 12 })
  })

  test('the threshold and the names are applied when read; the snapshot keeps neither names nor words', async () => {
    clock.set(START)
    const s = await setUp()
    const url = `/api/programs/${s.program.id}/insights`
    // 40 days on, the pairs that have not met are at risk (a new sign-in: the first one expired).
    clock.advance(40 * DAY)
    s.headers = await sessionHeadersFor(t.db, s.pm)
    const first = await dashboard(url, s.headers)
    expect(first.sessions.isHidden).toBe(false)
    expect(first.atRisk.flatMap((m) => m.members.map((p) => p.name))).toContain('Ana Abe')

    await t.db.updateTable('organizations').set({ aggregate_threshold: 50 }).where('id', '=', s.org).execute()
    await t.db.updateTable('people').set({ name: 'Ana Renamed' }).where('id', '=', s.people[0].id).execute()
    const again = await dashboard(url, s.headers)
    expect(again.asOf).toBe(first.asOf)
    expect(again.sessions).toMatchObject({ isHidden: true, held: null })
    expect(again.atRisk.flatMap((m) => m.members.map((p) => p.name))).toContain('Ana Renamed')

    const stored = await t.db
      .selectFrom('program_insight_snapshots')
      .select(sql<string>`sums::text`.as('sums'))
      .where('program_id', '=', s.program.id)
      .executeTakeFirstOrThrow()
    expect(stored.sums).toContain(s.people[0].id)
    expect(stored.sums).not.toMatch(/Ana|Ben|Renamed/)
  })

  test("the at-risk list's pages come from the snapshot's entries; an earlier count never replaces a later one", async () => {
    clock.set(START)
    const s = await setUp()
    clock.advance(40 * DAY)
    s.headers = await sessionHeadersFor(t.db, s.pm)
    const first = await dashboard(`/api/programs/${s.program.id}/insights`, s.headers)
    const page = async (query: string) => {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/programs/${s.program.id}/insights/at-risk?${query}`,
        headers: s.headers,
      })
      expect(response.statusCode, response.body).toBe(200)
      return AtRiskPageSchema.parse(response.json())
    }
    const quiet = await page('sort=quiet&limit=2')
    expect(quiet).toMatchObject({ asOf: first.asOf, total: 3, sort: 'quiet', limit: 2, offset: 0 })
    // Never met before anyone who did: the pair with a held session comes last.
    expect(quiet.matches.map((m) => m.matchId)).not.toContain(s.matches[0].id)
    expect((await page('sort=quiet&limit=2&offset=2')).matches.map((m) => m.matchId)).toEqual([s.matches[0].id])

    // A session held now shows with the next count, not before.
    await buildSession(t.db, { match: s.matches[1], status: 'held', startsAt: new Date(clock.now().getTime() - DAY) })
    expect((await page('sort=name')).total).toBe(3)
    clock.advance(61_000)
    const recounted = await page('sort=name')
    expect(recounted).toMatchObject({ asOf: clock.now().toISOString(), total: 2 })
    expect(recounted.matches.map((m) => m.members.map((p) => p.name))).toEqual([
      ['Ana Abe', 'Ben Bo'],
      ['Eli Ek', 'Fay Fu'],
    ])

    // Two refreshes racing: the one counted earlier finds the later count kept and leaves it.
    const program = sumsProgramOf(await loadProgram(t.db, s.org, s.program.id))
    const earlier = new Date(clock.now().getTime() - 30 * DAY)
    const kept = await refreshProgramSnapshot(t.db, s.org, program, earlier)
    expect(kept.asOf.toISOString()).toBe(recounted.asOf)
    expect(await page('sort=name')).toEqual(recounted)
  })

  test('the overview reads the same snapshots, with the oldest asOf', async () => {
    clock.set(START)
    const s = await setUp()
    await dashboard(`/api/programs/${s.program.id}/insights`, s.headers)
    clock.advance(10_000)
    const response = await t.app.inject({ method: 'GET', url: '/api/insights/overview', headers: s.headers })
    expect(response.statusCode, response.body).toBe(200)
    const overview = InsightsOverviewSchema.parse(response.json())
    expect(overview.asOf).toBe(START.toISOString())
    expect(overview.programs).toEqual([
      expect.objectContaining({
        programId: s.program.id,
        asOf: START.toISOString(),
        sessions: expect.objectContaining({ held: 1 }),
      }),
    ])
  })
})
