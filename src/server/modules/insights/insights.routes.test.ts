import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DAY } from '#contracts/durations.ts'
import { ErrorResponseSchema } from '#contracts/errors.ts'
import {
  AtRiskPageSchema,
  INSIGHT_FIGURES,
  InsightsOverviewSchema,
  ProgramInsightsSchema,
} from '#contracts/insights.ts'
import type { Db } from '#server/db/connect.ts'
import type { Role } from '#server/db/schema.ts'
import {
  buildEnrollment,
  buildMatch,
  buildOrganization,
  buildPerson,
  buildPrivateWords,
  buildProgram,
  buildSession,
} from '#server/test/factories.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

type Headers = Record<string, string>
/** Written into every private field: it must never appear in an insight or a CSV. */
const SECRET = 'SECRET-never-in-insights'

function call(method: 'GET' | 'PATCH', url: string, headers: Headers = {}, payload?: object) {
  return t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
}

async function person(db: Db, organizationId: string, name: string, role: Role = 'participant', department = 'Sales') {
  const row = await buildPerson(db, { organizationId, name, role, department })
  return { row, headers: await sessionHeadersFor(db, row) }
}

/**
 * Six enrollees (Ana..Fay) of a peer coaching program (cadence 14 days, target 6), three pairs:
 *   M1 Ana+Ben  completed   Sales+Engineering  2 held sessions, both answered the closing survey
 *   M2 Cai+Dee  active      Sales+Sales        1 held session 3 days ago; Cai and Dee checked in
 *   M3 Eli+Fay  active      Engineering+Sales  published 40 days ago, no session; Eli asked to be re-paired
 * Plus Gus, eligible but not enrolled. Active matches count 4 people (M2, M3): hidden at threshold 5.
 */
async function setUp() {
  const organization = await buildOrganization(t.db)
  const org = organization.id
  await t.db
    .insertInto('skills')
    .values([{ organization_id: org, slug: 'active-listening', name: 'Active listening' }])
    .execute()
  const pm = await person(t.db, org, 'Pat Manager', 'program_manager')
  const admin = await person(t.db, org, 'Ada Admin', 'admin')
  const program = await buildProgram(t.db, {
    organizationId: org,
    status: 'active',
    session_cadence_days: 14,
    target_session_count: 6,
    focus_skills: ['active-listening'],
    created_by: pm.row.id,
  })
  const departments = ['Sales', 'Engineering', 'Sales', 'Sales', 'Engineering', 'Sales']
  const names = ['Ana Lima', 'Ben Ortiz', 'Cai Wong', 'Dee Park', 'Eli Stone', 'Fay Reed']
  const people = []
  for (const [i, name] of names.entries()) {
    const p = await person(t.db, org, name, 'participant', departments[i])
    await buildEnrollment(t.db, {
      program,
      person: p.row,
      self_assessment: JSON.stringify({ 'active-listening': 2 }),
    })
    people.push(p)
  }
  const [ana, ben, cai, dee, eli, fay] = people
  await person(t.db, org, 'Gus Free')
  const m1 = await buildMatch(t.db, {
    organizationId: org,
    programId: program.id,
    memberIds: [ana.row.id, ben.row.id],
    status: 'completed',
  })
  const m2 = await buildMatch(t.db, {
    organizationId: org,
    programId: program.id,
    memberIds: [cai.row.id, dee.row.id],
    status: 'active',
  })
  const m3 = await buildMatch(t.db, {
    organizationId: org,
    programId: program.id,
    memberIds: [eli.row.id, fay.row.id],
    status: 'active',
  })
  await t.db
    .updateTable('matches')
    .set({ published_at: new Date(Date.now() - 40 * DAY) })
    .where('program_id', '=', program.id)
    .execute()
  const s1 = await buildSession(t.db, { match: m1, status: 'held', startsAt: new Date(Date.now() - 30 * DAY) })
  await buildSession(t.db, { match: m1, status: 'held', startsAt: new Date(Date.now() - 16 * DAY) })
  await buildSession(t.db, { match: m2, status: 'held', startsAt: new Date(Date.now() - 3 * DAY) })

  // Private words everywhere a member can write: none of it may reach the dashboard.
  await buildPrivateWords(t.db, {
    organizationId: org,
    matchId: m1.id,
    sessionId: s1.id,
    authorId: ana.row.id,
    partnerId: ben.row.id,
    text: SECRET,
  })
  await t.db
    .insertInto('wellbeing_checkins')
    .values(
      [cai, dee].map((p, i) => ({
        organization_id: org,
        person_id: p.row.id,
        match_id: m2.id,
        moment: 'anytime' as const,
        mood: 4 + i,
        stress: 2,
        note: SECRET,
      })),
    )
    .execute()
  await t.db
    .insertInto('match_surveys')
    .values([
      ...[ana, ben].map((p, i) => ({
        organization_id: org,
        match_id: m1.id,
        person_id: p.row.id,
        kind: 'closing' as const,
        answers: JSON.stringify({
          satisfaction: 4 + i,
          wouldRecommend: 9 + i,
          selfAssessment: { 'active-listening': 4 },
          intentToStay: 'yes',
          comment: SECRET,
        }),
      })),
      {
        organization_id: org,
        match_id: m2.id,
        person_id: cai.row.id,
        kind: 'fit' as const,
        answers: JSON.stringify({ fit: 2, keepPairing: 'unsure', comment: SECRET }),
      },
    ])
    .execute()
  await t.db
    .insertInto('repair_requests')
    .values({ organization_id: org, match_id: m3.id, person_id: eli.row.id, reason: SECRET })
    .execute()

  const elsewhere = await buildOrganization(t.db)
  const strangerPm = await person(t.db, elsewhere.id, 'Olga Other', 'program_manager')
  return {
    organization,
    program,
    pm,
    admin,
    ana,
    eli,
    strangerPm,
    matches: { m1, m2, m3 },
    url: `/api/programs/${program.id}/insights`,
  }
}

