import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CreatedSessionsSchema, SessionSchema } from '#contracts/sessions.ts'
import { type App, buildApp } from '#server/app.ts'
import { fixedClock } from '#server/clock.ts'
import { connectDatabase, type DatabaseHandle } from '#server/db/connect.ts'
import type { PersonRow } from '#server/db/schema.ts'
import { createJobRunner, type JobRunner } from '#server/jobs/job-runner.ts'
import {
  buildMatch,
  buildOrganization,
  buildPerson,
  buildProgram,
  buildSession,
  muteEmails,
} from '#server/test/factories.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'
import { dayBeforeReminderAt } from './reminder-time.ts'
import {
  reminderKey,
  SESSION_ENDED_QUEUE,
  SESSION_REMINDER_QUEUE,
  type SessionEndedJob,
  type SessionReminderJob,
} from './reminders.service.ts'

let t: TestApp
beforeAll(async () => {
  // A fixed instant before both 2027 daylight-saving changes (US 14 March, Europe 28 March), so the
  // reminder times below hold whatever today's date is.
  t = await createTestApp({}, { clock: fixedClock('2027-03-10T09:00:00Z') })
})
afterAll(() => t.close())

type Headers = Record<string, string>

function call(method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, headers: Headers, payload?: object) {
  return t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
}

async function setUp() {
  const organization = await buildOrganization(t.db)
  const program = await buildProgram(t.db, {
    organizationId: organization.id,
    type: 'peer_coaching',
    status: 'active',
    session_cadence_days: 14,
  })
  const anna = await buildPerson(t.db, {
    organizationId: organization.id,
    name: 'Anna Berg',
    time_zone: 'Europe/Berlin',
  })
  const ben = await buildPerson(t.db, {
    organizationId: organization.id,
    name: 'Ben Ortiz',
    time_zone: 'America/New_York',
  })
  const match = await buildMatch(t.db, {
    organizationId: organization.id,
    programId: program.id,
    memberIds: [anna.id, ben.id],
    status: 'active',
  })
  return {
    organization,
    program,
    match,
    anna,
    ben,
    annaHeaders: await sessionHeadersFor(t.db, anna),
    benHeaders: await sessionHeadersFor(t.db, ben),
  }
}
type SetUp = Awaited<ReturnType<typeof setUp>>

/** 'YYYY-MM-DDT10:00' some days ahead (a local time in the organizer's zone). */
function daysAhead(days: number, time = '10:00'): string {
  return `${new Date(t.clock.now().getTime() + days * 86_400_000).toISOString().slice(0, 10)}T${time}`
}

async function schedule(s: SetUp, startsAtLocal: string) {
  const response = await call('POST', `/api/matches/${s.match.id}/sessions`, s.annaHeaders, {
    startsAtLocal,
    durationMinutes: 45,
    location: 'Room 4.12',
  })
  expect(response.statusCode, response.body).toBe(201)
  return CreatedSessionsSchema.parse(response.json()).sessions[0]
}

/** Time passes: the queue's jobs (of one queue) come due now; then every runner works them off. */
async function runDueJobs(queue: string, runners: JobRunner[] = [t.jobs]) {
  await sql`update pgboss.job set start_after = now() where name = ${queue} and state in ('created', 'retry')`.execute(
    t.db,
  )
  await Promise.all(runners.map((runner) => runner.drain()))
}

async function reminderJobs(sessionId: string) {
  const result = await sql<{ data: SessionReminderJob; start_after: Date; state: string; retry_count: number }>`
    select data, start_after, state, retry_count from pgboss.job
    where name = ${SESSION_REMINDER_QUEUE} and data->>'sessionId' = ${sessionId}`.execute(t.db)
  return result.rows
}

function notificationsOf(person: PersonRow, kind: string) {
  return t.db
    .selectFrom('notifications')
    .selectAll()
    .where('person_id', '=', person.id)
    .where('kind', '=', kind)
    .orderBy('created_at')
    .execute()
}

