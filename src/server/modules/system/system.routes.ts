import { SystemStatusSchema } from '#contracts/system.ts'
import type { ApiModule } from '#server/app.ts'
import { errorResponses } from '#server/http/error-responses.ts'
import { requireRole, viewerOf } from '#server/http/viewer.ts'
import {
  forgetInstance,
  getSystemStatus,
  HEARTBEAT_INTERVAL_MS,
  newInstance,
  recordHeartbeat,
} from './system.service.ts'

/**
 * Administration > System (issue #16, point 4), and this instance's heartbeat: recorded once the app
 * is ready and every half minute after, removed when it closes.
 */
export const registerSystemRoutes: ApiModule = (api, { db, databaseKind, config, jobs, clock }) => {
  const instance = newInstance(clock)
  let heartbeat: NodeJS.Timeout | undefined
  const beat = () =>
    recordHeartbeat(db, config, instance, clock.now()).catch((error) =>
      api.log.warn({ err: error }, 'the instance heartbeat could not be recorded'),
    )
  api.addHook('onReady', async () => {
    await beat()
    heartbeat = setInterval(beat, HEARTBEAT_INTERVAL_MS)
    heartbeat.unref()
  })
  api.addHook('onClose', async () => {
    clearInterval(heartbeat)
    await forgetInstance(db, instance).catch(() => {})
  })

  api.get(
    '/admin/system',
    {
      schema: {
        tags: ['system'],
        summary:
          "Version, uptime, database, migrations, job queues and running instances, with the organization's emails of the last 24 hours and latest matching runs (admin)",
        response: { 200: SystemStatusSchema, ...errorResponses() },
      },
      preValidation: requireRole('admin'),
    },
    async (request) =>
      getSystemStatus(db, { databaseKind, jobs, instance }, viewerOf(request).organizationId, clock.now()),
  )
}
