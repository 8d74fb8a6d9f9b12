import { execFile } from 'node:child_process'
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

// The boundary rules (decision 023) are Biome GritQL plugins in lint/, scoped by biome.json. These
// tests plant violations in a scratch copy of the project's lint set-up, run `npm run lint` there,
// and read which files and lines it reported; then check that the real tree has none.

const run = promisify(execFile)
const root = resolve(import.meta.dirname, '..')

interface Diagnostic {
  category: string
  message: string
  location: { path: string; start: { line: number } }
}

/** Planted files, by path: each line that ends in `// boundary` must be reported, and no other line. */
const planted: Record<string, string> = {
  'src/web/features/programs/components/planted-form.tsx': `
import { useThemes } from '#web/features/themes/api/use-themes.ts' // boundary
import { themeWords } from '../../themes/components/theme-words.ts' // boundary
import type { Theme } from '../../themes/api/theme.ts' // boundary
import { api } from '#web/lib/api-client.ts'
import { usePrograms } from '../api/use-programs.ts'
import { ProgramBadges } from './program-badges.tsx'
import { ownAlias } from '#web/features/programs/api/own-alias.ts'
export { themeLabel } from '../../themes/theme-label.ts' // boundary
export const planted: unknown[] = [useThemes, themeWords, api, usePrograms, ProgramBadges, ownAlias]
export type Planted = Theme
`,
  'src/web/features/programs/planted-page.tsx': `
import { useSkills } from '../skills/api/use-skills.ts' // boundary
import { usePrograms } from './api/use-programs.ts'
export const page: unknown[] = [useSkills, usePrograms]
export const skillsPage = () => import('../skills/routes/skills-page.tsx') // boundary
export const ownPage = () => import('./routes/programs-page.tsx')
`,
  'src/server/modules/programs/planted.service.ts': `
import { sql } from 'kysely' // boundary
import { sql as raw, CompiledQuery } from 'kysely' // boundary
import * as kysely from 'kysely' // boundary
import type { Updateable } from 'kysely'
import type { Db } from '#server/db/connect.ts'
import { findProgram } from './programs.repository.ts'
import { listPeople } from '#server/modules/people/people.repository.ts' // boundary
import { findMatch } from '../matching/matching.repository.ts' // boundary
import { getOwnProfile } from '#server/modules/people/people.service.ts'

export async function plantedService(db: Db, organizationId: string) {
  const rows = await db.selectFrom('programs').selectAll().where('organization_id', '=', organizationId).execute() // boundary
  await db.insertInto('themes').values({ organization_id: organizationId, name: 'x' }).execute() // boundary
  await db.updateTable('programs').set({ name: 'y' }).execute() // boundary
  await db.deleteFrom('themes').execute() // boundary
  await sql\`select 1\`.execute(db)
  await raw\`select 2\`.execute(db)
  await db.executeQuery(CompiledQuery.raw('delete from themes')) // boundary
  const later = await import('kysely') // boundary
  const change: Updateable<{ name: string }> = { name: 'z' }
  return [rows, findProgram, listPeople, findMatch, getOwnProfile, kysely, later, change]
}
`,
  'src/server/modules/programs/planted.repository.ts': `
import { sql } from 'kysely'
import type { Db } from '#server/db/connect.ts'

export function listPlanted(db: Db) {
  return db.selectFrom('programs').select(sql<number>\`1\`.as('one')).execute()
}
`,
  'src/server/modules/programs/planted.routes.test.ts': `
import type { Db } from '#server/db/connect.ts'
import { registerProgramRoutes } from './programs.routes.ts'
import { findProgram } from '#server/modules/programs/programs.repository.ts'

export const arrange = (db: Db) => [db.selectFrom('programs').selectAll().execute(), registerProgramRoutes, findProgram]
`,
  'src/server/http/planted-plugin.ts': `
import type { Db } from '#server/db/connect.ts'

export const touch = (db: Db) => db.updateTable('auth_sessions').set({ last_seen_at: new Date(0) }).execute() // boundary
`,
  'src/server/modules/people/planted.routes.ts': `
import { registerPeopleImportRoutes } from './people-import.routes.ts' // boundary
import { registerSkillRoutes } from '#server/modules/skills/skills.routes.ts' // boundary
import { listPeople } from './people.service.ts'
export const planted: unknown[] = [registerPeopleImportRoutes, registerSkillRoutes, listPeople]
`,
  'src/server/planted-app.ts': `
import { registerPeopleRoutes } from './modules/people/people.routes.ts'
export const modules: unknown[] = [registerPeopleRoutes]
`,
}

