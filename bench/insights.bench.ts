/**
 * The program dashboard and retention on a large program, through the real server: a generated
 * organization (10,000 people, some of whom left), one active program with 5,000 published matches
 * (most active, some completed, dissolved or declined), ~60,000 sessions over six months, goals,
 * feedback ratings, wellbeing check-ins, fit and closing surveys and a few open re-pair requests,
 * all inserted in batches. It times GET /api/programs/:id/insights, one CSV download
 * (?figure=sessions), GET /api/insights/retention and GET /api/insights/overview (p50 and p99 over
 * sequential requests) against GET /healthz and GET /api/programs/:id measured in the same run, as ratios.
 *
 * Environment: INSIGHTS_PEOPLE (default 10000), INSIGHTS_MATCHES (default 5000),
 * INSIGHTS_SESSIONS (default 60000), INSIGHTS_REQUESTS (requests per URL, default 20),
 * TEST_DATABASE_URL (PostgreSQL; PGlite in memory without it). At the default sizes each dashboard,
 * CSV or overview request takes tens of seconds (groupBy in insights.service.ts is quadratic in the
 * rows of one program), so INSIGHTS_REQUESTS=1 gives a first look in a few minutes.
 * Run: npm run bench insights   or   node bench/insights.bench.ts
 */
import type { AddressInfo } from 'node:net'
import { sql } from 'kysely'
import { buildApp } from '#server/app.ts'
import { testConfig } from '#server/config.ts'
import type { Db } from '#server/db/connect.ts'
import type { MatchStatus } from '#server/db/schema.ts'
import { createJobRunner } from '#server/jobs/job-runner.ts'
import { buildOrganization, buildPerson, buildProgram } from '#server/test/factories.ts'
import { sessionHeadersFor } from '#server/test/test-app.ts'
import { createTestDb } from '#server/test/test-db.ts'
import { isoDate, random } from './bench-data.ts'

const DEPARTMENTS = ['Engineering', 'Sales', 'Design', 'Finance', 'People', 'Marketing', 'Operations', 'Legal']
const FOCUS = ['active-listening', 'giving-feedback', 'delegation']
const DAY = 24 * 60 * 60 * 1000
const BATCH = 1000

async function inBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>) {
  for (let start = 0; start < rows.length; start += BATCH) await insert(rows.slice(start, start + BATCH))
}

interface Sizes {
  people: number
  matches: number
  sessions: number
}

