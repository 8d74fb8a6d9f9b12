import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { PersonRow } from '#server/db/schema.ts'
import { buildOrganization, buildPerson } from '#server/test/factories.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'

let t: TestApp
let orgId: string
let admin: PersonRow
let adminHeaders: Record<string, string>
let participantHeaders: Record<string, string>
let otherAdminHeaders: Record<string, string>
let otherParticipantHeaders: Record<string, string>

const feedbackDrill = {
  technique: 'role_play',
  title: 'Feedback in five minutes',
  purpose: 'Practise giving feedback on behaviour, quickly and kindly.',
  steps: [
    { title: 'Pick a moment', instruction: 'Name one recent moment worth feedback.', minutes: 2 },
    { title: 'Say it', instruction: 'Situation, behaviour, impact.', minutes: 3 },
  ],
  prompts: ['What did you see?'],
  scenarios: [{ title: 'A late report', setup: 'A colleague sent the weekly report a day late.' }],
}

beforeAll(async () => {
  t = await createTestApp()
  const org = await buildOrganization(t.db)
  orgId = org.id
  admin = await buildPerson(t.db, { organizationId: org.id, role: 'admin' })
  adminHeaders = await sessionHeadersFor(t.db, admin)
  participantHeaders = await sessionHeadersFor(t.db, await buildPerson(t.db, { organizationId: org.id }))
  const other = await buildOrganization(t.db)
  otherAdminHeaders = await sessionHeadersFor(
    t.db,
    await buildPerson(t.db, { organizationId: other.id, role: 'admin' }),
  )
  otherParticipantHeaders = await sessionHeadersFor(t.db, await buildPerson(t.db, { organizationId: other.id }))
})
afterAll(() => t.close())

async function library(headers: Record<string, string>, query = '') {
  const response = await t.app.inject({ method: 'GET', url: `/api/exercises${query}`, headers })
  expect(response.statusCode).toBe(200)
  return response.json().exercises as Array<{ id: string; slug: string; technique: string; isBuiltIn: boolean }>
}

async function create(headers: Record<string, string>, payload: object) {
  return t.app.inject({ method: 'POST', url: '/api/exercises', headers, payload })
}

describe('reading the library', () => {
  test('a participant lists the five built-in techniques and reads one by its stable id', async () => {
    const list = await library(participantHeaders)
    expect(list.filter((exercise) => exercise.isBuiltIn).map((exercise) => exercise.id)).toEqual([
      'builtin:role-play',
      'builtin:what-if',
      'builtin:empathy',
      'builtin:change-of-perspective',
      'builtin:collaborative-storytelling',
    ])
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/exercises/builtin:role-play',
      headers: participantHeaders,
    })
    expect(response.statusCode).toBe(200)
    const exercise = response.json()
    expect(exercise).toMatchObject({ technique: 'role_play', isBuiltIn: true })
    expect(exercise.steps.length).toBeGreaterThanOrEqual(4)
    expect(exercise.scenarios.some((scenario: { title: string }) => /difficult customer/i.test(scenario.title))).toBe(
      true,
    )
  })

  test('filters by technique; an unknown built-in id -> 404', async () => {
    const list = await library(participantHeaders, '?technique=empathy')
    expect(list.map((exercise) => exercise.id)).toEqual(['builtin:empathy'])
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/exercises?technique=juggling',
      headers: participantHeaders,
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.code).toBe('validation_failed')
    const missing = await t.app.inject({
      method: 'GET',
      url: '/api/exercises/builtin:juggling',
      headers: participantHeaders,
    })
    expect(missing.statusCode).toBe(404)
  })

  test('the question bank lists built-in listening and powerful questions, filtered by kind', async () => {
    const all = await t.app.inject({ method: 'GET', url: '/api/coaching-questions', headers: participantHeaders })
    expect(all.statusCode).toBe(200)
    const questions = all.json().questions as Array<{ kind: string }>
    expect(questions.filter((question) => question.kind === 'active_listening').length).toBeGreaterThanOrEqual(15)
    expect(questions.filter((question) => question.kind === 'powerful').length).toBeGreaterThanOrEqual(20)
    const powerful = await t.app.inject({
      method: 'GET',
      url: '/api/coaching-questions?kind=powerful',
      headers: participantHeaders,
    })
    expect(powerful.json().questions.every((question: { kind: string }) => question.kind === 'powerful')).toBe(true)
  })
})

