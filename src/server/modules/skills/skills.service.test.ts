import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '#server/db/connect.ts'
import { buildOrganization } from '#server/test/factories.ts'
import { createTestDb } from '#server/test/test-db.ts'
import { DEFAULT_SKILLS } from './default-skills.ts'
import { listSkills } from './skills.repository.ts'
import { seedDefaultSkills } from './skills.service.ts'

let database: DatabaseHandle
beforeAll(async () => {
  database = await createTestDb()
})
afterAll(() => database.close())

describe('seedDefaultSkills', () => {
  test('gives an organization the default catalogue once, and no other organization', async () => {
    const org = await buildOrganization(database.db)
    const other = await buildOrganization(database.db)
    await seedDefaultSkills(database.db, org.id)
    await seedDefaultSkills(database.db, org.id)
    const skills = await listSkills(database.db, org.id)
    expect(skills).toHaveLength(DEFAULT_SKILLS.length)
    expect(skills.map((skill) => skill.slug)).toContain('active-listening')
    expect(await listSkills(database.db, other.id)).toHaveLength(0)
  })

  test('the default catalogue has 30-40 unique kebab-case slugs across categories', () => {
    const slugs = DEFAULT_SKILLS.map((skill) => skill.slug)
    expect(new Set(slugs).size).toBe(slugs.length)
    expect(slugs.length).toBeGreaterThanOrEqual(30)
    expect(slugs.length).toBeLessThanOrEqual(40)
    for (const slug of slugs) expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    expect(new Set(DEFAULT_SKILLS.map((skill) => skill.category)).size).toBeGreaterThanOrEqual(6)
  })
})
