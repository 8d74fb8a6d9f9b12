import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { FeedbackSchema, FeedbackSummarySchema, MatchFeedbackSchema, WordingCheckSchema } from '#contracts/feedback.ts'
import type { PersonRow } from '#server/db/schema.ts'
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

const constructive = {
  whatWorked:
    'When I was stuck on the hiring plan, you asked what would happen if the budget doubled; that opened two options.',
  tryNext: 'Let me finish describing the problem before offering an idea.',
  situation: "In Tuesday's role play, when I described the customer's complaint",
  behaviour: 'you interrupted twice before I finished',
  impact: 'I lost my train of thought.',
}
const ratings = { listening: 4, questions: 5, helpfulness: 3 }

async function setUp() {
  const organization = await buildOrganization(t.db)
  const program = await buildProgram(t.db, { organizationId: organization.id, status: 'active' })
  const ana = await buildPerson(t.db, { organizationId: organization.id, name: 'Ana Lima' })
  const ben = await buildPerson(t.db, { organizationId: organization.id, name: 'Ben Ortiz' })
  const match = await buildMatch(t.db, {
    organizationId: organization.id,
    programId: program.id,
    memberIds: [ana.id, ben.id],
    status: 'active',
  })
  const session = await buildSession(t.db, { match, status: 'held', startsAt: new Date(Date.now() - 3 * 86_400_000) })
  return {
    organization,
    program,
    match,
    session,
    ana,
    ben,
    anaHeaders: await sessionHeadersFor(t.db, ana),
    benHeaders: await sessionHeadersFor(t.db, ben),
  }
}

describe('the wording check', () => {
  test('answers the flags without storing anything', async () => {
    const s = await setUp()
    const check = bodyOf(
      await call('POST', `/api/matches/${s.match.id}/feedback/check`, s.anaHeaders, {
        ...constructive,
        tryNext: 'you never listen',
      }),
      200,
      WordingCheckSchema,
    )
    expect(check.flags.map((f) => [f.field, f.kind, f.match]).sort()).toEqual([
      ['tryNext', 'absolute', 'never'],
      ['tryNext', 'person_judgement', 'you never listen'],
    ])
    const clean = bodyOf(
      await call('POST', `/api/matches/${s.match.id}/feedback/check`, s.anaHeaders, constructive),
      200,
      WordingCheckSchema,
    )
    expect(clean.flags).toEqual([])
    const missing = await call('POST', `/api/matches/${s.match.id}/feedback/check`, s.anaHeaders, { whatWorked: 'x' })
    expect([missing.statusCode, errorOf(missing).details.map((d) => d.path)]).toEqual([400, ['body.tryNext']])
    expect(await t.db.selectFrom('feedback').selectAll().where('match_id', '=', s.match.id).execute()).toEqual([])
  })
})

