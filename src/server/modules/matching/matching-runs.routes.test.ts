import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  MatchingRunComparisonSchema,
  MatchingRunListSchema,
  MatchingRunSchema,
  ProgramMatchesSchema,
} from '#contracts/matching.ts'
import { buildApp } from '#server/app.ts'
import { testConfig } from '#server/config.ts'
import { createJobRunner, type JobRunner } from '#server/jobs/job-runner.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'
import { createTestDb } from '#server/test/test-db.ts'
import {
  buildColleague,
  enrollPerson,
  errorOf,
  matchOf,
  reviewMatches,
  runMatching,
  setUpProgram,
} from './matching.fixture.ts'
import { MATCHING_RUN_QUEUE } from './matching-runs.service.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => {
  await t.jobs.drain()
  await t.close()
})

describe('matching runs', () => {
  test('a run goes queued -> succeeded in a worker, stores its summary and proposes matches with reasons in words', async () => {
    const setup = await setUpProgram(t)
    const ana = await enrollPerson(
      setup,
      { name: 'Ana Lima', department: 'Sales', seniority: 4 },
      { skills_wanted: ['negotiation'], skills_offered: ['storytelling'] },
    )
    const ben = await enrollPerson(
      setup,
      { name: 'Ben Ortiz', department: 'Design', seniority: 5 },
      { skills_wanted: ['storytelling'], skills_offered: ['negotiation'] },
    )
    const loner = await enrollPerson(setup, { name: 'Lou Nobody', languages: ['fi'] })

    const { queued, run } = await runMatching(setup, { label: 'first try' })
    expect(queued.status).toBe('queued')
    expect(queued.runNumber).toBe(1)
    expect(run).toMatchObject({ status: 'succeeded', progress: 100, label: 'first try', error: null })
    expect(run.summary).toMatchObject({
      enrollees: 3,
      participants: 3,
      matches: 1,
      matchedPeople: 2,
      unmatched: 1,
      unmatchedByReason: { no_feasible_partner: 1 },
    })
    expect(run.summary?.matchedShare).toBeCloseTo(2 / 3, 3)
    expect(run.summary?.criteria.diversity.value).toBe(1)
    expect(run.result?.matches).toHaveLength(1)
    expect(run.result?.unmatched).toEqual([
      expect.objectContaining({ personId: loner.id, reason: 'no_feasible_partner', name: 'Lou Nobody' }),
    ])

    const review = await reviewMatches(setup)
    expect(review.counts).toMatchObject({ proposed: 1, published: 0, unmatched: 1 })
    const match = matchOf(review.matches, ana.id, ben.id)
    expect(match).toMatchObject({ status: 'proposed', origin: 'engine', isLocked: false, runId: run.id })
    const summary = match?.explanation.summary ?? ''
    expect(summary).toContain('Ana wants negotiation and Ben offers it')
    expect(summary).toContain('Ben wants storytelling and Ana offers it')
    expect(summary).toContain('similar seniority (gap 1)')
    expect(summary).toContain('different departments (Sales, Design)')
    expect(summary).toContain('8 h of shared working day')
    expect(match?.explanation.criteria?.complementarity).toMatchObject({ num: 2, den: 2 })
    expect(match?.members.map((m) => [m.name, m.department])).toEqual([
      ['Ana Lima', 'Sales'],
      ['Ben Ortiz', 'Design'],
    ])
    // Why, in their terms: who could have been a partner, what excluded them, what would help (issue #17, point 2).
    expect(review.unmatched).toEqual([
      expect.objectContaining({
        personId: loner.id,
        reason: 'no_feasible_partner',
        reasonText:
          'No feasible partner: None of the 2 people in this run could be their partner. Excluded: 2 with no shared ' +
          'language. Most likely to help: another language they can coach in on their profile, or not requiring a shared language.',
      }),
    ])

    const audit = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('organization_id', '=', setup.organizationId)
      .orderBy('id')
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['matching_run.started', 'matching_run.succeeded'])
  })

  test('a run never pairs a person with anyone in their reporting chain, through people not enrolled', async () => {
    const setup = await setUpProgram(t, {
      rules: { constraints: { excludeSameManagerPeers: false, maxSeniorityGap: null } },
    })
    const vp = await enrollPerson(setup, { name: 'Vera VP' })
    const director = await buildColleague(setup, { name: 'Dan Director', manager_id: vp.id })
    const lead = await enrollPerson(setup, { name: 'Lea Lead', manager_id: director.id })
    const dev = await enrollPerson(setup, { name: 'Dev Eloper', manager_id: lead.id })
    const outsider = await enrollPerson(setup, { name: 'Otto Outside' })
    const { run } = await runMatching(setup)
    // vp, lead and dev are one chain: only one of them can pair with the outsider
    expect(run.result?.matches).toHaveLength(1)
    const pair = run.result?.matches[0].members.map((m) => m.personId) ?? []
    expect(pair).toContain(outsider.id)
    // each of the chain could pair with the outsider: the two left over were not selected
    expect(run.result?.unmatched.map((u) => u.reason)).toEqual(['not_selected', 'not_selected'])
    // The outsider was feasible for each, and the rest of the chain is in their reporting line.
    for (const left of run.result?.unmatched ?? []) {
      expect(left.reasonText).toBe(
        'Not selected: 1 of 3 people could have been their partner, but the best overall matching paired them with ' +
          'others. Excluded: 2 in their reporting line. Most likely to help: matching them by hand with one of the ' +
          'people who fit, or a re-run with them locked in.',
      )
    }
    expect([vp.id, lead.id, dev.id]).toContain(pair.find((id) => id !== outsider.id))
  })

  test('one run at a time per program; programs outside matching/active refuse runs', async () => {
    const setup = await setUpProgram(t)
    await enrollPerson(setup)
    await enrollPerson(setup)
    const first = await t.app.inject({
      method: 'POST',
      url: `/api/programs/${setup.program.id}/matching-runs`,
      headers: setup.managerHeaders,
      payload: {},
    })
    expect(first.statusCode).toBe(202)
    const second = await t.app.inject({
      method: 'POST',
      url: `/api/programs/${setup.program.id}/matching-runs`,
      headers: setup.managerHeaders,
      payload: {},
    })
    expect(second.statusCode).toBe(409)
    expect(errorOf(second).code).toBe('matching_run_in_progress')
    await t.jobs.drain()

    const enrolling = await setUpProgram(t, { status: 'enrolling' })
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/programs/${enrolling.program.id}/matching-runs`,
      headers: enrolling.managerHeaders,
      payload: {},
    })
    expect(refused.statusCode).toBe(409)
    expect(errorOf(refused).code).toBe('matching_not_allowed')
  })

  test('runs are listed with summaries and compared side by side, with who changed partner', async () => {
    const setup = await setUpProgram(t, {
      rules: { constraints: { maxSeniorityGap: null, excludeSameManagerPeers: false } },
    })
    // a-b share skills, a-c and b-d are cross-department: the weights decide
    const a = await enrollPerson(
      setup,
      { name: 'Amy A', department: 'X', seniority: 3 },
      { skills_wanted: ['s1'], skills_offered: ['s2'] },
    )
    const b = await enrollPerson(
      setup,
      { name: 'Bob B', department: 'X', seniority: 3 },
      { skills_wanted: ['s2'], skills_offered: ['s1'] },
    )
    const c = await enrollPerson(setup, { name: 'Cat C', department: 'Y', seniority: 3 })
    const d = await enrollPerson(setup, { name: 'Dov D', department: 'Y', seniority: 3 })
    const { run: skills } = await runMatching(setup, {
      label: 'skills',
      weights: { complementarity: 100, diversity: 0 },
    })
    const { run: mix } = await runMatching(setup, { label: 'mix', weights: { complementarity: 0, diversity: 100 } })
    expect(matchOf(skills.result?.matches ?? [], a.id, b.id)).toBeDefined()
    expect(matchOf(mix.result?.matches ?? [], a.id, b.id)).toBeUndefined()

    const list = MatchingRunListSchema.parse(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/programs/${setup.program.id}/matching-runs`,
          headers: setup.managerHeaders,
        })
      ).json(),
    )
    expect(list.runs.map((r) => [r.runNumber, r.label, r.status])).toEqual([
      [2, 'mix', 'succeeded'],
      [1, 'skills', 'succeeded'],
    ])
    // a-b fully complementary (1), c-d want nothing (0)
    expect(list.runs[1].summary?.criteria.complementarity.value).toBe(0.5)

    const response = await t.app.inject({
      method: 'GET',
      url: `/api/programs/${setup.program.id}/matching-runs/compare?a=${skills.id}&b=${mix.id}`,
      headers: setup.managerHeaders,
    })
    expect(response.statusCode, response.body).toBe(200)
    const comparison = MatchingRunComparisonSchema.parse(response.json())
    expect(comparison.changedPartnerCount).toBe(4)
    expect(comparison.changes.find((x) => x.personId === a.id)?.partnersInA).toEqual([{ id: b.id, name: 'Bob B' }])
    expect([c.id, d.id]).toContain(comparison.changes.find((x) => x.personId === a.id)?.partnersInB[0].id)
    expect(comparison.delta.matches).toBe(0)

    // the latest run's proposals replaced the earlier ones
    const review = await reviewMatches(setup)
    expect(review.matches).toHaveLength(2)
    expect(review.matches.every((m) => m.runId === mix.id)).toBe(true)
    const paged = await t.app.inject({
      method: 'GET',
      url: `/api/programs/${setup.program.id}/matches?status=proposed&limit=1&offset=1`,
      headers: setup.managerHeaders,
    })
    const page = ProgramMatchesSchema.parse(paged.json())
    expect(page.page).toEqual({ limit: 1, offset: 1, total: 2 })
    expect(page.matches.map((m) => m.id)).toEqual([review.matches[1].id])
  })

  test('a run whose job worker died is retried by another worker; once every attempt died it is failed and can be started again', async () => {
    // Its own database: the shared test app's workers would otherwise take the job first.
    const database = await createTestDb()
    const stopped: (() => Promise<void>)[] = []
    const instance = async (isWorking: boolean) => {
      const jobs = createJobRunner(database, { isWorking, pollingIntervalSeconds: 0.5, poolSize: 2 })
      const app = await buildApp({ config: testConfig(), database, jobs })
      await jobs.start()
      stopped.unshift(async () => {
        await app.close()
        await jobs.stop({ graceful: false })
      })
      return { app, jobs }
    }
    // The queue retries a run 5 s after its worker was found dead: the test does not wait them out.
    const retryDelayPasses = () =>
      sql`update pgboss.job set start_after = now() where name = ${MATCHING_RUN_QUEUE} and state = 'retry'`.execute(
        database.db,
      )
    const diesWithJob = async (jobs: JobRunner) => {
      await retryDelayPasses()
      const [job] = await jobs.boss.fetch(MATCHING_RUN_QUEUE)
      expect(job).toBeDefined()
      // Its process is gone: no more heartbeats. Time passes beyond the queue's 30 s.
      await sql`update pgboss.job set heartbeat_on = now() - interval '1 minute' where id = ${job.id}::uuid`.execute(
        database.db,
      )
      return job.id
    }
    try {
      const web = await instance(false) // takes requests, works no jobs
      const setup = await setUpProgram({ ...t, app: web.app, db: database.db, database, jobs: web.jobs })
      await enrollPerson(setup)
      await enrollPerson(setup)
      const start = () =>
        web.app.inject({
          method: 'POST',
          url: `/api/programs/${setup.program.id}/matching-runs`,
          headers: setup.managerHeaders,
          payload: {},
        })
      const runOf = (id: string) =>
        database.db.selectFrom('matching_runs').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

      const first = MatchingRunSchema.parse((await start()).json())
      await diesWithJob(web.jobs)
      const worker = await instance(true)
      await worker.jobs.supervise()
      await retryDelayPasses()
      await worker.jobs.drain()
      expect(await runOf(first.id)).toMatchObject({
        status: 'succeeded',
        progress: 100,
        error: 'The first attempt was interrupted (the server running it stopped), so the run started again',
      })

      await stopped[0]() // the worker instance stops too
      const second = MatchingRunSchema.parse((await start()).json())
      await diesWithJob(web.jobs)
      await web.jobs.supervise() // retried once ...
      await diesWithJob(web.jobs) // ... and that attempt dies as well
      await web.jobs.supervise()
      expect((await runOf(second.id)).status).toBe('queued')
      const restarted = await instance(true) // the dead-letter job fails the run
      await restarted.jobs.drain()
      expect(await runOf(second.id)).toMatchObject({
        status: 'failed',
        error: 'The run was interrupted (the server stopped before it finished), and its retries too; start it again',
      })
      const third = MatchingRunSchema.parse((await start()).json())
      await restarted.jobs.drain()
      expect((await runOf(third.id)).status).toBe('succeeded')
    } finally {
      for (const stop of stopped) await stop().catch(() => {})
      await database.close()
    }
  })

  test("participants never see runs (404), and another organization's program manager neither", async () => {
    const setup = await setUpProgram(t)
    const ana = await enrollPerson(setup)
    await enrollPerson(setup)
    const { run } = await runMatching(setup)
    const participant = await sessionHeadersFor(t.db, ana)
    const other = await setUpProgram(t)
    for (const headers of [participant, other.managerHeaders]) {
      for (const url of [
        `/api/matching-runs/${run.id}`,
        `/api/programs/${setup.program.id}/matching-runs`,
        `/api/programs/${setup.program.id}/matching-runs/compare?a=${run.id}&b=${run.id}`,
      ]) {
        const response = await t.app.inject({ method: 'GET', url, headers })
        expect(response.statusCode, url).toBe(404)
        expect(errorOf(response).code).toBe('not_found')
      }
      const start = await t.app.inject({
        method: 'POST',
        url: `/api/programs/${setup.program.id}/matching-runs`,
        headers,
        payload: {},
      })
      expect(start.statusCode).toBe(404)
    }
    const runs = await t.db
      .selectFrom('matching_runs')
      .select('id')
      .where('program_id', '=', setup.program.id)
      .execute()
    expect(runs).toHaveLength(1)
  })
})
