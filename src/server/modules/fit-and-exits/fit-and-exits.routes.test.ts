import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  ClosingSurveyAnswerSchema,
  FitAndExitsSchema,
  FitAnswerSchema,
  ManagedRepairRequestSchema,
  MyRepairRequestSchema,
  RepairRequestListSchema,
} from '#contracts/fit-and-exits.ts'
import type { Db } from '#server/db/connect.ts'
import type { MatchStatus, ProgramStatus, Role } from '#server/db/schema.ts'
import { buildMatch, buildOrganization, buildPerson, buildProgram, buildSession } from '#server/test/factories.ts'
import { bodyOf, errorOf } from '#server/test/responses.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

type Headers = Record<string, string>
type Response = Awaited<ReturnType<typeof call>>

function call(method: 'GET' | 'POST', url: string, headers: Headers, payload?: object) {
  return t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
}

function expectError(response: Response, status: number, code: string) {
  expect(response.statusCode, response.body).toBe(status)
  expect(errorOf(response).code).toBe(code)
}

const REASON = 'We keep missing each other and Ben dismisses every idea I bring'
const FOCUS_SKILLS = ['active-listening', 'giving-feedback']

async function person(db: Db, organizationId: string, name: string, role: Role = 'participant') {
  const row = await buildPerson(db, { organizationId, name, role })
  return { row, headers: await sessionHeadersFor(db, row) }
}

async function setUp(options: { matchStatus?: MatchStatus; programStatus?: ProgramStatus; session?: boolean } = {}) {
  const organization = await buildOrganization(t.db)
  const org = organization.id
  await t.db
    .insertInto('skills')
    .values([
      { organization_id: org, slug: 'active-listening', name: 'Active listening' },
      { organization_id: org, slug: 'giving-feedback', name: 'Giving feedback' },
    ])
    .execute()
  const pm = await person(t.db, org, 'Pat Manager', 'program_manager')
  const admin = await person(t.db, org, 'Ada Admin', 'admin')
  const program = await buildProgram(t.db, {
    organizationId: org,
    status: options.programStatus ?? 'active',
    focus_skills: FOCUS_SKILLS,
    created_by: pm.row.id,
  })
  const ana = await person(t.db, org, 'Ana Lima')
  const ben = await person(t.db, org, 'Ben Ortiz')
  const carol = await person(t.db, org, 'Carol Diaz')
  const match = await buildMatch(t.db, {
    organizationId: org,
    programId: program.id,
    memberIds: [ana.row.id, ben.row.id],
    status: options.matchStatus ?? 'active',
  })
  if (options.session !== false) await buildSession(t.db, { match, status: 'held' })
  const elsewhere = await buildOrganization(t.db)
  const strangerPm = await person(t.db, elsewhere.id, 'Olga Other', 'program_manager')
  return { organization, program, match, pm, admin, ana, ben, carol, strangerPm, base: `/api/matches/${match.id}` }
}

const closing = {
  satisfaction: 4,
  wouldRecommend: 9,
  selfAssessment: { 'active-listening': 4, 'giving-feedback': 3 },
  intentToStay: 'yes',
  comment: 'Worth every minute',
}

