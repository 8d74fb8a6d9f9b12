import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  CheckInSchema,
  MatchCheckInStateSchema,
  MyWellbeingSchema,
  SupportRequestListSchema,
  SupportRequestResultSchema,
} from '#contracts/wellbeing.ts'
import type { Db } from '#server/db/connect.ts'
import type { PersonRow, Role } from '#server/db/schema.ts'
import { buildMatch, buildOrganization, buildPerson, buildProgram, buildSession } from '#server/test/factories.ts'
import { bodyOf, errorOf } from '#server/test/responses.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

type Headers = Record<string, string>

function call(method: 'GET' | 'POST', url: string, headers: Headers, payload?: object) {
  return t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
}

const PRIVATE_NOTE = 'Slept badly, dreading the reorganization talk'

async function person(db: Db, organizationId: string, name: string, role: Role = 'participant') {
  const row = await buildPerson(db, { organizationId, name, role })
  return { row, headers: await sessionHeadersFor(db, row) }
}

async function setUp(options: { supportContact?: boolean; creator?: 'manager' | 'none' } = {}) {
  const organization = await buildOrganization(t.db)
  const org = organization.id
  const supporter = await person(t.db, org, 'Sam Support')
  const pm = await person(t.db, org, 'Pat Manager', 'program_manager')
  const admin = await person(t.db, org, 'Ada Admin', 'admin')
  const program = await buildProgram(t.db, {
    organizationId: org,
    status: 'active',
    support_contact_id: options.supportContact === false ? null : supporter.row.id,
    created_by: options.creator === 'none' ? null : pm.row.id,
  })
  const ana = await person(t.db, org, 'Ana Lima')
  const ben = await person(t.db, org, 'Ben Ortiz')
  const carol = await person(t.db, org, 'Carol Diaz')
  const match = await buildMatch(t.db, {
    organizationId: org,
    programId: program.id,
    memberIds: [ana.row.id, ben.row.id],
    status: 'active',
  })
  const session = await buildSession(t.db, { match, organizerId: ana.row.id })
  const elsewhere = await buildOrganization(t.db)
  const stranger = await person(t.db, elsewhere.id, 'Olga Other', 'admin')
  return { organization, program, match, session, supporter, pm, admin, ana, ben, carol, stranger }
}