/** Inserts the program's history and returns how many rows of each kind went in. */
async function insertProgramHistory(db: Db, organizationId: string, programId: string, sizes: Sizes, now: number) {
  const next = random(7)
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]
  const rating = () => 1 + Math.floor(next() * 5)
  const assessment = () => Object.fromEntries(FOCUS.map((slug) => [slug, rating()]))
  const started = now - 182 * DAY

  // people: about 8% left during the program
  const people: string[] = []
  let left = 0
  for (let start = 0; start < sizes.people; start += BATCH) {
    const rows = []
    for (let i = start; i < Math.min(sizes.people, start + BATCH); i++) {
      const hasLeft = next() < 0.08
      const leftAt = started + Math.floor(next() * 180) * DAY
      if (hasLeft) left++
      rows.push({
        organization_id: organizationId,
        email: `insights-${i}@bench.test`,
        name: `Person ${i}`,
        status: hasLeft ? ('deactivated' as const) : ('active' as const),
        department: pick(DEPARTMENTS),
        left_on: hasLeft ? isoDate(leftAt) : null,
        deactivated_at: hasLeft ? new Date(leftAt) : null,
      })
    }
    const inserted = await db.insertInto('people').values(rows).returning('id').execute()
    people.push(...inserted.map((row) => row.id))
  }

  // everyone paired is enrolled, plus a share of the rest
  const paired = Math.min(people.length, sizes.matches * 2)
  const enrolled = people.filter((_, i) => i < paired || next() < 0.3)
  await inBatches(enrolled, (batch) =>
    db
      .insertInto('enrollments')
      .values(
        batch.map((personId) => ({
          organization_id: organizationId,
          program_id: programId,
          person_id: personId,
          status: next() < 0.03 ? ('withdrawn' as const) : ('enrolled' as const),
          self_assessment: JSON.stringify(assessment()),
          consented_at: new Date(started - 14 * DAY),
        })),
      )
      .execute(),
  )

  // matches: pairs of consecutive people
  const statuses: MatchStatus[] = []
  const publishedAt: number[] = []
  for (let i = 0; i < Math.floor(paired / 2); i++) {
    const r = next()
    statuses.push(r < 0.78 ? 'active' : r < 0.88 ? 'completed' : r < 0.95 ? 'dissolved' : 'declined')
    publishedAt.push(started + Math.floor(next() * 21) * DAY)
  }
  const matchIds: string[] = []
  for (let start = 0; start < statuses.length; start += BATCH) {
    const rows = []
    for (let i = start; i < Math.min(statuses.length, start + BATCH); i++) {
      const ended = statuses[i] === 'completed' || statuses[i] === 'dissolved' || statuses[i] === 'declined'
      rows.push({
        organization_id: organizationId,
        program_id: programId,
        status: statuses[i],
        origin: 'engine' as const,
        score: Math.floor(next() * 100),
        published_at: new Date(publishedAt[i]),
        ended_at: ended ? new Date(publishedAt[i] + (30 + Math.floor(next() * 120)) * DAY) : null,
      })
    }
    const inserted = await db.insertInto('matches').values(rows).returning('id').execute()
    matchIds.push(...inserted.map((row) => row.id))
  }
  const membersOf = (m: number) => [people[2 * m], people[2 * m + 1]]
  await inBatches(
    matchIds.flatMap((matchId, m) =>
      membersOf(m).map((personId) => ({
        match_id: matchId,
        person_id: personId,
        organization_id: organizationId,
        role: 'peer' as const,
        response: statuses[m] === 'declined' && next() < 0.5 ? ('declined' as const) : ('accepted' as const),
        responded_at: new Date(publishedAt[m] + DAY),
      })),
    ),
    (batch) => db.insertInto('match_members').values(batch).execute(),
  )

  // sessions spread over the matches that went ahead, every two weeks or so
  const wentAhead = matchIds.flatMap((_id, m) => (statuses[m] === 'declined' ? [] : [m]))
  const sessions: {
    organization_id: string
    match_id: string
    starts_at: Date
    duration_minutes: number
    time_zone: string
    status: 'scheduled' | 'held' | 'cancelled' | 'missed'
    coach_id: string
    coachee_id: string
    ics_uid: string
  }[] = []
  const perMatch = Math.max(1, Math.round(sizes.sessions / Math.max(1, wentAhead.length)))
  for (let k = 0; sessions.length < sizes.sessions && wentAhead.length > 0; k++) {
    const m = wentAhead[k % wentAhead.length]
    const n = Math.floor(k / wentAhead.length)
    const at = publishedAt[m] + (n * 14 + Math.floor(next() * 4)) * DAY + 9 * 60 * 60 * 1000
    const [a, b] = membersOf(m)
    const r = next()
    const status = at > now ? 'scheduled' : r < 0.8 ? 'held' : r < 0.92 ? 'cancelled' : 'missed'
    sessions.push({
      organization_id: organizationId,
      match_id: matchIds[m],
      starts_at: new Date(Math.min(at, now + perMatch * DAY)),
      duration_minutes: 45,
      time_zone: 'Europe/Paris',
      status,
      coach_id: n % 2 === 0 ? a : b,
      coachee_id: n % 2 === 0 ? b : a,
      ics_uid: `insights-bench-${k}@bench.test`,
    })
  }
  const sessionIds: string[] = []
  for (let start = 0; start < sessions.length; start += BATCH) {
    const inserted = await db
      .insertInto('coaching_sessions')
      .values(sessions.slice(start, start + BATCH))
      .returning('id')
      .execute()
    sessionIds.push(...inserted.map((row) => row.id))
  }

  // feedback from the coachee and check-ins of both members on most held sessions
  const feedback = []
  const checkIns = []
  for (let s = 0; s < sessions.length; s++) {
    const session = sessions[s]
    if (session.status !== 'held') continue
    if (next() < 0.6) {
      feedback.push({
        organization_id: organizationId,
        match_id: session.match_id,
        session_id: sessionIds[s],
        giver_id: session.coachee_id,
        receiver_id: session.coach_id,
        what_worked: 'Good questions',
        try_next: 'More silence',
        rating_listening: rating(),
        rating_questions: rating(),
        rating_helpfulness: rating(),
        created_at: new Date(session.starts_at.getTime() + DAY),
      })
    }
    for (const personId of [session.coach_id, session.coachee_id]) {
      if (next() < 0.5) {
        checkIns.push({
          organization_id: organizationId,
          person_id: personId,
          match_id: session.match_id,
          session_id: sessionIds[s],
          moment: 'after' as const,
          mood: rating(),
          stress: rating(),
          note: 'private',
          created_at: session.starts_at,
        })
      }
    }
  }
  await inBatches(feedback, (batch) => db.insertInto('feedback').values(batch).execute())
  await inBatches(checkIns, (batch) => db.insertInto('wellbeing_checkins').values(batch).execute())

  // one goal per member of a match that went ahead, fit surveys, closing surveys for ended matches
  const goals = []
  const surveys = []
  const repairs = []
  for (const m of wentAhead) {
    for (const personId of membersOf(m)) {
      const r = next()
      goals.push({
        organization_id: organizationId,
        match_id: matchIds[m],
        owner_id: personId,
        title: 'Delegate more',
        measure: 'Tasks handed over',
        target: '5 a month',
        due_on: isoDate(publishedAt[m] + 120 * DAY),
        status: r < 0.6 ? ('active' as const) : r < 0.9 ? ('achieved' as const) : ('dropped' as const),
        progress: Math.floor(next() * 101),
      })
      if (next() < 0.8) {
        surveys.push({
          organization_id: organizationId,
          match_id: matchIds[m],
          person_id: personId,
          kind: 'fit' as const,
          answers: JSON.stringify({ fit: rating(), keepPairing: next() < 0.1 ? 'no' : 'yes', comment: 'private' }),
          created_at: new Date(publishedAt[m] + 21 * DAY),
        })
      }
      if (statuses[m] !== 'active' && next() < 0.7) {
        surveys.push({
          organization_id: organizationId,
          match_id: matchIds[m],
          person_id: personId,
          kind: 'closing' as const,
          answers: JSON.stringify({
            satisfaction: rating(),
            wouldRecommend: Math.floor(next() * 11),
            selfAssessment: assessment(),
            comment: 'private',
          }),
          created_at: new Date(publishedAt[m] + 150 * DAY),
        })
      }
    }
    if (statuses[m] === 'active' && next() < 0.02) {
      repairs.push({
        organization_id: organizationId,
        match_id: matchIds[m],
        person_id: membersOf(m)[0],
        reason: 'private',
      })
    }
  }
  await inBatches(goals, (batch) => db.insertInto('goals').values(batch).execute())
  await inBatches(surveys, (batch) => db.insertInto('match_surveys').values(batch).execute())
  await inBatches(repairs, (batch) => db.insertInto('repair_requests').values(batch).execute())

  return {
    people: people.length,
    left,
    enrollments: enrolled.length,
    matches: matchIds.length,
    active: statuses.filter((s) => s === 'active').length,
    sessions: sessions.length,
    held: sessions.filter((s) => s.status === 'held').length,
    feedback: feedback.length,
    checkIns: checkIns.length,
    goals: goals.length,
    surveys: surveys.length,
    repairs: repairs.length,
  }
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN
}