describe('pairing fit', () => {
  test('closed before the first session; after it each member answers once', async () => {
    const s = await setUp({ session: false })
    await buildSession(t.db, { match: s.match, startsAt: new Date(Date.now() + 86_400_000) })
    await buildSession(t.db, { match: s.match, startsAt: new Date(Date.now() - 86_400_000), status: 'cancelled' })
    await buildSession(t.db, { match: s.match, startsAt: new Date(Date.now() - 86_400_000), status: 'missed' })
    const answer = { fit: 4, keepPairing: 'yes', comment: 'Good questions' }
    expectError(await call('POST', `${s.base}/fit`, s.ana.headers, answer), 409, 'fit_too_early')
    const state = bodyOf(await call('GET', `${s.base}/fit-and-exits`, s.ana.headers), 200, FitAndExitsSchema)
    expect(state).toMatchObject({ hasFirstSession: false, myFit: null })

    // A scheduled session whose start passed counts as the first session.
    await buildSession(t.db, { match: s.match, startsAt: new Date(Date.now() - 60_000) })
    const fit = bodyOf(await call('POST', `${s.base}/fit`, s.ana.headers, answer), 201, FitAnswerSchema)
    expect(fit).toMatchObject({ fit: 4, keepPairing: 'yes', comment: 'Good questions' })
    expectError(await call('POST', `${s.base}/fit`, s.ana.headers, answer), 409, 'survey_already_answered')
    bodyOf(await call('POST', `${s.base}/fit`, s.ben.headers, { fit: 2, keepPairing: 'unsure' }), 201, FitAnswerSchema)

    const mine = bodyOf(await call('GET', `${s.base}/fit-and-exits`, s.ana.headers), 200, FitAndExitsSchema)
    expect(mine).toMatchObject({ hasFirstSession: true, myFit: { fit: 4, keepPairing: 'yes' } })
    const bens = bodyOf(await call('GET', `${s.base}/fit-and-exits`, s.ben.headers), 200, FitAndExitsSchema)
    expect(bens.myFit).toMatchObject({ fit: 2, keepPairing: 'unsure', comment: null })
  })

  test('validation: fit 1-5, keep yes/no/unsure, comment up to 2,000 characters', async () => {
    const s = await setUp()
    for (const body of [
      { fit: 0, keepPairing: 'yes' },
      { fit: 6, keepPairing: 'yes' },
      { fit: 3, keepPairing: 'maybe' },
      { fit: 3 },
      { fit: 3, keepPairing: 'no', comment: 'x'.repeat(2001) },
    ]) {
      expectError(await call('POST', `${s.base}/fit`, s.ana.headers, body), 400, 'validation_failed')
    }
  })
})

