import { randomBytes } from 'node:crypto'
import type { Db } from '#server/db/connect.ts'
import type { NewPerson, OrganizationRow, PersonRow, Role } from '#server/db/schema.ts'
import { hashPassword } from '#server/modules/auth/passwords.ts'

let sequence = 0
const unique = () => `${Date.now().toString(36)}${(sequence++).toString(36)}${randomBytes(2).toString('hex')}`

export async function buildOrganization(db: Db, overrides: Partial<{ name: string; slug: string }> = {}) {
  const id = unique()
  return db
    .insertInto('organizations')
    .values({ name: overrides.name ?? `Org ${id}`, slug: overrides.slug ?? `org-${id}` })
    .returningAll()
    .executeTakeFirstOrThrow() as Promise<OrganizationRow>
}

export const TEST_PASSWORD = 'correct horse battery staple'

export interface BuildPersonOptions extends Partial<Omit<NewPerson, 'organization_id'>> {
  organizationId: string
  role?: Role
  /** Plain password to hash; defaults to TEST_PASSWORD. Pass null for an account without one. */
  password?: string | null
}

let cachedHash: Promise<string> | undefined

export async function buildPerson(db: Db, options: BuildPersonOptions): Promise<PersonRow> {
  const { organizationId, password, ...rest } = options
  const id = unique()
  let passwordHash: string | null = null
  if (password === undefined) {
    cachedHash ??= hashPassword(TEST_PASSWORD)
    passwordHash = await cachedHash
  } else if (password !== null) passwordHash = await hashPassword(password)
  return db
    .insertInto('people')
    .values({
      organization_id: organizationId,
      email: `person-${id}@example.test`,
      name: `Person ${id}`,
      status: 'active',
      password_hash: passwordHash,
      ...rest,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}