async function timeGet(url: string, headers: Record<string, string>): Promise<{ ms: number; bytes: number }> {
  const started = performance.now()
  const response = await fetch(url, { headers })
  const body = await response.arrayBuffer()
  if (!response.ok) throw new Error(`${url}: ${response.status} ${new TextDecoder().decode(body).slice(0, 300)}`)
  return { ms: performance.now() - started, bytes: body.byteLength }
}

/** Sequential requests after one warm-up: the durations and the size of the last body. */
async function sample(url: string, headers: Record<string, string>, count: number) {
  await timeGet(url, headers)
  const values: number[] = []
  let bytes = 0
  for (let i = 0; i < count; i++) {
    const timed = await timeGet(url, headers)
    values.push(timed.ms)
    bytes = timed.bytes
  }
  return { values, bytes }
}

export async function runInsightsBench(
  options: Partial<Sizes> & { requests?: number; log?: (line: string) => void } = {},
) {
  const sizes: Sizes = {
    people: options.people ?? Number(process.env.INSIGHTS_PEOPLE ?? 10_000),
    matches: options.matches ?? Number(process.env.INSIGHTS_MATCHES ?? 5_000),
    sessions: options.sessions ?? Number(process.env.INSIGHTS_SESSIONS ?? 60_000),
  }
  const requests = options.requests ?? Number(process.env.INSIGHTS_REQUESTS ?? 20)
  const log = options.log ?? console.log
  const database = await createTestDb()
  const jobs = createJobRunner(database)
  const app = await buildApp({ config: testConfig(), database, jobs })
  try {
    await app.listen({ port: 0, host: '127.0.0.1' })
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
    const { db } = database
    const org = await buildOrganization(db)
    const manager = await buildPerson(db, { organizationId: org.id, role: 'program_manager' })
    const headers = await sessionHeadersFor(db, manager)
    const now = Date.now()
    const program = await buildProgram(db, {
      organizationId: org.id,
      status: 'active',
      starts_on: isoDate(now - 182 * DAY),
      ends_on: isoDate(now + 30 * DAY),
      focus_skills: FOCUS,
    })
    const started = performance.now()
    const counts = await insertProgramHistory(db, org.id, program.id, sizes, now)
    // Statistics as a running instance has them: the embedded one analyzes at start and hourly
    // (src/server/db/planner-statistics.ts), PostgreSQL's autovacuum within a minute of a bulk load.
    // Without them the dashboard at this size took 57 s on PostgreSQL and 108 s on PGlite.
    await sql`analyze`.execute(db)
    log(
      `insights: data inserted in ${((performance.now() - started) / 1000).toFixed(1)} s (${database.kind}): ` +
        `${counts.people} people (${counts.left} left), ${counts.enrollments} enrollments, ` +
        `${counts.matches} matches (${counts.active} active), ${counts.sessions} sessions (${counts.held} held), ` +
        `${counts.feedback} feedback, ${counts.checkIns} check-ins, ${counts.goals} goals, ` +
        `${counts.surveys} surveys, ${counts.repairs} open re-pair requests`,
    )

    const targets: [string, string][] = [
      ['GET /healthz (reference)', `${base}/healthz`],
      ['GET /api/programs/:id (reference)', `${base}/api/programs/${program.id}`],
      ['GET /api/programs/:id/insights', `${base}/api/programs/${program.id}/insights`],
      ['GET .../insights.csv?figure=sessions', `${base}/api/programs/${program.id}/insights.csv?figure=sessions`],
      ['GET /api/insights/retention', `${base}/api/insights/retention`],
      ['GET /api/insights/overview', `${base}/api/insights/overview`],
    ]
    const results = new Map<string, { values: number[]; bytes: number }>()
    for (const [name, url] of targets) results.set(name, await sample(url, headers, requests))
    const reference = results.get(targets[1][0])?.values ?? []
    log(`  ${requests} sequential requests each; ratios against GET /api/programs/:id:`)
    for (const [name] of targets) {
      const { values, bytes } = results.get(name) ?? { values: [], bytes: 0 }
      const figures = [50, 99].map((p) => {
        const value = percentile(values, p)
        return `p${p} ${value.toFixed(1)} ms (x${(value / percentile(reference, p)).toFixed(1)})`
      })
      log(`  ${name.padEnd(38)} ${figures.join(', ')}  [${(bytes / 1024).toFixed(1)} KB]`)
    }
    return { counts, results }
  } finally {
    await app.close()
    await database.close()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runInsightsBench()
