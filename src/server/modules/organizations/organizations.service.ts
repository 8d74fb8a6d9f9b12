import type { Organization, SetupBody, SetupStatus, UpdateOrganizationBody } from '#contracts/organizations.ts'
import { slugify } from '#contracts/slug.ts'
import type { Config } from '#server/config.ts'
import type { Db } from '#server/db/connect.ts'
import type { OrganizationRow } from '#server/db/schema.ts'
import { AppError, notFound } from '#server/http/app-error.ts'
import type { Viewer } from '#server/http/viewer.ts'
import { recordAuditEvent } from '#server/modules/audit/audit.service.ts'
import { type RequestMeta, type StartedSession, startSession } from '#server/modules/auth/auth.service.ts'
import { hashPassword } from '#server/modules/auth/passwords.ts'
import { seedDefaultSkills } from '#server/modules/skills/skills.service.ts'
import {
  findOrganization,
  findOrganizationRowBySlug,
  hasAnyOrganization,
  insertFirstAdmin,
  insertOrganization,
  listSlugsLike,
  lockSetup,
  updateOrganization,
} from './organizations.repository.ts'

export function toOrganization(row: OrganizationRow): Organization {
  return { id: row.id, name: row.name, slug: row.slug, aggregateThreshold: row.aggregate_threshold }
}

async function uniqueSlug(db: Db, name: string): Promise<string> {
  const base = slugify(name, 48) || 'organization'
  const taken = new Set(await listSlugsLike(db, base))
  if (!taken.has(base)) return base
  let n = 2
  while (taken.has(`${base}-${n}`)) n++
  return `${base}-${n}`
}

export async function getSetupStatus(db: Db): Promise<SetupStatus> {
  return { isSetUp: await hasAnyOrganization(db) }
}

/**
 * First run: creates the organization, its first admin and the default skill catalogue, and signs
 * the admin in. Allowed only while the instance has no organization at all.
 */
export async function setUpInstance(
  db: Db,
  config: Config,
  body: SetupBody,
  meta: RequestMeta,
  now: Date,
): Promise<StartedSession> {
  const alreadySetUp = () => new AppError('already_set_up', 'Tandem is already set up on this server; sign in instead')
  if (await hasAnyOrganization(db)) throw alreadySetUp()
  const passwordHash = await hashPassword(body.password)
  return db.transaction().execute(async (trx) => {
    // Two set-up forms submitted at once: the lock makes the second see the first's organization.
    await lockSetup(trx)
    if (await hasAnyOrganization(trx)) throw alreadySetUp()
    const { admin } = await createOrganization(trx, {
      name: body.organizationName,
      admin: { name: body.name, email: body.email, passwordHash },
      address: meta.ip,
    })
    return startSession(trx, config, admin, meta, now)
  })
}

/**
 * Creates an organization with its first admin and the default skill catalogue; run it inside the
 * caller's transaction. Used by the first run and by the demo seed (an instance may hold several).
 */
export async function createOrganization(
  db: Db,
  input: {
    name: string
    slug?: string
    admin: { name: string; email: string; passwordHash: string }
    /** The client address of the set-up request, for the audit log. */
    address?: string | null
  },
) {
  const organization = await insertOrganization(db, {
    name: input.name,
    slug: input.slug ?? (await uniqueSlug(db, input.name)),
  })
  const admin = await insertFirstAdmin(db, { organizationId: organization.id, ...input.admin })
  await seedDefaultSkills(db, organization.id)
  await recordAuditEvent(db, {
    organizationId: organization.id,
    actorId: admin.id,
    address: input.address ?? null,
    action: 'organization.set_up',
    targetType: 'organization',
    targetId: organization.id,
    details: { slug: organization.slug },
  })
  return { organization: toOrganization(organization), admin }
}

/** The organization with this slug, if any. */
export async function findOrganizationBySlug(db: Db, slug: string): Promise<Organization | undefined> {
  const row = await findOrganizationRowBySlug(db, slug)
  return row ? toOrganization(row) : undefined
}

/** The viewer's own organization. */
export async function getOrganization(db: Db, viewer: Viewer): Promise<Organization> {
  const row = await findOrganization(db, viewer.organizationId)
  if (!row) throw notFound('Organization')
  return toOrganization(row)
}

/**
 * Which settings changed, with old and new values for the non-text ones (the privacy threshold);
 * a text setting is only named, so the log holds no free text.
 */
function settingsChanges(before: OrganizationRow, after: OrganizationRow) {
  const changed: string[] = []
  const values: Record<string, { from: unknown; to: unknown }> = {}
  if (before.name !== after.name) changed.push('name')
  if (before.aggregate_threshold !== after.aggregate_threshold) {
    changed.push('aggregateThreshold')
    values.aggregateThreshold = { from: before.aggregate_threshold, to: after.aggregate_threshold }
  }
  return { changed, ...values }
}

/** Renames the organization or changes the smallest group aggregates may show (admin). */
export async function changeOrganization(db: Db, viewer: Viewer, body: UpdateOrganizationBody): Promise<Organization> {
  return db.transaction().execute(async (trx) => {
    const before = await findOrganization(trx, viewer.organizationId)
    if (!before) throw notFound('Organization')
    const row = await updateOrganization(trx, viewer.organizationId, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.aggregateThreshold !== undefined ? { aggregate_threshold: body.aggregateThreshold } : {}),
    })
    if (!row) throw notFound('Organization')
    await recordAuditEvent(trx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      address: viewer.address,
      action: 'organization.updated',
      targetType: 'organization',
      targetId: viewer.organizationId,
      details: settingsChanges(before, row),
    })
    return toOrganization(row)
  })
}
