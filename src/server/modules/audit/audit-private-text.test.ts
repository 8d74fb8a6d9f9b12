import { sql } from 'kysely'
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Db } from '#server/db/connect.ts'
import type { Role } from '#server/db/schema.ts'
import { buildMatch, buildOrganization, buildPerson, buildProgram, buildSession } from '#server/test/factories.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'

// Issue #11 point 5: audit events never hold private text. Every private field (and the personal
// text an admin edits) is written through the API with a marker; no audit row may contain it.

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

type Headers = Record<string, string>

async function person(db: Db, organizationId: string, name: string, role: Role = 'participant') {
  const row = await buildPerson(db, { organizationId, name, role })
  return { row, headers: await sessionHeadersFor(db, row) }
}

test('no audit event holds the private words written through the API', async () => {
  const marker = (field: string) => `MARKER-${field}-q7x`
  const planted: string[] = []
  async function plant(method: 'POST' | 'PUT' | 'PATCH', url: string, headers: Headers, payload: object) {
    const response = await t.app.inject({ method, url, headers, payload })
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300)
    planted.push(...(JSON.stringify(payload).match(/MARKER-[a-zA-Z.]+-q7x/g) ?? []))
    return response.json()
  }

  const org = (await buildOrganization(t.db)).id
  await t.db
    .insertInto('skills')
    .values({ organization_id: org, slug: 'active-listening', name: 'Active listening' })
    .execute()
  const admin = await person(t.db, org, 'Ada Admin', 'admin')
  const pm = await person(t.db, org, 'Pat Manager', 'program_manager')
  const ana = await person(t.db, org, 'Ana Lima')
  const ben = await person(t.db, org, 'Ben Ortiz')

  // Enrollment: intent and answers.
  const enrolling = await buildProgram(t.db, {
    organizationId: org,
    status: 'enrolling',
    created_by: pm.row.id,
    enrollment_questions: JSON.stringify([{ id: 'why', kind: 'short_text', prompt: 'Why?', isRequired: false }]),
  })
  await plant('PUT', `/api/programs/${enrolling.id}/enrollment`, ana.headers, {
    hasConsented: true,
    intent: marker('enrollment.intent'),
    skillsWanted: ['active-listening'],
    skillsOffered: [],
    answers: { why: marker('enrollment.answer') },
  })

  // A match with a held session: the pair's words.
  const program = await buildProgram(t.db, {
    organizationId: org,
    status: 'active',
    focus_skills: ['active-listening'],
    created_by: pm.row.id,
  })
  const match = await buildMatch(t.db, {
    organizationId: org,
    programId: program.id,
    memberIds: [ana.row.id, ben.row.id],
    status: 'active',
  })
  const session = await buildSession(t.db, { match, status: 'held' })
  const m = `/api/matches/${match.id}`
  await plant('POST', `${m}/reflections`, ana.headers, { body: marker('reflection') })
  await plant('POST', `${m}/notes`, ana.headers, { body: marker('note') })
  await plant('POST', `${m}/action-items`, ana.headers, { title: marker('actionItem'), ownerId: ana.row.id })
  await plant('POST', `/api/sessions/${session.id}/feedback`, ana.headers, {
    receiverId: ben.row.id,
    whatWorked: marker('feedback.whatWorked'),
    tryNext: marker('feedback.tryNext'),
    situation: marker('feedback.situation'),
    behaviour: marker('feedback.behaviour'),
    impact: marker('feedback.impact'),
    ratings: { listening: 4, questions: 4, helpfulness: 4 },
    acknowledgeFlags: true,
  })
  await plant('POST', `${m}/wellbeing-checkins`, ana.headers, {
    moment: 'anytime',
    mood: 2,
    stress: 4,
    note: marker('checkin.note'),
  })
  await plant('POST', `${m}/fit`, ana.headers, { fit: 2, keepPairing: 'no', comment: marker('fit.comment') })
  await plant('POST', `${m}/support-requests`, ana.headers, { message: marker('support.message'), consent: true })
  await plant('PUT', `${m}/agreement`, ana.headers, {
    focus: marker('agreement.focus'),
    groundRules: {
      confidentiality: marker('agreement.confidentiality'),
      cadence: marker('agreement.cadence'),
      feedback: marker('agreement.feedback'),
    },
  })
  const goal = await plant('POST', `${m}/goals`, ana.headers, {
    title: marker('goal.title'),
    measure: marker('goal.measure'),
    target: marker('goal.target'),
    dueOn: '2030-01-01',
  })
  await plant('POST', `/api/goals/${goal.id}/milestones`, ana.headers, { title: marker('milestone') })
  await plant('POST', `/api/goals/${goal.id}/updates`, ben.headers, { kind: 'comment', body: marker('goal.comment') })
  const repair = await plant('POST', `${m}/repair-requests`, ana.headers, { reason: marker('repair.reason') })
  await plant('POST', `/api/repair-requests/${repair.id}/resolve`, pm.headers, {})
  await plant('POST', `${m}/dissolve`, ben.headers, { reason: marker('dissolve.reason') })
  await plant('POST', `${m}/closing-survey`, ana.headers, {
    satisfaction: 2,
    wouldRecommend: 3,
    selfAssessment: { 'active-listening': 3 },
    comment: marker('closing.comment'),
  })

  // Personal text an admin handles: an invitation (its email body), a person's fields, the organization's name.
  const invited = await plant('POST', '/api/invitations', admin.headers, {
    email: 'MARKER-invitation.email-q7x@example.test'.toLowerCase(),
    name: marker('invitation.name'),
    role: 'participant',
  })
  await plant('PATCH', `/api/people/${ben.row.id}`, admin.headers, {
    name: marker('person.name'),
    title: marker('person.title'),
    department: marker('person.department'),
    location: marker('person.location'),
    role: 'program_manager',
  })
  await plant('PATCH', '/api/organization', admin.headers, { name: marker('organization.name') })

  // The test would pass vacuously if nothing were audited: these writes are.
  const actions = (
    await t.db.selectFrom('audit_events').select('action').where('organization_id', '=', org).execute()
  ).map((row) => row.action)
  expect(actions).toEqual(
    expect.arrayContaining([
      'repair_request.resolved',
      'match.dissolved_by_member',
      'invitation.sent',
      'person.updated',
      'person.role_changed',
      'organization.updated',
    ]),
  )
  expect(invited.personId).toBeTruthy()
  expect(planted.length).toBeGreaterThanOrEqual(25)

  const rows = await t.db
    .selectFrom('audit_events')
    .select(sql<string>`concat_ws(' ', action, target_type, target_id, details::text, address)`.as('text'))
    .execute()
  const everything = rows
    .map((row) => row.text)
    .join('\n')
    .toLowerCase()
  const leaked = [...new Set(planted)].filter((text) => everything.includes(text.toLowerCase()))
  expect(leaked).toEqual([])
  expect(everything).not.toContain('marker-')
})