function emailsTo(person: PersonRow, subjectPart: string) {
  return t.db
    .selectFrom('outbox_emails')
    .selectAll()
    .where('to_address', '=', person.email)
    .where('subject', 'like', `%${subjectPart}%`)
    .execute()
}

describe('session reminders', () => {
  test('scheduling queues a day-before reminder at each member’s local time and an hour-before one; each arrives once', async () => {
    const s = await setUp()
    const session = await schedule(s, daysAhead(5))
    const startsAt = new Date(session.startsAt)
    const jobs = await reminderJobs(session.id)
    const expected = [
      [s.anna.id, '24h', dayBeforeReminderAt(startsAt, 'Europe/Berlin').getTime()],
      [s.anna.id, '1h', startsAt.getTime() - 3_600_000],
      [s.ben.id, '24h', dayBeforeReminderAt(startsAt, 'America/New_York').getTime()],
      [s.ben.id, '1h', startsAt.getTime() - 3_600_000],
    ]
    expect(jobs.map((j) => [j.data.personId, j.data.lead, Date.parse(j.data.dueAt ?? '')]).sort()).toEqual(
      expected.sort(),
    )

    await t.jobs.drain()
    expect(await notificationsOf(s.anna, 'session_reminder')).toHaveLength(0) // not due yet

    await runDueJobs(SESSION_REMINDER_QUEUE)
    await runDueJobs(SESSION_REMINDER_QUEUE)
    for (const person of [s.anna, s.ben]) {
      const notices = await notificationsOf(person, 'session_reminder')
      expect(notices.map((n) => n.title).sort()).toEqual([
        `Your coaching session with ${person === s.anna ? 'Ben Ortiz' : 'Anna Berg'} is tomorrow`,
        `Your coaching session with ${person === s.anna ? 'Ben Ortiz' : 'Anna Berg'} starts in an hour`,
      ])
      expect(notices[0].link).toBe(`/matches/${s.match.id}?section=sessions`)
      expect(await emailsTo(person, 'is tomorrow')).toHaveLength(1)
      expect(await emailsTo(person, 'starts in an hour')).toHaveLength(1)
    }
    const [email] = await emailsTo(s.ben, 'is tomorrow')
    expect(email.text_body).toContain('(America/New_York)')
    expect(email.text_body).toContain('Where: Room 4.12')
    expect(email.text_body).toContain(`${t.config.publicUrl}/matches/${s.match.id}?section=sessions`)
    expect(email.text_body).toContain('/unsubscribe/')
  })

  test('across a daylight-saving change each member is reminded at their own local time the day before', async () => {
    const s = await setUp()
    // Sun 28 Mar 2027 18:00 in Berlin (CEST, +02:00) = 16:00Z; New York is on EDT since 14 March (12:00).
    const session = await schedule(s, '2027-03-28T18:00')
    expect(session.startsAt).toBe('2027-03-28T16:00:00.000Z')
    const jobs = await reminderJobs(session.id)
    const at = (personId: string, lead: string) =>
      jobs.find((j) => j.data.personId === personId && j.data.lead === lead)?.data.dueAt
    expect(at(s.anna.id, '24h')).toBe('2027-03-27T17:00:00.000Z') // Sat 18:00 CET: 23 hours before
    expect(at(s.ben.id, '24h')).toBe('2027-03-27T16:00:00.000Z') // Sat 12:00 EDT: 24 hours before
    expect(at(s.anna.id, '1h')).toBe('2027-03-28T15:00:00.000Z')
    expect(at(s.ben.id, '1h')).toBe('2027-03-28T15:00:00.000Z')

    // Each reads the time in their own zone and locale: Anna has not chosen one (en-GB), Ben chose en-US.
    await t.db.updateTable('people').set({ locale: 'en-US' }).where('id', '=', s.ben.id).execute()
    await runDueJobs(SESSION_REMINDER_QUEUE)
    const [annas] = await emailsTo(s.anna, 'is tomorrow')
    expect(annas.text_body).toContain('on 28 Mar 2027, 18:00 (Europe/Berlin), for 45 minutes')
    const [bens] = await emailsTo(s.ben, 'is tomorrow')
    expect(bens.text_body).toMatch(/on Mar 28, 2027, 12:00\sPM \(America\/New_York\), for 45 minutes/)
  })

  test('a moved session is reminded at its new time only; a cancelled one not at all', async () => {
    const s = await setUp()
    const moved = await schedule(s, daysAhead(6))
    const response = await call('PATCH', `/api/sessions/${moved.id}`, s.annaHeaders, { startsAtLocal: daysAhead(8) })
    expect(response.statusCode, response.body).toBe(200)
    const newStart = SessionSchema.parse(response.json()).startsAt
    const cancelled = await schedule(s, daysAhead(10))
    const cancelling = await call('POST', `/api/sessions/${cancelled.id}/cancel`, s.benHeaders, { reason: 'Ill' })
    expect(cancelling.statusCode, cancelling.body).toBe(200)

    await runDueJobs(SESSION_REMINDER_QUEUE)
    const keys = await t.db
      .selectFrom('notification_deliveries')
      .select('delivery_key')
      .where('organization_id', '=', s.organization.id)
      .execute()
    const reminderKeys = keys.map((k) => k.delivery_key).filter((k) => k.startsWith('session-reminder:'))
    expect(reminderKeys).toHaveLength(4)
    expect(reminderKeys.every((k) => k.startsWith(`session-reminder:${moved.id}:`) && k.endsWith(`:${newStart}`))).toBe(
      true,
    )
    expect(await notificationsOf(s.anna, 'session_reminder')).toHaveLength(2)
    expect(await notificationsOf(s.ben, 'session_reminder')).toHaveLength(2)
    // Every job of the old time and of the cancelled session ran, and sent nothing.
    const states = [...(await reminderJobs(moved.id)), ...(await reminderJobs(cancelled.id))].map((j) => j.state)
    expect(states).toHaveLength(12)
    expect(new Set(states)).toEqual(new Set(['completed']))
  })

  test('a muted category: the in-app reminder still arrives, the email does not; muted invitations send no .ics', async () => {
    const s = await setUp()
    await muteEmails(t.db, s.ben, ['session_reminders', 'session_changes'])
    const session = await schedule(s, daysAhead(4))
    // The invitation (session_changes) went to nobody: Ben muted it, and Anna scheduled it herself.
    expect(await emailsTo(s.ben, 'scheduled a coaching session')).toHaveLength(0)
    expect(await notificationsOf(s.ben, 'session_scheduled')).toHaveLength(1)

    await runDueJobs(SESSION_REMINDER_QUEUE)
    expect(await notificationsOf(s.ben, 'session_reminder')).toHaveLength(2)
    expect(await emailsTo(s.ben, 'Your coaching session')).toHaveLength(0)
    expect(await emailsTo(s.anna, 'Your coaching session')).toHaveLength(2)

    // Anna did not mute invitations: Ben's change reaches her with the .ics and the unsubscribe footer.
    await call('PATCH', `/api/sessions/${session.id}`, s.benHeaders, { startsAtLocal: daysAhead(5) })
    const [invitation] = await emailsTo(s.anna, 'changed a coaching session')
    expect(invitation.text_body).toContain('Stop "Session invitations" emails')
    expect(JSON.stringify(invitation.attachments)).toContain('BEGIN:VCALENDAR')
  })

  test('two app instances working the same queue, with the reminder jobs even queued twice, send each reminder once', async () => {
    const s = await setUp()
    let second: { app: App; jobs: JobRunner; database: DatabaseHandle; isOwn: boolean }
    if (t.database.kind === 'postgres' && t.database.url) {
      const database = await connectDatabase({ databaseUrl: t.database.url, dataDir: '', onIdleError: () => {} })
      second = { database, isOwn: true } as typeof second
    } else {
      second = { database: t.database, isOwn: false } as typeof second
    }
    second.jobs = createJobRunner(second.database, { pollingIntervalSeconds: 0.5, poolSize: 2, clock: t.clock })
    second.app = await buildApp({ config: t.config, database: second.database, jobs: second.jobs, clock: t.clock })
    await second.app.ready()
    await second.jobs.start()
    try {
      const session = await schedule(s, daysAhead(3))
      // A duplicate of every reminder job (as a lost completion or a replayed enqueue would leave).
      for (const job of await reminderJobs(session.id)) {
        const key = `${reminderKey(job.data)}:replayed`
        expect(await second.jobs.send(SESSION_REMINDER_QUEUE, job.data, { singletonKey: key })).toEqual(
          expect.any(String),
        )
      }
      expect(await reminderJobs(session.id)).toHaveLength(8)

      await runDueJobs(SESSION_REMINDER_QUEUE, [t.jobs, second.jobs])
      const jobs = await reminderJobs(session.id)
      expect(jobs.every((j) => j.state === 'completed')).toBe(true)
      for (const person of [s.anna, s.ben]) {
        expect(await notificationsOf(person, 'session_reminder')).toHaveLength(2)
        expect(await emailsTo(person, 'is tomorrow')).toHaveLength(1)
        expect(await emailsTo(person, 'starts in an hour')).toHaveLength(1)
      }
    } finally {
      await second.app.close()
      await second.jobs.stop()
      if (second.isOwn) await second.database.close()
    }
  })

  test('a reminder job whose attempt fails is retried and the reminder is sent once', async () => {
    const s = await setUp()
    // The database refuses Anna's first reminder once (a lost connection mid-transaction).
    await sql`create sequence if not exists reminder_failures`.execute(t.db)
    await sql
      .raw(`create or replace function fail_first_reminder() returns trigger language plpgsql as $$
        begin
          if new.kind = 'session_reminder' and new.person_id = '${s.anna.id}' then
            if nextval('reminder_failures') = 1 then raise exception 'connection lost (simulated)'; end if;
          end if;
          return new;
        end $$`)
      .execute(t.db)
    await sql`create trigger fail_first_reminder before insert on notifications for each row execute function fail_first_reminder()`.execute(
      t.db,
    )
    try {
      const session = await schedule(s, daysAhead(3))
      await runDueJobs(SESSION_REMINDER_QUEUE)
      const failed = (await reminderJobs(session.id)).filter((j) => j.state === 'retry')
      expect(failed).toHaveLength(1)
      await runDueJobs(SESSION_REMINDER_QUEUE) // the retry's time has come
      const jobs = await reminderJobs(session.id)
      expect(jobs.map((j) => j.state)).toEqual(['completed', 'completed', 'completed', 'completed'])
      expect(jobs.map((j) => j.retry_count).sort()).toEqual([0, 0, 0, 1])
      for (const person of [s.anna, s.ben]) {
        expect(await notificationsOf(person, 'session_reminder')).toHaveLength(2)
        expect(await emailsTo(person, 'Your coaching session')).toHaveLength(2)
      }
    } finally {
      await sql`drop trigger if exists fail_first_reminder on notifications`.execute(t.db)
    }
  })
})

