import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  EmailPreferencesSchema,
  MarkAllReadResultSchema,
  NotificationListQuerySchema,
  NotificationListSchema,
  NotificationParamsSchema,
  NotificationSchema,
  UnreadCountSchema,
  UnsubscribeInfoSchema,
  UnsubscribeOneClickQuerySchema,
  UnsubscribeParamsSchema,
  UnsubscribeRequestSchema,
  UpdateEmailPreferencesSchema,
} from '#contracts/notifications.ts'
import type { ApiModule, App } from '#server/app.ts'
import type { Clock } from '#server/clock.ts'
import type { Db } from '#server/db/connect.ts'
import { errorResponses, publicErrorResponses } from '#server/http/error-responses.ts'
import { requireViewer, viewerOf } from '#server/http/viewer.ts'
import {
  getMyEmailPreferences,
  getUnsubscribeInfo,
  unsubscribe,
  updateMyEmailPreferences,
} from './email-preferences.service.ts'
import {
  countMyUnreadNotifications,
  listMyNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from './notifications.service.ts'

const NoContentSchema = z.null().describe('No content')

/** The signed-in person's in-app notifications. */
export const registerNotificationRoutes: ApiModule = (api, { db, clock }) => {
  api.get(
    '/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'My notifications, newest first, with the unread count',
        querystring: NotificationListQuerySchema,
        response: { 200: NotificationListSchema, ...errorResponses() },
      },
      preValidation: requireViewer,
    },
    async (request) => listMyNotifications(db, viewerOf(request), request.query),
  )

  api.get(
    '/notifications/unread-count',
    {
      schema: {
        tags: ['notifications'],
        summary: 'How many of my notifications are unread (for the badge)',
        response: { 200: UnreadCountSchema, ...errorResponses() },
      },
      preValidation: requireViewer,
    },
    async (request) => countMyUnreadNotifications(db, viewerOf(request)),
  )

  api.post(
    '/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of my notifications read',
        params: NotificationParamsSchema,
        response: { 200: NotificationSchema, ...errorResponses(404) },
      },
      preValidation: requireViewer,
    },
    async (request) => markNotificationRead(db, viewerOf(request), request.params.id, clock.now()),
  )

  api.post(
    '/notifications/read-all',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark all my notifications read',
        response: { 200: MarkAllReadResultSchema, ...errorResponses() },
      },
      preValidation: requireViewer,
    },
    async (request) => markAllNotificationsRead(db, viewerOf(request), clock.now()),
  )

  registerEmailPreferenceRoutes(api, db, clock)
}

/**
 * Unsubscribe links work without signing in: the random token in the link is the credential, so
 * these routes take no CSRF token (mail programs send no cookies) and are rate limited per client
 * address (a link is a 256-bit random token; the limit keeps scanning and hammering cheap to refuse).
 */
const tokenRouteConfig = { csrf: false, rateLimit: { max: 30, timeWindow: '1 minute' } } as const

function registerEmailPreferenceRoutes(api: App, db: Db, clock: Clock) {
  api.get(
    '/me/email-preferences',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Which emails I get: every category with whether it is on',
        response: { 200: EmailPreferencesSchema, ...errorResponses() },
      },
      preValidation: requireViewer,
    },
    async (request) => getMyEmailPreferences(db, viewerOf(request)),
  )

  api.put(
    '/me/email-preferences',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Turn email categories on or off (the categories not named stay as they are)',
        body: UpdateEmailPreferencesSchema,
        response: { 200: EmailPreferencesSchema, ...errorResponses() },
      },
      preValidation: requireViewer,
    },
    async (request) => updateMyEmailPreferences(db, viewerOf(request), request.body, clock.now()),
  )

  api.get(
    '/unsubscribe/:token',
    {
      schema: {
        tags: ['notifications'],
        summary: "An unsubscribe link's address (masked) and email categories; no sign-in",
        params: UnsubscribeParamsSchema,
        response: {
          200: UnsubscribeInfoSchema,
          ...publicErrorResponses(404, 429),
        },
      },
      config: tokenRouteConfig,
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store')
      return getUnsubscribeInfo(db, request.params.token)
    },
  )

  api.post(
    '/unsubscribe/:token',
    {
      schema: {
        tags: ['notifications'],
        summary:
          "Stop one category of emails ({category}) or all of them ({all: true}) from an email's link; no sign-in",
        params: UnsubscribeParamsSchema,
        body: UnsubscribeRequestSchema,
        response: {
          200: UnsubscribeInfoSchema,
          ...publicErrorResponses(404, 429),
        },
      },
      config: tokenRouteConfig,
    },
    async (request) => unsubscribe(db, request.params.token, request.body, clock.now()),
  )

  // RFC 8058: mail programs POST "List-Unsubscribe=One-Click" as a form; the address says what to stop,
  // so the form is read (parsers in this scope only) but not needed.
  api.register(async (scope) => {
    const oneClick = scope.withTypeProvider<ZodTypeProvider>()
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data']) {
      oneClick.addContentTypeParser(type, { parseAs: 'string', bodyLimit: 4096 }, (_request, _body, done) => done(null))
    }
    oneClick.post(
      '/unsubscribe/:token/one-click',
      {
        schema: {
          tags: ['notifications'],
          summary: 'One-click unsubscribe (RFC 8058 List-Unsubscribe-Post) from the category in the address',
          params: UnsubscribeParamsSchema,
          querystring: UnsubscribeOneClickQuerySchema,
          response: {
            204: NoContentSchema,
            ...publicErrorResponses(404, 429),
          },
        },
        config: tokenRouteConfig,
      },
      async (request, reply) => {
        await unsubscribe(db, request.params.token, { category: request.query.category }, clock.now(), 'one_click')
        return reply.code(204).send(null)
      },
    )
  })
}
