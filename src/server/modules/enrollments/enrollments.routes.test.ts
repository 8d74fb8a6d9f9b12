import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { PersonRow, ProgramRow } from '#server/db/schema.ts'
import { getProgramForMatching } from '#server/modules/programs/programs.service.ts'
import { seedDefaultSkills } from '#server/modules/skills/skills.service.ts'
import { buildEnrollment, buildMatch, buildOrganization, buildPerson, buildProgram } from '#server/test/factories.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'
import { listEnrollmentsForMatching, listManagerLinks } from './enrollments.service.ts'

type Headers = Record<string, string>

let t: TestApp
let orgId: string
let otherOrgId: string
let manager: PersonRow
let managerHeaders: Headers
let ada: PersonRow
let adaHeaders: Headers

beforeAll(async () => {
  t = await createTestApp()
  const org = await buildOrganization(t.db)
  orgId = org.id
  await seedDefaultSkills(t.db, org.id)
  manager = await buildPerson(t.db, { organizationId: org.id, role: 'program_manager', department: 'People' })
  managerHeaders = await sessionHeadersFor(t.db, manager)
  ada = await buildPerson(t.db, {
    organizationId: org.id,
    department: 'Engineering',
    skills_wanted: ['negotiation'],
    skills_offered: ['storytelling'],
    manager_id: manager.id,
    time_zone: 'Asia/Kolkata',
    languages: ['en', 'hi'],
    seniority: 4,
  })
  adaHeaders = await sessionHeadersFor(t.db, ada)
  otherOrgId = (await buildOrganization(t.db)).id
})
afterAll(() => t.close())

function inject(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: Headers, payload?: object) {
  return t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
}

const questions = [
  { id: 'why', kind: 'short_text', prompt: 'What do you hope to get out of it?', isRequired: true },
  {
    id: 'format',
    kind: 'single_choice',
    prompt: 'Preferred format',
    options: ['In person', 'Video'],
    isRequired: true,
  },
  { id: 'topics', kind: 'multiple_choice', prompt: 'Topics', options: ['Feedback', 'Conflict', 'Career'] },
  { id: 'confidence', kind: 'scale', prompt: 'How confident are you giving feedback?', isRequired: false },
]

async function openProgram(overrides: Partial<Parameters<typeof buildProgram>[1]> = {}): Promise<ProgramRow> {
  return buildProgram(t.db, {
    organizationId: orgId,
    status: 'enrolling',
    focus_skills: ['active-listening'],
    enrollment_questions: JSON.stringify(questions),
    ...overrides,
  })
}

const validBody = {
  hasConsented: true,
  intent: 'Get better at hard conversations',
  skillsWanted: ['negotiation', 'giving-feedback'],
  skillsOffered: ['storytelling'],
  answers: { why: 'Confidence', format: 'Video', topics: ['Feedback', 'Conflict'], confidence: 3 },
  selfAssessment: { 'active-listening': 2 },
}

const enrollAs = (headers: Headers, programId: string, body: object = validBody) =>
  inject('PUT', `/api/programs/${programId}/enrollment`, headers, body)

async function enrollmentRow(programId: string, personId: string) {
  return t.db
    .selectFrom('enrollments')
    .selectAll()
    .where('program_id', '=', programId)
    .where('person_id', '=', personId)
    .executeTakeFirst()
}

