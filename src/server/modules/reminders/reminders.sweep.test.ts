import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DAY } from '#contracts/durations.ts'
import type { PersonRow, ProgramStatus } from '#server/db/schema.ts'
import {
  buildMatch,
  buildOrganization,
  buildPerson,
  buildProgram,
  buildSession,
  muteEmails,
} from '#server/test/factories.ts'
import { createTestApp, type TestApp } from '#server/test/test-app.ts'
import { DAILY_SWEEP_CRON } from './reminders.routes.ts'
import { DAILY_SWEEP_QUEUE, type DailySweepJob, isoWeekOf } from './reminders.service.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const daysAgo = (days: number) => new Date(Date.now() - days * DAY)

/** The daily sweep's job, run by the queue's own worker, for the moment `at`. */
async function sweep(at: Date) {
  await t.jobs.send<DailySweepJob>(DAILY_SWEEP_QUEUE, { organizationId: null, at: at.toISOString() })
  await t.jobs.drain()
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

async function setUp() {
  const organization = await buildOrganization(t.db)
  const person = (name: string, role: PersonRow['role'] = 'participant') =>
    buildPerson(t.db, { organizationId: organization.id, name, role })
  const program = async (status: ProgramStatus, name: string) =>
    buildProgram(t.db, { organizationId: organization.id, status, name, session_cadence_days: 14 })
  const active = await program('active', 'Leading peers')
  const finished = await program('completed', 'Last year')
  const [ana, ben, cleo, dev, eli, fay, gus, hal] = await Promise.all(
    ['Ana Quiet', 'Ben Quiet', 'Cleo Planned', 'Dev Planned', 'Eli Recent', 'Fay Recent', 'Gus Old', 'Hal Old'].map(
      (name) => person(name),
    ),
  )
  const pat = await person('Pat Manager', 'program_manager')
  const adi = await person('Adi Admin', 'admin')
  const match = (programId: string, memberIds: string[]) =>
    buildMatch(t.db, { organizationId: organization.id, programId, memberIds, status: 'active' })
  const quiet = await match(active.id, [ana.id, ben.id])
  await buildSession(t.db, { match: quiet, startsAt: daysAgo(30), status: 'held' })
  const planned = await match(active.id, [cleo.id, dev.id])
  await buildSession(t.db, { match: planned, startsAt: daysAgo(10), status: 'held' })
  await buildSession(t.db, { match: planned, startsAt: new Date(Date.now() + 2 * DAY) })
  const recent = await match(active.id, [eli.id, fay.id])
  await buildSession(t.db, { match: recent, startsAt: daysAgo(3), status: 'held' })
  await buildSession(t.db, { match: recent, startsAt: daysAgo(1), status: 'cancelled' })
  const old = await match(finished.id, [gus.id, hal.id])
  await buildSession(t.db, { match: old, startsAt: daysAgo(60), status: 'held' })
  await t.db
    .updateTable('matches')
    .set({ published_at: daysAgo(70) })
    .where('organization_id', '=', organization.id)
    .execute()
  return { organization, active, finished, quiet, ana, ben, cleo, dev, eli, fay, gus, hal, pat, adi }
}

describe('the daily sweep', () => {
  test('is scheduled on pg-boss’s clock every day', async () => {
    const result = await sql<{ name: string; cron: string; timezone: string }>`
      select name, cron, timezone from pgboss.schedule where name = ${DAILY_SWEEP_QUEUE}`.execute(t.db)
    expect(result.rows).toEqual([{ name: DAILY_SWEEP_QUEUE, cron: DAILY_SWEEP_CRON, timezone: 'UTC' }])
  })

  test('nudges the members of an active match without a session for a cadence period, once per period', async () => {
    const s = await setUp()
    await muteEmails(t.db, s.ben, ['nudges'])
    const now = new Date()
    await sweep(now)
    const [nudge] = await notificationsOf(s.ana, 'match_nudge')
    expect(nudge).toMatchObject({
      title: 'Time to meet Ben Quiet again?',
      link: `/matches/${s.quiet.id}?section=sessions`,
    })
    expect(nudge.body).toBe(
      'Your last session with Ben Quiet was 30 days ago; "Leading peers" suggests meeting every 14 days.',
    )
    expect(await emailsTo(s.ana, 'Time to meet')).toHaveLength(1)
    // Ben muted nudges: in-app only.
    expect(await notificationsOf(s.ben, 'match_nudge')).toHaveLength(1)
    expect(await emailsTo(s.ben, 'Time to meet')).toHaveLength(0)
    // A session ahead, a recent one, or a program no longer running: no nudge.
    for (const person of [s.cleo, s.dev, s.eli, s.fay, s.gus, s.hal]) {
      expect(await notificationsOf(person, 'match_nudge')).toHaveLength(0)
    }

    await sweep(now) // the same day again
    await sweep(new Date(now.getTime() + DAY)) // day 31: still the same period without a session
    expect(await notificationsOf(s.ana, 'match_nudge')).toHaveLength(1)

    await sweep(new Date(now.getTime() + 13 * DAY)) // day 43: a third cadence period has begun
    expect(await notificationsOf(s.ana, 'match_nudge')).toHaveLength(2)
    expect(await notificationsOf(s.eli, 'match_nudge')).toHaveLength(1) // 16 days after their last session
  })

  test('the weekly digest reaches program managers and admins with the at-risk list, once per ISO week, only for active programs', async () => {
    const s = await setUp()
    await muteEmails(t.db, s.adi, ['program_digest'])
    // A Wednesday, then the Sunday of the same ISO week, then the Monday after.
    const wednesday = new Date('2031-01-08T07:00:00Z')
    expect(isoWeekOf(wednesday)).toBe('2031-W02')
    expect(isoWeekOf(new Date('2031-01-12T23:00:00Z'))).toBe('2031-W02')
    expect(isoWeekOf(new Date('2031-01-13T07:00:00Z'))).toBe('2031-W03')
    expect(isoWeekOf(new Date('2026-12-31T12:00:00Z'))).toBe('2026-W53')
    // Move the test data to just before that Wednesday: Ana and Ben last met 30 days before it.
    const shift = wednesday.getTime() - Date.now()
    await sql`update coaching_sessions set starts_at = starts_at + ${`${shift} milliseconds`}::interval
      where organization_id = ${s.organization.id}`.execute(t.db)
    await sql`update matches set published_at = published_at + ${`${shift} milliseconds`}::interval
      where organization_id = ${s.organization.id}`.execute(t.db)

    await sweep(wednesday)
    const [digest] = await notificationsOf(s.pat, 'program_digest')
    expect(digest.title).toBe('Your week in Leading peers: 1 match needs attention')
    expect(digest.body).toBe('Ana Quiet and Ben Quiet')
    expect(digest.link).toBe(`/programs/${s.active.id}?tab=insights`)
    const [email] = await emailsTo(s.pat, 'Your week in')
    expect(email.text_body).toContain('- Ana Quiet and Ben Quiet: No session held for 30 days (cadence 14 days)')
    expect(email.text_body).toContain(`${t.config.publicUrl}/programs/${s.active.id}?tab=insights`)
    expect(email.text_body).not.toContain('Cleo Planned')
    // The admin muted the digest: in-app only. The completed program sends none. Participants get none.
    expect(await notificationsOf(s.adi, 'program_digest')).toHaveLength(1)
    expect(await emailsTo(s.adi, 'Your week in')).toHaveLength(0)
    expect((await notificationsOf(s.pat, 'program_digest')).every((n) => !n.title.includes('Last year'))).toBe(true)
    expect(await notificationsOf(s.ana, 'program_digest')).toHaveLength(0)

    await sweep(new Date('2031-01-12T23:00:00Z'))
    expect(await notificationsOf(s.pat, 'program_digest')).toHaveLength(1)
    await sweep(new Date('2031-01-13T07:00:00Z'))
    expect(await notificationsOf(s.pat, 'program_digest')).toHaveLength(2)
    expect(await emailsTo(s.pat, 'Your week in')).toHaveLength(2)
  })
})
