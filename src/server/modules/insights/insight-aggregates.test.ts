import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AT_RISK_SORTS, type AtRiskMatch } from '#contracts/insights.ts'
import type { DatabaseHandle, Db } from '#server/db/connect.ts'
import type { Viewer } from '#server/http/viewer.ts'
import { loadProgram } from '#server/modules/programs/programs.service.ts'
import { buildOrganization, buildPerson, buildProgram } from '#server/test/factories.ts'
import { createTestDb } from '#server/test/test-db.ts'
import { aggregateProgramInsights, loadAtRiskPage, programInsightsFromSums } from './insight-aggregates.ts'
import { computeProgramInsights } from './insight-figures.ts'
import {
  loadAtRiskNames,
  loadStoredAtRiskPage,
  readProgramSnapshots,
  refreshProgramSnapshot,
  sumsProgramOf,
} from './insight-snapshots.ts'
import { loadInsightRows } from './insights.service.ts'

/**
 * The SQL aggregates against the computation from every row, on generated programs: the same
 * figures, the same hidden ones at every threshold, the same at-risk matches with the same reasons
 * and, page after page, in the same order. The same for the snapshot the dashboard reads (counted,
 * stored as JSON, read back, the threshold applied on reading).
 */

const DAY = 24 * 60 * 60 * 1000
const NOW = new Date('2027-05-12T10:30:00.000Z')
const FOCUS = ['active-listening', 'giving-feedback', 'delegation']
const DEPARTMENTS = ['Sales', 'Design', 'Legal']

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

/**
 * A program with every case the figures distinguish: matches in every status (a proposed one that
 * was never shown), pairs, a trio and a lone member, sessions past and future in every status with
 * members, nobody or an outsider as coach, goals, feedback with and without a giver, check-ins over
 * many weeks, fit answers (concerns among them), closing surveys with and without ratings, open and
 * resolved re-pair requests, declined members matched again or not, and people who left.
 */
