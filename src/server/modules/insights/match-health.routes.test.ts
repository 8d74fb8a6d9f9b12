import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DAY } from '#contracts/durations.ts'
import { ErrorResponseSchema } from '#contracts/errors.ts'
import { MatchHealthSchema, MatchNudgeResultSchema } from '#contracts/insights.ts'
import type { Db } from '#server/db/connect.ts'
import type { Role } from '#server/db/schema.ts'
import type { Viewer } from '#server/http/viewer.ts'
import { createMailer } from '#server/mail/mailer.ts'
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
import { nudgeMatch } from './match-health.service.ts'
import { nudgeDeliveryKey } from './match-health.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

type Headers = Record<string, string>
/** Written into every private field: it must never appear on the match page. */
const SECRET = 'SECRET-never-on-the-match-page'

function call(method: 'GET' | 'POST', url: string, headers: Headers = {}) {
  return t.app.inject({ method, url, headers })
}

async function person(db: Db, organizationId: string, name: string, role: Role = 'participant', department = 'Sales') {
  const row = await buildPerson(db, { organizationId, name, role, department })
  return { row, headers: await sessionHeadersFor(db, row) }
}

/**
 * A peer coaching program (cadence 14 days, target 6) with three pairs:
 *   M1 Ana (Sales) + Ben (Engineering)  active, published 50 days ago, both accepted 48 and 47 days ago;
 *      3 held sessions (40, 26 and 12 days ago), 1 cancelled, 1 missed, 1 scheduled in 5 days;
 *      goals: 1 achieved, 1 active, 1 dropped; fit answers 4/yes and 2/unsure; private words everywhere
 *   M2 Cai + Dee  active, published 40 days ago, no session; Cai asked to be re-paired 10 days ago
 *   M3 Eli + Fay  completed
 * Plus a proposed (unpublished) match and a match of another program.
 */
