import type { CreatePairRuleBody, CreatePairRuleResult, PairRule, PairRuleList } from '#contracts/matching.ts'
import { CreatePairRuleBodySchema } from '#contracts/matching.ts'
import type { Db } from '#server/db/connect.ts'
import { inTransaction } from '#server/db/transaction.ts'
import { AppError, notFound } from '#server/http/app-error.ts'
import type { Viewer } from '#server/http/viewer.ts'
import { recordAuditEvent } from '#server/modules/audit/audit.service.ts'
import { lockProgramForChange } from '#server/modules/programs/programs.service.ts'
import { checkGroup } from './match-constraints.ts'
import {
  deletePairRule,
  findPairRule,
  findPairRuleFor,
  insertPairRule,
  listPairRules,
  listPeopleCards,
  type PairRuleWithNamesRow,
  updateMatch,
} from './matching.repository.ts'
import { assertManager, constraintContextOf, loadMatchingContext } from './matching-context.service.ts'

export function toPairRule(row: PairRuleWithNamesRow): PairRule {
  return {
    id: row.id,
    programId: row.program_id,
    kind: row.kind,
    people: [
      { id: row.person_a_id, name: row.person_a_name },
      { id: row.person_b_id, name: row.person_b_name },
    ],
    createdBy: row.created_by && row.created_by_name ? { id: row.created_by, name: row.created_by_name } : null,
    createdAt: row.created_at.toISOString(),
  }
}

/** The program's must-pair and never-pair rules (program managers; anyone else: 404). */
export async function listProgramPairRules(
  db: Db,
  viewer: Viewer,
  programId: string,
  now: Date,
): Promise<PairRuleList> {
  assertManager(viewer, 'Program')
  await loadMatchingContext(db, viewer.organizationId, programId, now)
  return { rules: (await listPairRules(db, viewer.organizationId, programId)).map(toPairRule) }
}

/**
 * Adds a rule for a pair. never: the pair is never proposed again, and a current proposal of the
 * two is dissolved. must: the pair must meet every hard rule; each run then matches them first.
 */
export async function createPairRule(
  db: Db,
  viewer: Viewer,
  programId: string,
  input: CreatePairRuleBody,
  now: Date,
): Promise<CreatePairRuleResult> {
  assertManager(viewer, 'Program')
  const body = CreatePairRuleBodySchema.parse(input)
  const [a, b] = body.personIds
  return inTransaction(db, async (trx) => {
    const program = await lockProgramForChange(trx, viewer.organizationId, programId)
    if (program.status === 'archived' || program.status === 'completed') {
      throw new AppError(
        'matching_not_allowed',
        `"${program.name}" is ${program.status}: its pair rules can no longer change`,
      )
    }
    const people = await listPeopleCards(trx, viewer.organizationId, [a, b])
    if (people.length !== 2) throw notFound('Person')
    const existing = await findPairRuleFor(trx, viewer.organizationId, programId, a, b)
    if (existing) {
      throw new AppError('conflict', `A ${existing.kind}-pair rule for these two already exists; delete it first`)
    }
    const context = await loadMatchingContext(trx, viewer.organizationId, programId, now)
    if (body.kind === 'must') {
      if (program.type === 'coaching_circle') {
        throw new AppError(
          'constraint_violated',
          'Must-pair rules are for pairs; in a coaching-circle program build the circle by hand instead',
        )
      }
      const check = checkGroup(await constraintContextOf(trx, viewer.organizationId, context, [a, b]), [a, b])
      if (!check.ok) throw new AppError('constraint_violated', check.reason)
    }
    const ruleId = await insertPairRule(trx, viewer.organizationId, {
      programId,
      kind: body.kind,
      personIds: [a, b],
      createdBy: viewer.personId,
    })
    const dissolved: string[] = []
    if (body.kind === 'never') {
      const proposals = new Map<string, Set<string>>()
      for (const m of context.memberships) {
        if (m.status !== 'proposed') continue
        proposals.set(m.matchId, (proposals.get(m.matchId) ?? new Set()).add(m.personId))
      }
      for (const [matchId, members] of proposals) {
        if (!members.has(a) || !members.has(b)) continue
        await updateMatch(
          trx,
          viewer.organizationId,
          matchId,
          {
            status: 'dissolved',
            isLocked: false,
            endedAt: now,
            endReason: 'never_pair_rule',
          },
          now,
        )
        dissolved.push(matchId)
      }
    }
    await recordAuditEvent(trx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      address: viewer.address,
      action: 'pair_rule.created',
      targetType: 'program',
      targetId: programId,
      details: { ruleId, kind: body.kind, personIds: [a, b], dissolvedMatchIds: dissolved },
    })
    const row = await findPairRule(trx, viewer.organizationId, programId, ruleId)
    if (!row) throw notFound('Pair rule')
    return { rule: toPairRule(row), dissolvedMatchIds: dissolved }
  })
}

export async function removePairRule(db: Db, viewer: Viewer, programId: string, ruleId: string): Promise<void> {
  assertManager(viewer, 'Program')
  await inTransaction(db, async (trx) => {
    await lockProgramForChange(trx, viewer.organizationId, programId)
    const row = await findPairRule(trx, viewer.organizationId, programId, ruleId)
    if (!row) throw notFound('Pair rule')
    await deletePairRule(trx, viewer.organizationId, programId, ruleId)
    await recordAuditEvent(trx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      address: viewer.address,
      action: 'pair_rule.deleted',
      targetType: 'program',
      targetId: programId,
      details: { ruleId, kind: row.kind, personIds: [row.person_a_id, row.person_b_id] },
    })
  })
}