const count = async (table: 'support_requests' | 'notifications' | 'outbox_emails' | 'wellbeing_checkins') =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('check-ins', () => {
  test('before and after a session once each, anytime as often as wanted; the trend is mine', async () => {
    const s = await setUp()
    const url = `/api/matches/${s.match.id}/wellbeing-checkins`
    const before = bodyOf(
      await call('POST', url, s.ana.headers, {
        moment: 'before',
        sessionId: s.session.id,
        mood: 2,
        stress: 5,
        note: PRIVATE_NOTE,
      }),
      201,
      CheckInSchema,
    )
    expect(before).toMatchObject({ moment: 'before', sessionId: s.session.id, mood: 2, stress: 5, note: PRIVATE_NOTE })
    expect(before.sessionStartsAt).toBe(s.session.starts_at.toISOString())

    const repeat = await call('POST', url, s.ana.headers, {
      moment: 'before',
      sessionId: s.session.id,
      mood: 3,
      stress: 3,
    })
    expect(repeat.statusCode).toBe(409)
    expect(errorOf(repeat).code).toBe('already_checked_in')

    bodyOf(
      await call('POST', url, s.ana.headers, {
        moment: 'after',
        sessionId: s.session.id,
        mood: 4,
        stress: 2,
        note: '',
      }),
      201,
      CheckInSchema,
    )
    bodyOf(await call('POST', url, s.ana.headers, { moment: 'anytime', mood: 3, stress: 3 }), 201, CheckInSchema)
    bodyOf(await call('POST', url, s.ana.headers, { moment: 'anytime', mood: 3, stress: 4 }), 201, CheckInSchema)
    // The partner checks in at the same session: a separate, private record.
    bodyOf(
      await call('POST', url, s.ben.headers, { moment: 'before', sessionId: s.session.id, mood: 5, stress: 1 }),
      201,
      CheckInSchema,
    )

    const mine = bodyOf(await call('GET', '/api/me/wellbeing', s.ana.headers), 200, MyWellbeingSchema)
    expect(mine.checkIns).toHaveLength(4)
    expect(mine.checkIns.find((c) => c.moment === 'after')?.note).toBeNull()
    expect(mine.weekly.reduce((sum, w) => sum + w.checkIns, 0)).toBe(4)
    expect(mine.sessionDeltas).toEqual([
      {
        sessionId: s.session.id,
        matchId: s.match.id,
        sessionStartsAt: s.session.starts_at.toISOString(),
        before: { mood: 2, stress: 5 },
        after: { mood: 4, stress: 2 },
        moodDelta: 2,
        stressDelta: -3,
      },
    ])

    const state = bodyOf(await call('GET', url, s.ana.headers), 200, MatchCheckInStateSchema)
    expect(state.sessions).toMatchObject([
      { sessionId: s.session.id, status: 'scheduled', hasBefore: true, hasAfter: true },
    ])
    expect(state.sessions[0].startsAt).toBe(s.session.starts_at.toISOString())
    expect(state.latest?.moment).toBe('anytime')
    const benState = bodyOf(await call('GET', url, s.ben.headers), 200, MatchCheckInStateSchema)
    expect(benState.sessions).toMatchObject([{ sessionId: s.session.id, hasBefore: true, hasAfter: false }])
  })

  test('nobody else reads my check-ins: partner, program manager, admin and support contact see only their own', async () => {
    const s = await setUp()
    const url = `/api/matches/${s.match.id}/wellbeing-checkins`
    bodyOf(
      await call('POST', url, s.ana.headers, {
        moment: 'before',
        sessionId: s.session.id,
        mood: 1,
        stress: 5,
        note: PRIVATE_NOTE,
      }),
      201,
      CheckInSchema,
    )
    for (const other of [s.ben, s.pm, s.admin, s.supporter]) {
      const theirs = bodyOf(await call('GET', '/api/me/wellbeing', other.headers), 200, MyWellbeingSchema)
      expect(theirs).toEqual({ checkIns: [], weekly: [], sessionDeltas: [] })
    }
    // The partner's view of the match shows their own state only.
    const benState = await call('GET', url, s.ben.headers)
    expect(benState.statusCode).toBe(200)
    expect(benState.body).not.toContain(PRIVATE_NOTE)
    expect(MatchCheckInStateSchema.parse(benState.json())).toMatchObject({
      sessions: [{ sessionId: s.session.id, hasBefore: false, hasAfter: false }],
      latest: null,
    })
    // No other route of the workspace carries the note.
    for (const path of [`/api/matches/${s.match.id}/workspace`, `/api/matches/${s.match.id}/support-requests`]) {
      const response = await call('GET', path, s.ben.headers)
      expect(response.statusCode, path).toBe(200)
      expect(response.body).not.toContain(PRIVATE_NOTE)
    }
  })

  test('validation: scales 1-5, a session for before/after and none for anytime, note up to 2,000 characters', async () => {
    const s = await setUp()
    const url = `/api/matches/${s.match.id}/wellbeing-checkins`
    const bad = [
      { moment: 'anytime', mood: 0, stress: 3 },
      { moment: 'anytime', mood: 3, stress: 6 },
      { moment: 'anytime', mood: 2.5, stress: 3 },
      { moment: 'before', mood: 3, stress: 3 },
      { moment: 'anytime', sessionId: s.session.id, mood: 3, stress: 3 },
      { moment: 'during', sessionId: s.session.id, mood: 3, stress: 3 },
      { moment: 'anytime', mood: 3, stress: 3, note: 'x'.repeat(2001) },
      { moment: 'anytime', mood: 3, stress: 3, personId: s.ben.row.id },
    ]
    for (const body of bad) {
      const response = await call('POST', url, s.ana.headers, body)
      expect(response.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400)
      expect(errorOf(response).code).toBe('validation_failed')
    }
    bodyOf(
      await call('POST', url, s.ana.headers, { moment: 'anytime', mood: 3, stress: 3, note: 'x'.repeat(2000) }),
      201,
      CheckInSchema,
    )
  })

  test('a session of another match is not found; a cancelled session refuses check-ins', async () => {
    const s = await setUp()
    const url = `/api/matches/${s.match.id}/wellbeing-checkins`
    const otherMatch = await buildMatch(t.db, {
      organizationId: s.organization.id,
      programId: s.program.id,
      memberIds: [s.carol.row.id, s.pm.row.id],
      status: 'active',
    })
    const foreign = await buildSession(t.db, { match: otherMatch })
    const response = await call('POST', url, s.ana.headers, {
      moment: 'before',
      sessionId: foreign.id,
      mood: 3,
      stress: 3,
    })
    expect(response.statusCode).toBe(404)
    const cancelled = await buildSession(t.db, { match: s.match, status: 'cancelled' })
    const refused = await call('POST', url, s.ana.headers, {
      moment: 'after',
      sessionId: cancelled.id,
      mood: 3,
      stress: 3,
    })
    expect(refused.statusCode).toBe(409)
    expect(errorOf(refused).code).toBe('checkin_session_cancelled')
  })
})

