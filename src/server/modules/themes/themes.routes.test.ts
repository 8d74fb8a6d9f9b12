import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildOrganization, buildPerson, buildProgram } from '#server/test/factories.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'

type Headers = Record<string, string>

let t: TestApp
let orgId: string
let adminHeaders: Headers
let managerHeaders: Headers
let participantHeaders: Headers
let otherAdminHeaders: Headers

beforeAll(async () => {
  t = await createTestApp()
  const org = await buildOrganization(t.db)
  orgId = org.id
  adminHeaders = await sessionHeadersFor(t.db, await buildPerson(t.db, { organizationId: org.id, role: 'admin' }))
  managerHeaders = await sessionHeadersFor(
    t.db,
    await buildPerson(t.db, { organizationId: org.id, role: 'program_manager' }),
  )
  participantHeaders = await sessionHeadersFor(t.db, await buildPerson(t.db, { organizationId: org.id }))
  const other = await buildOrganization(t.db)
  otherAdminHeaders = await sessionHeadersFor(
    t.db,
    await buildPerson(t.db, { organizationId: other.id, role: 'admin' }),
  )
})
afterAll(() => t.close())

const post = (headers: Headers, payload: object) =>
  t.app.inject({ method: 'POST', url: '/api/themes', headers, payload })
const list = async (headers: Headers) => {
  const response = await t.app.inject({ method: 'GET', url: '/api/themes', headers })
  expect(response.statusCode).toBe(200)
  return response.json().themes as Array<{ id: string; name: string; description: string; programCount: number }>
}

describe('themes', () => {
  test('an admin adds themes; anyone signed in reads them; a name is unique whatever the case', async () => {
    const created = await post(adminHeaders, { name: 'Growing leaders from within', description: 'Our 2030 vision' })
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({ name: 'Growing leaders from within', programCount: 0 })
    expect((await list(participantHeaders)).map((theme) => theme.name)).toEqual(['Growing leaders from within'])
    const again = await post(adminHeaders, { name: 'growing LEADERS from within' })
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('theme_taken')
    expect((await t.app.inject({ method: 'GET', url: '/api/themes' })).statusCode).toBe(401)
  })

  test('program managers and participants cannot edit themes (403)', async () => {
    expect((await post(managerHeaders, { name: 'Mine' })).statusCode).toBe(403)
    expect((await post(participantHeaders, { name: 'Mine' })).statusCode).toBe(403)
    expect((await list(adminHeaders)).some((theme) => theme.name === 'Mine')).toBe(false)
  })

  test('program managers and participants can neither change nor delete a theme (403)', async () => {
    const theme = (await post(adminHeaders, { name: 'Admins only' })).json()
    for (const headers of [managerHeaders, participantHeaders]) {
      const patch = await t.app.inject({
        method: 'PATCH',
        url: `/api/themes/${theme.id}`,
        headers,
        payload: { name: 'Taken over' },
      })
      expect(patch.statusCode).toBe(403)
      const remove = await t.app.inject({ method: 'DELETE', url: `/api/themes/${theme.id}`, headers })
      expect(remove.statusCode).toBe(403)
    }
    expect((await list(adminHeaders)).find((item) => item.id === theme.id)?.name).toBe('Admins only')
  })

  test('a theme may change the case of its own name or only its description; another name that is taken is refused', async () => {
    const theme = (await post(adminHeaders, { name: 'learning culture', description: 'Before' })).json()
    await post(adminHeaders, { name: 'Open doors' })
    const patch = (payload: object) =>
      t.app.inject({ method: 'PATCH', url: `/api/themes/${theme.id}`, headers: adminHeaders, payload })
    const recased = await patch({ name: 'Learning Culture' })
    expect(recased.statusCode).toBe(200)
    expect(recased.json().name).toBe('Learning Culture')
    const described = await patch({ description: '  We learn in the open.  ' })
    expect(described.json()).toMatchObject({ name: 'Learning Culture', description: 'We learn in the open.' })
    const taken = await patch({ name: 'OPEN DOORS' })
    expect(taken.statusCode).toBe(409)
    expect(taken.json().error).toMatchObject({ code: 'theme_taken', details: [{ path: 'body.name' }] })
  })

  test('an unknown theme is 404 and a malformed id is 400', async () => {
    const unknown = await t.app.inject({
      method: 'DELETE',
      url: '/api/themes/00000000-0000-4000-8000-000000000000',
      headers: adminHeaders,
    })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().error.code).toBe('not_found')
    const malformed = await t.app.inject({ method: 'DELETE', url: '/api/themes/not-a-uuid', headers: adminHeaders })
    expect(malformed.statusCode).toBe(400)
    expect(malformed.json().error.code).toBe('validation_failed')
  })

  test('an empty name is refused, naming the field', async () => {
    const response = await post(adminHeaders, { name: '  ' })
    expect(response.statusCode).toBe(400)
    expect(response.json().error.details[0].path).toBe('body.name')
    const tooLong = await post(adminHeaders, { name: 'x'.repeat(121) })
    expect(tooLong.statusCode).toBe(400)
    expect(tooLong.json().error.details[0].path).toBe('body.name')
  })

  test('an admin renames a theme and deletes it; programs serving it are left without one', async () => {
    const theme = (await post(adminHeaders, { name: 'Customer first' })).json()
    const program = await buildProgram(t.db, { organizationId: orgId, theme_id: theme.id })
    expect((await list(adminHeaders)).find((item) => item.id === theme.id)?.programCount).toBe(1)
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/themes/${theme.id}`,
      headers: adminHeaders,
      payload: { name: 'Customers first' },
    })
    expect(renamed.statusCode).toBe(200)
    expect(renamed.json().name).toBe('Customers first')
    const removed = await t.app.inject({ method: 'DELETE', url: `/api/themes/${theme.id}`, headers: adminHeaders })
    expect(removed.json()).toEqual({ deleted: true, programsDetached: 1 })
    const row = await t.db
      .selectFrom('programs')
      .select('theme_id')
      .where('id', '=', program.id)
      .executeTakeFirstOrThrow()
    expect(row.theme_id).toBeNull()
    const audit = await t.db.selectFrom('audit_events').select('action').where('target_id', '=', theme.id).execute()
    expect(audit.map((event) => event.action).sort()).toEqual(['theme.created', 'theme.deleted', 'theme.updated'])
  })

  test('an empty change is refused, naming the body', async () => {
    const theme = (await post(adminHeaders, { name: 'Nothing to change' })).json()
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/themes/${theme.id}`,
      headers: adminHeaders,
      payload: {},
    })
    expect(response.json()).toMatchObject({ error: { code: 'validation_failed' } })
    expect(response.statusCode).toBe(400)
  })

  test("an admin of another organization cannot see or touch this organization's themes (404)", async () => {
    const theme = (await post(adminHeaders, { name: 'Private vision' })).json()
    expect((await list(otherAdminHeaders)).some((item) => item.id === theme.id)).toBe(false)
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/themes/${theme.id}`,
      headers: otherAdminHeaders,
      payload: { name: 'Hijacked' },
    })
    expect(patch.statusCode).toBe(404)
    const remove = await t.app.inject({ method: 'DELETE', url: `/api/themes/${theme.id}`, headers: otherAdminHeaders })
    expect(remove.statusCode).toBe(404)
    expect((await list(adminHeaders)).find((item) => item.id === theme.id)?.name).toBe('Private vision')
  })
})