async function setUp() {
  const organization = await buildOrganization(t.db)
  const org = organization.id
  const pm = await person(t.db, org, 'Pat Manager', 'program_manager')
  const admin = await person(t.db, org, 'Ada Admin', 'admin')
  const program = await buildProgram(t.db, {
    organizationId: org,
    name: 'Peer coaching, spring',
    status: 'active',
    session_cadence_days: 14,
    target_session_count: 6,
    created_by: pm.row.id,
  })
  const names: [string, string][] = [
    ['Ana Lima', 'Sales'],
    ['Ben Ortiz', 'Engineering'],
    ['Cai Wong', 'Sales'],
    ['Dee Park', 'Finance'],
    ['Eli Stone', 'Sales'],
    ['Fay Reed', 'Sales'],
    ['Gus Free', 'Sales'],
    ['Hal Next', 'Sales'],
  ]
  const people = []
  for (const [name, department] of names) {
    const p = await person(t.db, org, name, 'participant', department)
    await buildEnrollment(t.db, { program, person: p.row })
    people.push(p)
  }
  const [ana, ben, cai, dee, eli, fay, gus, hal] = people
  const match = (memberIds: string[], status: 'active' | 'completed' | 'proposed', programId = program.id) =>
    buildMatch(t.db, { organizationId: org, programId, memberIds, status })
  const m1 = await match([ana.row.id, ben.row.id], 'active')
  const m2 = await match([cai.row.id, dee.row.id], 'active')
  const m3 = await match([eli.row.id, fay.row.id], 'completed')
  const proposed = await match([gus.row.id, hal.row.id], 'proposed')
  const otherProgram = await buildProgram(t.db, { organizationId: org, name: 'Another program', status: 'active' })
  const elsewhere = await match([gus.row.id, hal.row.id], 'active', otherProgram.id)

  const ago = (days: number) => new Date(Date.now() - days * DAY)
  await t.db
    .updateTable('matches')
    .set({ published_at: ago(50) })
    .where('id', '=', m1.id)
    .execute()
  await t.db
    .updateTable('matches')
    .set({ published_at: ago(40) })
    .where('id', '=', m2.id)
    .execute()
  for (const [who, days] of [
    [ana, 48],
    [ben, 47],
  ] as const) {
    await t.db
      .updateTable('match_members')
      .set({ responded_at: ago(days) })
      .where('match_id', '=', m1.id)
      .where('person_id', '=', who.row.id)
      .execute()
  }
  await t.db.updateTable('match_members').set({ response_reason: SECRET }).where('match_id', '=', m3.id).execute()
  const s1 = await buildSession(t.db, { match: m1, status: 'held', startsAt: ago(40) })
  await buildSession(t.db, { match: m1, status: 'held', startsAt: ago(26) })
  const lastHeld = ago(12)
  await buildSession(t.db, { match: m1, status: 'held', startsAt: lastHeld })
  await buildSession(t.db, { match: m1, status: 'cancelled', startsAt: ago(19) })
  await buildSession(t.db, { match: m1, status: 'missed', startsAt: ago(33) })
  const nextAt = new Date(Date.now() + 5 * DAY)
  await buildSession(t.db, { match: m1, status: 'scheduled', startsAt: nextAt })

  await t.db
    .insertInto('goals')
    .values(
      (['achieved', 'active', 'dropped'] as const).map((status, i) => ({
        organization_id: org,
        match_id: m1.id,
        owner_id: i === 1 ? ben.row.id : ana.row.id,
        title: SECRET,
        measure: SECRET,
        target: SECRET,
        due_on: '2030-01-01',
        status,
        progress: status === 'achieved' ? 100 : 40,
      })),
    )
    .execute()
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
    .values({
      organization_id: org,
      person_id: ana.row.id,
      match_id: m1.id,
      moment: 'anytime',
      mood: 2,
      stress: 4,
      note: SECRET,
    })
    .execute()
  await t.db
    .insertInto('match_surveys')
    .values(
      [
        [ana, 4, 'yes'],
        [ben, 2, 'unsure'],
      ].map(([who, fit, keepPairing]) => ({
        organization_id: org,
        match_id: m1.id,
        person_id: (who as typeof ana).row.id,
        kind: 'fit' as const,
        answers: JSON.stringify({ fit, keepPairing, comment: SECRET }),
      })),
    )
    .execute()
  const repair = await t.db
    .insertInto('repair_requests')
    .values({ organization_id: org, match_id: m2.id, person_id: cai.row.id, reason: SECRET })
    .returning('id')
    .executeTakeFirstOrThrow()
  const repairOpenedAt = ago(10)
  await t.db
    .updateTable('repair_requests')
    .set({ created_at: repairOpenedAt } as never)
    .where('id', '=', repair.id)
    .execute()

  const stranger = await buildOrganization(t.db)
  const strangerPm = await person(t.db, stranger.id, 'Olga Other', 'program_manager')
  const base = `/api/programs/${program.id}/matches`
  return {
    org,
    program,
    pm,
    admin,
    people: { ana, ben, cai, dee, gus },
    matches: { m1, m2, m3, proposed, elsewhere },
    strangerPm,
    lastHeld,
    nextAt,
    repairOpenedAt,
    health: (matchId: string) => `${base}/${matchId}/health`,
    nudge: (matchId: string) => `${base}/${matchId}/nudge`,
  }
}

