import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ErrorResponseSchema } from '#contracts/errors.ts'
import { NotificationListSchema, NotificationSchema, UnreadCountSchema } from '#contracts/notifications.ts'
import type { PersonRow } from '#server/db/schema.ts'
import { createMailer } from '#server/mail/mailer.ts'
import { buildOrganization, buildPerson, muteEmails } from '#server/test/factories.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'
import { emailNotifications, type NotificationToSend, recordNotifications } from './notifications.service.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const notice = (person: PersonRow, title: string): NotificationToSend => ({
  personId: person.id,
  kind: 'match_published',
  title,
  body: `Body of ${title}`,
  link: '/me/matches',
  email: { to: person.email, subject: title, text: `Text of ${title}` },
})

async function personWithHeaders(organizationId: string) {
  const person = await buildPerson(t.db, { organizationId })
  return { person, headers: await sessionHeadersFor(t.db, person) }
}

const list = async (headers: Record<string, string>, query = '') =>
  NotificationListSchema.parse(
    (await t.app.inject({ method: 'GET', url: `/api/notifications${query}`, headers })).json(),
  )

describe('notifications', () => {
  test('a person reads their own notifications newest first, page by page, and marks them read', async () => {
    const org = await buildOrganization(t.db)
    const ana = await personWithHeaders(org.id)
    const ben = await personWithHeaders(org.id)
    for (const title of ['first', 'second', 'third']) {
      await recordNotifications(t.db, org.id, [notice(ana.person, title)])
      // distinct creation times: two quick inserts can get the same clock reading
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    await recordNotifications(t.db, org.id, [notice(ben.person, 'for ben')])

    const first = await list(ana.headers, '?limit=2')
    expect(first.notifications.map((n) => n.title)).toEqual(['third', 'second'])
    expect(first.unreadCount).toBe(3)
    const second = await list(ana.headers, `?limit=2&cursor=${first.nextCursor}`)
    expect(second.notifications.map((n) => n.title)).toEqual(['first'])
    expect(second.nextCursor).toBeNull()

    const read = await t.app.inject({
      method: 'POST',
      url: `/api/notifications/${first.notifications[0].id}/read`,
      headers: ana.headers,
    })
    expect(read.statusCode).toBe(200)
    expect(NotificationSchema.parse(read.json()).readAt).not.toBeNull()
    const count = await t.app.inject({ method: 'GET', url: '/api/notifications/unread-count', headers: ana.headers })
    expect(UnreadCountSchema.parse(count.json()).unreadCount).toBe(2)
    expect((await list(ana.headers, '?unread=true')).notifications.map((n) => n.title)).toEqual(['second', 'first'])

    const all = await t.app.inject({ method: 'POST', url: '/api/notifications/read-all', headers: ana.headers })
    expect(all.json()).toEqual({ marked: 2, unreadCount: 0 })
    expect((await list(ana.headers)).unreadCount).toBe(0)
    // Ben's stay unread
    expect((await list(ben.headers)).unreadCount).toBe(1)
  })

  test("nobody reads or marks another person's notification, in or across organizations (404)", async () => {
    const org = await buildOrganization(t.db)
    const other = await buildOrganization(t.db)
    const ana = await personWithHeaders(org.id)
    const colleague = await personWithHeaders(org.id)
    const stranger = await personWithHeaders(other.id)
    await recordNotifications(t.db, org.id, [notice(ana.person, 'private')])
    const [mine] = (await list(ana.headers)).notifications
    for (const headers of [colleague.headers, stranger.headers]) {
      expect((await list(headers)).notifications).toEqual([])
      const response = await t.app.inject({ method: 'POST', url: `/api/notifications/${mine.id}/read`, headers })
      expect(response.statusCode).toBe(404)
      expect(ErrorResponseSchema.parse(response.json()).error.code).toBe('not_found')
    }
    expect((await list(ana.headers)).unreadCount).toBe(1)
  })

  test('signed-out requests are refused', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/notifications' })
    expect(response.statusCode).toBe(401)
  })

  test('the email side lands in the outbox, unless its person muted the category', async () => {
    const org = await buildOrganization(t.db)
    const ana = await personWithHeaders(org.id)
    const ben = await personWithHeaders(org.id)
    await muteEmails(t.db, ben.person, ['matches'])
    const outbox = createMailer({ smtpUrl: undefined, from: 'tandem@example.test' })
    expect(
      await emailNotifications(t.db, { mailer: outbox, publicUrl: 'http://tandem.test' }, org.id, [
        notice(ana.person, 'mail me'),
        notice(ben.person, 'not me'),
      ]),
    ).toEqual({ sent: 1 })
    const stored = await t.db
      .selectFrom('outbox_emails')
      .selectAll()
      .where('to_address', 'in', [ana.person.email, ben.person.email])
      .execute()
    expect(stored.map((e) => [e.to_address, e.subject])).toEqual([[ana.person.email, 'mail me']])
  })
})