/** Where each planted `// boundary` line is: "path:line". */
function expectedReports(): string[] {
  return Object.entries(planted).flatMap(([path, text]) =>
    text
      .trimStart()
      .split('\n')
      .map((line, index) => (line.endsWith('// boundary') ? `${path}:${index + 1}` : null))
      .filter((where): where is string => where !== null),
  )
}

/** Runs a command that may fail, and gives its output either way. */
async function runAllowingFailure(file: string, args: string[], cwd: string) {
  try {
    const { stdout } = await run(file, args, { cwd, maxBuffer: 64 * 1024 * 1024 })
    return { code: 0, stdout }
  } catch (error) {
    const failed = error as { code?: number; stdout?: string }
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '' }
  }
}

function boundaryReports(stdout: string): string[] {
  const report = JSON.parse(stdout) as { diagnostics: Diagnostic[] }
  return report.diagnostics
    .filter((diagnostic) => diagnostic.category === 'plugin')
    .map((diagnostic) => `${diagnostic.location.path}:${diagnostic.location.start.line}`)
    .sort()
}

// The rules need no database: CI's PostgreSQL pass of the suite skips them (they ran in its PGlite pass).
const onceInCi = describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))

onceInCi('npm run lint enforces the boundaries', () => {
  let scratch: string
  let lint: { code: number; stdout: string }

  // `npm run lint` on the scratch copy lints only the planted files and the plugins: ~1 s.
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'tandem-lint-'))
    await cp(join(root, 'biome.json'), join(scratch, 'biome.json'))
    await cp(join(root, 'package.json'), join(scratch, 'package.json'))
    await cp(join(root, 'lint'), join(scratch, 'lint'), { recursive: true })
    await symlink(join(root, 'node_modules'), join(scratch, 'node_modules'))
    for (const [path, text] of Object.entries(planted)) {
      await mkdir(join(scratch, dirname(path)), { recursive: true })
      await writeFile(join(scratch, path), text.trimStart())
    }
    lint = await runAllowingFailure('npm', ['run', '-s', 'lint', '--', '--reporter=json'], scratch)
  })

  afterAll(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true })
  })

  test('fails, reporting each planted cross-feature import, SQL outside a repository, foreign repository and route import', () => {
    expect(lint.code).not.toBe(0)
    expect(boundaryReports(lint.stdout)).toEqual(expectedReports().sort())
  })

  test('the messages say where the code belongs', () => {
    const messages = new Set(
      (JSON.parse(lint.stdout) as { diagnostics: Diagnostic[] }).diagnostics
        .filter((diagnostic) => diagnostic.category === 'plugin')
        .map((diagnostic) => diagnostic.message),
    )
    expect([...messages].join('\n')).toMatch(/src\/web\/components or src\/web\/lib/)
    expect([...messages].join('\n')).toMatch(/SQL belongs in a repository/)
    expect([...messages].join('\n')).toMatch(/call the other module's service/)
    expect([...messages].join('\n')).toMatch(/never imports another route file/)
  })
})

onceInCi('the real tree', () => {
  // Biome lints src in about 5 s of CPU; the margin is for a machine busy with other test files.
  test('keeps the boundaries', { timeout: 90_000 }, async () => {
    const biome = join(root, 'node_modules', '.bin', 'biome')
    const { stdout } = await runAllowingFailure(biome, ['lint', '--reporter=json', 'src'], root)
    expect(boundaryReports(stdout)).toEqual([])
  })
})
