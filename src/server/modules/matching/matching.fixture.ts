// Test helpers for the matching module: a program in matching with a program manager, enrollees
// built in one call, and the API calls the tests make.
import { expect } from 'vitest'
import {
  MatchingRunDetailSchema,
  MatchingRunSchema,
  MyMatchListSchema,
  ProgramMatchesSchema,
} from '#contracts/matching.ts'
import { defaultProgramSettings, type MatchingRules, type ProgramType } from '#contracts/programs.ts'
import type { PersonRow, ProgramRow } from '#server/db/schema.ts'
import { buildEnrollment, buildOrganization, buildPerson, buildProgram } from '#server/test/factories.ts'
import { sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'

export type Headers = Record<string, string>

export interface ProgramSetup {
  t: TestApp
  organizationId: string
  program: ProgramRow
  manager: PersonRow
  managerHeaders: Headers
}

export interface RulesChange {
  constraints?: Partial<MatchingRules['constraints']>
  weights?: Partial<MatchingRules['weights']>
  mentoring?: Partial<MatchingRules['mentoring']>
  circles?: Partial<MatchingRules['circles']>
}

export function rulesWith(type: ProgramType, change: RulesChange = {}): MatchingRules {
  const rules = defaultProgramSettings(type).matchingRules
  return {
    ...rules,
    constraints: { ...rules.constraints, ...change.constraints },
    weights: { ...rules.weights, ...change.weights },
    mentoring: { ...rules.mentoring, ...change.mentoring },
    circles: { ...rules.circles, ...change.circles },
  }
}

/** An organization with a program manager and a program in matching (or the status given). */
export async function setUpProgram(
  t: TestApp,
  options: {
    type?: ProgramType
    status?: ProgramRow['status']
    rules?: RulesChange
    previousProgramId?: string
    organizationId?: string
  } = {},
): Promise<ProgramSetup> {
  const organizationId = options.organizationId ?? (await buildOrganization(t.db)).id
  const manager = await buildPerson(t.db, { organizationId, role: 'program_manager', name: 'Pat Manager' })
  const type = options.type ?? 'peer_coaching'
  const program = await buildProgram(t.db, {
    organizationId,
    type,
    status: options.status ?? 'matching',
    matching_rules: JSON.stringify(rulesWith(type, options.rules)),
    previous_program_id: options.previousProgramId ?? null,
  })
  return { t, organizationId, program, manager, managerHeaders: await sessionHeadersFor(t.db, manager) }
}

type PersonOptions = Parameters<typeof buildPerson>[1]
type EnrollmentOptions = Omit<Parameters<typeof buildEnrollment>[1], 'program' | 'person'>

/** A person of the program's organization, enrolled in it. */
export async function enrollPerson(
  setup: ProgramSetup,
  person: Omit<PersonOptions, 'organizationId'> = {},
  enrollment: EnrollmentOptions = {},
): Promise<PersonRow> {
  const row = await buildPerson(setup.t.db, { organizationId: setup.organizationId, ...person })
  await buildEnrollment(setup.t.db, { program: setup.program, person: row, ...enrollment })
  return row
}

/** A person of the organization who is not enrolled (a manager, say). */
export function buildColleague(setup: ProgramSetup, person: Omit<PersonOptions, 'organizationId'> = {}) {
  return buildPerson(setup.t.db, { organizationId: setup.organizationId, ...person })
}

export { errorOf } from '#server/test/responses.ts'

/** Starts a run through the API and waits for it to finish; returns the finished run with its result. */
export async function runMatching(setup: ProgramSetup, body: Record<string, unknown> = {}, headers?: Headers) {
  const response = await setup.t.app.inject({
    method: 'POST',
    url: `/api/programs/${setup.program.id}/matching-runs`,
    headers: headers ?? setup.managerHeaders,
    payload: body,
  })
  expect(response.statusCode, response.body).toBe(202)
  const queued = MatchingRunSchema.parse(response.json())
  await setup.t.jobs.drain()
  const detail = await setup.t.app.inject({
    method: 'GET',
    url: `/api/matching-runs/${queued.id}`,
    headers: headers ?? setup.managerHeaders,
  })
  expect(detail.statusCode, detail.body).toBe(200)
  return { queued, run: MatchingRunDetailSchema.parse(detail.json()) }
}

export async function reviewMatches(setup: ProgramSetup, headers?: Headers) {
  const response = await setup.t.app.inject({
    method: 'GET',
    url: `/api/programs/${setup.program.id}/matches`,
    headers: headers ?? setup.managerHeaders,
  })
  expect(response.statusCode, response.body).toBe(200)
  return ProgramMatchesSchema.parse(response.json())
}

export async function publish(setup: ProgramSetup) {
  const response = await setup.t.app.inject({
    method: 'POST',
    url: `/api/programs/${setup.program.id}/matches/publish`,
    headers: setup.managerHeaders,
  })
  expect(response.statusCode, response.body).toBe(200)
  return response.json() as { published: number; notified: number; programStatus: string }
}

export async function myMatches(t: TestApp, headers: Headers) {
  const response = await t.app.inject({ method: 'GET', url: '/api/me/matches', headers })
  expect(response.statusCode, response.body).toBe(200)
  return MyMatchListSchema.parse(response.json()).matches
}

/** The proposal containing exactly these people (in any order), or undefined. */
export function matchOf<T extends { members: { personId: string }[] }>(
  matches: T[],
  ...personIds: string[]
): T | undefined {
  const wanted = [...personIds].sort().join()
  return matches.find(
    (m) =>
      m.members
        .map((x) => x.personId)
        .sort()
        .join() === wanted,
  )
}