describe('my enrollment', () => {
  test('before enrolling, GET returns a draft pre-filled from my profile', async () => {
    const program = await openProgram()
    const response = await inject('GET', `/api/programs/${program.id}/enrollment`, adaHeaders)
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({
      isEnrolled: false,
      enrollment: null,
      canEnroll: true,
      draft: { skillsWanted: ['negotiation'], skillsOffered: ['storytelling'], mentoringRole: null, answers: {} },
    })
  })

  test('I enroll with consent, answers and a self-assessment, then edit my enrollment', async () => {
    const program = await openProgram()
    const response = await enrollAs(adaHeaders, program.id)
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toMatchObject({
      status: 'enrolled',
      intent: 'Get better at hard conversations',
      skillsWanted: ['negotiation', 'giving-feedback'],
      answers: { format: 'Video', confidence: 3 },
      selfAssessment: { 'active-listening': 2 },
      enrolledBy: ada.id,
    })
    expect(response.json().consentedAt).not.toBeNull()
    const edited = await enrollAs(adaHeaders, program.id, { ...validBody, intent: 'Listen better' })
    expect(edited.statusCode).toBe(200)
    expect((await enrollmentRow(program.id, ada.id))?.intent).toBe('Listen better')
    const mine = await inject('GET', `/api/programs/${program.id}/enrollment`, adaHeaders)
    expect(mine.json()).toMatchObject({ isEnrolled: true, draft: { intent: 'Listen better' } })
  })

  test('consent to the confidentiality terms is required', async () => {
    const program = await openProgram()
    const response = await enrollAs(adaHeaders, program.id, { ...validBody, hasConsented: false })
    expect(response.statusCode).toBe(400)
    expect(response.json().error.details[0].path).toBe('body.hasConsented')
    expect(await enrollmentRow(program.id, ada.id)).toBeUndefined()
  })

  test('answers must fit the questions: required, options, scale 1..5, known questions', async () => {
    const program = await openProgram()
    const cases: Array<[object, string]> = [
      [{ why: 'x', topics: [] }, 'body.answers.format'],
      [{ why: 'x', format: 'Carrier pigeon' }, 'body.answers.format'],
      [{ why: 'x', format: 'Video', topics: ['Feedback', 'Golf'] }, 'body.answers.topics'],
      [{ why: 'x', format: 'Video', confidence: 6 }, 'body.answers.confidence'],
      [{ why: 'x', format: 'Video', confidence: 2.5 }, 'body.answers.confidence'],
      [{ why: 'x', format: 'Video', shoeSize: '44' }, 'body.answers.shoeSize'],
      [{ why: '   ', format: 'Video' }, 'body.answers.why'],
    ]
    for (const [answers, path] of cases) {
      const response = await enrollAs(adaHeaders, program.id, { ...validBody, answers })
      expect(response.statusCode, JSON.stringify(answers)).toBe(400)
      expect(response.json().error.code).toBe('validation_failed')
      expect(response.json().error.details.map((d: { path: string }) => d.path)).toContain(path)
    }
    expect(await enrollmentRow(program.id, ada.id)).toBeUndefined()
  })

  test('each focus skill must be self-assessed 1..5, and only focus skills', async () => {
    const program = await openProgram()
    const missing = await enrollAs(adaHeaders, program.id, { ...validBody, selfAssessment: {} })
    expect(missing.statusCode).toBe(400)
    expect(missing.json().error.details[0].path).toBe('body.selfAssessment.active-listening')
    const extra = await enrollAs(adaHeaders, program.id, {
      ...validBody,
      selfAssessment: { 'active-listening': 3, negotiation: 2 },
    })
    expect(extra.json().error.details[0].path).toBe('body.selfAssessment.negotiation')
    const outOfRange = await enrollAs(adaHeaders, program.id, {
      ...validBody,
      selfAssessment: { 'active-listening': 9 },
    })
    expect(outOfRange.statusCode).toBe(400)
  })

  test('skills must be in the catalogue', async () => {
    const program = await openProgram()
    const response = await enrollAs(adaHeaders, program.id, { ...validBody, skillsWanted: ['juggling'] })
    expect(response.statusCode).toBe(422)
    expect(response.json().error.code).toBe('unknown_skill')
  })

  test('mentoring: the role is required (capacity for mentors 1..5); outside mentoring it is refused', async () => {
    const mentoring = await openProgram({ type: 'peer_mentoring' })
    const noRole = await enrollAs(adaHeaders, mentoring.id)
    expect(noRole.statusCode).toBe(400)
    expect(noRole.json().error.details[0].path).toBe('body.mentoringRole')
    const tooMany = await enrollAs(adaHeaders, mentoring.id, {
      ...validBody,
      mentoringRole: 'mentor',
      mentorCapacity: 6,
    })
    expect(tooMany.statusCode).toBe(400)
    expect(tooMany.json().error.details[0].path).toBe('body.mentorCapacity')
    const mentor = await enrollAs(adaHeaders, mentoring.id, { ...validBody, mentoringRole: 'mentor' })
    expect(mentor.statusCode).toBe(200)
    expect(mentor.json()).toMatchObject({ mentoringRole: 'mentor', mentorCapacity: 2 })
    const mentee = await enrollAs(adaHeaders, mentoring.id, { ...validBody, mentoringRole: 'mentee' })
    expect(mentee.json()).toMatchObject({ mentoringRole: 'mentee', mentorCapacity: null })

    const peer = await openProgram()
    const refused = await enrollAs(adaHeaders, peer.id, { ...validBody, mentoringRole: 'mentee' })
    expect(refused.statusCode).toBe(400)
    expect(refused.json().error.details[0].path).toBe('body.mentoringRole')
  })

  test('no enrolling in a draft (404 for a participant, who cannot see it; 409 for a program manager) or while matching', async () => {
    const draft = await openProgram({ status: 'draft' })
    expect((await enrollAs(adaHeaders, draft.id)).statusCode).toBe(404)
    const asManager = await enrollAs(managerHeaders, draft.id)
    expect(asManager.statusCode).toBe(409)
    expect(asManager.json().error).toMatchObject({
      code: 'enrollment_closed',
      message: 'Enrollment has not opened yet',
    })
    const matching = await openProgram({ status: 'matching' })
    const closed = await enrollAs(adaHeaders, matching.id)
    expect(closed.statusCode).toBe(409)
    expect(closed.json().error.code).toBe('enrollment_closed')
    expect(await enrollmentRow(matching.id, ada.id)).toBeUndefined()
  })

  test('late enrollees may enroll while the program is active; not after enrollment closed', async () => {
    const active = await openProgram({ status: 'active' })
    expect((await enrollAs(adaHeaders, active.id)).statusCode).toBe(200)
    const closed = await openProgram({ enrollment_closes_on: '2020-01-31', starts_on: '2020-01-01' })
    const response = await enrollAs(adaHeaders, closed.id)
    expect(response.statusCode).toBe(409)
    expect(response.json().error).toMatchObject({
      code: 'enrollment_closed',
      message: 'Enrollment for this program closed on 31 Jan 2020',
    })
  })

  test('an archived program is read-only: no enrolling, editing or withdrawing', async () => {
    const program = await openProgram({ status: 'archived' })
    await buildEnrollment(t.db, { program, person: ada, intent: 'Before' })
    const edit = await enrollAs(adaHeaders, program.id)
    expect(edit.statusCode).toBe(409)
    expect(edit.json().error.code).toBe('program_archived')
    const leave = await inject('DELETE', `/api/programs/${program.id}/enrollment`, adaHeaders)
    expect(leave.json().error.code).toBe('program_archived')
    expect(await enrollmentRow(program.id, ada.id)).toMatchObject({ intent: 'Before', status: 'enrolled' })
  })

  test('eligibility: a person outside it cannot see the program (404); someone who can see it gets 403 not_eligible', async () => {
    const salesOnly = await openProgram({
      eligibility: JSON.stringify({ kind: 'departments', departments: ['Sales'] }),
    })
    expect((await enrollAs(adaHeaders, salesOnly.id)).statusCode).toBe(404)
    expect((await inject('GET', `/api/programs/${salesOnly.id}/enrollment`, adaHeaders)).statusCode).toBe(404)
    const asManager = await enrollAs(managerHeaders, salesOnly.id)
    expect(asManager.statusCode).toBe(403)
    expect(asManager.json().error).toMatchObject({
      code: 'not_eligible',
      message: 'This program is open to Sales only',
    })
    const listed = await openProgram({ eligibility: JSON.stringify({ kind: 'people', personIds: [ada.id] }) })
    expect((await enrollAs(adaHeaders, listed.id)).statusCode).toBe(200)
  })

  test('I withdraw while enrollment is open and may enroll again; not once in a published match', async () => {
    const program = await openProgram()
    await enrollAs(adaHeaders, program.id)
    const withdrawn = await inject('DELETE', `/api/programs/${program.id}/enrollment`, adaHeaders)
    expect(withdrawn.statusCode).toBe(200)
    expect((await enrollmentRow(program.id, ada.id))?.status).toBe('withdrawn')
    expect((await inject('DELETE', `/api/programs/${program.id}/enrollment`, adaHeaders)).statusCode).toBe(404)
    expect((await enrollAs(adaHeaders, program.id)).statusCode).toBe(200)
    expect((await enrollmentRow(program.id, ada.id))?.status).toBe('enrolled')

    const match = await t.db
      .insertInto('matches')
      .values({ organization_id: orgId, program_id: program.id, status: 'published' })
      .returning('id')
      .executeTakeFirstOrThrow()
    await t.db
      .insertInto('match_members')
      .values({ match_id: match.id, person_id: ada.id, organization_id: orgId })
      .execute()
    const refused = await inject('DELETE', `/api/programs/${program.id}/enrollment`, adaHeaders)
    expect(refused.statusCode).toBe(409)
    expect(refused.json().error.code).toBe('already_matched')
    expect((await enrollmentRow(program.id, ada.id))?.status).toBe('enrolled')
  })
})