describe('re-pair requests', () => {
  test('the reason reaches program managers only; the partner never sees the request', async () => {
    const s = await setUp()
    const created = bodyOf(
      await call('POST', `${s.base}/repair-requests`, s.ana.headers, { reason: REASON }),
      201,
      MyRepairRequestSchema,
    )
    expect(created).toMatchObject({ status: 'open', reason: REASON, matchId: s.match.id })
    expectError(
      await call('POST', `${s.base}/repair-requests`, s.ana.headers, { reason: 'Again' }),
      409,
      'repair_request_open',
    )

    // The requester sees their own request; the partner sees nothing of it on any member route.
    const mine = bodyOf(await call('GET', `${s.base}/fit-and-exits`, s.ana.headers), 200, FitAndExitsSchema)
    expect(mine).toMatchObject({ myRepairRequest: { id: created.id, status: 'open' }, canAskRepair: false })
    for (const path of [
      `${s.base}/fit-and-exits`,
      `${s.base}/workspace`,
      `${s.base}/wellbeing-checkins`,
      `${s.base}/support-requests`,
      '/api/me/matches',
      '/api/me/wellbeing',
      '/api/notifications',
    ]) {
      const response = await call('GET', path, s.ben.headers)
      expect(response.statusCode, path).toBe(200)
      expect(response.body, path).not.toContain(REASON)
      expect(response.body, path).not.toContain(created.id)
    }
    const bens = bodyOf(await call('GET', `${s.base}/fit-and-exits`, s.ben.headers), 200, FitAndExitsSchema)
    expect(bens.myRepairRequest).toBeNull()

    // Program managers and admins read it with the reason.
    const url = `/api/programs/${s.program.id}/repair-requests`
    for (const manager of [s.pm, s.admin]) {
      const list = bodyOf(await call('GET', url, manager.headers), 200, RepairRequestListSchema)
      expect(list.requests).toHaveLength(1)
      expect(list.requests[0]).toMatchObject({
        id: created.id,
        reason: REASON,
        status: 'open',
        requester: { personId: s.ana.row.id, name: 'Ana Lima' },
      })
      expect(list.requests[0].members.map((m) => m.name)).toEqual(['Ana Lima', 'Ben Ortiz'])
    }
    // Participants (members included) and other organizations do not.
    for (const other of [s.ana, s.ben, s.carol, s.strangerPm]) {
      expectError(await call('GET', url, other.headers), 404, 'not_found')
    }

    // Program managers are told in-app, without the reason; the partner is not told.
    const notices = await t.db
      .selectFrom('notifications')
      .selectAll()
      .where('organization_id', '=', s.organization.id)
      .where('kind', '=', 'repair_requested')
      .execute()
    expect(notices.map((n) => n.person_id).sort()).toEqual([s.pm.row.id, s.admin.row.id].sort())
    expect(notices.every((n) => !n.body.includes(REASON))).toBe(true)
  })

  test('the requester withdraws; a program manager resolves and the requester is told', async () => {
    const s = await setUp()
    const first = bodyOf(
      await call('POST', `${s.base}/repair-requests`, s.ana.headers, { reason: REASON }),
      201,
      MyRepairRequestSchema,
    )
    const withdrawUrl = `${s.base}/repair-requests/${first.id}/withdraw`
    for (const other of [s.ben, s.carol, s.pm, s.admin, s.strangerPm]) {
      expectError(await call('POST', withdrawUrl, other.headers), 404, 'not_found')
    }
    const withdrawn = bodyOf(await call('POST', withdrawUrl, s.ana.headers), 200, MyRepairRequestSchema)
    expect(withdrawn.status).toBe('withdrawn')
    expectError(await call('POST', withdrawUrl, s.ana.headers), 409, 'repair_request_closed')
    const open = bodyOf(
      await call('GET', `/api/programs/${s.program.id}/repair-requests`, s.pm.headers),
      200,
      RepairRequestListSchema,
    )
    expect(open.requests).toEqual([])

    const second = bodyOf(
      await call('POST', `${s.base}/repair-requests`, s.ana.headers, { reason: 'Still not working' }),
      201,
      MyRepairRequestSchema,
    )
    const resolveUrl = `/api/repair-requests/${second.id}/resolve`
    for (const other of [s.ana, s.ben, s.carol, s.strangerPm]) {
      expectError(await call('POST', resolveUrl, other.headers), 404, 'not_found')
    }
    const resolved = bodyOf(await call('POST', resolveUrl, s.pm.headers), 200, ManagedRepairRequestSchema)
    expect(resolved).toMatchObject({
      status: 'resolved',
      reason: 'Still not working',
      resolvedBy: { personId: s.pm.row.id, name: 'Pat Manager' },
    })
    expectError(await call('POST', resolveUrl, s.admin.headers), 409, 'repair_request_closed')
    const all = bodyOf(
      await call('GET', `/api/programs/${s.program.id}/repair-requests?status=all`, s.pm.headers),
      200,
      RepairRequestListSchema,
    )
    expect(all.requests.map((r) => r.status)).toEqual(['withdrawn', 'resolved'])
    const told = await t.db
      .selectFrom('notifications')
      .select(['person_id'])
      .where('organization_id', '=', s.organization.id)
      .where('kind', '=', 'repair_resolved')
      .execute()
    expect(told.map((n) => n.person_id)).toEqual([s.ana.row.id])
  })

  test('validation: a reason of 1 to 2,000 characters; only active matches', async () => {
    const s = await setUp()
    for (const reason of ['', '  ', 'x'.repeat(2001)]) {
      expectError(await call('POST', `${s.base}/repair-requests`, s.ana.headers, { reason }), 400, 'validation_failed')
    }
    expectError(
      await call('GET', `/api/programs/${s.program.id}/repair-requests?status=closed`, s.pm.headers),
      400,
      'validation_failed',
    )
    const published = await setUp({ matchStatus: 'published' })
    expectError(
      await call('POST', `${published.base}/repair-requests`, published.ana.headers, { reason: REASON }),
      409,
      'match_not_active',
    )
  })
})

