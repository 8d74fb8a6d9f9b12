import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle, Db } from '#server/db/connect.ts'
import type { Viewer } from '#server/http/viewer.ts'
import { buildMatch, buildOrganization, buildPerson, buildProgram } from '#server/test/factories.ts'
import { countingStatements } from '#server/test/statement-counter.ts'
import { createTestDb } from '#server/test/test-db.ts'
import { getWorkspace } from './workspaces.service.ts'

let database: DatabaseHandle
beforeAll(async () => {
  database = await createTestDb()
})
afterAll(() => database.close())

/** Adds `goals` goals per member, each with `perGoal` milestones and `perGoal` updates. */
async function growWorkspace(
  db: Db,
  organizationId: string,
  matchId: string,
  memberIds: string[],
  goals: number,
  perGoal: number,
) {
  for (const ownerId of memberIds) {
    const rows = await db
      .insertInto('goals')
      .values(
        Array.from({ length: goals }, (_, i) => ({
          organization_id: organizationId,
          match_id: matchId,
          owner_id: ownerId,
          title: `Goal ${i}`,
          measure: 'Tasks handed over',
          target: '5 a month',
          due_on: '2030-03-01',
        })),
      )
      .returning('id')
      .execute()
    for (const { id } of rows) {
      const each = Array.from({ length: perGoal }, (_, i) => i)
      await db
        .insertInto('goal_milestones')
        .values(each.map((i) => ({ goal_id: id, organization_id: organizationId, title: `Step ${i}` })))
        .execute()
      await db
        .insertInto('goal_updates')
        .values(
          each.map((i) => ({
            goal_id: id,
            organization_id: organizationId,
            author_id: ownerId,
            kind: 'progress' as const,
            progress: i,
          })),
        )
        .execute()
    }
  }
}

describe('GET /api/matches/:id/workspace in a bounded number of statements', () => {
  test('the same number of statements for 2 goals as for 60 goals with 10 milestones and 10 updates each', async () => {
    const db = database.db
    const org = await buildOrganization(db)
    const program = await buildProgram(db, { organizationId: org.id, status: 'active' })
    const [a, b] = await Promise.all([1, 2].map(() => buildPerson(db, { organizationId: org.id })))
    const match = await buildMatch(db, {
      organizationId: org.id,
      programId: program.id,
      memberIds: [a.id, b.id],
      status: 'active',
    })
    const agreement = await db
      .insertInto('agreements')
      .values({
        organization_id: org.id,
        match_id: match.id,
        focus: 'Delegation',
        ground_rules: JSON.stringify({}),
        proposed_by: a.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db
      .insertInto('agreement_acceptances')
      .values([a, b].map((p) => ({ agreement_id: agreement.id, person_id: p.id, version: 1 })))
      .execute()
    const viewer: Viewer = {
      personId: a.id,
      organizationId: org.id,
      role: 'participant',
      name: a.name,
      email: a.email,
      sessionId: 'statement-count',
      csrfToken: 'statement-count',
      address: null,
    }
    const counter = countingStatements(db)
    const statementsFor = async () => {
      counter.reset()
      const workspace = await getWorkspace(counter.db, viewer, match.id)
      return { statements: counter.count(), workspace }
    }

    await growWorkspace(db, org.id, match.id, [a.id, b.id], 1, 1)
    const small = await statementsFor()
    expect(small.workspace.goals).toHaveLength(2)
    await growWorkspace(db, org.id, match.id, [a.id, b.id], 29, 10)
    const large = await statementsFor()
    expect(large.workspace.goals).toHaveLength(60)
    expect(large.workspace.goals.flatMap((goal) => goal.milestones).length).toBe(2 + 58 * 10)
    expect(large.workspace.agreement?.focus).toBe('Delegation')

    expect(large.statements).toBe(small.statements)
    expect(large.statements).toBeLessThanOrEqual(WORKSPACE_STATEMENTS)
  })
})

/** What GET /api/matches/:id/workspace runs, whatever the number of goals, milestones, updates and members. */
const WORKSPACE_STATEMENTS = 7