describe('GET /api/programs/:programId/insights', () => {
  test('program managers and admins read the figures; hidden below the threshold, shown once the organization lowers it', async () => {
    const s = await setUp()
    const response = await call('GET', s.url, s.pm.headers)
    expect(response.statusCode, response.body).toBe(200)
    const insights = ProgramInsightsSchema.parse(response.json())
    expect(insights).toMatchObject({ programId: s.program.id, threshold: 5, cadenceDays: 14 })
    // 6 enrolled of 9 eligible: Gus, the manager and the admin may join too (the program is open to everyone).
    expect(insights.participation).toMatchObject({ enrolled: 6, eligible: 9, isHidden: false })
    // 6 published members, all accepted (completed and active matches).
    expect(insights.acceptance).toMatchObject({ people: 6, members: 6, accepted: 6, acceptedPercent: 100 })
    // 2 + 1 + 0 = 3 held of 3 x 6 = 18 -> 16.7%.
    expect(insights.sessions).toMatchObject({ people: 6, matches: 3, held: 3, target: 18, percent: 16.7 })
    expect(insights.crossDepartment).toMatchObject({ matches: 3, crossDepartment: 2, percent: 66.7 })
    // M2 and M3 are active: 4 people, hidden at 5.
    expect(insights.activeMatches).toMatchObject({ people: 4, isHidden: true, active: null, percent: null })
    expect(insights.activeMatches.hiddenReason).toMatch(/^Fewer than 5 people are counted here \(4 so far\)/)
    // Two closing surveys, one feedback giver, two check-ins: all hidden at 5.
    expect(insights.satisfaction).toMatchObject({ people: 2, isHidden: true, nps: null })
    expect(insights.feedback).toMatchObject({ people: 1, isHidden: true, listening: null })
    expect(insights.wellbeing).toMatchObject({ people: 2, isHidden: true, weeks: [] })
    expect(insights.skillGrowth).toEqual([
      expect.objectContaining({ slug: 'active-listening', name: 'Active listening', people: 2, isHidden: true }),
    ])
    // At risk: M3 (published 40 days ago, no session; re-pair request), M2 (Cai rated the fit 2).
    expect(insights.atRisk.map((m) => [m.members.map((p) => p.name), m.reasons.map((r) => r.action)])).toEqual([
      [
        ['Eli Stone', 'Fay Reed'],
        ['nudge', 're_pair'],
      ],
      [['Cai Wong', 'Dee Park'], ['talk_to_pair']],
    ])
    expect(insights.atRisk[0].matchId).toBe(s.matches.m3.id)
    expect(response.body).not.toContain(SECRET)

    const lowered = await call('PATCH', '/api/organization', s.admin.headers, { aggregateThreshold: 3 })
    expect(lowered.statusCode, lowered.body).toBe(200)
    const shown = ProgramInsightsSchema.parse((await call('GET', s.url, s.admin.headers)).json())
    // M2 met 3 days ago, M3 never: 1 of 2 active matches.
    expect(shown.threshold).toBe(3)
    expect(shown.activeMatches).toMatchObject({
      people: 4,
      isHidden: false,
      hiddenReason: null,
      matches: 2,
      active: 1,
      percent: 50,
    })
    expect(shown.satisfaction).toMatchObject({ isHidden: true })
  })

  test('participants (even members of the program) and other organizations get 404; anonymous 401; a bad id 400', async () => {
    const s = await setUp()
    for (const headers of [s.ana.headers, s.eli.headers, s.strangerPm.headers]) {
      const response = await call('GET', s.url, headers)
      expect(response.statusCode, response.body).toBe(404)
      expect(ErrorResponseSchema.parse(response.json()).error.code).toBe('not_found')
    }
    expect((await call('GET', s.url)).statusCode).toBe(401)
    const missing = await call('GET', `/api/programs/${crypto.randomUUID()}/insights`, s.pm.headers)
    expect(missing.statusCode).toBe(404)
    const bad = await call('GET', '/api/programs/nope/insights', s.pm.headers)
    expect(bad.statusCode).toBe(400)
    expect(ErrorResponseSchema.parse(bad.json()).error.code).toBe('validation_failed')
  })
})