describe('complete or dissolve, and the closing survey', () => {
  test('a member completes the match; each member answers the closing survey once', async () => {
    const s = await setUp()
    expectError(await call('POST', `${s.base}/closing-survey`, s.ana.headers, closing), 409, 'closing_survey_not_open')
    const before = bodyOf(await call('GET', `${s.base}/fit-and-exits`, s.ana.headers), 200, FitAndExitsSchema)
    expect(before).toMatchObject({ canComplete: true, canDissolve: true, isClosingSurveyOpen: false })
    expect(before.focusSkills).toEqual([
      { slug: 'active-listening', name: 'Active listening' },
      { slug: 'giving-feedback', name: 'Giving feedback' },
    ])

    expect(before.completion).toEqual({
      iAgreed: false,
      agreed: [],
      waitingFor: [{ personId: s.ben.row.id, name: 'Ben Ortiz' }],
    })

    // One member alone does not complete it: the match waits for everyone, and the others are asked.
    const halfway = bodyOf(await call('POST', `${s.base}/complete`, s.ana.headers, {}), 200, FitAndExitsSchema)
    expect(halfway).toMatchObject({ matchStatus: 'active', canComplete: true, isClosingSurveyOpen: false })
    expect(halfway.completion).toEqual({
      iAgreed: true,
      agreed: [],
      waitingFor: [{ personId: s.ben.row.id, name: 'Ben Ortiz' }],
    })
    // Agreeing again changes nothing and asks nobody twice.
    bodyOf(await call('POST', `${s.base}/complete`, s.ana.headers, {}), 200, FitAndExitsSchema)
    const asked = await t.db
      .selectFrom('notifications')
      .select('person_id')
      .where('organization_id', '=', s.organization.id)
      .where('kind', '=', 'match_completion_proposed')
      .execute()
    expect(asked.map((n) => n.person_id)).toEqual([s.ben.row.id])
    const bensView = bodyOf(await call('GET', `${s.base}/fit-and-exits`, s.ben.headers), 200, FitAndExitsSchema)
    expect(bensView.completion).toEqual({
      iAgreed: false,
      agreed: [{ personId: s.ana.row.id, name: 'Ana Lima' }],
      waitingFor: [],
    })

    const done = bodyOf(await call('POST', `${s.base}/complete`, s.ben.headers, {}), 200, FitAndExitsSchema)
    expect(done).toMatchObject({ matchStatus: 'completed', canComplete: false, isClosingSurveyOpen: true })
    expect(done.endedAt).not.toBeNull()
    expectError(await call('POST', `${s.base}/complete`, s.ana.headers, {}), 409, 'match_not_active')
    const row = await t.db.selectFrom('matches').selectAll().where('id', '=', s.match.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ status: 'completed', end_reason: 'completed' })
    const told = await t.db
      .selectFrom('notifications')
      .select('person_id')
      .where('organization_id', '=', s.organization.id)
      .where('kind', '=', 'match_completed')
      .execute()
    expect(told.map((n) => n.person_id)).toEqual([s.ana.row.id])

    const answer = bodyOf(
      await call('POST', `${s.base}/closing-survey`, s.ana.headers, closing),
      201,
      ClosingSurveyAnswerSchema,
    )
    expect(answer).toMatchObject({
      satisfaction: 4,
      wouldRecommend: 9,
      intentToStay: 'yes',
      comment: 'Worth every minute',
    })
    expectError(await call('POST', `${s.base}/closing-survey`, s.ana.headers, closing), 409, 'survey_already_answered')
    const minimal = {
      satisfaction: 1,
      wouldRecommend: 0,
      selfAssessment: { 'active-listening': 1, 'giving-feedback': 5 },
    }
    bodyOf(await call('POST', `${s.base}/closing-survey`, s.ben.headers, minimal), 201, ClosingSurveyAnswerSchema)
    const after = bodyOf(await call('GET', `${s.base}/fit-and-exits`, s.ana.headers), 200, FitAndExitsSchema)
    expect(after).toMatchObject({ isClosingSurveyOpen: false, myClosingSurvey: { satisfaction: 4 } })
  })

  test('closing survey validation: every focus skill rated 1-5, nothing else, numbers in range', async () => {
    const s = await setUp()
    bodyOf(await call('POST', `${s.base}/complete`, s.ana.headers, {}), 200, FitAndExitsSchema)
    bodyOf(await call('POST', `${s.base}/complete`, s.ben.headers, {}), 200, FitAndExitsSchema)
    const missing = await call('POST', `${s.base}/closing-survey`, s.ana.headers, {
      ...closing,
      selfAssessment: { 'active-listening': 4 },
    })
    expectError(missing, 400, 'validation_failed')
    expect(errorOf(missing).details).toEqual([
      { path: 'body.selfAssessment.giving-feedback', message: 'rate this focus skill 1..5' },
    ])
    const unknown = await call('POST', `${s.base}/closing-survey`, s.ana.headers, {
      ...closing,
      selfAssessment: { ...closing.selfAssessment, negotiation: 3 },
    })
    expectError(unknown, 400, 'validation_failed')
    expect(errorOf(unknown).details[0].path).toBe('body.selfAssessment.negotiation')
    for (const body of [
      { ...closing, satisfaction: 0 },
      { ...closing, satisfaction: 6 },
      { ...closing, wouldRecommend: -1 },
      { ...closing, wouldRecommend: 11 },
      { ...closing, wouldRecommend: 7.5 },
      { ...closing, selfAssessment: { 'active-listening': 6, 'giving-feedback': 3 } },
      { ...closing, intentToStay: 'maybe' },
      { ...closing, comment: 'x'.repeat(2001) },
    ]) {
      expectError(await call('POST', `${s.base}/closing-survey`, s.ana.headers, body), 400, 'validation_failed')
    }
  })

  test('a member ends the match with a reason: managers read it, the partner only learns it ended', async () => {
    const s = await setUp()
    expectError(await call('POST', `${s.base}/dissolve`, s.ana.headers, {}), 400, 'validation_failed')
    expectError(await call('POST', `${s.base}/dissolve`, s.ana.headers, { reason: ' ' }), 400, 'validation_failed')
    const ended = bodyOf(
      await call('POST', `${s.base}/dissolve`, s.ana.headers, { reason: REASON }),
      200,
      FitAndExitsSchema,
    )
    expect(ended).toMatchObject({ matchStatus: 'dissolved', isClosingSurveyOpen: true, canDissolve: false })
    const row = await t.db.selectFrom('matches').selectAll().where('id', '=', s.match.id).executeTakeFirstOrThrow()
    expect(row.status).toBe('dissolved')
    expect(row.ended_at).not.toBeNull()
    expect(row.end_reason).toBe(REASON)

    const notices = await t.db
      .selectFrom('notifications')
      .selectAll()
      .where('organization_id', '=', s.organization.id)
      .where('kind', '=', 'match_dissolved')
      .execute()
    const toBen = notices.filter((n) => n.person_id === s.ben.row.id)
    expect(toBen).toHaveLength(1)
    expect(toBen[0].body).not.toContain(REASON)
    expect(notices.filter((n) => n.person_id === s.pm.row.id)[0].body).toContain(REASON)

    // The partner still reaches the exit state and the closing survey, without the reason.
    const bens = await call('GET', `${s.base}/fit-and-exits`, s.ben.headers)
    expect(bens.statusCode).toBe(200)
    expect(bens.body).not.toContain(REASON)
    bodyOf(await call('POST', `${s.base}/closing-survey`, s.ben.headers, closing), 201, ClosingSurveyAnswerSchema)
    expectError(await call('POST', `${s.base}/dissolve`, s.ben.headers, { reason: 'Me too' }), 409, 'match_not_active')
    expectError(await call('POST', `${s.base}/complete`, s.ben.headers, {}), 409, 'match_not_active')
  })

  test('completion needs an active match in an active or completed program', async () => {
    const published = await setUp({ matchStatus: 'published' })
    expectError(await call('POST', `${published.base}/complete`, published.ana.headers, {}), 409, 'match_not_active')
    expectError(
      await call('POST', `${published.base}/dissolve`, published.ana.headers, { reason: REASON }),
      409,
      'match_not_active',
    )
    const matching = await setUp({ programStatus: 'matching' })
    expectError(await call('POST', `${matching.base}/complete`, matching.ana.headers, {}), 409, 'program_not_running')
    const state = bodyOf(
      await call('GET', `${matching.base}/fit-and-exits`, matching.ana.headers),
      200,
      FitAndExitsSchema,
    )
    expect(state).toMatchObject({ canComplete: false, canDissolve: true })
    const finished = await setUp({ programStatus: 'completed' })
    bodyOf(await call('POST', `${finished.base}/complete`, finished.ana.headers, {}), 200, FitAndExitsSchema)
    const last = bodyOf(
      await call('POST', `${finished.base}/complete`, finished.ben.headers, {}),
      200,
      FitAndExitsSchema,
    )
    expect(last.matchStatus).toBe('completed')
  })
})