describe('support requests', () => {
  test('without consent: 422 support_consent_required and nothing is stored or sent', async () => {
    const s = await setUp()
    const url = `/api/matches/${s.match.id}/support-requests`
    const counts = async () => [
      await count('support_requests'),
      await count('notifications'),
      await count('outbox_emails'),
    ]
    const start = await counts()
    for (const body of [
      { message: 'I am struggling with the workload' },
      { message: 'I am struggling with the workload', consent: false },
    ]) {
      const response = await call('POST', url, s.ana.headers, body)
      expect(response.statusCode).toBe(422)
      expect(errorOf(response).code).toBe('support_consent_required')
    }
    expect(await counts()).toEqual(start)
    const list = bodyOf(await call('GET', url, s.ana.headers), 200, SupportRequestListSchema)
    expect(list.requests).toEqual([])
  })

  test("with consent: the support contact gets exactly the member's message and who sent it, in-app and by email", async () => {
    const s = await setUp()
    const url = `/api/matches/${s.match.id}/support-requests`
    await call('POST', `/api/matches/${s.match.id}/wellbeing-checkins`, s.ana.headers, {
      moment: 'anytime',
      mood: 1,
      stress: 5,
      note: PRIVATE_NOTE,
    })
    const preview = bodyOf(await call('GET', url, s.ana.headers), 200, SupportRequestListSchema)
    expect(preview).toEqual({ recipients: [{ name: 'Sam Support' }], isSupportContact: true, requests: [] })

    const message = 'Could we talk about my workload? The sessions help but I am stretched.'
    const sent = bodyOf(
      await call('POST', url, s.ana.headers, { message, consent: true }),
      201,
      SupportRequestResultSchema,
    )
    expect(sent).toMatchObject({ message, matchId: s.match.id, recipients: [{ name: 'Sam Support' }] })

    const notices = await t.db
      .selectFrom('notifications')
      .selectAll()
      .where('organization_id', '=', s.organization.id)
      .where('kind', '=', 'support_requested')
      .execute()
    expect(notices.map((n) => n.person_id)).toEqual([s.supporter.row.id])
    expect(notices[0].body).toContain(message)
    expect(notices[0].body).toContain('Ana Lima')
    expect(notices[0].body).not.toContain(PRIVATE_NOTE)

    const emails = await t.db
      .selectFrom('outbox_emails')
      .selectAll()
      .where('organization_id', '=', s.organization.id)
      .execute()
    expect(emails.map((e) => e.to_address)).toEqual([s.supporter.row.email])
    expect(emails[0].text_body).toContain(message)
    expect(emails[0].text_body).toContain('Ana Lima')
    expect(emails[0].text_body).toContain(s.ana.row.email)
    expect(emails[0].text_body).not.toContain(PRIVATE_NOTE)
    expect(emails[0].text_body).not.toMatch(/mood|stress/i)

    const stored = await t.db
      .selectFrom('support_requests')
      .selectAll()
      .where('id', '=', sent.id)
      .executeTakeFirstOrThrow()
    expect(stored).toMatchObject({ person_id: s.ana.row.id, contact_id: s.supporter.row.id, message })

    const list = bodyOf(await call('GET', url, s.ana.headers), 200, SupportRequestListSchema)
    expect(list.requests.map((r) => r.message)).toEqual([message])
    // The partner sees none of it.
    const benList = bodyOf(await call('GET', url, s.ben.headers), 200, SupportRequestListSchema)
    expect(benList.requests).toEqual([])
  })

  test("without a support contact it reaches the program's creator, else every program manager and admin", async () => {
    const byCreator = await setUp({ supportContact: false })
    const url = (s: typeof byCreator) => `/api/matches/${s.match.id}/support-requests`
    const preview = bodyOf(await call('GET', url(byCreator), byCreator.ana.headers), 200, SupportRequestListSchema)
    expect(preview).toMatchObject({ recipients: [{ name: 'Pat Manager' }], isSupportContact: false })
    bodyOf(
      await call('POST', url(byCreator), byCreator.ana.headers, { message: 'Help, please', consent: true }),
      201,
      SupportRequestResultSchema,
    )
    const creatorNotices = await t.db
      .selectFrom('notifications')
      .select('person_id')
      .where('organization_id', '=', byCreator.organization.id)
      .execute()
    expect(creatorNotices.map((n) => n.person_id)).toEqual([byCreator.pm.row.id])

    const byManagers = await setUp({ supportContact: false, creator: 'none' })
    const list = bodyOf(await call('GET', url(byManagers), byManagers.ana.headers), 200, SupportRequestListSchema)
    expect(list.recipients.map((r) => r.name)).toEqual(['Ada Admin', 'Pat Manager'])
    bodyOf(
      await call('POST', url(byManagers), byManagers.ana.headers, { message: 'Help, please', consent: true }),
      201,
      SupportRequestResultSchema,
    )
    const notices = await t.db
      .selectFrom('notifications')
      .select('person_id')
      .where('organization_id', '=', byManagers.organization.id)
      .execute()
    expect(notices.map((n) => n.person_id).sort()).toEqual([byManagers.admin.row.id, byManagers.pm.row.id].sort())
  })

  test('validation: a message of 1 to 2,000 characters', async () => {
    const s = await setUp()
    const url = `/api/matches/${s.match.id}/support-requests`
    for (const message of ['', '   ', 'x'.repeat(2001)]) {
      const response = await call('POST', url, s.ana.headers, { message, consent: true })
      expect(response.statusCode).toBe(400)
      expect(errorOf(response).code).toBe('validation_failed')
    }
    expect(
      (await call('POST', url, s.ana.headers, { message: 'Hi', consent: true, contactId: s.pm.row.id })).statusCode,
    ).toBe(400)
  })
})