describe('GET /api/programs/:programId/insights/at-risk', () => {
  test('pages and sorts the at-risk matches with the totals per reason; the dashboard carries the first page', async () => {
    const s = await setUp()
    const insights = ProgramInsightsSchema.parse((await call('GET', s.url, s.pm.headers)).json())
    expect(insights.atRiskPaging).toEqual({
      total: 2,
      countsByReason: { no_recent_session: 1, poor_fit: 1, repair_requested: 1, declined: 0 },
      sort: 'attention',
      limit: 20,
      offset: 0,
    })
    const page = async (query: string) => {
      const response = await call('GET', `${s.url}/at-risk?${query}`, s.pm.headers)
      expect(response.statusCode, response.body).toBe(200)
      return AtRiskPageSchema.parse(response.json())
    }
    const first = await page('limit=1')
    expect(first).toMatchObject({ total: 2, sort: 'attention', limit: 1, offset: 0 })
    expect(first.matches.map((m) => m.matchId)).toEqual([s.matches.m3.id])
    expect((await page('limit=1&offset=1')).matches.map((m) => m.matchId)).toEqual([s.matches.m2.id])
    expect((await page('limit=1&offset=2')).matches).toEqual([])
    // By name: Cai (M2) before Eli (M3); longest without a session: M3 never met, M2 met 3 days ago.
    expect((await page('sort=name')).matches.map((m) => m.matchId)).toEqual([s.matches.m2.id, s.matches.m3.id])
    expect((await page('sort=quiet')).matches.map((m) => m.matchId)).toEqual([s.matches.m3.id, s.matches.m2.id])
    expect((await page('sort=attention')).matches).toEqual(insights.atRisk)
  })

  test('a bad sort or limit is 400 naming the field; participants and other organizations 404', async () => {
    const s = await setUp()
    for (const [query, field] of [
      ['sort=oldest', 'sort'],
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['offset=-1', 'offset'],
    ]) {
      const response = await call('GET', `${s.url}/at-risk?${query}`, s.pm.headers)
      expect(response.statusCode, response.body).toBe(400)
      const { error } = ErrorResponseSchema.parse(response.json())
      expect(error.code).toBe('validation_failed')
      expect(error.details.map((d) => d.path)).toContain(`querystring.${field}`)
    }
    for (const headers of [s.ana.headers, s.strangerPm.headers]) {
      expect((await call('GET', `${s.url}/at-risk`, headers)).statusCode).toBe(404)
    }
  })
})

describe('GET /api/programs/:programId/insights.csv', () => {
  test('every figure downloads as CSV; hidden figures stay hidden with their reason; no private text', async () => {
    const s = await setUp()
    for (const figure of INSIGHT_FIGURES) {
      const response = await call('GET', `${s.url}.csv?figure=${figure}`, s.pm.headers)
      expect(response.statusCode, `${figure}: ${response.body}`).toBe(200)
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8')
      expect(response.headers['content-disposition']).toMatch(
        new RegExp(`^attachment; filename="insights-${figure}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`),
      )
      expect(response.body).not.toContain(SECRET)
      expect(parse(response.body).length).toBeGreaterThan(0)
    }
    const sessions: string[][] = parse((await call('GET', `${s.url}.csv?figure=sessions`, s.pm.headers)).body)
    expect(sessions[0]).toEqual(['measure', 'value'])
    expect(sessions).toContainEqual(['sessions held', '3'])
    expect(sessions).toContainEqual(['target sessions', '18'])
    expect(sessions).toContainEqual(['matches with 0 sessions held', '1'])
    expect(sessions).toContainEqual(['hidden because', ''])

    const active: string[][] = parse((await call('GET', `${s.url}.csv?figure=active-matches`, s.pm.headers)).body)
    expect(active).toContainEqual(['active matches', ''])
    expect(active).toContainEqual(['share met %', ''])
    expect(active).toContainEqual(['people counted', '4'])
    expect(active.at(-1)?.[1]).toMatch(/^Fewer than 5 people are counted here/)

    const atRisk: string[][] = parse((await call('GET', `${s.url}.csv?figure=at-risk`, s.pm.headers)).body)
    expect(atRisk[0]).toEqual(['match id', 'status', 'members', 'last session', 'reasons', 'actions'])
    expect(atRisk[1]).toEqual([
      s.matches.m3.id,
      'active',
      'Eli Stone; Fay Reed',
      '',
      'No session held in the 40 days since the match was published (cadence 14 days); A member asked to be re-paired',
      'Nudge the pair; Re-pair',
    ])
  })

  test('an unknown figure is 400 naming the field; participants and other organizations 404', async () => {
    const s = await setUp()
    const unknown = await call('GET', `${s.url}.csv?figure=salaries`, s.pm.headers)
    expect(unknown.statusCode).toBe(400)
    const error = ErrorResponseSchema.parse(unknown.json()).error
    expect(error.code).toBe('validation_failed')
    expect(error.details.map((d) => d.path)).toContain('querystring.figure')
    expect((await call('GET', `${s.url}.csv`, s.pm.headers)).statusCode).toBe(400)
    for (const headers of [s.ana.headers, s.strangerPm.headers]) {
      expect((await call('GET', `${s.url}.csv?figure=sessions`, headers)).statusCode).toBe(404)
    }
    expect((await call('GET', `${s.url}.csv?figure=sessions`)).statusCode).toBe(401)
  })
})

