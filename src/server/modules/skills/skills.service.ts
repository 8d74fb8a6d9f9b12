import {
  type CreateSkillBody,
  CreateSkillBodySchema,
  type DeleteSkillResult,
  type Skill,
  type UpdateSkillBody,
} from '#contracts/skills.ts'
import { slugify } from '#contracts/slug.ts'
import type { Db } from '#server/db/connect.ts'
import { uniqueViolationAs } from '#server/db/database-errors.ts'
import type { SkillRow } from '#server/db/schema.ts'
import { AppError, notFound } from '#server/http/app-error.ts'
import type { Viewer } from '#server/http/viewer.ts'
import { recordAuditEvent } from '#server/modules/audit/audit.service.ts'
import { DEFAULT_SKILLS } from './default-skills.ts'
import {
  countPeopleWithSkill,
  deleteSkill,
  findSkill,
  findSkillBySlug,
  insertSkill,
  insertSkills,
  listSkills,
  replaceSkillInProfiles,
  updateSkill,
} from './skills.repository.ts'

export function toSkill(row: SkillRow): Skill {
  return { id: row.id, slug: row.slug, name: row.name, category: row.category }
}

const slugTaken = (slug: string) =>
  new AppError('skill_taken', `The catalogue already has a skill with the slug "${slug}"`)

/** Gives a new organization the default skill catalogue; safe to call twice (existing slugs are kept). */
export async function seedDefaultSkills(db: Db, organizationId: string): Promise<void> {
  await insertSkills(db, organizationId, DEFAULT_SKILLS)
}

/** The organization's catalogue, by category then name; every signed-in person may read it. */
export async function listOrganizationSkills(db: Db, viewer: Viewer): Promise<Skill[]> {
  return (await listSkills(db, viewer.organizationId)).map(toSkill)
}

/** The set of slugs in the organization's catalogue, for validating profiles and imports. */
export async function listSkillSlugs(db: Db, organizationId: string): Promise<Set<string>> {
  return new Set((await listSkills(db, organizationId)).map((skill) => skill.slug))
}

/** Adds a skill to the catalogue; the slug is unique in the organization. */
export async function createSkill(db: Db, viewer: Viewer, input: CreateSkillBody): Promise<Skill> {
  const body = CreateSkillBodySchema.parse(input)
  const slug = body.slug ?? slugify(body.name)
  return uniqueViolationAs(
    db.transaction().execute(async (trx) => {
      if (await findSkillBySlug(trx, viewer.organizationId, slug)) throw slugTaken(slug)
      const row = await insertSkill(trx, viewer.organizationId, { slug, name: body.name, category: body.category })
      await recordAuditEvent(trx, {
        organizationId: viewer.organizationId,
        actorId: viewer.personId,
        address: viewer.address,
        action: 'skill.created',
        targetType: 'skill',
        targetId: row.id,
        details: { slug, name: body.name, category: body.category },
      })
      return toSkill(row)
    }),
    () => slugTaken(slug),
  )
}

/** Renames a skill; a new slug is rewritten in every profile of the organization in the same transaction. */
export async function changeSkill(db: Db, viewer: Viewer, skillId: string, body: UpdateSkillBody): Promise<Skill> {
  return uniqueViolationAs(
    db.transaction().execute(async (trx) => {
      const existing = await findSkill(trx, viewer.organizationId, skillId)
      if (!existing) throw notFound('Skill')
      const isSlugChanging = body.slug !== undefined && body.slug !== existing.slug
      if (isSlugChanging && (await findSkillBySlug(trx, viewer.organizationId, body.slug!))) throw slugTaken(body.slug!)
      const row = await updateSkill(trx, viewer.organizationId, skillId, body)
      if (isSlugChanging) await replaceSkillInProfiles(trx, viewer.organizationId, existing.slug, row.slug)
      await recordAuditEvent(trx, {
        organizationId: viewer.organizationId,
        actorId: viewer.personId,
        address: viewer.address,
        action: 'skill.updated',
        targetType: 'skill',
        targetId: row.id,
        details: { before: toSkill(existing), after: toSkill(row) },
      })
      return toSkill(row)
    }),
    () => (body.slug ? slugTaken(body.slug) : undefined),
  )
}

/**
 * Removes a skill from the catalogue. While profiles list it the answer is 409 `skill_in_use`
 * (with the count), unless `force`: then it leaves those profiles in the same transaction.
 */
export async function removeSkill(
  db: Db,
  viewer: Viewer,
  skillId: string,
  options: { force: boolean },
): Promise<DeleteSkillResult> {
  return db.transaction().execute(async (trx) => {
    const existing = await findSkill(trx, viewer.organizationId, skillId)
    if (!existing) throw notFound('Skill')
    const count = await countPeopleWithSkill(trx, viewer.organizationId, existing.slug)
    if (count > 0 && !options.force) {
      throw new AppError(
        'skill_in_use',
        `${count} ${count === 1 ? 'person lists' : 'people list'} "${existing.name}" on their profile; delete with force=true to remove it from their profiles too`,
        [{ path: 'skillId', message: `in use by ${count}` }],
      )
    }
    if (count > 0) await replaceSkillInProfiles(trx, viewer.organizationId, existing.slug, null)
    await deleteSkill(trx, viewer.organizationId, skillId)
    await recordAuditEvent(trx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      address: viewer.address,
      action: 'skill.deleted',
      targetType: 'skill',
      targetId: skillId,
      details: { skill: toSkill(existing), removedFromProfiles: count },
    })
    return { deleted: true as const, removedFromProfiles: count }
  })
}
