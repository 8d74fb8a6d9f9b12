import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { fixedClock } from '#server/clock.ts'
import type { PersonRow, ProgramStatus } from '#server/db/schema.ts'
import { seedDefaultSkills } from '#server/modules/skills/skills.service.ts'
import { buildEnrollment, buildOrganization, buildPerson, buildProgram } from '#server/test/factories.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'

// A fixed instant: the dates below stay where they are against it, whatever today's date is.
const clock = fixedClock('2027-01-15T10:00:00Z')

type Headers = Record<string, string>

let t: TestApp
let orgId: string
let manager: PersonRow
let managerHeaders: Headers
let salesHeaders: Headers
let financeHeaders: Headers
let sales: PersonRow
let finance: PersonRow
let otherManagerHeaders: Headers

beforeAll(async () => {
  t = await createTestApp({}, { clock })
  const org = await buildOrganization(t.db)
  orgId = org.id
  await seedDefaultSkills(t.db, org.id)
  manager = await buildPerson(t.db, { organizationId: org.id, role: 'program_manager', department: 'People' })
  sales = await buildPerson(t.db, { organizationId: org.id, department: 'Sales' })
  finance = await buildPerson(t.db, { organizationId: org.id, department: 'Finance' })
  managerHeaders = await sessionHeadersFor(t.db, manager)
  salesHeaders = await sessionHeadersFor(t.db, sales)
  financeHeaders = await sessionHeadersFor(t.db, finance)
  const other = await buildOrganization(t.db)
  otherManagerHeaders = await sessionHeadersFor(
    t.db,
    await buildPerson(t.db, { organizationId: other.id, role: 'program_manager' }),
  )
})
afterAll(() => t.close())

function inject(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, headers: Headers, payload?: object) {
  return t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
}

async function createProgram(payload: object = {}) {
  const response = await inject('POST', '/api/programs', managerHeaders, {
    type: 'peer_coaching',
    name: 'Spring peer coaching',
    startsOn: '2030-03-01',
    endsOn: '2030-06-30',
    ...payload,
  })
  expect(response.statusCode, response.body).toBe(201)
  return response.json() as { id: string; status: ProgramStatus; [key: string]: unknown }
}

async function statusOf(programId: string) {
  const row = await t.db.selectFrom('programs').select('status').where('id', '=', programId).executeTakeFirstOrThrow()
  return row.status
}

describe('GET /api/programs/defaults', () => {
  test('each type has its own defaults', async () => {
    const peer = await inject('GET', '/api/programs/defaults?type=peer_coaching', managerHeaders)
    expect(peer.statusCode).toBe(200)
    expect(peer.json()).toMatchObject({
      type: 'peer_coaching',
      targetSessionCount: 6,
      sessionCadenceDays: 14,
      sessionMinutes: 45,
      matchingRules: {
        constraints: { maxSeniorityGap: 2, excludeReportingChain: true, excludeSameManagerPeers: true },
      },
    })
    const mentoring = await inject('GET', '/api/programs/defaults?type=peer_mentoring', managerHeaders)
    expect(mentoring.json()).toMatchObject({
      targetSessionCount: 10,
      sessionCadenceDays: 21,
      matchingRules: {
        objective: 'maxCardinalityThenWeight',
        mentoring: { minSeniorityGap: 1, idealSeniorityGap: 2, defaultCapacity: 2 },
      },
    })
    const circles = await inject('GET', '/api/programs/defaults?type=coaching_circle', managerHeaders)
    expect(circles.json()).toMatchObject({
      targetSessionCount: 8,
      matchingRules: { circles: { minSize: 3, maxSize: 5 } },
    })
  })

  test('an unknown type names the field', async () => {
    const response = await inject('GET', '/api/programs/defaults?type=speed_dating', managerHeaders)
    expect(response.statusCode).toBe(400)
    expect(response.json().error.details[0].path).toBe('querystring.type')
  })
})

