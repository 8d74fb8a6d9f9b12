import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ErrorResponseSchema } from '#contracts/errors.ts'
import { EMAIL_CATEGORIES, EmailPreferencesSchema, UnsubscribeInfoSchema } from '#contracts/notifications.ts'
import type { PersonRow } from '#server/db/schema.ts'
import { buildOrganization, buildPerson } from '#server/test/factories.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

type Headers = Record<string, string>

async function personWithHeaders(organizationId: string, email?: string) {
  const person = await buildPerson(t.db, { organizationId, ...(email ? { email } : {}) })
  return { person, headers: await sessionHeadersFor(t.db, person) }
}

const getPreferences = (headers: Headers) => t.app.inject({ method: 'GET', url: '/api/me/email-preferences', headers })
const putPreferences = (headers: Headers, payload: object) =>
  t.app.inject({ method: 'PUT', url: '/api/me/email-preferences', headers, payload })

function errorCode(response: { json(): unknown }) {
  return ErrorResponseSchema.parse(response.json()).error.code
}

/** The muted categories as stored. */
async function mutedOf(person: PersonRow) {
  const row = await t.db
    .selectFrom('email_preferences')
    .select('muted_categories')
    .where('person_id', '=', person.id)
    .executeTakeFirst()
  return row ? [...row.muted_categories].sort() : undefined
}

/** The person's unsubscribe token (the row is created the first time their preferences are read). */
async function tokenOf(person: PersonRow) {
  await getPreferences(await sessionHeadersFor(t.db, person))
  const row = await t.db
    .selectFrom('email_preferences')
    .select('unsubscribe_token')
    .where('person_id', '=', person.id)
    .executeTakeFirstOrThrow()
  return row.unsubscribe_token
}

const disabled = (body: unknown) =>
  EmailPreferencesSchema.parse(body)
    .categories.filter((c) => !c.isEnabled)
    .map((c) => c.category)
    .sort()

const UNKNOWN_TOKEN = 'x'.repeat(43)

describe('my email preferences', () => {
  test('signed out: 401; a write without the CSRF token: 403; nothing stored', async () => {
    const org = await buildOrganization(t.db)
    const ana = await personWithHeaders(org.id)
    expect((await getPreferences({})).statusCode).toBe(401)
    const anonymous = await putPreferences({}, { categories: [{ category: 'nudges', isEnabled: false }] })
    expect(anonymous.statusCode).toBe(401)
    expect(errorCode(anonymous)).toBe('unauthenticated')
    const forged = await putPreferences(
      { cookie: ana.headers.cookie },
      { categories: [{ category: 'nudges', isEnabled: false }] },
    )
    expect(forged.statusCode).toBe(403)
    expect(errorCode(forged)).toBe('csrf_invalid')
    expect(await mutedOf(ana.person)).toBeUndefined()
  })

  test('every category starts on, with its words; muting and unmuting persist and touch nobody else', async () => {
    const org = await buildOrganization(t.db)
    const ana = await personWithHeaders(org.id)
    const ben = await personWithHeaders(org.id)

    const initial = await getPreferences(ana.headers)
    expect(initial.statusCode).toBe(200)
    const categories = EmailPreferencesSchema.parse(initial.json()).categories
    expect(categories.map((c) => c.category)).toEqual([...EMAIL_CATEGORIES])
    expect(categories.every((c) => c.isEnabled && c.label.length > 0 && c.description.length > 0)).toBe(true)
    expect(categories.find((c) => c.category === 'session_reminders')?.label).toBe('Session reminders')
    await getPreferences(ben.headers)

    const muted = await putPreferences(ana.headers, {
      categories: [
        { category: 'nudges', isEnabled: false },
        { category: 'surveys', isEnabled: false },
      ],
    })
    expect(muted.statusCode, muted.body).toBe(200)
    expect(disabled(muted.json())).toEqual(['nudges', 'surveys'])
    expect(disabled((await getPreferences(ana.headers)).json())).toEqual(['nudges', 'surveys'])

    // Only the named categories change: surveys stays off.
    const changed = await putPreferences(ana.headers, {
      categories: [
        { category: 'nudges', isEnabled: true },
        { category: 'matches', isEnabled: false },
      ],
    })
    expect(disabled(changed.json())).toEqual(['matches', 'surveys'])
    expect(await mutedOf(ana.person)).toEqual(['matches', 'surveys'])
    expect(await mutedOf(ben.person)).toEqual([])
    expect(disabled((await getPreferences(ben.headers)).json())).toEqual([])

    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'actor_id', 'target_id', 'details'])
      .where('organization_id', '=', org.id)
      .orderBy('id')
      .execute()
    expect(audit.map((e) => [e.action, e.actor_id, e.target_id])).toEqual([
      ['email_preferences.updated', ana.person.id, ana.person.id],
      ['email_preferences.updated', ana.person.id, ana.person.id],
    ])
    expect(audit[1].details).toEqual({ muted: ['matches'], unmuted: ['nudges'], source: 'settings' })
  })

  test('an unknown category or an empty change: 400 with the field named, nothing changed', async () => {
    const org = await buildOrganization(t.db)
    const ana = await personWithHeaders(org.id)
    await putPreferences(ana.headers, { categories: [{ category: 'nudges', isEnabled: false }] })
    for (const payload of [
      { categories: [{ category: 'marketing', isEnabled: false }] },
      { categories: [{ category: 'nudges', isEnabled: 'no' }] },
      { categories: [] },
      {},
    ]) {
      const response = await putPreferences(ana.headers, payload)
      expect(response.statusCode, JSON.stringify(payload)).toBe(400)
      const error = ErrorResponseSchema.parse(response.json()).error
      expect(error.code).toBe('validation_failed')
      expect(error.details[0].path).toMatch(/^body/)
    }
    expect(await mutedOf(ana.person)).toEqual(['nudges'])
  })
})