describe('after a session, agreements and endings', () => {
  async function sessionEnded(s: SetUp, session: { id: string; starts_at: Date; duration_minutes: number }) {
    const data: SessionEndedJob = {
      organizationId: s.organization.id,
      sessionId: session.id,
      endsAt: new Date(session.starts_at.getTime() + session.duration_minutes * 60_000).toISOString(),
    }
    await t.jobs.send(SESSION_ENDED_QUEUE, data)
    await t.jobs.drain()
  }

  test('scheduling queues the end-of-session job at the session’s end', async () => {
    const s = await setUp()
    const session = await schedule(s, daysAhead(3))
    const result = await sql<{ due_at: string }>`
      select data->>'dueAt' as due_at from pgboss.job
      where name = ${SESSION_ENDED_QUEUE} and data->>'sessionId' = ${session.id}`.execute(t.db)
    expect(result.rows.map((r) => r.due_at)).toEqual([session.endsAt])
  })

  test('feedback_due goes to members who still owe feedback; the fit survey is asked once after the first session', async () => {
    const s = await setUp()
    const first = await buildSession(t.db, {
      match: s.match,
      startsAt: new Date(t.clock.now().getTime() - 3 * 3_600_000),
    })
    await sessionEnded(s, first)
    for (const person of [s.anna, s.ben]) {
      expect(await notificationsOf(person, 'feedback_due')).toHaveLength(1)
      expect(await notificationsOf(person, 'fit_survey_due')).toHaveLength(1)
      expect(await emailsTo(person, 'a good fit for you?')).toHaveLength(1)
    }

    const second = await buildSession(t.db, {
      match: s.match,
      startsAt: new Date(t.clock.now().getTime() - 2 * 3_600_000),
    })
    await t.db
      .insertInto('feedback')
      .values({
        organization_id: s.organization.id,
        match_id: s.match.id,
        session_id: second.id,
        giver_id: s.anna.id,
        receiver_id: s.ben.id,
        what_worked: 'Good questions',
        try_next: 'More silence',
        rating_listening: 4,
        rating_questions: 5,
        rating_helpfulness: 4,
      })
      .execute()
    await sessionEnded(s, second)
    await sessionEnded(s, second) // a second run of the same job sends nothing more
    expect(await notificationsOf(s.anna, 'feedback_due')).toHaveLength(1)
    const bens = await notificationsOf(s.ben, 'feedback_due')
    expect(bens).toHaveLength(2)
    expect(bens[1].title).toBe('How did your session with Anna Berg go?')
    expect(await notificationsOf(s.ben, 'fit_survey_due')).toHaveLength(1)

    const cancelled = await buildSession(t.db, { match: s.match, status: 'cancelled' })
    await sessionEnded(s, cancelled)
    expect(await notificationsOf(s.ben, 'feedback_due')).toHaveLength(2)
  })

  test('a proposed or changed agreement asks the other member to accept it, in-app and by email', async () => {
    const s = await setUp()
    const rules = {
      focus: 'Speaking up in meetings',
      groundRules: { confidentiality: 'Stays between us', cadence: 'Every two weeks', feedback: 'Kind and direct' },
    }
    const proposed = await call('PUT', `/api/matches/${s.match.id}/agreement`, s.annaHeaders, rules)
    expect(proposed.statusCode, proposed.body).toBe(200)
    const changed = await call('PUT', `/api/matches/${s.match.id}/agreement`, s.annaHeaders, {
      ...rules,
      focus: 'Delegating',
    })
    expect(changed.statusCode, changed.body).toBe(200)
    const notices = await notificationsOf(s.ben, 'agreement_to_accept')
    expect(notices.map((n) => n.title)).toEqual([
      'Anna Berg proposed your coaching agreement',
      'Anna Berg changed your coaching agreement',
    ])
    expect(await emailsTo(s.ben, 'coaching agreement')).toHaveLength(2)
    expect(await notificationsOf(s.anna, 'agreement_to_accept')).toHaveLength(0)
  })

  test('completing a match (every member agreed) invites every member to the closing survey', async () => {
    const s = await setUp()
    const agreed = await call('POST', `/api/matches/${s.match.id}/complete`, s.annaHeaders, {})
    expect(agreed.statusCode, agreed.body).toBe(200)
    expect(await notificationsOf(s.anna, 'closing_survey_due')).toHaveLength(0)
    const response = await call('POST', `/api/matches/${s.match.id}/complete`, s.benHeaders, {})
    expect(response.statusCode, response.body).toBe(200)
    for (const person of [s.anna, s.ben]) {
      const [notice] = await notificationsOf(person, 'closing_survey_due')
      expect(notice.link).toBe(`/matches/${s.match.id}?section=pairing`)
      expect(await emailsTo(person, 'How did your match in')).toHaveLength(1)
    }
  })

  test('dissolving a match invites every member to the closing survey', async () => {
    const s = await setUp()
    const response = await call('POST', `/api/matches/${s.match.id}/dissolve`, s.benHeaders, { reason: 'Too busy' })
    expect(response.statusCode, response.body).toBe(200)
    expect(await notificationsOf(s.anna, 'closing_survey_due')).toHaveLength(1)
    expect(await notificationsOf(s.ben, 'closing_survey_due')).toHaveLength(1)
  })
})
