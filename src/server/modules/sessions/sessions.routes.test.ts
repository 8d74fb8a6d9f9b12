import ICAL from 'ical.js'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  CreatedSessionsSchema,
  SessionListSchema,
  SessionSchema,
  SessionSuggestionsSchema,
} from '#contracts/sessions.ts'
import { fixedClock } from '#server/clock.ts'
import type { MatchMemberRole, MatchStatus, PersonRow, ProgramType } from '#server/db/schema.ts'
import { buildMatch, buildOrganization, buildPerson, buildProgram } from '#server/test/factories.ts'
import { bodyOf, errorOf } from '#server/test/responses.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'

let t: TestApp
beforeAll(async () => {
  // A fixed instant before the 2027 series (across the US change on 14 March 2027) and the 2030
  // sessions below, so they stay in the future whatever today's date is.
  t = await createTestApp({}, { clock: fixedClock('2027-03-01T09:00:00Z') })
})
afterAll(() => t.close())

type Headers = Record<string, string>
type Method = 'GET' | 'POST' | 'PATCH'

function call(method: Method, url: string, headers: Headers, payload?: object) {
  return t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
}

const weekdays = [1, 2, 3, 4, 5]

async function setUp(
  options: { type?: ProgramType; roles?: MatchMemberRole[]; status?: MatchStatus; cadenceDays?: number } = {},
) {
  const organization = await buildOrganization(t.db)
  const program = await buildProgram(t.db, {
    organizationId: organization.id,
    type: options.type ?? 'peer_coaching',
    status: 'active',
    session_cadence_days: options.cadenceDays ?? 7,
  })
  const asha = await buildPerson(t.db, {
    organizationId: organization.id,
    name: 'Asha Rao',
    time_zone: 'Asia/Kolkata',
    working_hours_start: '09:00',
    working_hours_end: '21:00',
    working_days: weekdays,
  })
  const ben = await buildPerson(t.db, {
    organizationId: organization.id,
    name: 'Ben Ortiz',
    time_zone: 'America/Los_Angeles',
    working_hours_start: '07:00',
    working_hours_end: '17:00',
    working_days: weekdays,
  })
  const match = await buildMatch(t.db, {
    organizationId: organization.id,
    programId: program.id,
    memberIds: [asha.id, ben.id],
    roles: options.roles,
    status: options.status ?? 'active',
  })
  return {
    organization,
    program,
    match,
    asha,
    ben,
    ashaHeaders: await sessionHeadersFor(t.db, asha),
    benHeaders: await sessionHeadersFor(t.db, ben),
    url: `/api/matches/${match.id}/sessions`,
  }
}
type SetUp = Awaited<ReturnType<typeof setUp>>

async function schedule(s: SetUp, headers: Headers, body: object) {
  return bodyOf(await call('POST', s.url, headers, body), 201, CreatedSessionsSchema)
}

/** The .ics parsed back with ical.js, its VTIMEZONE registered so TZID times resolve through it. */
function parseInvitation(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text))
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone)
  const vevent = calendar.getFirstSubcomponent('vevent')
  if (!vevent) throw new Error('no VEVENT')
  const event = new ICAL.Event(vevent)
  const emailOf = (value: unknown) => String(value).replace(/^mailto:/i, '')
  return {
    method: calendar.getFirstPropertyValue('method'),
    zones: calendar.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid')),
    uid: event.uid,
    sequence: event.sequence,
    status: vevent.getFirstPropertyValue('status'),
    startZone: vevent.getFirstProperty('dtstart')?.getParameter('tzid'),
    endZone: vevent.getFirstProperty('dtend')?.getParameter('tzid'),
    start: event.startDate.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
    organizer: emailOf(vevent.getFirstPropertyValue('organizer')),
    attendees: vevent
      .getAllProperties('attendee')
      .map((p) => emailOf(p.getFirstValue()))
      .sort(),
  }
}

async function invitationOf(sessionId: string, headers: Headers) {
  const response = await call('GET', `/api/sessions/${sessionId}/invitation.ics`, headers)
  expect(response.statusCode, response.body).toBe(200)
  expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8')
  expect(response.headers['content-disposition']).toMatch(
    /^attachment; filename="tandem-session-\d{4}-\d{2}-\d{2}\.ics"$/,
  )
  return { text: response.body, ...parseInvitation(response.body) }
}

function outboxTo(email: string) {
  return t.db.selectFrom('outbox_emails').selectAll().where('to_address', '=', email).orderBy('created_at').execute()
}

function notificationsOf(personId: string) {
  return t.db.selectFrom('notifications').selectAll().where('person_id', '=', personId).orderBy('created_at').execute()
}

const local = (
  session: { localTimes: { personId: string; start: string; end: string; utcOffset: string }[] },
  personId: string,
) => {
  const found = session.localTimes.find((l) => l.personId === personId)
  return found && `${found.start}..${found.end.slice(11)} ${found.utcOffset}`
}