describe('access', () => {
  test('outsiders, program managers, admins and other organizations get 404 on every match route', async () => {
    const s = await setUp()
    const base = `/api/matches/${s.match.id}`
    const routes: [method: 'GET' | 'POST', url: string, body?: object][] = [
      ['GET', `${base}/wellbeing-checkins`],
      ['POST', `${base}/wellbeing-checkins`, { moment: 'anytime', mood: 3, stress: 3 }],
      ['GET', `${base}/support-requests`],
      ['POST', `${base}/support-requests`, { message: 'Hello', consent: true }],
    ]
    const before = await count('wellbeing_checkins')
    for (const outsider of [s.carol, s.pm, s.admin, s.supporter, s.stranger] as {
      headers: Headers
      row: PersonRow
    }[]) {
      for (const [method, url, body] of routes) {
        const response = await call(method, url, outsider.headers, body)
        expect(response.statusCode, `${outsider.row.name} ${method} ${url}`).toBe(404)
        expect(errorOf(response).code).toBe('not_found')
      }
    }
    expect(await count('wellbeing_checkins')).toBe(before)
    // A proposed match is nobody's workspace yet.
    const proposed = await buildMatch(t.db, {
      organizationId: s.organization.id,
      programId: s.program.id,
      memberIds: [s.ana.row.id, s.carol.row.id],
      status: 'proposed',
    })
    expect((await call('GET', `/api/matches/${proposed.id}/wellbeing-checkins`, s.ana.headers)).statusCode).toBe(404)
  })
})
