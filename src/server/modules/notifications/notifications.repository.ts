import { randomBytes } from 'node:crypto'
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
export function updateNotificationRead(
  db: Db,
  organizationId: string,
  personId: string,
  notificationId: string,
  now: Date,
) {
  return db
    .updateTable('notifications')
    .set({ read_at: sql`coalesce(read_at, ${now}::timestamptz)` })
    .where('organization_id', '=', organizationId)
    .where('person_id', '=', personId)
    .where('id', '=', notificationId)
    .returningAll()
    .executeTakeFirst()
}

export async function updateAllNotificationsRead(
  db: Db,
  organizationId: string,
  personId: string,
  now: Date,
): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('organization_id', '=', organizationId)
    .where('person_id', '=', personId)
    .where('read_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

// ---- email preferences --------------------------------------------------------------------------

/**
 * The email preferences of these people, one row each: a person without a row gets one now (with a
 * new unsubscribe token and nothing muted).
 */
export async function ensureEmailPreferences(db: Db, organizationId: string, personIds: string[]) {
  const ids = [...new Set(personIds)]
  if (ids.length === 0) return []
  const existing = await db
    .selectFrom('email_preferences')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('person_id', 'in', ids)
    .execute()
  const missing = ids.filter((id) => !existing.some((row) => row.person_id === id))
  if (missing.length === 0) return existing
  const created = await db
    .insertInto('email_preferences')
    .values(
      missing.map((personId) => ({
        person_id: personId,
        organization_id: organizationId,
        unsubscribe_token: randomBytes(32).toString('base64url'),
      })),
    )
    .onConflict((oc) => oc.column('person_id').doNothing())
    .returningAll()
    .execute()
  if (created.length === missing.length) return [...existing, ...created]
  // Someone else created a row at the same moment: read it back.
  return db
    .selectFrom('email_preferences')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('person_id', 'in', ids)
    .execute()
}

export function findEmailPreferencesByToken(db: Db, token: string) {
  return db.selectFrom('email_preferences').selectAll().where('unsubscribe_token', '=', token).executeTakeFirst()
}

/**
 * Mutes and unmutes categories in one statement (no lost update when two changes race); unmute wins
 * over mute for a category named in both.
 */
export function updateMutedCategoriesBy(
  db: Db,
  personId: string,
  change: { mute: string[]; unmute: string[] },
  now: Date,
) {
  return db
    .updateTable('email_preferences')
    .set({
      muted_categories: sql<string[]>`array(
        select distinct c from unnest(muted_categories || ${sql.val(change.mute)}::text[]) as c
        where c <> all(${sql.val(change.unmute)}::text[]) order by c
      )`,
      updated_at: now,
    })
    .where('person_id', '=', personId)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** The address an unsubscribe link belongs to (shown masked). */
export function findPersonEmail(db: Db, organizationId: string, personId: string) {
  return db
    .selectFrom('people')
    .select('email')
    .where('organization_id', '=', organizationId)
    .where('id', '=', personId)
    .executeTakeFirst()
}

// ---- once-only deliveries -----------------------------------------------------------------------

/**
 * Claims a scheduled notification's delivery key; true for the first caller only. Call inside the
 * transaction that records the notification: a rollback frees the key for the retry.
 */
export async function claimDelivery(db: Db, organizationId: string, deliveryKey: string): Promise<boolean> {
  const row = await db
    .insertInto('notification_deliveries')
    .values({ delivery_key: deliveryKey, organization_id: organizationId })
    .onConflict((oc) => oc.column('delivery_key').doNothing())
    .returning('delivery_key')
    .executeTakeFirst()
  return row !== undefined
}

/** Whether a once-only delivery key was already claimed. */
export async function hasDelivery(db: Db, organizationId: string, deliveryKey: string): Promise<boolean> {
  const row = await db
    .selectFrom('notification_deliveries')
    .select('delivery_key')
    .where('organization_id', '=', organizationId)
    .where('delivery_key', '=', deliveryKey)
    .executeTakeFirst()
  return row !== undefined
}