describe('program managers and enrollments', () => {
  test('20 people are enrolled in one call with their profile skills; again is a no-op; removed people cannot re-enroll themselves', async () => {
    const program = await openProgram({ focus_skills: [] })
    const people: PersonRow[] = []
    for (let i = 0; i < 20; i++) {
      people.push(
        await buildPerson(t.db, {
          organizationId: orgId,
          department: i % 4 === 0 ? 'Sales' : 'Engineering',
          skills_offered: ['delegation'],
        }),
      )
    }
    const response = await inject('POST', `/api/programs/${program.id}/enrollments`, managerHeaders, {
      personIds: people.map((person) => person.id),
    })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toEqual({ enrolled: 20, alreadyEnrolled: 0, invited: 0 })
    const again = await inject('POST', `/api/programs/${program.id}/enrollments`, managerHeaders, {
      personIds: [people[0]!.id, people[1]!.id],
    })
    expect(again.json()).toEqual({ enrolled: 0, alreadyEnrolled: 2, invited: 0 })
    const row = await enrollmentRow(program.id, people[0]!.id)
    expect(row).toMatchObject({
      status: 'enrolled',
      skills_offered: ['delegation'],
      enrolled_by: manager.id,
      consented_at: null,
    })

    const page = await inject('GET', `/api/programs/${program.id}/enrollments?limit=5&offset=5`, managerHeaders)
    expect(page.statusCode).toBe(200)
    expect(page.json()).toMatchObject({
      total: 20,
      limit: 5,
      offset: 5,
      counts: {
        enrolled: 20,
        byDepartment: [
          { department: 'Engineering', count: 15 },
          { department: 'Sales', count: 5 },
        ],
        byMentoringRole: { mentor: 0, mentee: 0 },
      },
    })
    expect(page.json().enrollments).toHaveLength(5)
    expect(page.json().enrollments[0]).toMatchObject({ isEnrolledByManager: true, hasConsented: false })
    const sales = await inject('GET', `/api/programs/${program.id}/enrollments?department=Sales`, managerHeaders)
    expect(sales.json().total).toBe(5)

    const removed = await inject('DELETE', `/api/programs/${program.id}/enrollments/${people[2]!.id}`, managerHeaders)
    expect(removed.statusCode).toBe(200)
    expect((await enrollmentRow(program.id, people[2]!.id))?.status).toBe('removed')
    const back = await enrollAs(await sessionHeadersFor(t.db, people[2]!), program.id)
    expect(back.statusCode).toBe(409)
    expect(back.json().error.code).toBe('enrollment_removed')

    const audit = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', program.id)
      .where('actor_id', '=', manager.id)
      .execute()
    expect(audit.map((event) => event.action)).toEqual(
      expect.arrayContaining(['enrollment.added_by_manager', 'enrollment.removed_by_manager']),
    )
  })

  test('people who have not signed up yet can be enrolled: each gets one email that invites them and names the program (issue #15)', async () => {
    const program = await openProgram({ name: 'Feedback circle' })
    const notInvited = await buildPerson(t.db, { organizationId: orgId, status: 'invited', email: 'ni@acme.test' })
    const invited = await buildPerson(t.db, { organizationId: orgId, status: 'invited', email: 'iv@acme.test' })
    const admin = await buildPerson(t.db, { organizationId: orgId, role: 'admin' })
    const adminHeaders = await sessionHeadersFor(t.db, admin)
    const first = await inject('POST', '/api/invitations', adminHeaders, {
      email: 'iv@acme.test',
      name: invited.name,
      role: 'participant',
    })
    expect(first.statusCode).toBe(201)
    const active = await buildPerson(t.db, { organizationId: orgId })

    const response = await inject('POST', `/api/programs/${program.id}/enrollments`, managerHeaders, {
      personIds: [notInvited.id, invited.id, active.id],
    })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ enrolled: 3, alreadyEnrolled: 0, invited: 2 })
    const mails = await t.db
      .selectFrom('outbox_emails')
      .select(['to_address', 'subject', 'text_body'])
      .where('to_address', 'in', ['ni@acme.test', 'iv@acme.test', active.email])
      .orderBy('created_at')
      .execute()
    const toNotInvited = mails.filter((mail) => mail.to_address === 'ni@acme.test')
    expect(toNotInvited).toHaveLength(1)
    expect(toNotInvited[0]!.subject).toContain('enrolled you in Feedback circle')
    expect(toNotInvited[0]!.text_body).toContain('/accept-invitation?token=')
    // The person invited before gets one more email (naming the program); its link replaces the first.
    expect(mails.filter((mail) => mail.to_address === 'iv@acme.test').map((mail) => mail.subject)).toEqual([
      expect.stringContaining('invited you to'),
      expect.stringContaining('enrolled you in Feedback circle'),
    ])
    expect(mails.filter((mail) => mail.to_address === active.email)).toEqual([])

    // Enrolling them again sends nothing more.
    const again = await inject('POST', `/api/programs/${program.id}/enrollments`, managerHeaders, {
      personIds: [notInvited.id],
    })
    expect(again.json()).toEqual({ enrolled: 0, alreadyEnrolled: 1, invited: 0 })
    const after = await t.db.selectFrom('outbox_emails').select('id').where('to_address', '=', 'ni@acme.test').execute()
    expect(after).toHaveLength(1)
  })

  test('deactivated or ineligible people are refused and nobody of the batch is enrolled', async () => {
    const program = await openProgram({
      eligibility: JSON.stringify({ kind: 'departments', departments: ['Engineering'] }),
    })
    const ok = await buildPerson(t.db, { organizationId: orgId, department: 'Engineering' })
    const gone = await buildPerson(t.db, { organizationId: orgId, department: 'Engineering', status: 'deactivated' })
    const outside = await buildPerson(t.db, { organizationId: orgId, department: 'Finance' })
    const response = await inject('POST', `/api/programs/${program.id}/enrollments`, managerHeaders, {
      personIds: [ok.id, gone.id, outside.id],
    })
    expect(response.statusCode).toBe(403)
    expect(response.json().error.code).toBe('not_eligible')
    expect(response.json().error.details.map((d: { path: string }) => d.path)).toEqual([
      'body.personIds.1',
      'body.personIds.2',
    ])
    expect(await enrollmentRow(program.id, ok.id)).toBeUndefined()

    const stranger = await buildPerson(t.db, { organizationId: otherOrgId })
    const foreign = await inject('POST', `/api/programs/${program.id}/enrollments`, managerHeaders, {
      personIds: [stranger.id],
    })
    expect(foreign.statusCode).toBe(400)
    expect(await enrollmentRow(program.id, stranger.id)).toBeUndefined()
  })

  test('in a mentoring program the manager says which role; counts by role', async () => {
    const program = await openProgram({ type: 'peer_mentoring', focus_skills: [] })
    const mentors = [
      await buildPerson(t.db, { organizationId: orgId }),
      await buildPerson(t.db, { organizationId: orgId }),
    ]
    const mentee = await buildPerson(t.db, { organizationId: orgId })
    const noRole = await inject('POST', `/api/programs/${program.id}/enrollments`, managerHeaders, {
      personIds: [mentee.id],
    })
    expect(noRole.statusCode).toBe(400)
    await inject('POST', `/api/programs/${program.id}/enrollments`, managerHeaders, {
      personIds: mentors.map((person) => person.id),
      mentoringRole: 'mentor',
      mentorCapacity: 3,
    })
    await inject('POST', `/api/programs/${program.id}/enrollments`, managerHeaders, {
      personIds: [mentee.id],
      mentoringRole: 'mentee',
    })
    const list = await inject('GET', `/api/programs/${program.id}/enrollments`, managerHeaders)
    expect(list.json().counts.byMentoringRole).toEqual({ mentor: 2, mentee: 1 })
    const mentorsOnly = await inject(
      'GET',
      `/api/programs/${program.id}/enrollments?mentoringRole=mentor`,
      managerHeaders,
    )
    expect(mentorsOnly.json().enrollments.map((e: { mentorCapacity: number }) => e.mentorCapacity)).toEqual([3, 3])
  })

  test("program managers read each enrollment's answers in the list and in the CSV export (issue #17, point 3)", async () => {
    const program = await openProgram({ name: 'Spring coaching' })
    const enrolled = await enrollAs(adaHeaders, program.id, {
      ...validBody,
      answers: { ...validBody.answers, why: '=HYPERLINK("http://x")' },
    })
    expect(enrolled.statusCode, enrolled.body).toBe(200)
    const list = await inject('GET', `/api/programs/${program.id}/enrollments`, managerHeaders)
    expect(list.statusCode, list.body).toBe(200)
    expect(list.json().enrollments[0].answers).toEqual({
      why: '=HYPERLINK("http://x")',
      format: 'Video',
      topics: ['Feedback', 'Conflict'],
      confidence: 3,
    })
    const csv = await inject('GET', `/api/programs/${program.id}/enrollments.csv`, managerHeaders)
    expect(csv.statusCode, csv.body).toBe(200)
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.headers['content-disposition']).toBe('attachment; filename="spring-coaching-enrollments.csv"')
    const [header, row] = parse(csv.body) as string[][]
    expect(header.slice(-4)).toEqual(questions.map((question) => question.prompt))
    // A formula is written as text; choices joined; the scale as its number.
    expect(row.slice(-4)).toEqual(['\'=HYPERLINK("http://x")', 'Video', 'Feedback; Conflict', '3'])
    expect(row[1]).toBe(ada.email)
    expect((await inject('GET', `/api/programs/${program.id}/enrollments.csv`, adaHeaders)).statusCode).toBe(403)
  })

  test('participants cannot list, enroll or remove others (403)', async () => {
    const program = await openProgram()
    const other = await buildPerson(t.db, { organizationId: orgId })
    expect((await inject('GET', `/api/programs/${program.id}/enrollments`, adaHeaders)).statusCode).toBe(403)
    const enroll = await inject('POST', `/api/programs/${program.id}/enrollments`, adaHeaders, {
      personIds: [other.id],
    })
    expect(enroll.statusCode).toBe(403)
    expect(await enrollmentRow(program.id, other.id)).toBeUndefined()
    await buildEnrollment(t.db, { program, person: other })
    const remove = await inject('DELETE', `/api/programs/${program.id}/enrollments/${other.id}`, adaHeaders)
    expect(remove.statusCode).toBe(403)
    expect((await enrollmentRow(program.id, other.id))?.status).toBe('enrolled')
  })
})

