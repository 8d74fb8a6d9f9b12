import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { connectDatabase, type DatabaseHandle } from '#server/db/connect.ts'
import { createTcpProxy, type TcpProxy } from '#server/test/tcp-proxy.ts'
import { createTestDb } from '#server/test/test-db.ts'
import { createJobRunner, type JobData, type JobRunner } from './job-runner.ts'

const onPostgres = Boolean(process.env.TEST_DATABASE_URL)

// pg-boss opens its own pool on PostgreSQL; the embedded PGlite shares the app's single session and
// has no connection to lose, so this needs a server behind a proxy the test can cut.
describe.skipIf(!onPostgres)(
  'the job queue through a database outage (TEST_DATABASE_URL only: needs a server to cut)',
  () => {
    let direct: DatabaseHandle
    let proxied: DatabaseHandle
    let proxy: TcpProxy
    let jobs: JobRunner | undefined
    const logged: string[] = []

    beforeAll(async () => {
      direct = await createTestDb()
      const target = new URL(direct.url ?? '')
      proxy = await createTcpProxy({ host: target.hostname, port: Number(target.port || 5432) })
      const through = new URL(target)
      through.hostname = '127.0.0.1'
      through.port = String(proxy.port)
      proxied = await connectDatabase({
        databaseUrl: through.toString(),
        dataDir: '',
        pool: { connectTimeoutSeconds: 1 },
      })
      proxied.availability.setLogger({ warn: (line) => logged.push(line), info: (line) => logged.push(line) })
    })
    afterAll(async () => {
      proxy?.restore()
      await jobs?.stop({ graceful: false })
      await proxied?.close()
      await proxy?.close()
      await direct?.close()
    })

    test('its connection errors are reported as one outage, not thrown, and its workers take jobs again afterwards', async () => {
      const reported: Error[] = []
      const handled: string[] = []
      jobs = createJobRunner(proxied, {
        pollingIntervalSeconds: 0.5,
        poolSize: 2,
        onError: (error) => reported.push(error),
      })
      jobs.define<JobData & { label: string }>({
        queue: 'outage-probe',
        handler: async (data) => {
          handled.push(data.label)
        },
      })
      await jobs.start()
      await jobs.send('outage-probe', { organizationId: null, label: 'before' })
      await vi.waitFor(() => expect(handled).toEqual(['before']), { timeout: 5_000 })

      proxy.cut()
      // A few of pg-boss's polls (every 0.5 s) and its LISTEN connection fail meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 1_500))
      expect(logged.filter((line) => line.startsWith('database unavailable'))).toHaveLength(1)
      proxy.restore()

      await vi.waitFor(() => jobs?.send('outage-probe', { organizationId: null, label: 'after' }), { timeout: 5_000 })
      await vi.waitFor(() => expect(handled).toEqual(['before', 'after']), { timeout: 5_000 })
      // Only errors that are not a lost database reach the job queue's own error report.
      expect(reported.map((error) => error.message)).toEqual([])
    })
  },
)