describe('creating and editing programs', () => {
  test('a program manager creates a draft filled from the defaults, recorded in the audit log', async () => {
    const created = await createProgram({
      type: 'peer_mentoring',
      name: 'Mentoring 2030',
      focusSkills: ['negotiation'],
    })
    expect(created).toMatchObject({
      status: 'draft',
      type: 'peer_mentoring',
      targetSessionCount: 10,
      focusSkills: ['negotiation'],
      cycleNumber: 1,
      eligibility: { kind: 'everyone' },
    })
    expect(created.confidentialityTerms).toMatch(/reflections/)
    const audit = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'program.created')
      .where('target_id', '=', created.id)
      .executeTakeFirst()
    expect(audit?.actor_id).toBe(manager.id)
  })

  test('a matching-rules patch merges into the defaults', async () => {
    const created = await createProgram({
      matchingRules: { weights: { diversity: 40 }, constraints: { reportingChainDepth: 1 } },
    })
    expect(created.matchingRules).toMatchObject({
      weights: { complementarity: 50, seniority: 20, diversity: 40, overlap: 10 },
      constraints: { reportingChainDepth: 1, excludeReportingChain: true },
    })
  })

  test('validation errors name the field', async () => {
    const missingName = await inject('POST', '/api/programs', managerHeaders, { type: 'peer_coaching' })
    expect(missingName.statusCode).toBe(400)
    expect(missingName.json().error.details.map((d: { path: string }) => d.path)).toContain('body.name')

    const badDates = await inject('POST', '/api/programs', managerHeaders, {
      type: 'peer_coaching',
      name: 'X',
      startsOn: '2030-05-01',
      endsOn: '2030-04-01',
    })
    expect(badDates.statusCode).toBe(400)
    expect(badDates.json().error.details[0].path).toBe('body.endsOn')

    const badCircle = await inject('POST', '/api/programs', managerHeaders, {
      type: 'coaching_circle',
      name: 'X',
      matchingRules: { circles: { minSize: 6 } },
    })
    expect(badCircle.statusCode).toBe(400)
    expect(badCircle.json().error.details[0].path).toBe('body.matchingRules.circles.minSize')

    const badQuestion = await inject('POST', '/api/programs', managerHeaders, {
      type: 'peer_coaching',
      name: 'X',
      enrollmentQuestions: [{ id: 'q1', kind: 'single_choice', prompt: 'Pick one', isRequired: true }],
    })
    expect(badQuestion.statusCode).toBe(400)
    expect(badQuestion.json().error.details[0].path).toBe('body.enrollmentQuestions.0.options')

    const unknownSkill = await inject('POST', '/api/programs', managerHeaders, {
      type: 'peer_coaching',
      name: 'X',
      focusSkills: ['juggling'],
    })
    expect(unknownSkill.statusCode).toBe(422)
    expect(unknownSkill.json().error.code).toBe('unknown_skill')

    const foreignContact = await inject('POST', '/api/programs', managerHeaders, {
      type: 'peer_coaching',
      name: 'X',
      supportContactId: '00000000-0000-4000-8000-000000000000',
    })
    expect(foreignContact.statusCode).toBe(400)
    expect(foreignContact.json().error.details[0].path).toBe('body.supportContactId')
    const count = await t.db
      .selectFrom('programs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organization_id', '=', orgId)
      .where('name', '=', 'X')
      .executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(0)
  })

  test('a participant cannot create or edit programs (403)', async () => {
    const program = await createProgram()
    const create = await inject('POST', '/api/programs', salesHeaders, { type: 'peer_coaching', name: 'Mine' })
    expect(create.statusCode).toBe(403)
    const patch = await inject('PATCH', `/api/programs/${program.id}`, salesHeaders, { name: 'Hijacked' })
    expect(patch.statusCode).toBe(403)
    const move = await inject('POST', `/api/programs/${program.id}/transitions`, salesHeaders, { to: 'enrolling' })
    expect(move.statusCode).toBe(403)
    const row = await t.db
      .selectFrom('programs')
      .select(['name', 'status'])
      .where('id', '=', program.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ name: 'Spring peer coaching', status: 'draft' })
  })

  test('a program manager edits a program; the type is locked once enrollment opened', async () => {
    const program = await createProgram()
    const theme = await inject(
      'POST',
      '/api/themes',
      await sessionHeadersFor(t.db, await buildPerson(t.db, { organizationId: orgId, role: 'admin' })),
      {
        name: 'Growing leaders from within',
      },
    )
    const edited = await inject('PATCH', `/api/programs/${program.id}`, managerHeaders, {
      type: 'coaching_circle',
      themeId: theme.json().id,
      supportContactId: manager.id,
    })
    expect(edited.statusCode).toBe(200)
    expect(edited.json()).toMatchObject({
      type: 'coaching_circle',
      themeName: 'Growing leaders from within',
      supportContactName: manager.name,
      matchingRules: { circles: { minSize: 3, maxSize: 5 } },
    })
    await inject('POST', `/api/programs/${program.id}/transitions`, managerHeaders, { to: 'enrolling' })
    const locked = await inject('PATCH', `/api/programs/${program.id}`, managerHeaders, { type: 'peer_mentoring' })
    expect(locked.statusCode).toBe(409)
    expect(locked.json().error.code).toBe('program_type_locked')
    const renamed = await inject('PATCH', `/api/programs/${program.id}`, managerHeaders, { name: 'Renamed' })
    expect(renamed.statusCode).toBe(200)
    expect(renamed.json().type).toBe('coaching_circle')
    const audit = await t.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'program.updated')
      .where('target_id', '=', program.id)
      .execute()
    expect(audit.map((event) => event.details)).toContainEqual({ fields: ['name'] })
  })
})

