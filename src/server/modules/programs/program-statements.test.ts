import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '#server/db/connect.ts'
import type { PersonRow } from '#server/db/schema.ts'
import type { Viewer } from '#server/http/viewer.ts'
import { buildOrganization, buildPerson, buildProgram } from '#server/test/factories.ts'
import { countingStatements } from '#server/test/statement-counter.ts'
import { createTestDb } from '#server/test/test-db.ts'
import { getProgramForViewer } from './programs.service.ts'

const NOW = new Date('2026-03-02T10:00:00Z')

let database: DatabaseHandle
beforeAll(async () => {
  database = await createTestDb()
})
afterAll(() => database.close())

const viewerOf = (person: PersonRow): Viewer => ({
  personId: person.id,
  organizationId: person.organization_id,
  role: person.role,
  name: person.name,
  email: person.email,
  sessionId: 'statement-count',
  csrfToken: 'statement-count',
  address: null,
})

/** What GET /api/programs/:id runs, whatever the number of enrollments and programs. */
const PROGRAM_STATEMENTS = 4

describe('GET /api/programs/:id in a bounded number of statements', () => {
  test('the same number for a program with 2 enrollments as with 300, and 20 other programs, for a manager and a participant', async () => {
    const db = database.db
    const org = await buildOrganization(db)
    const manager = await buildPerson(db, { organizationId: org.id, role: 'program_manager' })
    const participant = await buildPerson(db, { organizationId: org.id })
    const program = await buildProgram(db, { organizationId: org.id, status: 'enrolling' })
    const enroll = async (programId: string, count: number) => {
      const people = await db
        .insertInto('people')
        .values(
          Array.from({ length: count }, (_, i) => ({
            organization_id: org.id,
            email: `p-${programId.slice(0, 8)}-${i}-${Math.random()}@example.test`,
            name: `Person ${i}`,
            status: 'active' as const,
          })),
        )
        .returning('id')
        .execute()
      await db
        .insertInto('enrollments')
        .values(
          people.map(({ id }) => ({
            organization_id: org.id,
            program_id: programId,
            person_id: id,
            consented_at: NOW,
          })),
        )
        .execute()
    }
    const counter = countingStatements(db)
    const statementsFor = async (person: PersonRow) => {
      counter.reset()
      const view = await getProgramForViewer(counter.db, viewerOf(person), program.id, NOW)
      return { statements: counter.count(), view }
    }

    await enroll(program.id, 2)
    const small = await statementsFor(manager)
    const smallParticipant = await statementsFor(participant)
    expect(small.view.enrolledCount).toBe(2)

    await enroll(program.id, 298)
    for (let i = 0; i < 20; i++) {
      const other = await buildProgram(db, { organizationId: org.id, status: 'enrolling' })
      await enroll(other.id, 5)
    }
    const large = await statementsFor(manager)
    const largeParticipant = await statementsFor(participant)
    expect(large.view.enrolledCount).toBe(300)
    expect(largeParticipant.view.enrolledCount).toBeNull()

    expect(large.statements).toBe(small.statements)
    expect(largeParticipant.statements).toBe(smallParticipant.statements)
    expect(Math.max(large.statements, largeParticipant.statements)).toBeLessThanOrEqual(PROGRAM_STATEMENTS)
  })
})