describe('ending a match ends its future', () => {
  const HOUR = 3_600_000
  async function withFuture() {
    const s = await setUp()
    const now = t.clock.now().getTime()
    const future = [
      await buildSession(t.db, { match: s.match, startsAt: new Date(now + 48 * HOUR), organizerId: s.ana.row.id }),
      await buildSession(t.db, { match: s.match, startsAt: new Date(now + 15 * 24 * HOUR), organizerId: s.ana.row.id }),
    ]
    const held = await t.db
      .selectFrom('coaching_sessions')
      .selectAll()
      .where('match_id', '=', s.match.id)
      .where('status', '=', 'held')
      .execute()
    const request = bodyOf(
      await call('POST', `${s.base}/repair-requests`, s.ben.headers, { reason: REASON }),
      201,
      MyRepairRequestSchema,
    )
    return { s, future, held, request }
  }

  async function sessionsOf(matchId: string) {
    return t.db
      .selectFrom('coaching_sessions')
      .selectAll()
      .where('match_id', '=', matchId)
      .orderBy('starts_at')
      .execute()
  }

  async function cancellationEmails(organizationId: string) {
    const emails = await t.db
      .selectFrom('outbox_emails')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .where('subject', 'like', '%cancelled%')
      .execute()
    return emails
  }

  test.each([
    ['completed by both members', 'completed'],
    ['ended early by a member', 'ended'],
  ] as const)(
    '%s: future sessions cancelled with a calendar cancellation to every member, re-pair requests closed with a note',
    async (_, how) => {
      const { s, future, held, request } = await withFuture()
      if (how === 'completed') {
        bodyOf(await call('POST', `${s.base}/complete`, s.ana.headers, {}), 200, FitAndExitsSchema)
        // Agreeing alone cancels nothing yet.
        expect((await sessionsOf(s.match.id)).filter((row) => row.status === 'scheduled')).toHaveLength(2)
        bodyOf(await call('POST', `${s.base}/complete`, s.ben.headers, {}), 200, FitAndExitsSchema)
      } else {
        bodyOf(await call('POST', `${s.base}/dissolve`, s.ana.headers, { reason: REASON }), 200, FitAndExitsSchema)
      }
      const after = await sessionsOf(s.match.id)
      for (const session of future) {
        const row = after.find((r) => r.id === session.id)!
        expect(row.status).toBe('cancelled')
        expect(row.ics_sequence).toBe(session.ics_sequence + 1)
        expect(row.cancel_reason).toMatch(how === 'completed' ? /completed/ : /ended/)
      }
      // The past stays as it was.
      expect(after.filter((r) => r.status === 'held').map((r) => r.id)).toEqual(held.map((r) => r.id))

      // Both members, the one who ended it too, get one email with a CANCEL .ics for each session.
      const emails = await cancellationEmails(s.organization.id)
      expect(emails.map((e) => e.to_address).sort()).toEqual([s.ana.row.email, s.ben.row.email].sort())
      for (const email of emails) {
        expect(email.attachments).toHaveLength(2)
        for (const file of email.attachments) {
          expect(file.contentType).toContain('method=CANCEL')
          expect(file.content).toContain('METHOD:CANCEL')
          expect(file.content).toContain('STATUS:CANCELLED')
        }
        expect(email.text_body).toContain('no reminders will come')
      }
      const upcoming = await call('GET', '/api/me/coaching-sessions', s.ana.headers)
      expect(upcoming.statusCode).toBe(200)
      expect(upcoming.body).not.toContain(future[0].id)

      // The re-pair request is closed, and its requester reads why (the reason stays theirs).
      const closed = await t.db
        .selectFrom('repair_requests')
        .selectAll()
        .where('id', '=', request.id)
        .executeTakeFirstOrThrow()
      // Closed by the ending, not handled by the member who ended it.
      expect(closed).toMatchObject({ status: 'resolved', resolved_by: null })
      expect(closed.resolution_note).toMatch(how === 'completed' ? /completed/ : /ended/)
      const bens = bodyOf(await call('GET', `${s.base}/fit-and-exits`, s.ben.headers), 200, FitAndExitsSchema)
      expect(bens.myRepairRequest).toMatchObject({ status: 'resolved', resolutionNote: closed.resolution_note })
      const told = await t.db
        .selectFrom('notifications')
        .select(['person_id', 'body'])
        .where('organization_id', '=', s.organization.id)
        .where('kind', '=', 'repair_resolved')
        .execute()
      expect(told).toEqual([{ person_id: s.ben.row.id, body: closed.resolution_note }])
    },
  )

  test('a program manager completes a match without waiting for its members; nobody else can', async () => {
    const { s, future, request } = await withFuture()
    const url = `/api/programs/${s.program.id}/matches/${s.match.id}/complete`
    for (const outsider of [s.ana, s.carol, s.strangerPm]) {
      expectError(await call('POST', url, outsider.headers, {}), 404, 'not_found')
    }
    expectError(
      await call('POST', `/api/programs/${s.program.id}/matches/${s.program.id}/complete`, s.pm.headers, {}),
      404,
      'not_found',
    )
    const other = await setUp()
    expectError(
      await call('POST', `/api/programs/${other.program.id}/matches/${s.match.id}/complete`, s.pm.headers, {}),
      404,
      'not_found',
    )
    const done = await call('POST', url, s.pm.headers, {})
    expect(done.statusCode, done.body).toBe(200)
    expect(done.json()).toEqual({
      matchId: s.match.id,
      status: 'completed',
      cancelledSessions: 2,
      closedRepairRequests: 1,
    })
    expect(
      (await sessionsOf(s.match.id)).filter((r) => future.some((f) => f.id === r.id)).map((r) => r.status),
    ).toEqual(['cancelled', 'cancelled'])
    const requestRow = await t.db
      .selectFrom('repair_requests')
      .selectAll()
      .where('id', '=', request.id)
      .executeTakeFirstOrThrow()
    expect(requestRow).toMatchObject({ status: 'resolved', resolved_by: s.pm.row.id })
    const state = bodyOf(await call('GET', `${s.base}/fit-and-exits`, s.ana.headers), 200, FitAndExitsSchema)
    expect(state).toMatchObject({ matchStatus: 'completed', isClosingSurveyOpen: true })
    expectError(await call('POST', url, s.admin.headers, {}), 409, 'match_not_active')
    const published = await setUp({ matchStatus: 'published' })
    expectError(
      await call(
        'POST',
        `/api/programs/${published.program.id}/matches/${published.match.id}/complete`,
        published.pm.headers,
        {},
      ),
      409,
      'match_not_active',
    )
  })
})