describe('the status machine', () => {
  const all: ProgramStatus[] = ['draft', 'enrolling', 'matching', 'active', 'completed', 'archived']
  const allowed: Record<ProgramStatus, ProgramStatus[]> = {
    draft: ['enrolling', 'archived'],
    enrolling: ['matching', 'archived'],
    matching: ['enrolling', 'active'],
    active: ['completed'],
    completed: ['archived'],
    archived: [],
  }

  test('every disallowed move is refused with invalid_transition (program_archived from archived), and nothing changes', async () => {
    for (const from of all) {
      const program = await buildProgram(t.db, { organizationId: orgId, status: from })
      for (const to of all.filter((status) => !allowed[from].includes(status))) {
        const response = await inject('POST', `/api/programs/${program.id}/transitions`, managerHeaders, { to })
        expect(response.statusCode, `${from} -> ${to}`).toBe(409)
        expect(response.json().error.code).toBe(from === 'archived' ? 'program_archived' : 'invalid_transition')
        expect(await statusOf(program.id)).toBe(from)
      }
    }
  })

  test('an unknown status names the field', async () => {
    const program = await buildProgram(t.db, { organizationId: orgId })
    const response = await inject('POST', `/api/programs/${program.id}/transitions`, managerHeaders, { to: 'launched' })
    expect(response.statusCode).toBe(400)
    expect(response.json().error.details[0].path).toBe('body.to')
  })

  test('a program walks draft -> enrolling -> matching -> active -> completed -> archived', async () => {
    const program = await createProgram()
    const move = (to: ProgramStatus) =>
      inject('POST', `/api/programs/${program.id}/transitions`, managerHeaders, { to })
    expect((await move('enrolling')).statusCode).toBe(200)

    const tooFew = await move('matching')
    expect(tooFew.statusCode).toBe(409)
    expect(tooFew.json().error.message).toMatch(/at least 2 people/)
    for (const person of [sales, finance])
      await buildEnrollment(t.db, { program: { id: program.id, organization_id: orgId }, person })
    expect((await move('matching')).statusCode).toBe(200)

    const unpublished = await move('active')
    expect(unpublished.statusCode).toBe(409)
    expect(unpublished.json().error.message).toMatch(/publish/)
    expect((await move('enrolling')).statusCode).toBe(200)
    expect((await move('matching')).statusCode).toBe(200)
    await t.db
      .insertInto('matches')
      .values({ organization_id: orgId, program_id: program.id, status: 'published', published_at: clock.now() })
      .execute()
    const reopen = await move('enrolling')
    expect(reopen.statusCode).toBe(409)
    expect((await move('active')).statusCode).toBe(200)
    expect((await move('completed')).statusCode).toBe(200)
    expect((await move('archived')).statusCode).toBe(200)
    const audit = await t.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'program.transitioned')
      .where('target_id', '=', program.id)
      .orderBy('id')
      .execute()
    expect(audit.map((event) => event.details.to)).toEqual([
      'enrolling',
      'matching',
      'enrolling',
      'matching',
      'active',
      'completed',
      'archived',
    ])
  })

  test('enrollment cannot open without dates or confidentiality terms; the message names what is missing', async () => {
    const program = await createProgram({ startsOn: null, endsOn: null, confidentialityTerms: '' })
    const response = await inject('POST', `/api/programs/${program.id}/transitions`, managerHeaders, {
      to: 'enrolling',
    })
    expect(response.statusCode).toBe(409)
    expect(response.json().error.code).toBe('invalid_transition')
    expect(response.json().error.details.map((d: { path: string }) => d.path)).toEqual([
      'startsOn',
      'endsOn',
      'confidentialityTerms',
    ])
    expect(await statusOf(program.id)).toBe('draft')
  })

  test('a mentoring program needs a mentor and a mentee before matching', async () => {
    const program = await buildProgram(t.db, { organizationId: orgId, type: 'peer_mentoring', status: 'enrolling' })
    const ref = { id: program.id, organization_id: orgId }
    await buildEnrollment(t.db, { program: ref, person: sales, mentoring_role: 'mentee' })
    await buildEnrollment(t.db, { program: ref, person: finance, mentoring_role: 'mentee' })
    const response = await inject('POST', `/api/programs/${program.id}/transitions`, managerHeaders, { to: 'matching' })
    expect(response.statusCode).toBe(409)
    expect(response.json().error.message).toMatch(/0 mentors, 2 mentees/)
  })

  test('an archived program is read-only', async () => {
    const program = await buildProgram(t.db, { organizationId: orgId, status: 'archived', name: 'Old' })
    const patch = await inject('PATCH', `/api/programs/${program.id}`, managerHeaders, { name: 'New' })
    expect(patch.statusCode).toBe(409)
    expect(patch.json().error.code).toBe('program_archived')
    const enroll = await inject('POST', `/api/programs/${program.id}/enrollments`, managerHeaders, {
      personIds: [sales.id],
    })
    expect(enroll.statusCode).toBe(409)
    expect(enroll.json().error.code).toBe('program_archived')
    const row = await t.db.selectFrom('programs').select('name').where('id', '=', program.id).executeTakeFirstOrThrow()
    expect(row.name).toBe('Old')
  })
})