describe('GET /api/programs/:programId/matches/:matchId/health', () => {
  test('a program manager reads one match: dates, sessions, goals, fit as aggregates; never anyone`s words', async () => {
    const s = await setUp()
    const response = await call('GET', s.health(s.matches.m1.id), s.pm.headers)
    expect(response.statusCode, response.body).toBe(200)
    expect(response.body).not.toContain(SECRET)
    const health = MatchHealthSchema.parse(response.json())
    expect(health).toMatchObject({
      matchId: s.matches.m1.id,
      programId: s.program.id,
      programName: 'Peer coaching, spring',
      programType: 'peer_coaching',
      status: 'active',
      cadenceDays: 14,
      // 3 held (40, 26, 12 days ago), the one in 5 days ahead; cancelled and missed counted apart.
      sessions: { held: 3, scheduled: 1, cancelled: 1, missed: 1, target: 6 },
      lastSessionAt: s.lastHeld.toISOString(),
      nextSessionAt: s.nextAt.toISOString(),
      daysSinceLastSession: 12,
      threshold: 5,
      // Two goal owners and two fit answers: below the threshold, so no figure, and never who answered what.
      goals: { people: 2, isHidden: true, set: null, achieved: null, inProgress: null, dropped: null },
      fit: { people: 2, isHidden: true, isConcernRaised: true, answers: null, averageFit: null, keepPairing: null },
      repairRequest: { isOpen: false, openedAt: null },
      nudge: { canNudge: true, isNudgedToday: false },
      endedAt: null,
    })
    expect(health.members.map((m) => [m.name, m.department, m.response])).toEqual([
      ['Ana Lima', 'Sales', 'accepted'],
      ['Ben Ortiz', 'Engineering', 'accepted'],
    ])
    // Accepted when the second member accepted (47 days ago); published 50 days ago.
    const daysAgo = (iso: string | null) => Math.round((Date.now() - Date.parse(iso ?? '')) / DAY)
    expect(daysAgo(health.publishedAt)).toBe(50)
    expect(daysAgo(health.acceptedAt)).toBe(47)
    // Ben rated the fit 2: at risk for a poor fit, worded without saying which member; a session 12 days ago is
    // within twice the cadence.
    expect(health.atRiskReasons.map((r) => [r.code, r.action, r.label])).toEqual([
      ['poor_fit', 'talk_to_pair', 'A member raised a pairing-fit concern'],
    ])
    expect(health.fit.hiddenReason).toMatch(/Fewer than 5 people/)
    // Answers as aggregates: no member's own answer is attached to them.
    expect(JSON.stringify(health.members)).not.toMatch(/fit|keepPairing/)
  })

  test('an organization whose threshold is as small as the pair sees the totals: the same rule as the dashboard', async () => {
    const s = await setUp()
    await t.db.updateTable('organizations').set({ aggregate_threshold: 2 }).where('id', '=', s.org).execute()
    const health = MatchHealthSchema.parse((await call('GET', s.health(s.matches.m1.id), s.pm.headers)).json())
    expect(health).toMatchObject({
      threshold: 2,
      goals: { people: 2, isHidden: false, set: 3, achieved: 1, inProgress: 1, dropped: 1 },
      // (4 + 2) / 2
      fit: { people: 2, isHidden: false, isConcernRaised: true, answers: 2, averageFit: 3 },
    })
    expect(health.fit.keepPairing).toEqual({ yes: 1, unsure: 1, no: 0 })
  })

  test('an open re-pair request and a quiet match show with their actions; admins read it too', async () => {
    const s = await setUp()
    const response = await call('GET', s.health(s.matches.m2.id), s.admin.headers)
    expect(response.statusCode, response.body).toBe(200)
    expect(response.body).not.toContain(SECRET)
    const health = MatchHealthSchema.parse(response.json())
    expect(health).toMatchObject({
      status: 'active',
      sessions: { held: 0, scheduled: 0, target: 6 },
      lastSessionAt: null,
      nextSessionAt: null,
      daysSinceLastSession: null,
      goals: { people: 0, isHidden: true, set: null },
      // A pair is below the threshold: the page never says how many of the two answered.
      fit: { people: 2, isHidden: true, isConcernRaised: false, answers: null, averageFit: null },
      repairRequest: { isOpen: true, openedAt: s.repairOpenedAt.toISOString() },
      // buildMatch leaves responded_at empty: no acceptance date to show.
      acceptedAt: null,
    })
    expect(health.members.map((m) => [m.name, m.department])).toEqual([
      ['Cai Wong', 'Sales'],
      ['Dee Park', 'Finance'],
    ])
    expect(health.atRiskReasons.map((r) => [r.code, r.action])).toEqual([
      ['no_recent_session', 'nudge'],
      ['repair_requested', 're_pair'],
    ])
    expect(health.atRiskReasons[0].label).toBe(
      'No session held in the 40 days since the match was published (cadence 14 days)',
    )

    // One of the two answers with a concern: the page says a concern was raised, and still not by how many.
    await t.db
      .insertInto('match_surveys')
      .values({
        organization_id: s.org,
        match_id: s.matches.m2.id,
        person_id: s.people.cai.row.id,
        kind: 'fit',
        answers: JSON.stringify({ fit: 1, keepPairing: 'no', comment: SECRET }),
      })
      .execute()
    const concern = MatchHealthSchema.parse((await call('GET', s.health(s.matches.m2.id), s.admin.headers)).json())
    expect(concern.fit).toEqual({
      people: 2,
      isHidden: true,
      hiddenReason: health.fit.hiddenReason,
      isConcernRaised: true,
      answers: null,
      averageFit: null,
      keepPairing: null,
    })
    const completed = MatchHealthSchema.parse((await call('GET', s.health(s.matches.m3.id), s.pm.headers)).json())
    expect(completed).toMatchObject({ status: 'completed', nudge: { canNudge: false }, atRiskReasons: [] })
  })

  test('members, other participants and other organizations get 404; anonymous 401; bad ids 400; unpublished or other-program matches 404', async () => {
    const s = await setUp()
    const url = s.health(s.matches.m1.id)
    for (const headers of [s.people.ana.headers, s.people.gus.headers, s.strangerPm.headers]) {
      const response = await call('GET', url, headers)
      expect(response.statusCode, response.body).toBe(404)
      expect(ErrorResponseSchema.parse(response.json()).error.code).toBe('not_found')
    }
    expect((await call('GET', url)).statusCode).toBe(401)
    for (const matchId of [s.matches.proposed.id, s.matches.elsewhere.id, crypto.randomUUID()]) {
      const response = await call('GET', s.health(matchId), s.pm.headers)
      expect(response.statusCode, response.body).toBe(404)
    }
    const bad = await call('GET', `/api/programs/${s.program.id}/matches/nope/health`, s.pm.headers)
    expect(bad.statusCode).toBe(400)
    const error = ErrorResponseSchema.parse(bad.json()).error
    expect(error.code).toBe('validation_failed')
    expect(error.details.map((d) => d.path)).toContain('params.matchId')
  })
})