async function buildProgramHistory(db: Db, organizationId: string, seed: number, options: { people: number }) {
  const next = random(seed)
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]
  const rating = () => 1 + Math.floor(next() * 5)
  const type = seed % 3 === 2 ? ('coaching_circle' as const) : ('peer_coaching' as const)
  const program = await buildProgram(db, {
    organizationId,
    type,
    status: 'active',
    focus_skills: FOCUS,
    session_cadence_days: 14,
    target_session_count: 4,
    eligibility: JSON.stringify(
      seed % 2 === 0 ? { kind: 'everyone' } : { kind: 'departments', departments: ['Sales', 'Design'] },
    ),
  })
  const people: string[] = []
  for (let i = 0; i < options.people; i++) {
    const hasLeft = next() < 0.1
    const person = await db
      .insertInto('people')
      .values({
        organization_id: organizationId,
        email: `p${seed}-${i}@aggregates.test`,
        // One shape of name, so every collation sorts them alike (the database's and JavaScript's).
        name: `Name${String(Math.floor(next() * 1000)).padStart(3, '0')}`,
        department: pick(DEPARTMENTS),
        status: hasLeft ? 'deactivated' : 'active',
        deactivated_at: hasLeft ? new Date(NOW.getTime() - 20 * DAY) : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    people.push(person.id)
  }
  for (const personId of people) {
    if (next() < 0.25) continue
    await db
      .insertInto('enrollments')
      .values({
        organization_id: organizationId,
        program_id: program.id,
        person_id: personId,
        status: next() < 0.15 ? 'withdrawn' : 'enrolled',
        self_assessment: JSON.stringify(
          Object.fromEntries(FOCUS.filter(() => next() < 0.85).map((slug) => [slug, rating()])),
        ),
      })
      .execute()
  }
  const statuses = [
    'active',
    'active',
    'active',
    'completed',
    'dissolved',
    'declined',
    'published',
    'proposed',
  ] as const
  let cursor = 0
  const matchCount = Math.floor(options.people / 2)
  for (let m = 0; m < matchCount; m++) {
    const status = pick(statuses)
    const size = next() < 0.1 ? 3 : next() < 0.05 ? 1 : 2
    // Some people are in two matches: a declined pair whose member is matched again.
    const members = Array.from({ length: size }, () => people[cursor++ % people.length])
    if (next() < 0.15) members[0] = people[Math.floor(next() * people.length)]
    const uniqueMembers = [...new Set(members)]
    const publishedAt = new Date(NOW.getTime() - Math.floor(next() * 120) * DAY - Math.floor(next() * DAY))
    const match = await db
      .insertInto('matches')
      .values({
        organization_id: organizationId,
        program_id: program.id,
        status,
        origin: 'engine',
        score: 50,
        published_at: status === 'proposed' ? null : publishedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (const personId of uniqueMembers) {
      await db
        .insertInto('match_members')
        .values({
          match_id: match.id,
          person_id: personId,
          organization_id: organizationId,
          role: 'peer',
          response:
            status === 'declined' && next() < 0.6 ? 'declined' : status === 'published' ? 'pending' : 'accepted',
        })
        .execute()
    }
    const sessionCount = Math.floor(next() * 7)
    for (let k = 0; k < sessionCount; k++) {
      const startsAt = new Date(publishedAt.getTime() + Math.floor(next() * 150) * DAY)
      const coach = next() < 0.15 ? null : next() < 0.05 ? pick(people) : pick(uniqueMembers)
      const session = await db
        .insertInto('coaching_sessions')
        .values({
          organization_id: organizationId,
          match_id: match.id,
          starts_at: startsAt,
          duration_minutes: 45,
          time_zone: 'Europe/Paris',
          status: pick(['held', 'held', 'held', 'scheduled', 'cancelled', 'missed'] as const),
          coach_id: coach,
          coachee_id: null,
          ics_uid: `agg-${seed}-${m}-${k}@aggregates.test`,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      if (next() < 0.5) {
        await db
          .insertInto('feedback')
          .values({
            organization_id: organizationId,
            match_id: match.id,
            session_id: session.id,
            giver_id: next() < 0.1 ? null : pick(uniqueMembers),
            receiver_id: pick(uniqueMembers),
            what_worked: 'private words',
            try_next: 'private words',
            rating_listening: rating(),
            rating_questions: rating(),
            rating_helpfulness: rating(),
          })
          .execute()
      }
      for (const personId of uniqueMembers) {
        if (next() < 0.5) continue
        await db
          .insertInto('wellbeing_checkins')
          .values({
            organization_id: organizationId,
            person_id: personId,
            match_id: match.id,
            session_id: session.id,
            moment: 'after',
            mood: rating(),
            stress: rating(),
            note: 'private words',
            created_at: startsAt,
          })
          .execute()
      }
    }
    for (const personId of uniqueMembers) {
      if (next() < 0.7) {
        await db
          .insertInto('goals')
          .values({
            organization_id: organizationId,
            match_id: match.id,
            owner_id: personId,
            title: 'A goal',
            measure: 'A measure',
            target: 'A target',
            due_on: '2027-09-01',
            status: pick(['active', 'achieved', 'dropped'] as const),
            progress: Math.floor(next() * 101),
          })
          .execute()
      }
      if (next() < 0.6) {
        const fit = next() < 0.1 ? null : rating()
        await db
          .insertInto('match_surveys')
          .values({
            organization_id: organizationId,
            match_id: match.id,
            person_id: personId,
            kind: 'fit',
            answers: JSON.stringify({ fit, keepPairing: pick(['yes', 'unsure', 'no', 'yes']), comment: 'private' }),
            created_at: new Date(publishedAt.getTime() + 21 * DAY),
          })
          .execute()
      }
      if (next() < 0.5) {
        await db
          .insertInto('match_surveys')
          .values({
            organization_id: organizationId,
            match_id: match.id,
            person_id: personId,
            kind: 'closing',
            answers: JSON.stringify({
              satisfaction: next() < 0.1 ? null : rating(),
              wouldRecommend: next() < 0.1 ? null : Math.floor(next() * 11),
              selfAssessment: Object.fromEntries(FOCUS.filter(() => next() < 0.8).map((slug) => [slug, rating()])),
              comment: 'private',
            }),
            created_at: new Date(publishedAt.getTime() + Math.floor(next() * 3) * DAY),
          })
          .execute()
      }
    }
    if (next() < 0.15) {
      await db
        .insertInto('repair_requests')
        .values({
          organization_id: organizationId,
          match_id: match.id,
          person_id: uniqueMembers[0],
          reason: 'private words',
          status: next() < 0.7 ? 'open' : 'resolved',
        })
        .execute()
    }
  }
  return program
}

const viewerOf = (organizationId: string, personId: string): Viewer => ({
  personId,
  organizationId,
  role: 'admin',
  name: 'Admin',
  email: 'admin@aggregates.test',
  sessionId: '',
  csrfToken: '',
  address: null,
})

let database: DatabaseHandle

beforeAll(async () => {
  database = await createTestDb()
}, 120_000)

afterAll(async () => {
  await database?.close()
})

describe('insights from SQL aggregates', () => {
  for (const seed of [1, 2, 5]) {
    it(`equal the computation from every row on a generated program (seed ${seed}), at every threshold`, async () => {
      const { db } = database
      const org = await buildOrganization(db)
      const admin = await buildPerson(db, { organizationId: org.id, role: 'admin', department: 'Legal' })
      const program = await buildProgramHistory(db, org.id, seed, { people: 70 })
      // Another program of the organization, whose rows must not count.
      await buildProgramHistory(db, org.id, seed + 100, { people: 12 })
      const viewer = viewerOf(org.id, admin.id)
      const loaded = await loadProgram(db, org.id, program.id)
      const rows = (await loadInsightRows(db, viewer, [loaded])).get(program.id)
      if (!rows) throw new Error('no rows')
      const aggregateProgram = { ...rows.program, eligibility: loaded.eligibility }
      const all = await loadAtRiskPage(db, org.id, aggregateProgram, NOW, { sort: 'attention', limit: null, offset: 0 })
      expect(all.total).toBeGreaterThan(3)

      // The snapshot path: counted by the refresh job's function, kept as JSON, read back a
      // moment later (still under a minute old), names read when shown.
      const summed = sumsProgramOf(loaded)
      await refreshProgramSnapshot(db, org.id, summed, NOW)
      const later = new Date(NOW.getTime() + 59_000)
      const snapshot = (await readProgramSnapshots(db, org.id, [summed], later)).get(program.id)
      if (!snapshot) throw new Error('no snapshot')
      expect(snapshot.asOf).toEqual(NOW)
      const names = await loadAtRiskNames(db, org.id, [snapshot])

      for (const threshold of [1, 3, 5, 12, 1000]) {
        const expected = computeProgramInsights(rows, NOW, threshold)
        const { atRisk: expectedAtRisk, ...expectedFigures } = expected
        const counts = Object.fromEntries(
          (['no_recent_session', 'poor_fit', 'repair_requested', 'declined'] as const).map((code) => [
            code,
            expectedAtRisk.filter((m) => m.reasons.some((r) => r.code === code)).length,
          ]),
        )
        const direct = await aggregateProgramInsights(db, org.id, aggregateProgram, NOW, threshold)
        const fromSnapshot = programInsightsFromSums(rows.program, snapshot.sums, snapshot.asOf, threshold, names)
        for (const actual of [direct, fromSnapshot]) {
          const { atRisk: firstPage, atRiskPaging, ...actualFigures } = actual
          expect(actualFigures).toEqual(expectedFigures)
          expect(firstPage).toEqual(expectedAtRisk.slice(0, 20))
          expect(atRiskPaging.total).toBe(expectedAtRisk.length)
          expect(atRiskPaging.countsByReason).toEqual(counts)
        }
      }
      // Some figures are shown and some hidden at a middle threshold: both paths were compared on both.
      const middle = computeProgramInsights(rows, NOW, 12)
      const hidden = [
        middle.participation,
        middle.acceptance,
        middle.sessions,
        middle.goals,
        middle.feedback,
        middle.satisfaction,
        middle.wellbeing,
        ...middle.skillGrowth,
        ...middle.wellbeing.weeks,
      ].map((figure) => figure.isHidden)
      expect(new Set(hidden)).toEqual(new Set([true, false]))

      // Page after page, in each order, the whole list.
      const expectedAll = computeProgramInsights(rows, NOW, 5).atRisk
      expect(all.matches).toEqual(expectedAll)
      // The list's pages are read from the entries the snapshot kept; each equals the page counted now.
      for (const sort of AT_RISK_SORTS) {
        const pages: AtRiskMatch[] = []
        for (let offset = 0; offset < all.total; offset += 7) {
          const page = await loadAtRiskPage(db, org.id, aggregateProgram, NOW, { sort, limit: 7, offset })
          const stored = await loadStoredAtRiskPage(db, org.id, summed, later, { sort, limit: 7, offset })
          expect(page.total).toBe(all.total)
          expect({ ...stored, asOf: page.asOf }).toEqual(page)
          expect(stored.asOf).toBe(NOW.toISOString())
          pages.push(...page.matches)
        }
        const whole = await loadStoredAtRiskPage(db, org.id, summed, later, { sort, limit: null, offset: 0 })
        expect(whole.matches).toEqual(pages)
        expect(new Set(pages.map((m) => m.matchId))).toEqual(new Set(expectedAll.map((m) => m.matchId)))
        expect(pages).toHaveLength(expectedAll.length)
        const firstName = (m: AtRiskMatch) => m.members.map((p) => p.name).sort()[0] ?? ''
        if (sort === 'attention') expect(pages).toEqual(expectedAll)
        if (sort === 'name') expect(pages.map(firstName)).toEqual(pages.map(firstName).sort())
        if (sort === 'quiet') {
          const quiet = pages.map((m) => m.lastSessionAt ?? '')
          expect(quiet).toEqual([...quiet].sort())
        }
      }
    }, 120_000)
  }
})
