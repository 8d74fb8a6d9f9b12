import { afterAll, beforeAll, expect, test } from 'vitest'
import { createTestApp, type TestApp } from '#server/test/test-app.ts'
import { DEMO_PASSWORD, demoPeople } from './demo-organization.ts'
import { seedDemoOrganization } from './seed-demo.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

test('the demo organization is a realistic org chart that its people can sign in to', async () => {
  expect(await seedDemoOrganization(t.db)).toBe('created')
  const people = await t.db.selectFrom('people').selectAll().execute()
  expect(people).toHaveLength(60)
  expect(people.every((person) => person.status === 'active')).toBe(true)

  // One root (the CEO), everyone else reports to someone in the organization, and no cycles.
  const byId = new Map(people.map((person) => [person.id, person]))
  expect(people.filter((person) => person.manager_id === null)).toHaveLength(1)
  for (const person of people) {
    const seen = new Set<string>()
    let current: string | null = person.id
    while (current) {
      expect(seen.has(current)).toBe(false)
      seen.add(current)
      current = byId.get(current)?.manager_id ?? null
    }
  }
  expect(new Set(people.map((person) => person.department)).size).toBeGreaterThanOrEqual(8)
  expect(new Set(people.map((person) => person.time_zone)).size).toBeGreaterThanOrEqual(6)
  expect(people.every((person) => person.skills_offered.length > 0 && person.skills_wanted.length > 0)).toBe(true)

  const admin = demoPeople().find((person) => person.role === 'admin')
  const signIn = await t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email: admin?.email, password: DEMO_PASSWORD },
  })
  expect(signIn.statusCode).toBe(200)
  expect(signIn.json().viewer.role).toBe('admin')
})

test('seeding again changes nothing', async () => {
  const before = await t.db.selectFrom('people').select(['id', 'updated_at']).orderBy('id').execute()
  expect(await seedDemoOrganization(t.db)).toBe('unchanged')
  const after = await t.db.selectFrom('people').select(['id', 'updated_at']).orderBy('id').execute()
  expect(after).toEqual(before)
})
