import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { JobListSchema, JobSchema } from '#contracts/jobs.ts'
import { buildOrganization, buildPerson } from '#server/test/factories.ts'
import { errorOf } from '#server/test/responses.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'

let t: TestApp
beforeAll(async () => {
  // Port 1 on the loopback refuses connections at once: an SMTP server that is down.
  t = await createTestApp({ smtpUrl: 'smtp://127.0.0.1:1' })
})
afterAll(() => t.close())

async function listJobs(headers: Record<string, string>, state: string) {
  const response = await t.app.inject({ method: 'GET', url: `/api/admin/jobs?state=${state}`, headers })
  expect(response.statusCode, response.body).toBe(200)
  return JobListSchema.parse(response.json()).jobs
}

describe('the admin view of background jobs', () => {
  test('an email that cannot be sent is retried with back-off, then failed; the admin sees it and retries it; nobody else does', async () => {
    const org = await buildOrganization(t.db)
    const admin = await buildPerson(t.db, { organizationId: org.id, role: 'admin' })
    const headers = await sessionHeadersFor(t.db, admin)
    const invited = await t.app.inject({
      method: 'POST',
      url: '/api/invitations',
      headers,
      payload: { email: 'unlucky@example.test', name: 'Unlucky', role: 'participant' },
    })
    expect(invited.statusCode).toBe(201)
    await t.jobs.drain() // the first attempt fails: the next one waits 5-10 s

    const [retrying] = await listJobs(headers, 'retry')
    expect(retrying).toMatchObject({
      queue: 'email-send',
      state: 'retry',
      description: expect.stringMatching(/^Email to unlucky@example.test: .* invited you to .* on Tandem$/),
      attempts: 1,
      maxAttempts: 10,
      lastError: expect.stringMatching(/ECONNREFUSED|connect/),
      finishedAt: null,
    })
    // The job queue's times are the database server's clock (decision 018), not the app's.
    const { rows } = await sql<{ now: Date }>`select now() as now`.execute(t.db)
    expect(new Date(retrying.nextAttemptAt ?? 0).getTime()).toBeGreaterThan(rows[0].now.getTime() + 3_000)
    expect(await listJobs(headers, 'failed')).toEqual([])

    // The last attempt is due now (time passes) and fails too.
    await sql`update pgboss.job set retry_limit = retry_count + 1, start_after = now() where id = ${retrying.id}::uuid`.execute(
      t.db,
    )
    await t.jobs.drain()
    const [failed] = await listJobs(headers, 'failed')
    expect(failed).toMatchObject({ id: retrying.id, state: 'failed', attempts: 2, maxAttempts: 2 })
    expect(failed.lastError).toBeTruthy()
    expect(failed.finishedAt).not.toBeNull()

    // Another organization's admin sees none of it and cannot retry it (404).
    const otherOrg = await buildOrganization(t.db)
    const otherAdmin = await sessionHeadersFor(
      t.db,
      await buildPerson(t.db, { organizationId: otherOrg.id, role: 'admin' }),
    )
    for (const state of ['failed', 'retry', 'active', 'completed'])
      expect(await listJobs(otherAdmin, state)).toEqual([])
    const foreign = await t.app.inject({
      method: 'POST',
      url: `/api/admin/jobs/${failed.id}/retry`,
      headers: otherAdmin,
    })
    expect(foreign.statusCode).toBe(404)
    expect(errorOf(foreign).code).toBe('not_found')

    // Participants and program managers of the organization are refused (403).
    for (const role of ['participant', 'program_manager'] as const) {
      const member = await sessionHeadersFor(t.db, await buildPerson(t.db, { organizationId: org.id, role }))
      const list = await t.app.inject({ method: 'GET', url: '/api/admin/jobs?state=failed', headers: member })
      expect(list.statusCode).toBe(403)
      const retry = await t.app.inject({ method: 'POST', url: `/api/admin/jobs/${failed.id}/retry`, headers: member })
      expect(retry.statusCode).toBe(403)
    }

    const retried = await t.app.inject({ method: 'POST', url: `/api/admin/jobs/${failed.id}/retry`, headers })
    expect(retried.statusCode, retried.body).toBe(200)
    expect(['retry', 'active', 'failed']).toContain(JobSchema.parse(retried.json()).state)
    await t.jobs.drain() // the server is still down: one more attempt, failed again
    const [failedAgain] = await listJobs(headers, 'failed')
    expect(failedAgain).toMatchObject({ id: failed.id, attempts: 3, maxAttempts: 3 })
    // A job still waiting for its next attempt cannot be retried by hand.
    await t.app.inject({
      method: 'POST',
      url: '/api/invitations',
      headers,
      payload: { email: 'unlucky-too@example.test', name: 'Unlucky Too', role: 'participant' },
    })
    await t.jobs.drain()
    const [waiting] = await listJobs(headers, 'retry')
    const refused = await t.app.inject({ method: 'POST', url: `/api/admin/jobs/${waiting.id}/retry`, headers })
    expect(refused.statusCode).toBe(409)
    expect(errorOf(refused).code).toBe('job_not_retryable')

    const bad = await t.app.inject({ method: 'GET', url: '/api/admin/jobs?state=lost', headers })
    expect(bad.statusCode).toBe(400)
    expect(errorOf(bad).code).toBe('validation_failed')
  })

  test('completed jobs are listed too', async () => {
    const org = await buildOrganization(t.db)
    const admin = await sessionHeadersFor(t.db, await buildPerson(t.db, { organizationId: org.id, role: 'admin' }))
    await t.jobs.send('password-reset', { organizationId: org.id, email: 'nobody@example.test' })
    await t.jobs.drain()
    const [done] = await listJobs(admin, 'completed')
    expect(done).toMatchObject({ queue: 'password-reset', state: 'completed', attempts: 1, lastError: null })
  })
})
