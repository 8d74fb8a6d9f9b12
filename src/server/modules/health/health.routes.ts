import { z } from 'zod'
import type { App } from '#server/app.ts'
import type { Db } from '#server/db/connect.ts'
import { isDatabaseReachable } from '#server/db/connect.ts'
import { AppError } from '#server/http/app-error.ts'

const HealthSchema = z.object({ status: z.literal('ok') })

export function registerHealthRoutes(app: App, db: Db) {
  app.get(
    '/healthz',
    { schema: { tags: ['health'], summary: 'The process is up', response: { 200: HealthSchema } } },
    async () => ({ status: 'ok' as const }),
  )
  app.get(
    '/readyz',
    { schema: { tags: ['health'], summary: 'The database answers', response: { 200: HealthSchema } } },
    async () => {
      if (!(await isDatabaseReachable(db))) throw new AppError('service_unavailable', 'The database is not reachable')
      return { status: 'ok' as const }
    },
  )
}