describe("an organization's own exercises", () => {
  test('a participant cannot create one -> 403', async () => {
    const response = await create(participantHeaders, feedbackDrill)
    expect(response.statusCode).toBe(403)
    expect(response.json().error.code).toBe('forbidden')
  })

  test('an admin creates, edits and deletes one; each change is audited', async () => {
    const created = await create(adminHeaders, feedbackDrill)
    expect(created.statusCode).toBe(201)
    const exercise = created.json()
    expect(exercise).toMatchObject({ slug: 'feedback-in-five-minutes', durationMinutes: 5, isBuiltIn: false })
    expect((await library(participantHeaders)).map((item) => item.id)).toContain(exercise.id)

    const edited = await t.app.inject({
      method: 'PATCH',
      url: `/api/exercises/${exercise.id}`,
      headers: adminHeaders,
      payload: {
        title: 'Feedback in ten minutes',
        steps: [...feedbackDrill.steps, { title: 'Swap', instruction: 'Now the other person gives it.', minutes: 5 }],
      },
    })
    expect(edited.statusCode).toBe(200)
    expect(edited.json()).toMatchObject({ title: 'Feedback in ten minutes', durationMinutes: 10 })
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/exercises/${exercise.id}`,
      headers: participantHeaders,
    })
    expect(read.json().steps).toHaveLength(3)

    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/api/exercises/${exercise.id}`,
      headers: adminHeaders,
    })
    expect(deleted.statusCode).toBe(200)
    const gone = await t.app.inject({ method: 'GET', url: `/api/exercises/${exercise.id}`, headers: adminHeaders })
    expect(gone.statusCode).toBe(404)

    const actions = (
      await t.db.selectFrom('audit_events').selectAll().where('target_id', '=', exercise.id).execute()
    ).map((event) => [event.action, event.organization_id, event.actor_id])
    expect(actions).toEqual([
      ['exercise.created', orgId, admin.id],
      ['exercise.updated', orgId, admin.id],
      ['exercise.deleted', orgId, admin.id],
    ])
  })

  test('built-in exercises are read-only -> 409 exercise_built_in', async () => {
    const patch = await t.app.inject({
      method: 'PATCH',
      url: '/api/exercises/builtin:empathy',
      headers: adminHeaders,
      payload: { title: 'Mine now' },
    })
    expect(patch.statusCode).toBe(409)
    expect(patch.json().error.code).toBe('exercise_built_in')
    const remove = await t.app.inject({
      method: 'DELETE',
      url: '/api/exercises/builtin:empathy',
      headers: adminHeaders,
    })
    expect(remove.statusCode).toBe(409)
    expect(remove.json().error.code).toBe('exercise_built_in')
    // Nor can an admin shadow a built-in by its slug.
    const shadow = await create(adminHeaders, { ...feedbackDrill, slug: 'empathy' })
    expect(shadow.statusCode).toBe(409)
    expect(shadow.json().error.code).toBe('exercise_taken')
  })

  test("organization A's exercise is invisible to organization B, which cannot edit or delete it", async () => {
    const created = await create(adminHeaders, { ...feedbackDrill, title: 'Only for A' })
    expect(created.statusCode).toBe(201)
    const id = created.json().id as string
    expect((await library(otherParticipantHeaders)).map((item) => item.id)).not.toContain(id)
    const read = await t.app.inject({ method: 'GET', url: `/api/exercises/${id}`, headers: otherParticipantHeaders })
    expect(read.statusCode).toBe(404)
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/exercises/${id}`,
      headers: otherAdminHeaders,
      payload: { title: 'Taken over' },
    })
    expect(patch.statusCode).toBe(404)
    const remove = await t.app.inject({ method: 'DELETE', url: `/api/exercises/${id}`, headers: otherAdminHeaders })
    expect(remove.statusCode).toBe(404)
    const stillThere = await t.app.inject({ method: 'GET', url: `/api/exercises/${id}`, headers: participantHeaders })
    expect(stillThere.json().title).toBe('Only for A')
    // The same slug in organization B is fine: each organization's library is its own.
    expect((await create(otherAdminHeaders, { ...feedbackDrill, title: 'Only for A' })).statusCode).toBe(201)
  })

  test('validation errors name the field', async () => {
    const response = await create(adminHeaders, {
      ...feedbackDrill,
      technique: 'juggling',
      steps: [{ title: 'No time', instruction: 'Missing minutes' }],
    })
    expect(response.statusCode).toBe(400)
    const body = response.json()
    expect(body.error.code).toBe('validation_failed')
    const paths = body.error.details.map((detail: { path: string }) => detail.path).join(' ')
    expect(paths).toContain('technique')
    expect(paths).toContain('steps')
    const empty = await create(adminHeaders, { ...feedbackDrill, steps: [] })
    expect(empty.statusCode).toBe(400)
    expect(
      empty
        .json()
        .error.details.map((detail: { path: string }) => detail.path)
        .join(' '),
    ).toContain('steps')
  })
})

describe("an organization's own questions", () => {
  test('an admin adds and deletes a question; participants cannot; built-in ones are read-only; B never sees it', async () => {
    const payload = { kind: 'powerful', text: 'What would our customers thank you for?' }
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/coaching-questions',
      headers: participantHeaders,
      payload,
    })
    expect(refused.statusCode).toBe(403)
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/coaching-questions',
      headers: adminHeaders,
      payload,
    })
    expect(created.statusCode).toBe(201)
    const question = created.json()
    expect(question).toMatchObject({ ...payload, isBuiltIn: false })

    const mine = await t.app.inject({ method: 'GET', url: '/api/coaching-questions', headers: participantHeaders })
    expect(mine.json().questions.map((item: { id: string }) => item.id)).toContain(question.id)
    const theirs = await t.app.inject({
      method: 'GET',
      url: '/api/coaching-questions',
      headers: otherParticipantHeaders,
    })
    expect(theirs.json().questions.map((item: { id: string }) => item.id)).not.toContain(question.id)
    const crossDelete = await t.app.inject({
      method: 'DELETE',
      url: `/api/coaching-questions/${question.id}`,
      headers: otherAdminHeaders,
    })
    expect(crossDelete.statusCode).toBe(404)

    const builtIn = await t.app.inject({
      method: 'DELETE',
      url: '/api/coaching-questions/builtin:powerful-1',
      headers: adminHeaders,
    })
    expect(builtIn.statusCode).toBe(409)
    expect(builtIn.json().error.code).toBe('coaching_question_built_in')

    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/api/coaching-questions/${question.id}`,
      headers: adminHeaders,
    })
    expect(deleted.statusCode).toBe(200)
    const after = await t.app.inject({ method: 'GET', url: '/api/coaching-questions', headers: participantHeaders })
    expect(after.json().questions.map((item: { id: string }) => item.id)).not.toContain(question.id)

    const blank = await t.app.inject({
      method: 'POST',
      url: '/api/coaching-questions',
      headers: adminHeaders,
      payload: { kind: 'powerful', text: '' },
    })
    expect(blank.statusCode).toBe(400)
    expect(blank.json().error.details[0].path).toContain('text')
  })
})
