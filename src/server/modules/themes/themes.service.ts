import {
  type CreateThemeBody,
  CreateThemeBodySchema,
  type DeleteThemeResult,
  type Theme,
  type UpdateThemeBody,
} from '#contracts/themes.ts'
import type { Db } from '#server/db/connect.ts'
import { uniqueViolationAs } from '#server/db/database-errors.ts'
import { AppError, notFound } from '#server/http/app-error.ts'
import type { Viewer } from '#server/http/viewer.ts'
import { recordAuditEvent } from '#server/modules/audit/audit.service.ts'
import {
  deleteTheme,
  findTheme,
  findThemeByName,
  insertTheme,
  listThemes,
  type ThemeWithCountRow,
  updateTheme,
} from './themes.repository.ts'

export function toTheme(row: ThemeWithCountRow): Theme {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    programCount: Number(row.program_count),
    createdAt: row.created_at.toISOString(),
  }
}

const nameTaken = (name: string) =>
  new AppError('theme_taken', `The organization already has a theme named "${name}"`, [
    { path: 'body.name', message: 'is taken' },
  ])

async function loadTheme(db: Db, organizationId: string, themeId: string): Promise<Theme> {
  const row = await findTheme(db, organizationId, themeId)
  if (!row) throw notFound('Theme')
  return toTheme(row)
}

/** The organization's themes (its shared vision), by name; every signed-in person may read them. */
export async function listOrganizationThemes(db: Db, viewer: Viewer): Promise<Theme[]> {
  return (await listThemes(db, viewer.organizationId)).map(toTheme)
}

/** Adds a theme; names are unique in the organization, whatever the case. */
export async function createTheme(db: Db, viewer: Viewer, input: CreateThemeBody): Promise<Theme> {
  const body = CreateThemeBodySchema.parse(input)
  return uniqueViolationAs(
    db.transaction().execute(async (trx) => {
      if (await findThemeByName(trx, viewer.organizationId, body.name)) throw nameTaken(body.name)
      const id = await insertTheme(trx, viewer.organizationId, body)
      await recordAuditEvent(trx, {
        organizationId: viewer.organizationId,
        actorId: viewer.personId,
        address: viewer.address,
        action: 'theme.created',
        targetType: 'theme',
        targetId: id,
        details: { name: body.name },
      })
      return loadTheme(trx, viewer.organizationId, id)
    }),
    () => nameTaken(body.name),
  )
}

/** Renames or redescribes a theme. */
export async function changeTheme(db: Db, viewer: Viewer, themeId: string, body: UpdateThemeBody): Promise<Theme> {
  return uniqueViolationAs(
    db.transaction().execute(async (trx) => {
      const before = await loadTheme(trx, viewer.organizationId, themeId)
      if (body.name !== undefined && body.name.toLowerCase() !== before.name.toLowerCase()) {
        if (await findThemeByName(trx, viewer.organizationId, body.name)) throw nameTaken(body.name)
      }
      await updateTheme(trx, viewer.organizationId, themeId, body)
      const after = await loadTheme(trx, viewer.organizationId, themeId)
      await recordAuditEvent(trx, {
        organizationId: viewer.organizationId,
        actorId: viewer.personId,
        address: viewer.address,
        action: 'theme.updated',
        targetType: 'theme',
        targetId: themeId,
        details: { before: { name: before.name, description: before.description }, after: body },
      })
      return after
    }),
    () => (body.name ? nameTaken(body.name) : undefined),
  )
}

/** Deletes a theme; the programs that served it are left without one. */
export async function removeTheme(db: Db, viewer: Viewer, themeId: string): Promise<DeleteThemeResult> {
  return db.transaction().execute(async (trx) => {
    const theme = await loadTheme(trx, viewer.organizationId, themeId)
    await deleteTheme(trx, viewer.organizationId, themeId)
    await recordAuditEvent(trx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      address: viewer.address,
      action: 'theme.deleted',
      targetType: 'theme',
      targetId: themeId,
      details: { name: theme.name, programsDetached: theme.programCount },
    })
    return { deleted: true as const, programsDetached: theme.programCount }
  })
}
