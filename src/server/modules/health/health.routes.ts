import { z } from 'zod'
import type { App } from '#server/app.ts'
import { type DatabaseHandle, isDatabaseReachable } from '#server/db/connect.ts'
import { AppError } from '#server/http/app-error.ts'

const HealthSchema = z.object({ status: z.literal('ok') })

/** /readyz answers within this, whatever the database does (load balancers give up at about 2 s). */
const READY_CHECK_TIMEOUT_MS = 1_500

export function registerHealthRoutes(app: App, database: Pick<DatabaseHandle, 'db' | 'availability'>) {
  app.get(
    '/healthz',
    { schema: { tags: ['health'], summary: 'The process is up', response: { 200: HealthSchema } } },
    async () => ({ status: 'ok' as const }),
  )
  app.get(
    '/readyz',
    { schema: { tags: ['health'], summary: 'The database answers', response: { 200: HealthSchema } } },
    async () => {
      if (!(await isDatabaseReachable(database, READY_CHECK_TIMEOUT_MS))) {
        throw new AppError('database_unavailable', 'The database is not reachable')
      }
      return { status: 'ok' as const }
    },
  )
}