describe('giving feedback', () => {
  test('flagged wording is refused until acknowledged, then stored with its flags; once per session and person', async () => {
    const s = await setUp()
    const url = `/api/sessions/${s.session.id}/feedback`
    const harsh = { ...constructive, tryNext: 'you never listen', receiverId: s.ben.id, ratings }

    const refused = await call('POST', url, s.anaHeaders, harsh)
    expect(refused.statusCode).toBe(422)
    const error = errorOf(refused)
    expect(error.code).toBe('feedback_not_constructive')
    expect(error.details.map((d) => d.path)).toEqual(['body.tryNext', 'body.tryNext'])
    expect(error.details.map((d) => d.message.split(':')[0]).sort()).toEqual(['absolute', 'person_judgement'])
    expect(await t.db.selectFrom('feedback').selectAll().where('match_id', '=', s.match.id).execute()).toEqual([])

    const sent = bodyOf(
      await call('POST', url, s.anaHeaders, { ...harsh, acknowledgeFlags: true }),
      201,
      FeedbackSchema,
    )
    expect(sent).toMatchObject({
      sessionId: s.session.id,
      matchId: s.match.id,
      giverId: s.ana.id,
      giverName: 'Ana Lima',
      receiverId: s.ben.id,
      receiverName: 'Ben Ortiz',
      tryNext: 'you never listen',
      ratings,
      sessionStartsAt: s.session.starts_at.toISOString(),
    })
    expect(sent.flags.map((f) => f.kind).sort()).toEqual(['absolute', 'person_judgement'])

    const again = await call('POST', url, s.anaHeaders, { ...constructive, receiverId: s.ben.id, ratings })
    expect([again.statusCode, errorOf(again).code]).toEqual([409, 'feedback_already_given'])

    // Ben gives his, constructive: stored without flags and without acknowledging anything.
    const back = bodyOf(
      await call('POST', url, s.benHeaders, { ...constructive, receiverId: s.ana.id, ratings }),
      201,
      FeedbackSchema,
    )
    expect(back.flags).toEqual([])
    expect(back).toMatchObject({
      situation: constructive.situation,
      behaviour: constructive.behaviour,
      impact: constructive.impact,
    })
  })

  test('each member sees what they received and gave, and what they still owe', async () => {
    const s = await setUp()
    const later = await buildSession(t.db, { match: s.match, startsAt: new Date(Date.now() - 3_600_000) })
    await buildSession(t.db, { match: s.match, startsAt: new Date(Date.now() + 86_400_000) })
    await buildSession(t.db, { match: s.match, status: 'cancelled', startsAt: new Date(Date.now() - 7_200_000) })
    const url = `/api/matches/${s.match.id}/feedback`
    const before = bodyOf(await call('GET', url, s.anaHeaders), 200, MatchFeedbackSchema)
    expect(before.received).toEqual([])
    expect(before.due.map((d) => [d.sessionId, d.receiverId, d.receiverName])).toEqual([
      [later.id, s.ben.id, 'Ben Ortiz'],
      [s.session.id, s.ben.id, 'Ben Ortiz'],
    ])

    await call('POST', `/api/sessions/${s.session.id}/feedback`, s.anaHeaders, {
      ...constructive,
      receiverId: s.ben.id,
      ratings,
    })
    const ana = bodyOf(await call('GET', url, s.anaHeaders), 200, MatchFeedbackSchema)
    expect(ana.given.map((f) => f.receiverId)).toEqual([s.ben.id])
    expect(ana.received).toEqual([])
    expect(ana.due.map((d) => d.sessionId)).toEqual([later.id])
    const ben = bodyOf(await call('GET', url, s.benHeaders), 200, MatchFeedbackSchema)
    expect(ben.received.map((f) => [f.giverName, f.whatWorked])).toEqual([['Ana Lima', constructive.whatWorked]])
    expect(ben.given).toEqual([])
    expect(ben.due).toHaveLength(2)
  })

  test('feedback opens after the session: not for a future, cancelled or missed one', async () => {
    const s = await setUp()
    const body = { ...constructive, receiverId: s.ben.id, ratings }
    const future = await buildSession(t.db, { match: s.match, startsAt: new Date(t.clock.now().getTime() + 3_600_000) })
    for (const status of ['cancelled', 'missed'] as const) {
      const session = await buildSession(t.db, { match: s.match, status })
      const response = await call('POST', `/api/sessions/${session.id}/feedback`, s.anaHeaders, body)
      expect([response.statusCode, errorOf(response).code], status).toEqual([409, 'feedback_not_open'])
    }
    const early = await call('POST', `/api/sessions/${future.id}/feedback`, s.anaHeaders, body)
    expect([early.statusCode, errorOf(early).code]).toEqual([409, 'feedback_not_open'])
    // Scheduled and already started counts as past.
    const started = await buildSession(t.db, { match: s.match, startsAt: new Date(Date.now() - 60_000) })
    bodyOf(await call('POST', `/api/sessions/${started.id}/feedback`, s.anaHeaders, body), 201, FeedbackSchema)
  })

  test('validation: texts, ratings 1-5, receiver another member', async () => {
    const s = await setUp()
    const other = await setUp()
    const url = `/api/sessions/${s.session.id}/feedback`
    const base = { ...constructive, receiverId: s.ben.id, ratings }
    const cases: [object, string[]][] = [
      [{ ...base, whatWorked: ' ' }, ['body.whatWorked']],
      [{ ...base, tryNext: 'x'.repeat(4001) }, ['body.tryNext']],
      [{ ...base, impact: 'x'.repeat(4001) }, ['body.impact']],
      [{ ...base, ratings: { ...ratings, listening: 0 } }, ['body.ratings.listening']],
      [{ ...base, ratings: { ...ratings, questions: 6 } }, ['body.ratings.questions']],
      [{ ...base, ratings: { ...ratings, helpfulness: 2.5 } }, ['body.ratings.helpfulness']],
      [{ ...base, receiverId: 'ben' }, ['body.receiverId']],
      [{ ...base, acknowledgeFlags: 'yes' }, ['body.acknowledgeFlags']],
    ]
    for (const [payload, paths] of cases) {
      const response = await call('POST', url, s.anaHeaders, payload)
      expect([response.statusCode, errorOf(response).details.map((d) => d.path)]).toEqual([400, paths])
    }
    for (const receiverId of [s.ana.id, other.ben.id]) {
      const response = await call('POST', url, s.anaHeaders, { ...base, receiverId })
      expect([response.statusCode, errorOf(response).code]).toEqual([422, 'not_match_member'])
    }
    const badSession = await call('POST', '/api/sessions/nope/feedback', s.anaHeaders, base)
    expect(errorOf(badSession).details.map((d) => d.path)).toEqual(['params.sessionId'])
    expect(await t.db.selectFrom('feedback').selectAll().where('match_id', '=', s.match.id).execute()).toEqual([])
  })

  test('outsiders, a program manager, an admin and another organization get 404 on every member route', async () => {
    const s = await setUp()
    await call('POST', `/api/sessions/${s.session.id}/feedback`, s.anaHeaders, {
      ...constructive,
      receiverId: s.ben.id,
      ratings,
    })
    const carla = await buildPerson(t.db, { organizationId: s.organization.id })
    const dan = await buildPerson(t.db, { organizationId: s.organization.id })
    await buildMatch(t.db, {
      organizationId: s.organization.id,
      programId: s.program.id,
      memberIds: [carla.id, dan.id],
    })
    const manager = await buildPerson(t.db, { organizationId: s.organization.id, role: 'program_manager' })
    const admin = await buildPerson(t.db, { organizationId: s.organization.id, role: 'admin' })
    const foreign = await buildPerson(t.db, { organizationId: (await buildOrganization(t.db)).id, role: 'admin' })
    for (const person of [carla, manager, admin, foreign] as PersonRow[]) {
      const headers = await sessionHeadersFor(t.db, person)
      const responses = await Promise.all([
        call('POST', `/api/matches/${s.match.id}/feedback/check`, headers, constructive),
        call('GET', `/api/matches/${s.match.id}/feedback`, headers),
        call('POST', `/api/sessions/${s.session.id}/feedback`, headers, {
          ...constructive,
          receiverId: s.ben.id,
          ratings,
        }),
      ])
      expect(
        responses.map((r) => `${r.statusCode} ${errorOf(r).code}`),
        person.role,
      ).toEqual(responses.map(() => '404 not_found'))
    }
    expect(await t.db.selectFrom('feedback').selectAll().where('match_id', '=', s.match.id).execute()).toHaveLength(1)
  })
})

