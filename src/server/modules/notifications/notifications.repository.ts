import { sql } from 'kysely'
import type { Db } from '#server/db/connect.ts'

export interface NewNotification {
  organizationId: string
  personId: string
  kind: string
  title: string
  body: string
  link: string | null
}

const BATCH = 500

export async function insertNotifications(db: Db, notifications: NewNotification[]): Promise<void> {
  for (let start = 0; start < notifications.length; start += BATCH) {
    await db
      .insertInto('notifications')
      .values(
        notifications.slice(start, start + BATCH).map((n) => ({
          organization_id: n.organizationId,
          person_id: n.personId,
          kind: n.kind,
          title: n.title,
          body: n.body,
          link: n.link,
        })),
      )
      .execute()
  }
}

/** One person's notifications, newest first; `afterId` continues after that one (keyset pagination). */
export function listNotificationsOf(
  db: Db,
  organizationId: string,
  personId: string,
  options: { limit: number; isUnreadOnly: boolean; afterId?: string },
) {
  let query = db
    .selectFrom('notifications')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('person_id', '=', personId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit)
  if (options.isUnreadOnly) query = query.where('read_at', 'is', null)
  if (options.afterId !== undefined) {
    query = query.where(
      sql<boolean>`(created_at, id) < (select c.created_at, c.id from notifications c where c.id = ${options.afterId} and c.person_id = ${personId})`,
    )
  }
  return query.execute()
}

export async function countUnreadNotifications(db: Db, organizationId: string, personId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('organization_id', '=', organizationId)
    .where('person_id', '=', personId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** Marks one of the person's notifications read (keeps the first read time); undefined when it is not theirs. */
export function updateNotificationRead(db: Db, organizationId: string, personId: string, notificationId: string) {
  return db
    .updateTable('notifications')
    .set({ read_at: sql`coalesce(read_at, now())` })
    .where('organization_id', '=', organizationId)
    .where('person_id', '=', personId)
    .where('id', '=', notificationId)
    .returningAll()
    .executeTakeFirst()
}

export async function updateAllNotificationsRead(db: Db, organizationId: string, personId: string): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: new Date() })
    .where('organization_id', '=', organizationId)
    .where('person_id', '=', personId)
    .where('read_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}
