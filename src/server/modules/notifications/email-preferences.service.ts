import {
  EMAIL_CATEGORIES,
  EMAIL_CATEGORY_LABELS,
  type EmailCategory,
  type EmailPreferences,
  type UnsubscribeInfo,
  type UnsubscribeRequest,
  type UpdateEmailPreferences,
} from '#contracts/notifications.ts'
import type { Db } from '#server/db/connect.ts'
import type { EmailPreferencesRow } from '#server/db/schema.ts'
import { inTransaction } from '#server/db/transaction.ts'
import { notFound } from '#server/http/app-error.ts'
import type { Viewer } from '#server/http/viewer.ts'
import { recordAuditEvent } from '#server/modules/audit/audit.service.ts'
import {
  ensureEmailPreferences,
  findEmailPreferencesByToken,
  findPersonEmail,
  updateMutedCategoriesBy,
} from './notifications.repository.ts'

/** How a preference change was made, kept in the audit log. */
type ChangeSource = 'settings' | 'unsubscribe_page' | 'one_click'

export function toEmailPreferences(row: Pick<EmailPreferencesRow, 'muted_categories'>): EmailPreferences {
  return {
    categories: EMAIL_CATEGORIES.map((category) => ({
      category,
      ...EMAIL_CATEGORY_LABELS[category],
      isEnabled: !row.muted_categories.includes(category),
    })),
  }
}

/** "ana.lima@example.com" -> "a***@example.com": enough to recognise one's own address, not to harvest it. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@')
  if (at <= 0) return '***'
  return `${email[0]}***${email.slice(at)}`
}

async function changeMutedCategories(
  db: Db,
  row: EmailPreferencesRow,
  change: { mute: EmailCategory[]; unmute: EmailCategory[] },
  source: ChangeSource,
  address: string | null,
  now: Date,
): Promise<EmailPreferencesRow> {
  return inTransaction(db, async (trx) => {
    const updated = await updateMutedCategoriesBy(trx, row.person_id, change, now)
    const before = new Set(row.muted_categories)
    const after = new Set(updated.muted_categories)
    const muted = updated.muted_categories.filter((c) => !before.has(c))
    const unmuted = row.muted_categories.filter((c) => !after.has(c))
    if (muted.length > 0 || unmuted.length > 0) {
      await recordAuditEvent(trx, {
        organizationId: row.organization_id,
        actorId: row.person_id,
        address,
        action: 'email_preferences.updated',
        targetType: 'person',
        targetId: row.person_id,
        details: { muted, unmuted, source },
      })
    }
    return updated
  })
}

async function myPreferencesRow(db: Db, viewer: Viewer): Promise<EmailPreferencesRow> {
  const [row] = await ensureEmailPreferences(db, viewer.organizationId, [viewer.personId])
  return row
}

/** The viewer's email categories, each with whether its emails are sent. */
export async function getMyEmailPreferences(db: Db, viewer: Viewer): Promise<EmailPreferences> {
  return toEmailPreferences(await myPreferencesRow(db, viewer))
}

/** Turns the named categories on or off for the viewer; the others stay as they were. */
export async function updateMyEmailPreferences(
  db: Db,
  viewer: Viewer,
  body: UpdateEmailPreferences,
  now: Date,
): Promise<EmailPreferences> {
  // The last entry for a category wins, as if the changes were applied in order.
  const wanted = new Map(body.categories.map((c) => [c.category, c.isEnabled]))
  const change = {
    mute: [...wanted].filter(([, isEnabled]) => !isEnabled).map(([category]) => category),
    unmute: [...wanted].filter(([, isEnabled]) => isEnabled).map(([category]) => category),
  }
  const row = await myPreferencesRow(db, viewer)
  return toEmailPreferences(await changeMutedCategories(db, row, change, 'settings', viewer.address, now))
}

/** The preferences an unsubscribe link's token stands for; 404 for a token nobody holds. */
async function preferencesOfToken(db: Db, token: string): Promise<EmailPreferencesRow> {
  const row = await findEmailPreferencesByToken(db, token)
  if (!row) throw notFound('Unsubscribe link')
  return row
}

async function toUnsubscribeInfo(db: Db, row: EmailPreferencesRow): Promise<UnsubscribeInfo> {
  const person = await findPersonEmail(db, row.organization_id, row.person_id)
  if (!person) throw notFound('Unsubscribe link')
  return { maskedEmail: maskEmail(person.email), ...toEmailPreferences(row) }
}

/** What the unsubscribe page shows: the link works without signing in, the token being the credential. */
export async function getUnsubscribeInfo(db: Db, token: string): Promise<UnsubscribeInfo> {
  return toUnsubscribeInfo(db, await preferencesOfToken(db, token))
}

/** Mutes one category, or every category, for the holder of the link. */
export async function unsubscribe(
  db: Db,
  token: string,
  request: UnsubscribeRequest,
  now: Date,
  source: Exclude<ChangeSource, 'settings'> = 'unsubscribe_page',
): Promise<UnsubscribeInfo> {
  const row = await preferencesOfToken(db, token)
  const mute = 'all' in request ? [...EMAIL_CATEGORIES] : [request.category]
  const updated = await changeMutedCategories(db, row, { mute, unmute: [] }, source, null, now)
  return toUnsubscribeInfo(db, updated)
}