describe('the program summary', () => {
  async function giveMany(count: number) {
    const organization = await buildOrganization(t.db)
    const program = await buildProgram(t.db, { organizationId: organization.id, status: 'active' })
    for (let i = 0; i < count; i++) {
      const giver = await buildPerson(t.db, { organizationId: organization.id })
      const receiver = await buildPerson(t.db, { organizationId: organization.id })
      const match = await buildMatch(t.db, {
        organizationId: organization.id,
        programId: program.id,
        memberIds: [giver.id, receiver.id],
        status: 'active',
      })
      const session = await buildSession(t.db, { match, status: 'held' })
      const response = await call(
        'POST',
        `/api/sessions/${session.id}/feedback`,
        await sessionHeadersFor(t.db, giver),
        {
          ...constructive,
          whatWorked: `${constructive.whatWorked} Marker-${i}`,
          receiverId: receiver.id,
          ratings: { listening: 1 + (i % 5), questions: 5, helpfulness: i % 2 === 0 ? 4 : 3 },
        },
      )
      expect(response.statusCode, response.body).toBe(201)
    }
    const manager = await buildPerson(t.db, { organizationId: organization.id, role: 'program_manager' })
    const admin = await buildPerson(t.db, { organizationId: organization.id, role: 'admin' })
    const participant = await buildPerson(t.db, { organizationId: organization.id })
    return { organization, program, manager, admin, participant }
  }

  test('averages and counts, no text and no names, for program managers and admins', async () => {
    const p = await giveMany(5)
    for (const person of [p.manager, p.admin]) {
      const response = await call(
        'GET',
        `/api/programs/${p.program.id}/feedback-summary`,
        await sessionHeadersFor(t.db, person),
      )
      const summary = bodyOf(response, 200, FeedbackSummarySchema)
      expect(summary).toEqual({
        programId: p.program.id,
        threshold: 5,
        feedbackCount: 5,
        giverCount: 5,
        isHidden: false,
        hiddenReason: null,
        averages: { listening: 3, questions: 5, helpfulness: 3.6 },
      })
      expect(response.body).not.toContain('Marker-')
      expect(response.body).not.toContain('Person ')
    }
  })

  test('hidden below the privacy threshold, saying why; the threshold is the organization’s', async () => {
    const p = await giveMany(4)
    const url = `/api/programs/${p.program.id}/feedback-summary`
    const hidden = bodyOf(await call('GET', url, await sessionHeadersFor(t.db, p.manager)), 200, FeedbackSummarySchema)
    expect(hidden).toMatchObject({
      giverCount: 4,
      isHidden: true,
      averages: { listening: null, questions: null, helpfulness: null },
    })
    expect(hidden.hiddenReason).toMatch(/at least 5 people/)
    await t.db
      .updateTable('organizations')
      .set({ aggregate_threshold: 3 })
      .where('id', '=', p.organization.id)
      .execute()
    const shown = bodyOf(await call('GET', url, await sessionHeadersFor(t.db, p.admin)), 200, FeedbackSummarySchema)
    expect(shown).toMatchObject({ threshold: 3, isHidden: false, averages: { questions: 5 } })
  })

  test('a participant and another organization get 404', async () => {
    const p = await giveMany(1)
    const foreign = await buildPerson(t.db, { organizationId: (await buildOrganization(t.db)).id, role: 'admin' })
    for (const person of [p.participant, foreign]) {
      const response = await call(
        'GET',
        `/api/programs/${p.program.id}/feedback-summary`,
        await sessionHeadersFor(t.db, person),
      )
      expect(`${response.statusCode} ${errorOf(response).code}`).toBe('404 not_found')
    }
    const badId = await call('GET', '/api/programs/x/feedback-summary', await sessionHeadersFor(t.db, p.admin))
    expect(errorOf(badId).details.map((d) => d.path)).toEqual(['params.programId'])
  })
})
