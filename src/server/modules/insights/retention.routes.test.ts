import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ErrorResponseSchema } from '#contracts/errors.ts'
import { RetentionReportSchema } from '#contracts/insights.ts'
import { fixedClock } from '#server/clock.ts'
import type { Db } from '#server/db/connect.ts'
import type { Role } from '#server/db/schema.ts'
import { buildEnrollment, buildMatch, buildOrganization, buildPerson, buildProgram } from '#server/test/factories.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'
import { addMonths } from './retention.ts'

// A fixed instant: the dates below stay where they are against it, whatever today's date is.
const clock = fixedClock('2027-01-15T10:00:00Z')

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({}, { clock })
})
afterAll(() => t.close())

type Headers = Record<string, string>
const call = (url: string, headers: Headers = {}) => t.app.inject({ method: 'GET', url, headers })
const TODAY = clock.now().toISOString().slice(0, 10)
/** The program started eight months ago: the 6-month window is over, the 12-month one is running. */
const STARTS_ON = addMonths(TODAY, -8)
const noonOf = (isoDate: string) => new Date(`${isoDate}T12:00:00Z`)

async function person(
  db: Db,
  organizationId: string,
  name: string,
  role: Role = 'participant',
  left: { left_on?: string; deactivated_at?: Date } = {},
) {
  const row = await buildPerson(db, {
    organizationId,
    name,
    role,
    ...(left.left_on || left.deactivated_at ? { status: 'deactivated' as const, ...left } : {}),
  })
  return { row, headers: left.left_on || left.deactivated_at ? {} : await sessionHeadersFor(db, row) }
}

/**
 * An organization (threshold 5) whose peer coaching program started eight months ago.
 * Participants (members of the three active matches), 6: P1..P6
 *   P1 left two months after the start (a leaving date); P2 was deactivated seven months after the
 *   start without a leaving date (so that day counts); the others stayed.
 *   6 months: 5 of 6 retained (83.3 %); so far at 12 months: 4 of 6 (66.7 %), observed 8 of 12.
 * Non-participants, never enrolled, 7: the program manager, the admin, N1..N5; N1 left a month after
 *   the start. 6 months: 6 of 7 (85.7 %); so far at 12 months: 6 of 7 (85.7 %).
 * Differences: 83.3 - 85.7 = -2.4 points at 6 months, 66.7 - 85.7 = -19 points at 12 months.
 * Excluded: E1 (enrolled, never matched) and D1 (enrolled, in a declined match) -> 2.
 * X1 left before the start: in no group. A second program starts in 2030: not measured yet.
 * Another organization's people never count.
 */
async function setUp() {
  const organization = await buildOrganization(t.db)
  const org = organization.id
  const pm = await person(t.db, org, 'Pat Manager', 'program_manager')
  const admin = await person(t.db, org, 'Ada Admin', 'admin')
  const program = await buildProgram(t.db, {
    organizationId: org,
    name: 'Peer coaching spring',
    status: 'active',
    starts_on: STARTS_ON,
    created_by: pm.row.id,
  })
  const later = await buildProgram(t.db, { organizationId: org, name: 'Next year circle', status: 'enrolling' })
  const participants = [
    await person(t.db, org, 'P1 Ana', 'participant', { left_on: addMonths(STARTS_ON, 2) }),
    await person(t.db, org, 'P2 Ben', 'participant', { deactivated_at: noonOf(addMonths(STARTS_ON, 7)) }),
    await person(t.db, org, 'P3 Cai'),
    await person(t.db, org, 'P4 Dee'),
    await person(t.db, org, 'P5 Eli'),
    await person(t.db, org, 'P6 Fay'),
  ]
  for (const p of participants) await buildEnrollment(t.db, { program, person: p.row })
  for (let i = 0; i < 6; i += 2) {
    await buildMatch(t.db, {
      organizationId: org,
      programId: program.id,
      status: 'active',
      memberIds: [participants[i]!.row.id, participants[i + 1]!.row.id],
    })
  }
  await person(t.db, org, 'N1 Gus', 'participant', { left_on: addMonths(STARTS_ON, 1) })
  for (const name of ['N2 Hal', 'N3 Ivy', 'N4 Jon']) await person(t.db, org, name)
  const e1 = await person(t.db, org, 'E1 Kai')
  await buildEnrollment(t.db, { program, person: e1.row })
  const d1 = await person(t.db, org, 'D1 Lea')
  const d2 = await person(t.db, org, 'N5 Max, not enrolled')
  await buildEnrollment(t.db, { program, person: d1.row })
  // D1's match was declined: enrolled but never took part, so excluded from both groups.
  await buildMatch(t.db, { organizationId: org, programId: program.id, status: 'declined', memberIds: [d1.row.id] })
  await person(t.db, org, 'X1 Nia', 'participant', { left_on: addMonths(STARTS_ON, -1) })

  const elsewhere = await buildOrganization(t.db)
  const strangerPm = await person(t.db, elsewhere.id, 'Olga Other', 'program_manager')
  await person(t.db, elsewhere.id, 'Gone Elsewhere', 'participant', { left_on: addMonths(STARTS_ON, 1) })
  return { org, pm, admin, program, later, p3: participants[2]!, d2, strangerPm }
}