describe('GET /api/insights/overview', () => {
  test('programs side by side with the same hiding, and themes with the programs and goals serving them', async () => {
    const s = await setUp()
    const theme = await t.db
      .insertInto('themes')
      .values({ organization_id: s.organization.id, name: 'Grow leaders from within', description: 'Our vision' })
      .returningAll()
      .executeTakeFirstOrThrow()
    await t.db.updateTable('programs').set({ theme_id: theme.id }).where('id', '=', s.program.id).execute()
    const other = await buildProgram(t.db, { organizationId: s.organization.id, name: 'Draft circle' })
    await t.db
      .insertInto('goals')
      .values(
        [s.matches.m1, s.matches.m2].map((m, i) => ({
          organization_id: s.organization.id,
          match_id: m.id,
          owner_id: i === 0 ? s.ana.row.id : s.eli.row.id,
          title: SECRET,
          measure: 'x',
          target: 'y',
          due_on: '2030-01-01',
          status: i === 0 ? ('achieved' as const) : ('active' as const),
          progress: i === 0 ? 100 : 40,
        })),
      )
      .execute()

    const response = await call('GET', '/api/insights/overview', s.pm.headers)
    expect(response.statusCode, response.body).toBe(200)
    expect(response.body).not.toContain(SECRET)
    const overview = InsightsOverviewSchema.parse(response.json())
    expect(overview.threshold).toBe(5)
    const row = overview.programs.find((p) => p.programId === s.program.id)
    expect(row).toMatchObject({
      status: 'active',
      themeId: theme.id,
      participation: { enrolled: 6 },
      sessions: { held: 3, target: 18 },
      activeMatches: { isHidden: true, percent: null },
      goals: { people: 2, isHidden: true, set: null },
      satisfaction: { isHidden: true },
      atRiskCount: 2,
    })
    expect(overview.programs.find((p) => p.programId === other.id)).toMatchObject({ status: 'draft' })
    expect(overview.themes).toEqual([
      {
        themeId: theme.id,
        name: 'Grow leaders from within',
        description: 'Our vision',
        programs: [{ programId: s.program.id, name: s.program.name, status: 'active' }],
        goals: expect.objectContaining({ people: 2, isHidden: true, count: null }),
      },
    ])
    expect(overview.unthemedPrograms).toEqual([{ programId: other.id, name: 'Draft circle', status: 'draft' }])

    await call('PATCH', '/api/organization', s.admin.headers, { aggregateThreshold: 2 })
    const shown = InsightsOverviewSchema.parse((await call('GET', '/api/insights/overview', s.admin.headers)).json())
    expect(shown.themes[0].goals).toMatchObject({ people: 2, isHidden: false, count: 2, achieved: 1 })
    expect(shown.programs.find((p) => p.programId === s.program.id)?.goals).toMatchObject({
      set: 2,
      achieved: 1,
      percent: 50,
      averageProgress: 70,
    })
  })

  test('participants get 404; another organization sees only its own programs', async () => {
    const s = await setUp()
    expect((await call('GET', '/api/insights/overview', s.ana.headers)).statusCode).toBe(404)
    expect((await call('GET', '/api/insights/overview')).statusCode).toBe(401)
    const theirs = InsightsOverviewSchema.parse(
      (await call('GET', '/api/insights/overview', s.strangerPm.headers)).json(),
    )
    expect(theirs.programs.map((p) => p.programId)).not.toContain(s.program.id)
  })
})