describe('confidentiality terms of people enrolled by someone else (issue #15)', () => {
  test('their match workspace stays closed, saying why, until they accept the terms; Home lists the program', async () => {
    const program = await openProgram({ name: 'Terms circle', status: 'active' })
    const enrolled = await buildPerson(t.db, { organizationId: orgId })
    const selfEnrolled = await buildPerson(t.db, { organizationId: orgId })
    await buildEnrollment(t.db, { program, person: enrolled, enrolled_by: manager.id, consented_at: null })
    await buildEnrollment(t.db, { program, person: selfEnrolled, enrolled_by: selfEnrolled.id })
    const match = await buildMatch(t.db, {
      organizationId: orgId,
      programId: program.id,
      memberIds: [enrolled.id, selfEnrolled.id],
    })
    const headers = await sessionHeadersFor(t.db, enrolled)

    const closed = await inject('GET', `/api/matches/${match.id}/workspace`, headers)
    expect(closed.statusCode).toBe(403)
    expect(closed.json().error).toMatchObject({
      code: 'terms_not_accepted',
      message: expect.stringContaining('confidentiality terms of Terms circle'),
    })
    const pending = await inject('GET', '/api/me/terms-to-accept', headers)
    expect(pending.json()).toEqual({
      programs: [
        {
          programId: program.id,
          programName: 'Terms circle',
          confidentialityTerms: program.confidentiality_terms,
          enrolledByName: manager.name,
        },
      ],
    })
    // The partner who enrolled themselves (and consented then) is not held back.
    const partnerHeaders = await sessionHeadersFor(t.db, selfEnrolled)
    expect((await inject('GET', `/api/matches/${match.id}/workspace`, partnerHeaders)).statusCode).toBe(200)
    expect((await inject('GET', '/api/me/terms-to-accept', partnerHeaders)).json()).toEqual({ programs: [] })

    const accepted = await inject('POST', `/api/programs/${program.id}/enrollment/accept-terms`, headers)
    expect(accepted.statusCode).toBe(200)
    expect(accepted.json().consentedAt).not.toBeNull()
    expect((await inject('GET', `/api/matches/${match.id}/workspace`, headers)).statusCode).toBe(200)
    expect((await inject('GET', '/api/me/terms-to-accept', headers)).json()).toEqual({ programs: [] })
    expect((await enrollmentRow(program.id, enrolled.id))?.consented_at).not.toBeNull()

    // Someone not enrolled has nothing to accept.
    const stranger = await sessionHeadersFor(t.db, await buildPerson(t.db, { organizationId: orgId }))
    expect((await inject('POST', `/api/programs/${program.id}/enrollment/accept-terms`, stranger)).statusCode).toBe(404)
  })
})

