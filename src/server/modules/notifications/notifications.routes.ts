import { ErrorResponseSchema } from '#contracts/errors.ts'
import {
  MarkAllReadResultSchema,
  NotificationListQuerySchema,
  NotificationListSchema,
  NotificationParamsSchema,
  NotificationSchema,
  UnreadCountSchema,
} from '#contracts/notifications.ts'
import type { ApiModule } from '#server/app.ts'
import { requireViewer, viewerOf } from '#server/http/viewer.ts'
import {
  countMyUnreadNotifications,
  listMyNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from './notifications.service.ts'

const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema }

/** The signed-in person's in-app notifications. */
export const registerNotificationRoutes: ApiModule = (api, { db }) => {
  api.get(
    '/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'My notifications, newest first, with the unread count',
        querystring: NotificationListQuerySchema,
        response: { 200: NotificationListSchema, ...errors },
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
        response: { 200: UnreadCountSchema, ...errors },
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
        response: { 200: NotificationSchema, ...errors, 404: ErrorResponseSchema },
      },
      preValidation: requireViewer,
    },
    async (request) => markNotificationRead(db, viewerOf(request), request.params.id),
  )

  api.post(
    '/notifications/read-all',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark all my notifications read',
        response: { 200: MarkAllReadResultSchema, ...errors },
      },
      preValidation: requireViewer,
    },
    async (request) => markAllNotificationsRead(db, viewerOf(request)),
  )
}
