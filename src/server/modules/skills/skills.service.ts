import type { Db } from '#server/db/connect.ts'
import { DEFAULT_SKILLS } from './default-skills.ts'
import { insertSkills } from './skills.repository.ts'

/** Gives a new organization the default skill catalogue; safe to call twice (existing slugs are kept). */
export async function seedDefaultSkills(db: Db, organizationId: string): Promise<void> {
  await insertSkills(db, organizationId, DEFAULT_SKILLS)
}