describe('who sees which program', () => {
  test('participants see programs open to them (eligible, enrolling or active) and theirs; program managers see all', async () => {
    const everyone = await buildProgram(t.db, { organizationId: orgId, status: 'enrolling', name: 'For everyone' })
    const salesOnly = await buildProgram(t.db, {
      organizationId: orgId,
      status: 'enrolling',
      name: 'Sales only',
      eligibility: JSON.stringify({ kind: 'departments', departments: ['Sales'] }),
    })
    const financeListed = await buildProgram(t.db, {
      organizationId: orgId,
      status: 'active',
      name: 'Finance listed',
      eligibility: JSON.stringify({ kind: 'people', personIds: [finance.id] }),
    })
    const draft = await buildProgram(t.db, { organizationId: orgId, status: 'draft', name: 'Draft' })
    const completedEnrolled = await buildProgram(t.db, {
      organizationId: orgId,
      status: 'completed',
      name: 'Done',
      eligibility: JSON.stringify({ kind: 'departments', departments: ['Legal'] }),
    })
    await buildEnrollment(t.db, { program: { id: completedEnrolled.id, organization_id: orgId }, person: sales })

    const names = async (headers: Headers) => {
      const response = await inject('GET', '/api/programs', headers)
      expect(response.statusCode, response.body).toBe(200)
      return response.json().programs as Array<{
        id: string
        name: string
        enrolledCount: number | null
        canEnroll: boolean
      }>
    }
    const salesView = await names(salesHeaders)
    const salesIds = salesView.map((program) => program.id)
    expect(salesIds).toEqual(expect.arrayContaining([everyone.id, salesOnly.id, completedEnrolled.id]))
    expect(salesIds).not.toContain(financeListed.id)
    expect(salesIds).not.toContain(draft.id)
    expect(salesView.find((program) => program.id === everyone.id)).toMatchObject({
      enrolledCount: null,
      canEnroll: true,
    })
    expect(salesView.find((program) => program.id === completedEnrolled.id)?.canEnroll).toBe(false)

    // A participant does not learn who else was invited to a program for listed people.
    const financeView = await names(financeHeaders)
    const financeIds = financeView.map((program) => program.id)
    const listedCoworker = await buildPerson(t.db, { organizationId: orgId })
    await t.db
      .updateTable('programs')
      .set({ eligibility: JSON.stringify({ kind: 'people', personIds: [finance.id, listedCoworker.id] }) })
      .where('id', '=', financeListed.id)
      .execute()
    const asFinance = await inject('GET', `/api/programs/${financeListed.id}`, financeHeaders)
    expect(asFinance.json().eligibility).toEqual({ kind: 'people', personIds: [finance.id] })
    const asManager = await inject('GET', `/api/programs/${financeListed.id}`, managerHeaders)
    expect(asManager.json().eligibility.personIds).toEqual([finance.id, listedCoworker.id])
    expect(financeIds).toEqual(expect.arrayContaining([everyone.id, financeListed.id]))
    expect(financeIds).not.toContain(salesOnly.id)
    expect(financeIds).not.toContain(completedEnrolled.id)

    const managerView = await names(managerHeaders)
    expect(managerView.map((program) => program.id)).toEqual(
      expect.arrayContaining([everyone.id, salesOnly.id, financeListed.id, draft.id, completedEnrolled.id]),
    )
    expect(managerView.find((program) => program.id === completedEnrolled.id)?.enrolledCount).toBe(1)

    // Detail: 404 for what a participant may not see, whatever the reason.
    expect((await inject('GET', `/api/programs/${salesOnly.id}`, financeHeaders)).statusCode).toBe(404)
    expect((await inject('GET', `/api/programs/${draft.id}`, salesHeaders)).statusCode).toBe(404)
    const readable = await inject('GET', `/api/programs/${salesOnly.id}`, salesHeaders)
    expect(readable.statusCode).toBe(200)
    expect(readable.json()).toMatchObject({ isEligible: true, isEnrolled: false, canEnroll: true, enrolledCount: null })
    expect(readable.json().confidentialityTerms).toMatch(/stays between peers/)
    expect((await inject('GET', `/api/programs/${completedEnrolled.id}`, salesHeaders)).json().isEnrolled).toBe(true)
  })

  test("a program manager of another organization can neither see nor touch this organization's programs (404)", async () => {
    const program = await createProgram({ name: 'Ours' })
    const list = await inject('GET', '/api/programs', otherManagerHeaders)
    expect(list.json().programs.map((p: { id: string }) => p.id)).not.toContain(program.id)
    for (const [method, url, payload] of [
      ['GET', `/api/programs/${program.id}`, undefined],
      ['PATCH', `/api/programs/${program.id}`, { name: 'Theirs' }],
      ['POST', `/api/programs/${program.id}/transitions`, { to: 'enrolling' }],
      ['POST', `/api/programs/${program.id}/next-cycle`, undefined],
      ['GET', `/api/programs/${program.id}/enrollments`, undefined],
      ['POST', `/api/programs/${program.id}/enrollments`, { personIds: [sales.id] }],
      [
        'PUT',
        `/api/programs/${program.id}/enrollment`,
        { hasConsented: true, intent: 'x', skillsWanted: [], skillsOffered: [] },
      ],
    ] as const) {
      const response = await inject(method, url, otherManagerHeaders, payload)
      expect(response.statusCode, `${method} ${url}`).toBe(404)
      expect(response.json().error.code).toBe('not_found')
    }
    const row = await t.db
      .selectFrom('programs')
      .select(['name', 'status'])
      .where('id', '=', program.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ name: 'Ours', status: 'draft' })
    const enrollments = await t.db.selectFrom('enrollments').select('id').where('program_id', '=', program.id).execute()
    expect(enrollments).toEqual([])
  })
})