describe('unsubscribe links (no sign-in)', () => {
  test('the link shows the masked address and categories; a malformed token is 400, an unknown one 404', async () => {
    const org = await buildOrganization(t.db)
    const ana = await personWithHeaders(org.id, `ana.lima.${Date.now()}@example.test`)
    const token = await tokenOf(ana.person)

    const info = await t.app.inject({ method: 'GET', url: `/api/unsubscribe/${token}` })
    expect(info.statusCode, info.body).toBe(200)
    expect(info.headers['cache-control']).toBe('no-store')
    const body = UnsubscribeInfoSchema.parse(info.json())
    expect(body.maskedEmail).toBe('a***@example.test')
    expect(info.body).not.toContain(ana.person.email)
    expect(body.categories.every((c) => c.isEnabled)).toBe(true)

    const unknown = await t.app.inject({ method: 'GET', url: `/api/unsubscribe/${UNKNOWN_TOKEN}` })
    expect(unknown.statusCode).toBe(404)
    expect(errorCode(unknown)).toBe('not_found')
    for (const bad of ['short', `${token}!`]) {
      const malformed = await t.app.inject({ method: 'GET', url: `/api/unsubscribe/${encodeURIComponent(bad)}` })
      expect(malformed.statusCode).toBe(400)
      expect(errorCode(malformed)).toBe('validation_failed')
    }
  })

  test("a token mutes one category or all of its own person's emails, and nobody else's", async () => {
    const org = await buildOrganization(t.db)
    const ana = await personWithHeaders(org.id)
    const ben = await personWithHeaders(org.id)
    const anaToken = await tokenOf(ana.person)
    await tokenOf(ben.person)

    const one = await t.app.inject({
      method: 'POST',
      url: `/api/unsubscribe/${anaToken}`,
      payload: { category: 'session_reminders' },
    })
    expect(one.statusCode, one.body).toBe(200)
    expect(disabled({ categories: UnsubscribeInfoSchema.parse(one.json()).categories })).toEqual(['session_reminders'])
    expect(await mutedOf(ana.person)).toEqual(['session_reminders'])

    // Ana's own session does not get in the way (no CSRF token is asked for on a token link).
    const all = await t.app.inject({
      method: 'POST',
      url: `/api/unsubscribe/${anaToken}`,
      headers: { cookie: ana.headers.cookie },
      payload: { all: true },
    })
    expect(all.statusCode, all.body).toBe(200)
    expect(await mutedOf(ana.person)).toEqual([...EMAIL_CATEGORIES].sort())
    expect(await mutedOf(ben.person)).toEqual([])
    expect(disabled((await getPreferences(ana.headers)).json())).toEqual([...EMAIL_CATEGORIES].sort())

    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'actor_id', 'details'])
      .where('organization_id', '=', org.id)
      .orderBy('id')
      .execute()
    expect(audit).toHaveLength(2)
    expect(audit[0]).toMatchObject({
      action: 'email_preferences.updated',
      actor_id: ana.person.id,
      details: { muted: ['session_reminders'], unmuted: [], source: 'unsubscribe_page' },
    })
  })

  test('bad requests change nothing: unknown category 400, all:false 400, unknown token 404', async () => {
    const org = await buildOrganization(t.db)
    const ana = await personWithHeaders(org.id)
    const token = await tokenOf(ana.person)
    for (const payload of [{ category: 'marketing' }, { all: false }, {}]) {
      const response = await t.app.inject({ method: 'POST', url: `/api/unsubscribe/${token}`, payload })
      expect(response.statusCode, JSON.stringify(payload)).toBe(400)
      expect(errorCode(response)).toBe('validation_failed')
    }
    const unknown = await t.app.inject({
      method: 'POST',
      url: `/api/unsubscribe/${UNKNOWN_TOKEN}`,
      payload: { all: true },
    })
    expect(unknown.statusCode).toBe(404)
    expect(await mutedOf(ana.person)).toEqual([])
  })

  test('RFC 8058 one-click: the form POST a mail program sends mutes the category in the address', async () => {
    const org = await buildOrganization(t.db)
    const ana = await personWithHeaders(org.id)
    const token = await tokenOf(ana.person)
    const form = {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    }

    const response = await t.app.inject({
      method: 'POST',
      url: `/api/unsubscribe/${token}/one-click?category=nudges`,
      ...form,
    })
    expect(response.statusCode, response.body).toBe(204)
    expect(await mutedOf(ana.person)).toEqual(['nudges'])
    // Again: still muted, still fine.
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/unsubscribe/${token}/one-click?category=nudges`,
      ...form,
    })
    expect(again.statusCode).toBe(204)

    const multipart = await t.app.inject({
      method: 'POST',
      url: `/api/unsubscribe/${token}/one-click?category=surveys`,
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
      payload: '--b\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--b--\r\n',
    })
    expect(multipart.statusCode, multipart.body).toBe(204)
    expect(await mutedOf(ana.person)).toEqual(['nudges', 'surveys'])

    for (const query of ['', '?category=marketing']) {
      const bad = await t.app.inject({ method: 'POST', url: `/api/unsubscribe/${token}/one-click${query}`, ...form })
      expect(bad.statusCode).toBe(400)
      expect(errorCode(bad)).toBe('validation_failed')
    }
    const unknown = await t.app.inject({
      method: 'POST',
      url: `/api/unsubscribe/${UNKNOWN_TOKEN}/one-click?category=matches`,
      ...form,
    })
    expect(unknown.statusCode).toBe(404)
    expect(await mutedOf(ana.person)).toEqual(['nudges', 'surveys'])
    // The form parser belongs to this route only: elsewhere a form body is still refused.
    const elsewhere = await t.app.inject({ method: 'POST', url: `/api/unsubscribe/${token}`, ...form })
    expect(elsewhere.statusCode).toBe(415)
    expect(errorCode(elsewhere)).toBe('unsupported_media_type')
    expect(await mutedOf(ana.person)).toEqual(['nudges', 'surveys'])
  })

  test('guessing tokens is rate limited per address (429 rate_limited)', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 31; i++) {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/unsubscribe/${UNKNOWN_TOKEN.slice(1)}${i % 10}`,
        remoteAddress: '10.9.8.7',
      })
      statuses.push(response.statusCode)
      if (response.statusCode === 429) expect(errorCode(response)).toBe('rate_limited')
    }
    expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true)
    expect(statuses[30]).toBe(429)
    // Another address is not held back.
    const other = await t.app.inject({
      method: 'GET',
      url: `/api/unsubscribe/${UNKNOWN_TOKEN}`,
      remoteAddress: '10.9.8.6',
    })
    expect(other.statusCode).toBe(404)
  })
})