describe('access', () => {
  test('outsiders, program managers, admins and other organizations get 404 on every member route', async () => {
    const s = await setUp()
    const request = bodyOf(
      await call('POST', `${s.base}/repair-requests`, s.ana.headers, { reason: REASON }),
      201,
      MyRepairRequestSchema,
    )
    const routes: [method: 'GET' | 'POST', url: string, body?: object][] = [
      ['GET', `${s.base}/fit-and-exits`],
      ['POST', `${s.base}/fit`, { fit: 3, keepPairing: 'yes' }],
      ['POST', `${s.base}/repair-requests`, { reason: 'Outsider' }],
      ['POST', `${s.base}/repair-requests/${request.id}/withdraw`],
      ['POST', `${s.base}/complete`, {}],
      ['POST', `${s.base}/dissolve`, { reason: 'Outsider' }],
      ['POST', `${s.base}/closing-survey`, closing],
    ]
    for (const outsider of [s.carol, s.pm, s.admin, s.strangerPm]) {
      for (const [method, url, body] of routes) {
        const response = await call(method, url, outsider.headers, body)
        expect(response.statusCode, `${outsider.row.name} ${method} ${url}`).toBe(404)
        expect(errorOf(response).code).toBe('not_found')
      }
    }
    const row = await t.db.selectFrom('matches').select('status').where('id', '=', s.match.id).executeTakeFirstOrThrow()
    expect(row.status).toBe('active')
    const surveys = await t.db.selectFrom('match_surveys').selectAll().where('match_id', '=', s.match.id).execute()
    expect(surveys).toEqual([])
  })
})