describe('time zones (acceptance)', () => {
  test('Kolkata schedules a weekly series for Los Angeles across the US daylight-saving change', async () => {
    const s = await setUp()
    const { sessions } = await schedule(s, s.ashaHeaders, {
      startsAtLocal: '2027-03-10T20:30',
      durationMinutes: 45,
      videoUrl: 'https://meet.example.com/asha-ben',
      focus: 'Saying no to extra projects',
      exerciseIds: ['builtin:role-play'],
      repeat: { count: 2 },
    })
    expect(sessions).toHaveLength(2)
    const [first, second] = sessions
    // Stored in UTC with the organizer's zone; the same local time in Kolkata both weeks.
    expect(first).toMatchObject({ startsAt: '2027-03-10T15:00:00.000Z', endsAt: '2027-03-10T15:45:00.000Z' })
    expect(second).toMatchObject({ startsAt: '2027-03-17T15:00:00.000Z', timeZone: 'Asia/Kolkata' })
    expect(first.seriesId).not.toBeNull()
    expect(second.seriesId).toBe(first.seriesId)
    expect(local(first, s.asha.id)).toBe('2027-03-10T20:30..21:15 +05:30')
    expect(local(second, s.asha.id)).toBe('2027-03-17T20:30..21:15 +05:30')
    // Los Angeles: 07:00 PST, then 08:00 PDT after the clocks go forward on 14 March.
    expect(local(first, s.ben.id)).toBe('2027-03-10T07:00..07:45 -08:00')
    expect(local(second, s.ben.id)).toBe('2027-03-17T08:00..08:45 -07:00')
    expect(first.localTimes.find((l) => l.personId === s.ben.id)?.timeZone).toBe('America/Los_Angeles')

    // Ben sees the same through the API.
    const benView = bodyOf(await call('GET', s.url, s.benHeaders), 200, SessionListSchema)
    expect(benView.upcoming.map((x) => local(x, s.ben.id))).toEqual([
      '2027-03-10T07:00..07:45 -08:00',
      '2027-03-17T08:00..08:45 -07:00',
    ])
    const single = bodyOf(await call('GET', `/api/sessions/${second.id}`, s.benHeaders), 200, SessionSchema)
    expect(single).toEqual(second)

    // The invitations: written in Kolkata time with its VTIMEZONE; each the same UTC instant.
    const ics1 = await invitationOf(first.id, s.benHeaders)
    const ics2 = await invitationOf(second.id, s.benHeaders)
    for (const [ics, session] of [
      [ics1, first],
      [ics2, second],
    ] as const) {
      expect(ics).toMatchObject({
        method: 'REQUEST',
        status: 'CONFIRMED',
        startZone: 'Asia/Kolkata',
        endZone: 'Asia/Kolkata',
        zones: ['Asia/Kolkata'],
        sequence: 0,
        start: session.startsAt,
        end: session.endsAt,
        organizer: s.asha.email,
        attendees: [s.asha.email, s.ben.email].sort(),
      })
    }
    expect(ics1.text).toContain('DTSTART;TZID=Asia/Kolkata:20270310T203000')
    expect(ics2.text).toContain('DTSTART;TZID=Asia/Kolkata:20270317T203000')
    expect(ics1.uid).not.toBe(ics2.uid)

    // The email with the invitations landed in Ben's outbox (a series: one .ics per session).
    const [email] = await outboxTo(s.ben.email)
    expect(email.subject).toBe('Asha Rao scheduled 2 coaching sessions with you')
    // Each session in Ben's zone and locale (en-GB: not chosen), with Asha's local time beside it.
    expect(email.text_body).toContain(
      '- Wed, 10 Mar 2027, 07:00–07:45 (America/Los_Angeles); for Asha Rao 20:30–21:15 (Asia/Kolkata)',
    )
    expect(email.text_body).toContain(
      '- Wed, 17 Mar 2027, 08:00–08:45 (America/Los_Angeles); for Asha Rao 20:30–21:15 (Asia/Kolkata)',
    )
    expect(email.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['tandem-session-2027-03-10.ics', 'text/calendar; charset=utf-8; method=REQUEST'],
      ['tandem-session-2027-03-17.ics', 'text/calendar; charset=utf-8; method=REQUEST'],
    ])
    expect(parseInvitation(email.attachments[1].content)).toMatchObject({
      uid: ics2.uid,
      start: '2027-03-17T15:00:00.000Z',
    })
    expect(await outboxTo(s.asha.email)).toEqual([])
    expect((await notificationsOf(s.ben.id)).map((n) => [n.kind, n.link])).toEqual([
      ['session_scheduled', `/matches/${s.match.id}?section=sessions`],
    ])

    // Reschedule the second to 21:00 Kolkata: 08:30 PDT; SEQUENCE goes up.
    const moved = bodyOf(
      await call('PATCH', `/api/sessions/${second.id}`, s.ashaHeaders, { startsAtLocal: '2027-03-17T21:00' }),
      200,
      SessionSchema,
    )
    expect(moved.startsAt).toBe('2027-03-17T15:30:00.000Z')
    expect(local(moved, s.ben.id)).toBe('2027-03-17T08:30..09:15 -07:00')
    expect(moved.icsSequence).toBeGreaterThan(second.icsSequence)
    const ics3 = await invitationOf(second.id, s.ashaHeaders)
    expect(ics3).toMatchObject({ uid: ics2.uid, method: 'REQUEST', sequence: moved.icsSequence, start: moved.startsAt })
    const rescheduledMail = (await outboxTo(s.ben.email))[1]
    expect(rescheduledMail.subject).toBe('Asha Rao changed a coaching session')
    expect(parseInvitation(rescheduledMail.attachments[0].content)).toMatchObject({
      uid: ics2.uid,
      sequence: moved.icsSequence,
      start: '2027-03-17T15:30:00.000Z',
    })

    // Cancel it: the invitation becomes a cancellation with a higher SEQUENCE.
    const cancelled = bodyOf(
      await call('POST', `/api/sessions/${second.id}/cancel`, s.benHeaders, { reason: 'Travelling that week' }),
      200,
      SessionSchema,
    )
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'Travelling that week' })
    const ics4 = await invitationOf(second.id, s.benHeaders)
    expect(ics4).toMatchObject({ uid: ics2.uid, method: 'CANCEL', status: 'CANCELLED', startZone: 'Asia/Kolkata' })
    expect(ics4.sequence).toBeGreaterThan(ics3.sequence)
    const [cancelMail] = await outboxTo(s.asha.email)
    expect(cancelMail.subject).toBe('Ben Ortiz cancelled a coaching session')
    expect(cancelMail.text_body).toContain('Travelling that week')
    expect(cancelMail.attachments[0].contentType).toBe('text/calendar; charset=utf-8; method=CANCEL')
    expect(parseInvitation(cancelMail.attachments[0].content)).toMatchObject({ method: 'CANCEL', uid: ics2.uid })
    expect((await notificationsOf(s.asha.id)).map((n) => n.kind)).toEqual(['session_cancelled'])
  })

  test("an organizer in Los Angeles: the .ics carries LA's DST rules and ical.js finds both instants", async () => {
    const s = await setUp()
    const { sessions } = await schedule(s, s.benHeaders, { startsAtLocal: '2027-03-10T07:00', repeat: { count: 2 } })
    expect(sessions.map((x) => x.startsAt)).toEqual(['2027-03-10T15:00:00.000Z', '2027-03-17T14:00:00.000Z'])
    expect(sessions.map((x) => local(x, s.asha.id))).toEqual([
      '2027-03-10T20:30..21:15 +05:30',
      '2027-03-17T19:30..20:15 +05:30',
    ])
    const first = await invitationOf(sessions[0].id, s.ashaHeaders)
    const second = await invitationOf(sessions[1].id, s.ashaHeaders)
    expect(first).toMatchObject({ startZone: 'America/Los_Angeles', start: '2027-03-10T15:00:00.000Z' })
    expect(second).toMatchObject({ startZone: 'America/Los_Angeles', start: '2027-03-17T14:00:00.000Z' })
    expect(second.text).toContain('DTSTART;TZID=America/Los_Angeles:20270317T070000')
    expect(first.organizer).toBe(s.ben.email)
  })

  /** A coaching circle whose members live in the given zones (the first one schedules). */
  async function circleIn(zones: string[]) {
    const organization = await buildOrganization(t.db)
    const program = await buildProgram(t.db, {
      organizationId: organization.id,
      type: 'coaching_circle',
      status: 'active',
      session_cadence_days: 7,
    })
    const people = await Promise.all(
      zones.map((zone) => buildPerson(t.db, { organizationId: organization.id, name: zone, time_zone: zone })),
    )
    const match = await buildMatch(t.db, {
      organizationId: organization.id,
      programId: program.id,
      memberIds: people.map((p) => p.id),
      roles: people.map(() => 'member' as const),
      status: 'active',
    })
    const organizer = await sessionHeadersFor(t.db, people[0])
    const url = `/api/matches/${match.id}/sessions`
    const scheduleAs = (body: object) => call('POST', url, organizer, body)
    return { people, organizer, scheduleAs }
  }

  test('Paris schedules a weekly series across the European change for Sydney, Lord Howe (30-minute DST) and Kathmandu (+05:45)', async () => {
    const { people, organizer, scheduleAs } = await circleIn([
      'Europe/Paris',
      'Australia/Sydney',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
    ])
    const [paris, sydney, lordHowe, kathmandu] = people.map((p) => p.id)
    // Paris moves to +02:00 on 28 March 2027; Sydney (+11 -> +10) and Lord Howe (+11 -> +10:30) fall back on 4 April.
    const { sessions } = bodyOf(
      await scheduleAs({ startsAtLocal: '2027-03-24T10:00', durationMinutes: 60, repeat: { count: 3 } }),
      201,
      CreatedSessionsSchema,
    )
    expect(sessions.map((x) => x.startsAt)).toEqual([
      '2027-03-24T09:00:00.000Z',
      '2027-03-31T08:00:00.000Z',
      '2027-04-07T08:00:00.000Z',
    ])
    const seen = (personId: string) => sessions.map((x) => local(x, personId))
    expect(seen(paris)).toEqual([
      '2027-03-24T10:00..11:00 +01:00',
      '2027-03-31T10:00..11:00 +02:00',
      '2027-04-07T10:00..11:00 +02:00',
    ])
    expect(seen(sydney)).toEqual([
      '2027-03-24T20:00..21:00 +11:00',
      '2027-03-31T19:00..20:00 +11:00',
      '2027-04-07T18:00..19:00 +10:00',
    ])
    expect(seen(lordHowe)).toEqual([
      '2027-03-24T20:00..21:00 +11:00',
      '2027-03-31T19:00..20:00 +11:00',
      '2027-04-07T18:30..19:30 +10:30',
    ])
    expect(seen(kathmandu)).toEqual([
      '2027-03-24T14:45..15:45 +05:45',
      '2027-03-31T13:45..14:45 +05:45',
      '2027-04-07T13:45..14:45 +05:45',
    ])
    // Each invitation is written in Paris time with Paris's VTIMEZONE, and a calendar reads the same instant.
    for (const session of sessions) {
      const ics = await invitationOf(session.id, organizer)
      expect(ics).toMatchObject({ startZone: 'Europe/Paris', zones: ['Europe/Paris'], start: session.startsAt })
      expect(ics.text).toContain(
        `DTSTART;TZID=Europe/Paris:${session.startsAt.slice(0, 10).replaceAll('-', '')}T100000`,
      )
    }
    // The hour Paris repeats on 31 October 2027 (03:00 -> 02:00): its first occurrence, +02:00.
    const repeated = bodyOf(await scheduleAs({ startsAtLocal: '2027-10-31T02:30' }), 201, CreatedSessionsSchema)
    expect(repeated.sessions[0].startsAt).toBe('2027-10-31T00:30:00.000Z')
  })

  test('Lord Howe schedules across its half-hour changes: the same 09:00, 30 minutes later in UTC; its gap is refused', async () => {
    const { people, organizer, scheduleAs } = await circleIn(['Australia/Lord_Howe', 'Europe/Paris', 'Asia/Kathmandu'])
    const [, paris, kathmandu] = people.map((p) => p.id)
    const { sessions } = bodyOf(
      await scheduleAs({ startsAtLocal: '2027-03-31T09:00', durationMinutes: 45, repeat: { count: 2 } }),
      201,
      CreatedSessionsSchema,
    )
    expect(sessions.map((x) => x.startsAt)).toEqual(['2027-03-30T22:00:00.000Z', '2027-04-06T22:30:00.000Z'])
    expect(sessions.map((x) => local(x, people[0].id))).toEqual([
      '2027-03-31T09:00..09:45 +11:00',
      '2027-04-07T09:00..09:45 +10:30',
    ])
    expect(sessions.map((x) => local(x, paris))).toEqual([
      '2027-03-31T00:00..00:45 +02:00',
      '2027-04-07T00:30..01:15 +02:00',
    ])
    expect(sessions.map((x) => local(x, kathmandu))).toEqual([
      '2027-03-31T03:45..04:30 +05:45',
      '2027-04-07T04:15..05:00 +05:45',
    ])
    const after = await invitationOf(sessions[1].id, organizer)
    expect(after).toMatchObject({ startZone: 'Australia/Lord_Howe', start: '2027-04-06T22:30:00.000Z' })
    expect(after.text).toContain('DTSTART;TZID=Australia/Lord_Howe:20270407T090000')

    // On 3 October 2027 Lord Howe's clocks skip from 02:00 to 02:30: 02:15 never happens there.
    const gap = await scheduleAs({ startsAtLocal: '2027-10-03T02:15' })
    expect(gap.statusCode).toBe(422)
    expect(errorOf(gap)).toMatchObject({
      code: 'nonexistent_local_time',
      details: [{ path: 'body.startsAtLocal', message: 'does not exist in Australia/Lord_Howe' }],
    })
    const { sessions: justAfter } = bodyOf(
      await scheduleAs({ startsAtLocal: '2027-10-03T02:30' }),
      201,
      CreatedSessionsSchema,
    )
    expect(justAfter[0].startsAt).toBe('2027-10-02T15:30:00.000Z')
  })

  test('a local time in the spring-forward gap is 422 with a clear code; an explicit zone is used', async () => {
    const s = await setUp()
    const gap = await call('POST', s.url, s.benHeaders, { startsAtLocal: '2027-03-14T02:30' })
    expect(gap.statusCode).toBe(422)
    expect(errorOf(gap)).toMatchObject({
      code: 'nonexistent_local_time',
      details: [{ path: 'body.startsAtLocal', message: 'does not exist in America/Los_Angeles' }],
    })
    // The same wall-clock time exists in Kolkata.
    const { sessions } = await schedule(s, s.benHeaders, {
      startsAtLocal: '2027-03-14T02:30',
      timeZone: 'Asia/Kolkata',
    })
    expect(sessions[0]).toMatchObject({ startsAt: '2027-03-13T21:00:00.000Z', timeZone: 'Asia/Kolkata' })
    // A series whose later date falls in the gap is refused as a whole.
    const series = await call('POST', s.url, s.benHeaders, { startsAtLocal: '2027-03-07T02:30', repeat: { count: 2 } })
    expect(errorOf(series).code).toBe('nonexistent_local_time')
    const moved = await call('PATCH', `/api/sessions/${sessions[0].id}`, s.benHeaders, {
      startsAtLocal: '2027-03-14T02:15',
      timeZone: 'America/Los_Angeles',
    })
    expect(errorOf(moved).code).toBe('nonexistent_local_time')
    const list = bodyOf(await call('GET', s.url, s.benHeaders), 200, SessionListSchema)
    expect(list.upcoming).toHaveLength(1)
  })
})