describe('cycles', () => {
  test('a completed peer coaching program starts its next cycle: a draft copy that avoids earlier partners', async () => {
    const first = await createProgram({ name: 'Peer coaching', focusSkills: ['negotiation'] })
    const early = await inject('POST', `/api/programs/${first.id}/next-cycle`, managerHeaders)
    expect(early.statusCode).toBe(409)
    expect(early.json().error.code).toBe('invalid_transition')

    await t.db.updateTable('programs').set({ status: 'completed' }).where('id', '=', first.id).execute()
    const next = await inject('POST', `/api/programs/${first.id}/next-cycle`, managerHeaders)
    expect(next.statusCode).toBe(201)
    expect(next.json()).toMatchObject({
      name: 'Peer coaching (cycle 2)',
      status: 'draft',
      type: 'peer_coaching',
      cycleNumber: 2,
      previousProgramId: first.id,
      focusSkills: ['negotiation'],
      startsOn: null,
      matchingRules: { constraints: { avoidRepeatPartners: true, maxSeniorityGap: 2 } },
    })
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['actor_id', 'details'])
      .where('action', '=', 'program.next_cycle_created')
      .where('target_id', '=', next.json().id)
      .executeTakeFirst()
    expect(audit).toEqual({ actor_id: manager.id, details: { previousProgramId: first.id, cycleNumber: 2 } })
    const again = await inject('POST', `/api/programs/${first.id}/next-cycle`, managerHeaders)
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('next_cycle_exists')

    await t.db.updateTable('programs').set({ status: 'completed' }).where('id', '=', next.json().id).execute()
    const third = await inject('POST', `/api/programs/${next.json().id}/next-cycle`, managerHeaders)
    expect(third.json()).toMatchObject({ name: 'Peer coaching (cycle 3)', cycleNumber: 3 })
  })

  test('mentoring programs have no cycles', async () => {
    const program = await buildProgram(t.db, { organizationId: orgId, type: 'peer_mentoring', status: 'completed' })
    const response = await inject('POST', `/api/programs/${program.id}/next-cycle`, managerHeaders)
    expect(response.statusCode).toBe(409)
  })
})