describe('POST /api/programs/:programId/matches/:matchId/nudge', () => {
  test('nudges the members once per day: in-app and by email; a second press the same day is 409', async () => {
    const s = await setUp()
    const response = await call('POST', s.nudge(s.matches.m2.id), s.pm.headers)
    expect(response.statusCode, response.body).toBe(200)
    const today = new Date().toISOString().slice(0, 10)
    expect(MatchNudgeResultSchema.parse(response.json())).toEqual({
      matchId: s.matches.m2.id,
      sentOn: today,
      notified: 2,
      emailed: 2,
    })
    const notices = await t.db
      .selectFrom('notifications')
      .select(['person_id', 'kind', 'link', 'body'])
      .where('organization_id', '=', s.org)
      .where('kind', '=', 'match_nudge')
      .execute()
    expect(notices.map((n) => n.person_id).sort()).toEqual([s.people.cai.row.id, s.people.dee.row.id].sort())
    expect(notices.every((n) => n.link === `/matches/${s.matches.m2.id}?section=sessions`)).toBe(true)
    expect(notices.find((n) => n.person_id === s.people.cai.row.id)?.body).toContain('with Dee Park')
    const emails = await t.db
      .selectFrom('outbox_emails')
      .select(['to_address', 'subject', 'text_body'])
      .where('organization_id', '=', s.org)
      .where('subject', '=', 'Plan your next session in Peer coaching, spring')
      .execute()
    expect(emails.map((e) => e.to_address).sort()).toEqual([s.people.cai.row.email, s.people.dee.row.email].sort())
    expect(emails[0].text_body).toMatch(/\/unsubscribe\//)
    const claimed = await t.db
      .selectFrom('notification_deliveries')
      .select('delivery_key')
      .where('delivery_key', '=', `pm-nudge:${s.matches.m2.id}:${today}`)
      .execute()
    expect(claimed).toHaveLength(1)

    // Pressed again, by anyone, the same day: 409 and nothing more is sent.
    for (const headers of [s.pm.headers, s.admin.headers]) {
      const again = await call('POST', s.nudge(s.matches.m2.id), headers)
      expect(again.statusCode, again.body).toBe(409)
      const error = ErrorResponseSchema.parse(again.json()).error
      expect(error.code).toBe('nudge_already_sent')
      expect(error.message).toMatch(/already nudged today/)
    }
    const count = await t.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organization_id', '=', s.org)
      .where('kind', '=', 'match_nudge')
      .executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(2)
    const health = MatchHealthSchema.parse((await call('GET', s.health(s.matches.m2.id), s.pm.headers)).json())
    expect(health.nudge).toEqual({ canNudge: false, isNudgedToday: true })

    // The next day the pair can be nudged again.
    const viewer: Viewer = {
      personId: s.pm.row.id,
      organizationId: s.org,
      role: 'program_manager',
      name: s.pm.row.name,
      email: s.pm.row.email,
      sessionId: 'test',
      csrfToken: '',
      address: null,
    }
    const mailer = createMailer({ smtpUrl: undefined, from: 'tandem@test.example' })
    const tomorrow = new Date(Date.now() + DAY)
    const next = await nudgeMatch(
      t.db,
      { mailer, publicUrl: 'http://tandem.test' },
      viewer,
      s.program.id,
      s.matches.m2.id,
      tomorrow,
    )
    expect(next).toMatchObject({ sentOn: tomorrow.toISOString().slice(0, 10), notified: 2 })
  })

  test('only active matches, only program managers and admins of the organization, with a CSRF token', async () => {
    const s = await setUp()
    const completed = await call('POST', s.nudge(s.matches.m3.id), s.pm.headers)
    expect(completed.statusCode).toBe(409)
    expect(ErrorResponseSchema.parse(completed.json()).error.code).toBe('match_not_active')
    for (const headers of [s.people.ana.headers, s.people.cai.headers, s.strangerPm.headers]) {
      const response = await call('POST', s.nudge(s.matches.m2.id), headers)
      expect(response.statusCode, response.body).toBe(404)
    }
    expect((await call('POST', s.nudge(s.matches.m2.id))).statusCode).toBe(401)
    const { 'x-csrf-token': _csrf, ...withoutCsrf } = s.pm.headers
    expect((await call('POST', s.nudge(s.matches.m2.id), withoutCsrf)).statusCode).toBe(403)
    expect((await call('POST', s.nudge(s.matches.proposed.id), s.pm.headers)).statusCode).toBe(404)
    const sent = await t.db
      .selectFrom('notifications')
      .select('id')
      .where('organization_id', '=', s.org)
      .where('kind', '=', 'match_nudge')
      .execute()
    expect(sent).toEqual([])
  })
})

test('the nudge key is the match and the UTC day', () => {
  expect(nudgeDeliveryKey('m-1', new Date('2026-03-29T23:59:59Z'))).toBe('pm-nudge:m-1:2026-03-29')
  expect(nudgeDeliveryKey('m-1', new Date('2026-03-30T00:00:00Z'))).toBe('pm-nudge:m-1:2026-03-30')
})
