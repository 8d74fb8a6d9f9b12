import { sql } from 'kysely'
import type { Db } from '#server/db/connect.ts'
import type { SkillRow } from '#server/db/schema.ts'

export interface SkillInput {
  slug: string
  name: string
  category: string
}

export function listSkills(db: Db, organizationId: string): Promise<SkillRow[]> {
  return db
    .selectFrom('skills')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('category')
    .orderBy('name')
    .execute()
}

export function findSkill(db: Db, organizationId: string, skillId: string) {
  return db
    .selectFrom('skills')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', skillId)
    .executeTakeFirst()
}

export function findSkillBySlug(db: Db, organizationId: string, slug: string) {
  return db
    .selectFrom('skills')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('slug', '=', slug)
    .executeTakeFirst()
}

/** Inserts the skills; slugs the organization already has are left as they are. */
export async function insertSkills(db: Db, organizationId: string, skills: ReadonlyArray<SkillInput>): Promise<void> {
  if (skills.length === 0) return
  await db
    .insertInto('skills')
    .values(skills.map((skill) => ({ organization_id: organizationId, ...skill })))
    .onConflict((conflict) => conflict.columns(['organization_id', 'slug']).doNothing())
    .execute()
}

export function insertSkill(db: Db, organizationId: string, skill: SkillInput) {
  return db
    .insertInto('skills')
    .values({ organization_id: organizationId, ...skill })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export function updateSkill(db: Db, organizationId: string, skillId: string, changes: Partial<SkillInput>) {
  return db
    .updateTable('skills')
    .set(changes)
    .where('organization_id', '=', organizationId)
    .where('id', '=', skillId)
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function deleteSkill(db: Db, organizationId: string, skillId: string): Promise<void> {
  await db.deleteFrom('skills').where('organization_id', '=', organizationId).where('id', '=', skillId).execute()
}

/** How many people of the organization list the slug as offered or wanted. */
export async function countPeopleWithSkill(db: Db, organizationId: string, slug: string): Promise<number> {
  const row = await db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('organization_id', '=', organizationId)
    .where((eb) =>
      eb.or([eb(sql.val(slug), '=', eb.fn.any('skills_offered')), eb(sql.val(slug), '=', eb.fn.any('skills_wanted'))]),
    )
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** Renames (or, with `to` null, removes) a slug in every profile of the organization. */
export async function replaceSkillInProfiles(db: Db, organizationId: string, from: string, to: string | null) {
  const offered =
    to === null
      ? sql<string[]>`array_remove(skills_offered, ${from})`
      : sql<string[]>`array_replace(skills_offered, ${from}, ${to})`
  const wanted =
    to === null
      ? sql<string[]>`array_remove(skills_wanted, ${from})`
      : sql<string[]>`array_replace(skills_wanted, ${from}, ${to})`
  await db
    .updateTable('people')
    .set({ skills_offered: offered, skills_wanted: wanted })
    .where('organization_id', '=', organizationId)
    .where((eb) =>
      eb.or([eb(sql.val(from), '=', eb.fn.any('skills_offered')), eb(sql.val(from), '=', eb.fn.any('skills_wanted'))]),
    )
    .execute()
}