describe('scheduling', () => {
  test('defaults, agenda changes, exercises from the library (built-in or own)', async () => {
    const s = await setUp()
    const own = await t.db
      .insertInto('exercises')
      .values({
        organization_id: s.organization.id,
        slug: 'stakeholder-walk',
        title: 'Stakeholder walk',
        technique: 'change_of_perspective',
        purpose: 'See it from every side',
        duration_minutes: 20,
        created_by: s.asha.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const { sessions } = await schedule(s, s.ashaHeaders, {
      startsAtLocal: '2030-06-03T20:00',
      location: 'Room 4.12',
      exerciseIds: ['builtin:what-if', own.id],
    })
    const [session] = sessions
    expect(session).toMatchObject({
      durationMinutes: 45,
      timeZone: 'Asia/Kolkata',
      organizerId: s.asha.id,
      location: 'Room 4.12',
      videoUrl: null,
      status: 'scheduled',
      icsSequence: 0,
      seriesId: null,
      agenda: '',
    })
    const changed = bodyOf(
      await call('PATCH', `/api/sessions/${session.id}`, s.benHeaders, {
        agenda: 'Warm-up, role play, action steps',
        exerciseIds: ['builtin:role-play'],
        videoUrl: 'https://meet.example.com/x',
      }),
      200,
      SessionSchema,
    )
    expect(changed).toMatchObject({
      agenda: 'Warm-up, role play, action steps',
      exerciseIds: ['builtin:role-play'],
      startsAt: session.startsAt,
      icsSequence: 1,
    })

    const unknown = await call('POST', s.url, s.ashaHeaders, {
      startsAtLocal: '2030-06-04T20:00',
      exerciseIds: ['builtin:role-play', 'builtin:juggling'],
    })
    expect(unknown.statusCode).toBe(422)
    expect(errorOf(unknown)).toMatchObject({
      code: 'unknown_exercise',
      details: [{ path: 'body.exerciseIds.1', message: 'is not in the exercise library' }],
    })
    // Another organization's exercise is not in this one's library.
    const other = await setUp()
    const foreign = await call('POST', other.url, other.ashaHeaders, {
      startsAtLocal: '2030-06-04T20:00',
      exerciseIds: [own.id],
    })
    expect(errorOf(foreign).code).toBe('unknown_exercise')
    const badPatch = await call('PATCH', `/api/sessions/${session.id}`, s.ashaHeaders, {
      exerciseIds: ['00000000-0000-4000-8000-000000000000'],
    })
    expect(errorOf(badPatch).code).toBe('unknown_exercise')
  })

  test('validation errors are 400s naming the field', async () => {
    const s = await setUp()
    const cases: [object, string[]][] = [
      [{}, ['body.startsAtLocal']],
      [{ startsAtLocal: '2030-06-03 20:00' }, ['body.startsAtLocal']],
      [{ startsAtLocal: '2030-02-30T25:00' }, ['body.startsAtLocal']],
      [{ startsAtLocal: '2030-06-03T20:00', durationMinutes: 10 }, ['body.durationMinutes']],
      [{ startsAtLocal: '2030-06-03T20:00', durationMinutes: 300 }, ['body.durationMinutes']],
      [{ startsAtLocal: '2030-06-03T20:00', videoUrl: 'http://meet.example.com/x' }, ['body.videoUrl']],
      [{ startsAtLocal: '2030-06-03T20:00', timeZone: 'Mars/Olympus' }, ['body.timeZone']],
      [{ startsAtLocal: '2030-06-03T20:00', repeat: { count: 13 } }, ['body.repeat.count']],
      [{ startsAtLocal: '2030-06-03T20:00', exerciseIds: ['role-play'] }, ['body.exerciseIds.0']],
    ]
    for (const [body, paths] of cases) {
      const response = await call('POST', s.url, s.ashaHeaders, body)
      expect(response.statusCode, JSON.stringify(body)).toBe(400)
      expect(errorOf(response).code).toBe('validation_failed')
      expect(errorOf(response).details.map((d) => d.path)).toEqual(paths)
    }
    const unknownKey = await call('POST', s.url, s.ashaHeaders, {
      startsAtLocal: '2030-06-03T20:00',
      coachId: s.ben.id,
    })
    expect(unknownKey.statusCode).toBe(400)

    const { sessions } = await schedule(s, s.ashaHeaders, { startsAtLocal: '2030-06-03T20:00' })
    const id = sessions[0].id
    expect((await call('PATCH', `/api/sessions/${id}`, s.ashaHeaders, {})).statusCode).toBe(400)
    expect((await call('PATCH', `/api/sessions/${id}`, s.ashaHeaders, { timeZone: 'UTC' })).statusCode).toBe(400)
    expect((await call('POST', `/api/sessions/${id}/status`, s.ashaHeaders, { status: 'cancelled' })).statusCode).toBe(
      400,
    )
    expect(
      (await call('POST', `/api/sessions/${id}/cancel`, s.ashaHeaders, { reason: 'x'.repeat(1001) })).statusCode,
    ).toBe(400)
    expect((await call('GET', '/api/sessions/not-a-uuid', s.ashaHeaders)).statusCode).toBe(400)
    expect(
      (await call('GET', `/api/matches/${s.match.id}/session-suggestions?durationMinutes=5`, s.ashaHeaders)).statusCode,
    ).toBe(400)
    expect(
      (await call('GET', `/api/matches/${s.match.id}/session-suggestions?from=tomorrow`, s.ashaHeaders)).statusCode,
    ).toBe(400)
  })

  test('dates outside 1900-2200 are 400s naming the field, the computed end included; nothing is stored', async () => {
    const s = await setUp()
    const cases: [object, string][] = [
      [{ startsAtLocal: '0000-01-01T10:00' }, 'body.startsAtLocal'],
      [{ startsAtLocal: '9999-12-31T23:30', durationMinutes: 60 }, 'body.startsAtLocal'],
      // Inside the range, but its end (or the series' last session) is not.
      [{ startsAtLocal: '2200-12-31T23:30', timeZone: 'UTC', durationMinutes: 60 }, 'body.startsAtLocal'],
      [{ startsAtLocal: '2200-12-01T10:00', timeZone: 'UTC', repeat: { count: 12 } }, 'body.startsAtLocal'],
    ]
    for (const [body, path] of cases) {
      const response = await call('POST', s.url, s.ashaHeaders, body)
      expect(response.statusCode, JSON.stringify(body)).toBe(400)
      expect(errorOf(response)).toMatchObject({ code: 'validation_failed', details: [{ path }] })
    }
    const { sessions } = await schedule(s, s.ashaHeaders, { startsAtLocal: '2200-12-31T22:00', timeZone: 'UTC' })
    const moved = await call('PATCH', `/api/sessions/${sessions[0].id}`, s.ashaHeaders, { durationMinutes: 240 })
    expect(moved.statusCode).toBe(400)
    expect(errorOf(moved).details[0]?.path).toBe('body.durationMinutes')
    const list = bodyOf(await call('GET', s.url, s.ashaHeaders), 200, SessionListSchema)
    expect(list.upcoming.map((session) => session.durationMinutes)).toEqual([45])
  })

  test('held or missed only once the start time passed; cancelled and changed sessions are 409s', async () => {
    const s = await setUp()
    const { sessions } = await schedule(s, s.ashaHeaders, { startsAtLocal: '2030-06-03T20:00' })
    const future = sessions[0]
    const early = await call('POST', `/api/sessions/${future.id}/status`, s.benHeaders, { status: 'held' })
    expect(early.statusCode).toBe(409)
    expect(errorOf(early).code).toBe('session_not_started')

    // A session that already happened (recorded afterwards).
    const past = (await schedule(s, s.ashaHeaders, { startsAtLocal: '2024-01-08T20:00' })).sessions[0]
    const held = bodyOf(
      await call('POST', `/api/sessions/${past.id}/status`, s.benHeaders, { status: 'held' }),
      200,
      SessionSchema,
    )
    expect(held.status).toBe('held')
    expect(held.statusChangedAt).not.toBeNull()
    // A correction: it was missed after all.
    expect(
      bodyOf(
        await call('POST', `/api/sessions/${past.id}/status`, s.ashaHeaders, { status: 'missed' }),
        200,
        SessionSchema,
      ).status,
    ).toBe('missed')
    const reschedule = await call('PATCH', `/api/sessions/${past.id}`, s.ashaHeaders, { agenda: 'x' })
    expect(errorOf(reschedule).code).toBe('session_not_scheduled')
    const cancelHeld = await call('POST', `/api/sessions/${past.id}/cancel`, s.ashaHeaders, {})
    expect(cancelHeld.statusCode).toBe(409)
    expect(errorOf(cancelHeld).code).toBe('session_not_scheduled')

    bodyOf(await call('POST', `/api/sessions/${future.id}/cancel`, s.ashaHeaders, {}), 200, SessionSchema)
    const twice = await call('POST', `/api/sessions/${future.id}/cancel`, s.ashaHeaders, {})
    expect(errorOf(twice).code).toBe('session_not_scheduled')
    const statusOfCancelled = await call('POST', `/api/sessions/${future.id}/status`, s.ashaHeaders, { status: 'held' })
    expect(statusOfCancelled.statusCode).toBe(409)
    expect(errorOf(statusOfCancelled).code).toBe('session_cancelled')

    const list = bodyOf(await call('GET', s.url, s.ashaHeaders), 200, SessionListSchema)
    expect(list.upcoming).toEqual([])
    // Past: latest first (the cancelled 2030 session, then the 2024 one).
    expect(list.past.map((x) => x.id)).toEqual([future.id, past.id])
  })

  test('a completed match is read only: 409 match_read_only on every change', async () => {
    const s = await setUp()
    const { sessions } = await schedule(s, s.ashaHeaders, { startsAtLocal: '2024-01-08T20:00' })
    await t.db.updateTable('matches').set({ status: 'completed' }).where('id', '=', s.match.id).execute()
    const list = bodyOf(await call('GET', s.url, s.ashaHeaders), 200, SessionListSchema)
    expect(list.canSchedule).toBe(false)
    bodyOf(await call('GET', `/api/sessions/${sessions[0].id}`, s.benHeaders), 200, SessionSchema)
    expect((await call('GET', `/api/sessions/${sessions[0].id}/invitation.ics`, s.benHeaders)).statusCode).toBe(200)
    const id = sessions[0].id
    for (const response of [
      await call('POST', s.url, s.ashaHeaders, { startsAtLocal: '2030-06-03T20:00' }),
      await call('PATCH', `/api/sessions/${id}`, s.ashaHeaders, { agenda: 'More' }),
      await call('POST', `/api/sessions/${id}/cancel`, s.ashaHeaders, {}),
      await call('POST', `/api/sessions/${id}/status`, s.ashaHeaders, { status: 'held' }),
    ]) {
      expect(response.statusCode).toBe(409)
      expect(errorOf(response).code).toBe('match_read_only')
    }
  })
})

describe('roles and balance', () => {
  test('peer coaching alternates; a cancelled session does not count; the balance counts held sessions', async () => {
    const s = await setUp()
    const { sessions } = await schedule(s, s.benHeaders, { startsAtLocal: '2024-01-08T07:00', repeat: { count: 3 } })
    // Ben organized: he brings his challenge first, Asha coaches; then they swap.
    expect(sessions.map((x) => [x.coachId, x.coacheeId])).toEqual([
      [s.asha.id, s.ben.id],
      [s.ben.id, s.asha.id],
      [s.asha.id, s.ben.id],
    ])
    const before = bodyOf(await call('GET', s.url, s.ashaHeaders), 200, SessionListSchema)
    expect(before.nextRoles).toEqual({ coachId: s.ben.id, coacheeId: s.asha.id })
    expect(before.cadenceDays).toBe(7)
    expect(before.myTimeZone).toBe('Asia/Kolkata')

    await call('POST', `/api/sessions/${sessions[0].id}/status`, s.ashaHeaders, { status: 'held' })
    await call('POST', `/api/sessions/${sessions[1].id}/cancel`, s.ashaHeaders, { reason: 'Ill' })
    const after = bodyOf(await call('GET', s.url, s.ashaHeaders), 200, SessionListSchema)
    const third = after.past.find((x) => x.id === sessions[2].id)
    // The cancelled one no longer counts: the third swaps the first's roles.
    expect([third?.coachId, third?.coacheeId]).toEqual([s.ben.id, s.asha.id])
    expect(third?.icsSequence).toBe(1)
    await call('POST', `/api/sessions/${sessions[2].id}/status`, s.benHeaders, { status: 'held' })
    const balance = bodyOf(await call('GET', s.url, s.benHeaders), 200, SessionListSchema).balance
    expect(balance).toEqual([
      { personId: s.asha.id, name: 'Asha Rao', coached: 1, coachee: 1, scheduledAsCoach: 0, scheduledAsCoachee: 0 },
      { personId: s.ben.id, name: 'Ben Ortiz', coached: 1, coachee: 1, scheduledAsCoach: 0, scheduledAsCoachee: 0 },
    ])
    // The next session, scheduled by either, swaps the last one's roles.
    const next = (await schedule(s, s.benHeaders, { startsAtLocal: '2030-06-03T07:00' })).sessions[0]
    expect([next.coachId, next.coacheeId]).toEqual([s.asha.id, s.ben.id])
  })

  test('in mentoring the mentor coaches; in a circle the coachee rotates', async () => {
    const mentoring = await setUp({ type: 'peer_mentoring', roles: ['mentor', 'mentee'] })
    const { sessions } = await schedule(mentoring, mentoring.ashaHeaders, {
      startsAtLocal: '2030-06-03T20:00',
      repeat: { count: 2 },
    })
    expect(sessions.map((x) => [x.coachId, x.coacheeId])).toEqual([
      [mentoring.asha.id, mentoring.ben.id],
      [mentoring.asha.id, mentoring.ben.id],
    ])

    const organization = await buildOrganization(t.db)
    const program = await buildProgram(t.db, {
      organizationId: organization.id,
      type: 'coaching_circle',
      status: 'active',
    })
    const people = await Promise.all(
      ['Ada', 'Bo', 'Cy'].map((name) => buildPerson(t.db, { organizationId: organization.id, name })),
    )
    const circle = await buildMatch(t.db, {
      organizationId: organization.id,
      programId: program.id,
      memberIds: people.map((p) => p.id),
      roles: ['member', 'member', 'member'],
      status: 'active',
    })
    const created = bodyOf(
      await call('POST', `/api/matches/${circle.id}/sessions`, await sessionHeadersFor(t.db, people[1]), {
        startsAtLocal: '2030-06-03T10:00',
        repeat: { count: 4 },
      }),
      201,
      CreatedSessionsSchema,
    )
    const [ada, bo, cy] = people.map((p) => p.id)
    expect(created.sessions.map((x) => [x.coacheeId, x.coachId])).toEqual([
      [bo, cy],
      [cy, bo],
      [ada, cy],
      [bo, ada],
    ])
    // Every member of the circle is notified.
    expect((await notificationsOf(ada)).map((n) => n.kind)).toEqual(['session_scheduled'])
    expect((await notificationsOf(cy)).map((n) => n.kind)).toEqual(['session_scheduled'])
    expect(await notificationsOf(bo)).toEqual([])
  })
})

describe('suggestions', () => {
  test("slots inside both members' working hours, avoiding their scheduled sessions", async () => {
    const s = await setUp()
    const url = `/api/matches/${s.match.id}/session-suggestions?durationMinutes=30&from=2030-03-04T00:00:00Z&count=3`
    const free = bodyOf(await call('GET', url, s.ashaHeaders), 200, SessionSuggestionsSchema)
    expect(free.durationMinutes).toBe(30)
    // Mon 4 March 2030: LA 07:00 PST is 20:30 Kolkata: the only half hour both work.
    expect(free.slots.map((slot) => local(slot, s.ben.id))).toEqual([
      '2030-03-04T07:00..07:30 -08:00',
      '2030-03-05T07:00..07:30 -08:00',
      '2030-03-06T07:00..07:30 -08:00',
    ])
    expect(free.slots[0].localTimes.every((l) => l.inWorkingHours)).toBe(true)
    expect(local(free.slots[0], s.asha.id)).toBe('2030-03-04T20:30..21:00 +05:30')

    // Ben is busy on Tuesday in another match: that day is skipped.
    const other = await buildPerson(t.db, { organizationId: s.organization.id })
    const otherMatch = await buildMatch(t.db, {
      organizationId: s.organization.id,
      programId: s.program.id,
      memberIds: [s.ben.id, other.id],
      status: 'active',
    })
    await schedule({ ...s, url: `/api/matches/${otherMatch.id}/sessions` }, s.benHeaders, {
      startsAtLocal: '2030-03-05T07:15',
    })
    const busy = bodyOf(await call('GET', url, s.benHeaders), 200, SessionSuggestionsSchema)
    expect(busy.slots.map((slot) => local(slot, s.ben.id))).toEqual([
      '2030-03-04T07:00..07:30 -08:00',
      '2030-03-06T07:00..07:30 -08:00',
      '2030-03-07T07:00..07:30 -08:00',
    ])
  })
})

describe('overlapping sessions', () => {
  const sessionsOf = (matchId: string) =>
    t.db
      .selectFrom('coaching_sessions')
      .select(['starts_at', 'status'])
      .where('match_id', '=', matchId)
      .orderBy('starts_at')
      .execute()

  /** Ben's second match, with Carla (in Berlin), in a program Asha has nothing to do with. */
  async function withSecondMatch(s: SetUp) {
    const otherProgram = await buildProgram(t.db, {
      organizationId: s.organization.id,
      name: 'Confidential leadership circle',
      type: 'peer_coaching',
      status: 'active',
    })
    const carla = await buildPerson(t.db, {
      organizationId: s.organization.id,
      name: 'Carla Weiss',
      time_zone: 'Europe/Berlin',
    })
    const match = await buildMatch(t.db, {
      organizationId: s.organization.id,
      programId: otherProgram.id,
      memberIds: [s.ben.id, carla.id],
      status: 'active',
    })
    return {
      match,
      carla,
      carlaHeaders: await sessionHeadersFor(t.db, carla),
      url: `/api/matches/${match.id}/sessions`,
    }
  }

  test('in the same match: 409 session_overlaps naming the time in my zone; adjacent sessions are fine', async () => {
    const s = await setUp()
    // Mon 3 June 2030, 20:00 in Kolkata = 14:30 UTC = 07:30 in Los Angeles (PDT).
    await schedule(s, s.ashaHeaders, { startsAtLocal: '2030-06-03T20:00' })
    const clash = await call('POST', s.url, s.benHeaders, { startsAtLocal: '2030-06-03T07:15' })
    expect(clash.statusCode).toBe(409)
    const message =
      'Overlaps a coaching session you already have, Mon, 3 Jun 2030, 07:30–08:15 (America/Los_Angeles): pick another time'
    expect(errorOf(clash)).toEqual({
      code: 'session_overlaps',
      message,
      details: [{ path: 'body.startsAtLocal', message }],
    })
    // Longer, starting before and ending after, or inside: all overlap.
    for (const body of [
      { startsAtLocal: '2030-06-03T07:00', durationMinutes: 120 },
      { startsAtLocal: '2030-06-03T07:40', durationMinutes: 15 },
      { startsAtLocal: '2030-06-03T08:14', durationMinutes: 15 },
    ]) {
      const response = await call('POST', s.url, s.benHeaders, body)
      expect(`${response.statusCode} ${errorOf(response).code}`, JSON.stringify(body)).toBe('409 session_overlaps')
    }
    expect(await sessionsOf(s.match.id)).toHaveLength(1)
    // Ending when it starts, and starting when it ends: not an overlap.
    await schedule(s, s.benHeaders, { startsAtLocal: '2030-06-03T06:45', durationMinutes: 45 })
    await schedule(s, s.benHeaders, { startsAtLocal: '2030-06-03T08:15', durationMinutes: 30 })
    expect(await sessionsOf(s.match.id)).toHaveLength(3)
  })

  test("across two matches of one person: refused both ways, without the other match's names or program", async () => {
    const s = await setUp()
    const second = await withSecondMatch(s)
    await schedule(s, s.ashaHeaders, { startsAtLocal: '2030-06-03T20:00' })

    // Carla is not in Asha's match: she learns that Ben is busy and when (in Berlin), nothing more.
    const fromCarla = await call('POST', second.url, second.carlaHeaders, { startsAtLocal: '2030-06-03T16:00' })
    expect(fromCarla.statusCode).toBe(409)
    expect(errorOf(fromCarla)).toMatchObject({
      code: 'session_overlaps',
      message:
        'Overlaps a coaching session Ben Ortiz already has, Mon, 3 Jun 2030, 16:30–17:15 (Europe/Berlin): pick another time',
    })
    expect(fromCarla.body).not.toMatch(/Asha|Kolkata|Peer|program/i)
    expect(fromCarla.body).not.toContain(s.match.id)
    expect(fromCarla.body).not.toContain(s.program.name)

    // Ben, booking his other match, is told it is his own session.
    const fromBen = await call('POST', second.url, s.benHeaders, { startsAtLocal: '2030-06-03T08:00' })
    expect(errorOf(fromBen).message).toBe(
      'Overlaps a coaching session you already have, Mon, 3 Jun 2030, 07:30–08:15 (America/Los_Angeles): pick another time',
    )
    expect(await sessionsOf(second.match.id)).toEqual([])

    // And the other way round: Asha cannot book Ben over his session with Carla.
    await schedule({ ...s, url: second.url }, second.carlaHeaders, { startsAtLocal: '2030-06-04T16:30' })
    const fromAsha = await call('POST', s.url, s.ashaHeaders, { startsAtLocal: '2030-06-04T20:30' })
    expect(errorOf(fromAsha).message).toBe(
      'Overlaps a coaching session Ben Ortiz already has, Tue, 4 Jun 2030, 20:00–20:45 (Asia/Kolkata): pick another time',
    )
    expect(fromAsha.body).not.toMatch(/Carla|Berlin|Confidential/)
    // Someone outside both matches is not held up by them.
    const other = await setUp()
    await schedule(other, other.ashaHeaders, { startsAtLocal: '2030-06-04T20:30' })
  })

  test('a series is refused as a whole when any of its sessions overlaps', async () => {
    const s = await setUp()
    const second = await withSecondMatch(s)
    // Ben's session with Carla on Mon 17 June, 16:30 Berlin = 20:00 Kolkata.
    await schedule({ ...s, url: second.url }, second.carlaHeaders, { startsAtLocal: '2030-06-17T16:30' })
    const series = await call('POST', s.url, s.ashaHeaders, { startsAtLocal: '2030-06-03T20:00', repeat: { count: 4 } })
    expect(series.statusCode).toBe(409)
    const message =
      'Session 3 of 4 (17 Jun 2030, 20:00) overlaps a coaching session Ben Ortiz already has, Mon, 17 Jun 2030, 20:00–20:45 (Asia/Kolkata): pick another time'
    expect(errorOf(series)).toEqual({
      code: 'session_overlaps',
      message,
      details: [{ path: 'body.startsAtLocal', message }],
    })
    expect(await sessionsOf(s.match.id)).toEqual([])
    expect(await notificationsOf(s.ben.id)).toHaveLength(1)
    // An hour later the whole series fits.
    const { sessions } = await schedule(s, s.ashaHeaders, { startsAtLocal: '2030-06-03T21:00', repeat: { count: 4 } })
    expect(sessions).toHaveLength(4)
  })

  test('moving: onto another session is refused; onto or across its own old slot is not', async () => {
    const s = await setUp()
    const [first] = (await schedule(s, s.ashaHeaders, { startsAtLocal: '2030-06-03T20:00' })).sessions
    const [second] = (await schedule(s, s.ashaHeaders, { startsAtLocal: '2030-06-04T20:00' })).sessions
    const move = (id: string, body: object, headers = s.ashaHeaders) =>
      call('PATCH', `/api/sessions/${id}`, headers, body)

    const onto = await move(second.id, { startsAtLocal: '2030-06-03T20:30' })
    expect(onto.statusCode).toBe(409)
    expect(errorOf(onto)).toMatchObject({
      code: 'session_overlaps',
      message:
        'Overlaps a coaching session you already have, Mon, 3 Jun 2030, 20:00–20:45 (Asia/Kolkata): pick another time',
    })
    // Longer, so that it reaches the next day's session.
    const longer = await move(first.id, { startsAtLocal: '2030-06-04T19:00', durationMinutes: 90 })
    expect(errorOf(longer).code).toBe('session_overlaps')
    const rows = await sessionsOf(s.match.id)
    expect(rows.map((r) => r.starts_at.toISOString())).toEqual([first.startsAt, second.startsAt])

    // Its own slot: the same time, a longer duration, or 15 minutes later.
    bodyOf(await move(first.id, { startsAtLocal: '2030-06-03T20:00' }), 200, SessionSchema)
    bodyOf(await move(first.id, { durationMinutes: 60 }), 200, SessionSchema)
    const later = bodyOf(await move(first.id, { startsAtLocal: '2030-06-03T20:15' }, s.benHeaders), 200, SessionSchema)
    expect(later).toMatchObject({ startsAt: '2030-06-03T14:45:00.000Z', durationMinutes: 60 })
    // Up to the next session's start, not beyond.
    bodyOf(await move(first.id, { startsAtLocal: '2030-06-04T19:00', durationMinutes: 60 }), 200, SessionSchema)
    // Changing the agenda is not a move.
    bodyOf(await move(second.id, { agenda: 'Role play' }), 200, SessionSchema)
  })

  test('cancelled sessions do not block; held ones do', async () => {
    const s = await setUp()
    const [session] = (await schedule(s, s.ashaHeaders, { startsAtLocal: '2030-06-03T20:00' })).sessions
    const [other] = (await schedule(s, s.ashaHeaders, { startsAtLocal: '2030-06-04T20:00' })).sessions
    bodyOf(await call('POST', `/api/sessions/${session.id}/cancel`, s.benHeaders, {}), 200, SessionSchema)
    await schedule(s, s.benHeaders, { startsAtLocal: '2030-06-03T07:30' })
    bodyOf(
      await call('PATCH', `/api/sessions/${other.id}`, s.ashaHeaders, { startsAtLocal: '2030-06-03T21:00' }),
      200,
      SessionSchema,
    )
    // A past session that took place still took that time.
    const held = await schedule(s, s.ashaHeaders, { startsAtLocal: '2024-01-08T20:00' })
    bodyOf(
      await call('POST', `/api/sessions/${held.sessions[0].id}/status`, s.ashaHeaders, { status: 'held' }),
      200,
      SessionSchema,
    )
    const again = await call('POST', s.url, s.ashaHeaders, { startsAtLocal: '2024-01-08T20:30' })
    expect(errorOf(again).code).toBe('session_overlaps')
  })

  test('two overlapping bookings at once in two matches of one person: exactly one succeeds', async () => {
    for (let round = 0; round < 3; round++) {
      const s = await setUp()
      const second = await withSecondMatch(s)
      const responses = await Promise.all([
        call('POST', s.url, s.ashaHeaders, { startsAtLocal: '2030-06-03T20:00' }),
        call('POST', second.url, second.carlaHeaders, { startsAtLocal: '2030-06-03T16:15' }),
        call('POST', s.url, s.benHeaders, { startsAtLocal: '2030-06-03T07:45' }),
      ])
      const outcomes = responses.map((r) => (r.statusCode === 201 ? 'booked' : `${r.statusCode} ${errorOf(r).code}`))
      expect(
        outcomes.filter((o) => o === 'booked'),
        outcomes.join(', '),
      ).toHaveLength(1)
      expect(outcomes.filter((o) => o === '409 session_overlaps')).toHaveLength(2)
      const booked = [...(await sessionsOf(s.match.id)), ...(await sessionsOf(second.match.id))]
      expect(booked).toHaveLength(1)
    }
  })
})

describe('access', () => {
  async function everyRoute(s: SetUp, sessionId: string) {
    return (headers: Headers) => [
      call('GET', s.url, headers),
      call('POST', s.url, headers, { startsAtLocal: '2030-06-03T20:00' }),
      call('GET', `/api/matches/${s.match.id}/session-suggestions`, headers),
      call('GET', `/api/sessions/${sessionId}`, headers),
      call('PATCH', `/api/sessions/${sessionId}`, headers, { agenda: 'Intruder' }),
      call('POST', `/api/sessions/${sessionId}/cancel`, headers, {}),
      call('POST', `/api/sessions/${sessionId}/status`, headers, { status: 'held' }),
      call('GET', `/api/sessions/${sessionId}/invitation.ics`, headers),
    ]
  }

  const snapshot = (matchId: string) =>
    t.db.selectFrom('coaching_sessions').selectAll().where('match_id', '=', matchId).orderBy('id').execute()

  test('outsiders, a program manager, an admin and another organization get 404 on every route; nothing changes', async () => {
    const s = await setUp()
    const { sessions } = await schedule(s, s.ashaHeaders, { startsAtLocal: '2024-01-08T20:00' })
    const routes = await everyRoute(s, sessions[0].id)
    const carla = await buildPerson(t.db, { organizationId: s.organization.id })
    const dan = await buildPerson(t.db, { organizationId: s.organization.id })
    await buildMatch(t.db, {
      organizationId: s.organization.id,
      programId: s.program.id,
      memberIds: [carla.id, dan.id],
      status: 'active',
    })
    const manager = await buildPerson(t.db, { organizationId: s.organization.id, role: 'program_manager' })
    const admin = await buildPerson(t.db, { organizationId: s.organization.id, role: 'admin' })
    const elsewhere = await buildOrganization(t.db)
    const foreignAdmin = await buildPerson(t.db, { organizationId: elsewhere.id, role: 'admin' })

    const before = await snapshot(s.match.id)
    // The past session's follow-ups (feedback due, the fit question) are sent first by their job.
    await t.jobs.drain()
    const mailsBefore = await t.db.selectFrom('outbox_emails').select('id').execute()
    for (const person of [carla, manager, admin, foreignAdmin] as PersonRow[]) {
      const headers = await sessionHeadersFor(t.db, person)
      const responses = await Promise.all(routes(headers))
      expect(
        responses.map((r) => `${r.statusCode} ${errorOf(r).code}`),
        `${person.role} ${person.organization_id === elsewhere.id ? 'of another organization' : ''}`,
      ).toEqual(responses.map(() => '404 not_found'))
    }
    expect(await snapshot(s.match.id)).toEqual(before)
    expect(await t.db.selectFrom('outbox_emails').select('id').execute()).toHaveLength(mailsBefore.length)
  })

  test('a match still proposed, dissolved or declined is 404 for its own members', async () => {
    for (const status of ['proposed', 'dissolved', 'declined'] as const) {
      const s = await setUp()
      const { sessions } = await schedule(s, s.ashaHeaders, { startsAtLocal: '2024-01-08T20:00' })
      await t.db.updateTable('matches').set({ status }).where('id', '=', s.match.id).execute()
      const routes = await everyRoute(s, sessions[0].id)
      for (const headers of [s.ashaHeaders, s.benHeaders]) {
        const responses = await Promise.all(routes(headers))
        expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 404))
      }
      expect(await snapshot(s.match.id)).toHaveLength(1)
    }
  })

  test('a published match (not yet accepted) is open to its members', async () => {
    const s = await setUp({ status: 'published' })
    const { sessions } = await schedule(s, s.benHeaders, { startsAtLocal: '2030-06-03T07:00' })
    bodyOf(await call('GET', `/api/sessions/${sessions[0].id}`, s.ashaHeaders), 200, SessionSchema)
  })
})
