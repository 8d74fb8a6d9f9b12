// Times preview and apply of a 10,000-row people CSV on the embedded PGlite and, when
// TEST_DATABASE_URL is set, on PostgreSQL. Run: node bench/people-import.bench.ts
import { PEOPLE_CSV_COLUMNS } from '#contracts/people-import.ts'
import type { Viewer } from '#server/http/viewer.ts'
import { applyPeopleImport, previewPeopleImport } from '#server/modules/people/people-import.service.ts'
import { seedDefaultSkills } from '#server/modules/skills/skills.service.ts'
import { buildOrganization, buildPerson } from '#server/test/factories.ts'
import { createTestDb } from '#server/test/test-db.ts'

const ROWS = Number(process.env.ROWS ?? 10_000)

function csvOf(rows: number): string {
  const lines = [PEOPLE_CSV_COLUMNS.join(',')]
  for (let index = 0; index < rows; index++) {
    const manager = index === 0 ? '' : `p${Math.floor((index - 1) / 8)}@big.test`
    lines.push(
      [
        `p${index}@big.test`,
        `E${index}`,
        `Person ${index}`,
        'Engineer',
        `Dept ${index % 12}`,
        'Paris',
        'Europe/Paris',
        'en;fr',
        String((index % 8) + 1),
        manager,
        'active-listening;negotiation',
        'public-speaking',
        '09:00',
        '17:00',
        'participant',
        'active',
        '',
      ].join(','),
    )
  }
  return lines.join('\n')
}

async function run(label: string, useServer: boolean) {
  const saved = process.env.TEST_DATABASE_URL
  if (!useServer) delete process.env.TEST_DATABASE_URL
  const database = await createTestDb()
  process.env.TEST_DATABASE_URL = saved
  try {
    const org = await buildOrganization(database.db)
    await seedDefaultSkills(database.db, org.id)
    const admin = await buildPerson(database.db, { organizationId: org.id, role: 'admin' })
    const viewer: Viewer = {
      personId: admin.id,
      organizationId: org.id,
      role: 'admin',
      name: admin.name,
      email: admin.email,
      sessionId: '',
      csrfToken: '',
      address: null,
    }
    const csv = csvOf(ROWS)
    const time = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
      const started = performance.now()
      const result = await work()
      return [result, (performance.now() - started) / 1000]
    }
    const [preview, previewSeconds] = await time(() => previewPeopleImport(database.db, viewer, { csv }, new Date()))
    const [, applySeconds] = await time(() => applyPeopleImport(database.db, viewer, preview.id, new Date()))
    const [again, againSeconds] = await time(() => previewPeopleImport(database.db, viewer, { csv }, new Date()))
    const [, reapplySeconds] = await time(() => applyPeopleImport(database.db, viewer, again.id, new Date()))
    console.log(
      `${label}: ${ROWS} rows: preview ${previewSeconds.toFixed(2)} s, apply ${applySeconds.toFixed(2)} s, ` +
        `re-import preview ${againSeconds.toFixed(2)} s (${again.counts.unchanged} unchanged), re-apply ${reapplySeconds.toFixed(2)} s`,
    )
  } finally {
    await database.close()
  }
}

await run('pglite', false)
if (process.env.TEST_DATABASE_URL) await run('postgresql', true)