describe('what the matching service reads', () => {
  test('listEnrollmentsForMatching: enrolled, active people with profile and enrollment fields', async () => {
    const program = await openProgram({ type: 'peer_mentoring', focus_skills: [] })
    const gone = await buildPerson(t.db, { organizationId: orgId, status: 'deactivated' })
    const withdrawn = await buildPerson(t.db, { organizationId: orgId })
    await buildEnrollment(t.db, {
      program,
      person: ada,
      mentoring_role: 'mentor',
      skills_wanted: ['coaching'],
      skills_offered: ['negotiation'],
    })
    await buildEnrollment(t.db, { program, person: gone, mentoring_role: 'mentee' })
    await buildEnrollment(t.db, { program, person: withdrawn, mentoring_role: 'mentee', status: 'withdrawn' })
    const cohort = await listEnrollmentsForMatching(t.db, orgId, program.id, t.clock.now())
    expect(cohort).toHaveLength(1)
    expect(cohort[0]).toMatchObject({
      personId: ada.id,
      seniority: 4,
      department: 'Engineering',
      managerId: manager.id,
      languages: ['en', 'hi'],
      timeZone: 'Asia/Kolkata',
      utcOffsetMinutes: 330,
      workingHours: { start: '09:00', end: '17:00' },
      skillsWanted: ['coaching'],
      skillsOffered: ['negotiation'],
      mentoringRole: 'mentor',
      mentorCapacity: 2,
    })
    await expect(listEnrollmentsForMatching(t.db, otherOrgId, program.id, t.clock.now())).rejects.toMatchObject({
      code: 'not_found',
    })
  })

  test('getProgramForMatching and listManagerLinks stay inside the organization', async () => {
    const program = await openProgram()
    const found = await getProgramForMatching(t.db, orgId, program.id)
    expect(found).toMatchObject({
      id: program.id,
      type: 'peer_coaching',
      matchingRules: { constraints: { maxSeniorityGap: 2 } },
    })
    await expect(getProgramForMatching(t.db, otherOrgId, program.id)).rejects.toMatchObject({ code: 'not_found' })
    const links = await listManagerLinks(t.db, orgId)
    expect(links).toContainEqual({ id: ada.id, managerId: manager.id })
    const people = await t.db.selectFrom('people').select('id').where('organization_id', '=', orgId).execute()
    expect(links).toHaveLength(people.length)
  })
})
