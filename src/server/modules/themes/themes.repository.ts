import type { Db } from '#server/db/connect.ts'

function selectThemes(db: Db, organizationId: string) {
  return db
    .selectFrom('themes as t')
    .leftJoin('programs as p', (join) =>
      join.onRef('p.theme_id', '=', 't.id').on('p.organization_id', '=', organizationId),
    )
    .select([
      't.id',
      't.name',
      't.description',
      't.created_at',
      (eb) => eb.fn.count<number>('p.id').as('program_count'),
    ])
    .where('t.organization_id', '=', organizationId)
    .groupBy(['t.id', 't.name', 't.description', 't.created_at'])
}

export type ThemeWithCountRow = Awaited<ReturnType<typeof findTheme>> & object

export function listThemes(db: Db, organizationId: string) {
  return selectThemes(db, organizationId).orderBy('t.name').execute()
}

export function findTheme(db: Db, organizationId: string, themeId: string) {
  return selectThemes(db, organizationId).where('t.id', '=', themeId).executeTakeFirst()
}

export function findThemeByName(db: Db, organizationId: string, name: string) {
  return db
    .selectFrom('themes')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst()
}

export async function insertTheme(db: Db, organizationId: string, theme: { name: string; description: string }) {
  const row = await db
    .insertInto('themes')
    .values({ organization_id: organizationId, ...theme })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function updateTheme(
  db: Db,
  organizationId: string,
  themeId: string,
  changes: { name?: string; description?: string },
): Promise<void> {
  await db
    .updateTable('themes')
    .set(changes)
    .where('organization_id', '=', organizationId)
    .where('id', '=', themeId)
    .execute()
}

/** Deletes the theme; programs that served it keep running without one. */
export async function deleteTheme(db: Db, organizationId: string, themeId: string): Promise<void> {
  await db
    .updateTable('programs')
    .set({ theme_id: null })
    .where('organization_id', '=', organizationId)
    .where('theme_id', '=', themeId)
    .execute()
  await db.deleteFrom('themes').where('organization_id', '=', organizationId).where('id', '=', themeId).execute()
}