describe('GET /api/insights/retention', () => {
  test('participants against non-participants at 6 and 12 months, with group sizes (hand-checked)', async () => {
    const s = await setUp()
    const response = await call('/api/insights/retention', s.pm.headers)
    expect(response.statusCode).toBe(200)
    const report = RetentionReportSchema.parse(response.json())
    expect(report).toMatchObject({ today: TODAY, threshold: 5, hasLeavers: true })
    const row = report.programs.find((p) => p.programId === s.program.id)
    expect(row).toMatchObject({
      name: 'Peer coaching spring',
      startsOn: STARTS_ON,
      notMeasuredReason: null,
      participants: 6,
      nonParticipants: 7,
      excluded: 2,
    })
    expect(row?.horizons[0]).toEqual({
      months: 6,
      endsOn: addMonths(STARTS_ON, 6),
      observedMonths: 6,
      isComplete: true,
      measuredOn: addMonths(STARTS_ON, 6),
      isHidden: false,
      hiddenReason: null,
      participants: { retained: 5, left: 1, percent: 83.3 },
      // N1 left: 6 of 7 = 85.7 %.
      nonParticipants: { retained: 6, left: 1, percent: 85.7 },
      differencePoints: -2.4,
    })
    expect(row?.horizons[1]).toEqual({
      months: 12,
      endsOn: addMonths(STARTS_ON, 12),
      observedMonths: 8,
      isComplete: false,
      measuredOn: TODAY,
      isHidden: false,
      hiddenReason: null,
      participants: { retained: 4, left: 2, percent: 66.7 },
      nonParticipants: { retained: 6, left: 1, percent: 85.7 },
      differencePoints: -19,
    })
    expect(report.programs.find((p) => p.programId === s.later.id)).toMatchObject({
      startsOn: '2030-01-01',
      notMeasuredReason: 'The program starts on 2030-01-01; retention is measured from then.',
      horizons: [],
    })

    // The admin sees the same; another organization's program manager sees only their own (nothing).
    const byAdmin = RetentionReportSchema.parse((await call('/api/insights/retention', s.admin.headers)).json())
    expect(byAdmin.programs.find((p) => p.programId === s.program.id)?.horizons).toEqual(row?.horizons)
    const stranger = RetentionReportSchema.parse((await call('/api/insights/retention', s.strangerPm.headers)).json())
    expect(stranger.programs).toEqual([])
    expect(stranger.hasLeavers).toBe(true)
  })

  test("hidden below the organization's threshold, saying which group; the sizes stay", async () => {
    const s = await setUp()
    await t.db.updateTable('organizations').set({ aggregate_threshold: 7 }).where('id', '=', s.org).execute()
    const report = RetentionReportSchema.parse((await call('/api/insights/retention', s.pm.headers)).json())
    const row = report.programs.find((p) => p.programId === s.program.id)
    expect(report.threshold).toBe(7)
    expect(row).toMatchObject({ participants: 6, nonParticipants: 7 })
    for (const h of row?.horizons ?? []) {
      expect(h).toMatchObject({
        isHidden: true,
        participants: { retained: null, left: null, percent: null },
        nonParticipants: { retained: null, left: null, percent: null },
        differencePoints: null,
      })
      expect(h.hiddenReason).toContain('participants (6)')
      expect(h.hiddenReason).not.toContain('non-participants')
    }
    expect(row?.horizons).toHaveLength(2)
  })

  test('participants are told it does not exist; signing in is required', async () => {
    const s = await setUp()
    for (const headers of [s.p3.headers, s.d2.headers]) {
      const response = await call('/api/insights/retention', headers)
      expect(response.statusCode).toBe(404)
      expect(ErrorResponseSchema.parse(response.json()).error.code).toBe('not_found')
      expect((await call('/api/insights/retention.csv', headers)).statusCode).toBe(404)
    }
    expect((await call('/api/insights/retention')).statusCode).toBe(401)
    expect((await call('/api/insights/retention.csv')).statusCode).toBe(401)
  })
})

describe('GET /api/insights/retention.csv', () => {
  test('one line per program and horizon, hidden figures stay hidden', async () => {
    const s = await setUp()
    const response = await call('/api/insights/retention.csv', s.pm.headers)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toContain('text/csv')
    expect(response.headers['content-disposition']).toBe(`attachment; filename="insights-retention-${TODAY}.csv"`)
    const rows: Record<string, string>[] = parse(response.body, { columns: true })
    const spring = rows.filter((r) => r.program === 'Peer coaching spring')
    expect(spring.map((r) => [r.months, r['participants retained %'], r['non-participants retained %']])).toEqual([
      ['6', '83.3', '85.7'],
      ['12', '66.7', '85.7'],
    ])
    expect(spring[1]).toMatchObject({
      'observed months': '8',
      'window complete': 'no',
      participants: '6',
      'non-participants': '7',
      'difference (points)': '-19',
      'excluded (enrolled, never matched)': '2',
      'not shown because': '',
    })
    expect(rows.find((r) => r.program === 'Next year circle')).toMatchObject({
      months: '',
      'not shown because': 'The program starts on 2030-01-01; retention is measured from then.',
    })

    await t.db.updateTable('organizations').set({ aggregate_threshold: 7 }).where('id', '=', s.org).execute()
    const hidden: Record<string, string>[] = parse((await call('/api/insights/retention.csv', s.pm.headers)).body, {
      columns: true,
    })
    const hiddenSpring = hidden.filter((r) => r.program === 'Peer coaching spring')
    expect(hiddenSpring.map((r) => r['participants retained'])).toEqual(['', ''])
    expect(hiddenSpring[0]?.['not shown because']).toContain('participants (6)')
  })
})
