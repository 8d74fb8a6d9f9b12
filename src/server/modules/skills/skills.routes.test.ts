import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { PersonRow } from '#server/db/schema.ts'
import { buildOrganization, buildPerson } from '#server/test/factories.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'
import { seedDefaultSkills } from './skills.service.ts'

let t: TestApp
let orgId: string
let admin: PersonRow
let participant: PersonRow
let adminHeaders: Record<string, string>
let participantHeaders: Record<string, string>
let otherAdminHeaders: Record<string, string>

beforeAll(async () => {
  t = await createTestApp()
  const org = await buildOrganization(t.db)
  orgId = org.id
  await seedDefaultSkills(t.db, org.id)
  admin = await buildPerson(t.db, { organizationId: org.id, role: 'admin' })
  participant = await buildPerson(t.db, { organizationId: org.id, skills_offered: ['negotiation', 'storytelling'] })
  adminHeaders = await sessionHeadersFor(t.db, admin)
  participantHeaders = await sessionHeadersFor(t.db, participant)
  const other = await buildOrganization(t.db)
  await seedDefaultSkills(t.db, other.id)
  otherAdminHeaders = await sessionHeadersFor(
    t.db,
    await buildPerson(t.db, { organizationId: other.id, role: 'admin' }),
  )
})
afterAll(() => t.close())

async function skills(headers: Record<string, string>) {
  const response = await t.app.inject({ method: 'GET', url: '/api/skills', headers })
  expect(response.statusCode).toBe(200)
  return response.json().skills as Array<{ id: string; slug: string; name: string; category: string }>
}

async function profileOf(personId: string) {
  return t.db
    .selectFrom('people')
    .select(['skills_offered', 'skills_wanted'])
    .where('id', '=', personId)
    .executeTakeFirstOrThrow()
}

describe('GET /api/skills', () => {
  test('any signed-in person reads their organization catalogue; no session -> 401', async () => {
    const list = await skills(participantHeaders)
    expect(list.map((skill) => skill.slug)).toContain('active-listening')
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/skills' })
    expect(anonymous.statusCode).toBe(401)
    expect(anonymous.json().error.code).toBe('unauthenticated')
  })
})

describe('editing the catalogue', () => {
  test('an admin adds a skill, the slug derived from the name; a second one with that slug -> 409', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/skills',
      headers: adminHeaders,
      payload: { name: 'Design Reviews', category: 'Technical' },
    })
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({ slug: 'design-reviews', name: 'Design Reviews', category: 'Technical' })
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/skills',
      headers: adminHeaders,
      payload: { name: 'Design reviews!' },
    })
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('skill_taken')
    // The same slug in another organization is fine: catalogues are per organization.
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: '/api/skills',
      headers: otherAdminHeaders,
      payload: { name: 'Design reviews' },
    })
    expect(elsewhere.statusCode).toBe(201)
    const audit = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'skill.created').execute()
    expect(audit.some((event) => event.organization_id === orgId && event.actor_id === admin.id)).toBe(true)
  })

  test('a name with nothing to make a slug from, and no slug, is refused on the slug -> 400', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/skills',
      headers: adminHeaders,
      payload: { name: '!!!' },
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().error).toMatchObject({ code: 'validation_failed', details: [{ path: 'body.slug' }] })
    const named = await t.app.inject({
      method: 'POST',
      url: '/api/skills',
      headers: adminHeaders,
      payload: { name: '!!!', slug: 'exclamations' },
    })
    expect(named.statusCode).toBe(201)
  })

  test('a participant cannot edit the catalogue -> 403', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/skills',
      headers: participantHeaders,
      payload: { name: 'Juggling' },
    })
    expect(response.statusCode).toBe(403)
    expect((await skills(adminHeaders)).some((skill) => skill.slug === 'juggling')).toBe(false)
  })

  test('renaming a slug rewrites it in profiles', async () => {
    const story = (await skills(adminHeaders)).find((skill) => skill.slug === 'storytelling')!
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/skills/${story.id}`,
      headers: adminHeaders,
      payload: { slug: 'narrative-storytelling', name: 'Narrative storytelling' },
    })
    expect(response.statusCode).toBe(200)
    expect(response.json().slug).toBe('narrative-storytelling')
    expect((await profileOf(participant.id)).skills_offered).toEqual(['negotiation', 'narrative-storytelling'])
  })

  test('renaming to a slug already taken -> 409', async () => {
    const list = await skills(adminHeaders)
    const story = list.find((skill) => skill.slug === 'narrative-storytelling')!
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/skills/${story.id}`,
      headers: adminHeaders,
      payload: { slug: 'negotiation' },
    })
    expect(response.statusCode).toBe(409)
  })

  test('deleting a skill in use is refused with the count, then removed from profiles with force', async () => {
    const negotiation = (await skills(adminHeaders)).find((skill) => skill.slug === 'negotiation')!
    const refused = await t.app.inject({
      method: 'DELETE',
      url: `/api/skills/${negotiation.id}`,
      headers: adminHeaders,
    })
    expect(refused.statusCode).toBe(409)
    expect(refused.json().error).toMatchObject({ code: 'skill_in_use' })
    expect(refused.json().error.message).toContain('1 person')
    expect((await profileOf(participant.id)).skills_offered).toContain('negotiation')

    const forced = await t.app.inject({
      method: 'DELETE',
      url: `/api/skills/${negotiation.id}?force=true`,
      headers: adminHeaders,
    })
    expect(forced.statusCode).toBe(200)
    expect(forced.json()).toEqual({ deleted: true, removedFromProfiles: 1 })
    expect((await profileOf(participant.id)).skills_offered).toEqual(['narrative-storytelling'])
    expect((await skills(adminHeaders)).some((skill) => skill.slug === 'negotiation')).toBe(false)
  })

  test('an unused skill is deleted without force', async () => {
    const unused = (await skills(adminHeaders)).find((skill) => skill.slug === 'delegation')!
    const response = await t.app.inject({ method: 'DELETE', url: `/api/skills/${unused.id}`, headers: adminHeaders })
    expect(response.statusCode).toBe(200)
    expect(response.json().removedFromProfiles).toBe(0)
  })

  test("an admin of another organization cannot touch this organization's skills -> 404", async () => {
    const mine = (await skills(adminHeaders)).find((skill) => skill.slug === 'active-listening')!
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/skills/${mine.id}`,
      headers: otherAdminHeaders,
      payload: { name: 'Hijacked' },
    })
    expect(patch.statusCode).toBe(404)
    const remove = await t.app.inject({ method: 'DELETE', url: `/api/skills/${mine.id}`, headers: otherAdminHeaders })
    expect(remove.statusCode).toBe(404)
    expect((await skills(adminHeaders)).find((skill) => skill.id === mine.id)?.name).toBe('Active listening')
  })
})
