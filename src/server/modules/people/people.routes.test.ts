import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { PEOPLE_COUNT_CAP, type PeopleList, PeopleListSchema, PersonSchema } from '#contracts/people.ts'
import type { PersonRow } from '#server/db/schema.ts'
import { seedDefaultSkills } from '#server/modules/skills/skills.service.ts'
import { buildOrganization, buildPerson } from '#server/test/factories.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'

let t: TestApp
let orgId: string
let admin: PersonRow
let manager: PersonRow
let programManager: PersonRow
let participant: PersonRow
let adminHeaders: Record<string, string>
let pmHeaders: Record<string, string>
let participantHeaders: Record<string, string>
let outsider: PersonRow
let outsiderAdminHeaders: Record<string, string>

beforeAll(async () => {
  t = await createTestApp()
  const org = await buildOrganization(t.db)
  orgId = org.id
  await seedDefaultSkills(t.db, org.id)
  admin = await buildPerson(t.db, { organizationId: org.id, role: 'admin', name: 'Ada Admin', department: 'People' })
  manager = await buildPerson(t.db, {
    organizationId: org.id,
    name: 'Maya Manager',
    title: 'Head of Sales',
    department: 'Sales',
    location: 'Paris',
  })
  programManager = await buildPerson(t.db, {
    organizationId: org.id,
    role: 'program_manager',
    name: 'Pat Programs',
    department: 'People',
    location: 'Berlin',
  })
  participant = await buildPerson(t.db, {
    organizationId: org.id,
    name: 'Paul Participant',
    title: 'Account executive',
    department: 'Sales',
    location: 'Paris',
    manager_id: manager.id,
  })
  for (let index = 0; index < 30; index++) {
    await buildPerson(t.db, {
      organizationId: org.id,
      name: `Zed ${String(index).padStart(2, '0')}`,
      department: index % 2 === 0 ? 'Engineering' : 'Support',
      location: 'Lisbon',
      manager_id: index < 5 ? manager.id : null,
    })
  }
  adminHeaders = await sessionHeadersFor(t.db, admin)
  pmHeaders = await sessionHeadersFor(t.db, programManager)
  participantHeaders = await sessionHeadersFor(t.db, participant)
  const otherOrg = await buildOrganization(t.db)
  outsider = await buildPerson(t.db, { organizationId: otherOrg.id, name: 'Olga Outsider' })
  outsiderAdminHeaders = await sessionHeadersFor(
    t.db,
    await buildPerson(t.db, { organizationId: otherOrg.id, role: 'admin' }),
  )
})
afterAll(() => t.close())

const get = (url: string, headers?: Record<string, string>) => t.app.inject({ method: 'GET', url, headers })
const patch = (url: string, headers: Record<string, string>, payload: unknown) =>
  t.app.inject({ method: 'PATCH', url, headers, payload: payload as object })
const post = (url: string, headers: Record<string, string>, payload?: unknown) =>
  t.app.inject({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload: payload as object }) })

async function row(personId: string) {
  return t.db.selectFrom('people').selectAll().where('id', '=', personId).executeTakeFirstOrThrow()
}

describe('GET /api/people (directory)', () => {
  test('pages through everyone sorted by name by cursor, forward and back, with a total', async () => {
    const names = (body: PeopleList) => body.people.map((person) => person.name)
    const first = await get('/api/people?limit=10', adminHeaders)
    expect(first.statusCode).toBe(200)
    const body = PeopleListSchema.parse(first.json())
    expect(body).toMatchObject({ total: 34, isTotalCapped: false, limit: 10, previousCursor: null })
    expect(body.people).toHaveLength(10)
    expect(names(body).slice(0, 4)).toEqual(['Ada Admin', 'Maya Manager', 'Pat Programs', 'Paul Participant'])
    // Forward to the end: every person once, in order.
    const pages = [body]
    while (pages.at(-1)?.nextCursor) {
      const next = await get(`/api/people?limit=10&after=${pages.at(-1)?.nextCursor}`, adminHeaders)
      expect(next.statusCode, next.body).toBe(200)
      pages.push(PeopleListSchema.parse(next.json()))
    }
    expect(pages).toHaveLength(4)
    const last = pages[3]
    expect(names(last)).toEqual(['Zed 26', 'Zed 27', 'Zed 28', 'Zed 29'])
    expect(last.nextCursor).toBeNull()
    expect(last.total).toBe(34)
    const everyone = pages.flatMap(names)
    expect(everyone).toHaveLength(34)
    expect(new Set(pages.flatMap((p) => p.people.map((person) => person.id))).size).toBe(34)
    // Back from the last page: the same pages, the first one says there is nothing before it.
    const back = PeopleListSchema.parse(
      (await get(`/api/people?limit=10&before=${last.previousCursor}`, adminHeaders)).json(),
    )
    expect(names(back)).toEqual(names(pages[2]))
    const start = PeopleListSchema.parse(
      (await get(`/api/people?limit=10&before=${pages[1].previousCursor}`, adminHeaders)).json(),
    )
    expect(names(start)).toEqual(names(body))
    expect(start.previousCursor).toBeNull()
    const defaults = await get('/api/people', adminHeaders)
    expect(defaults.json()).toMatchObject({ limit: 25 })
    expect(defaults.json().people).toHaveLength(25)
  })

  test('the total is counted up to 1,000 and then says there are more', async () => {
    const big = await buildOrganization(t.db)
    const bigAdmin = await buildPerson(t.db, { organizationId: big.id, role: 'admin', name: 'Big Admin' })
    await sql`
      insert into people (organization_id, email, name, department)
      select ${big.id}::uuid, 'many-' || i || '@cap.test', 'Many ' || lpad(i::text, 4, '0'), case when i <= 7 then 'Few' else 'Lots' end
      from generate_series(1, 1004) i`.execute(t.db)
    const headers = await sessionHeadersFor(t.db, bigAdmin)
    const all = PeopleListSchema.parse((await get('/api/people?limit=5', headers)).json())
    expect(all).toMatchObject({ total: PEOPLE_COUNT_CAP, isTotalCapped: true })
    const exactly = PeopleListSchema.parse((await get('/api/people?department=Lots&limit=5', headers)).json())
    expect(exactly).toMatchObject({ total: 997, isTotalCapped: false })
    const few = PeopleListSchema.parse((await get('/api/people?q=many%20000&limit=5', headers)).json())
    expect(few).toMatchObject({ total: 9, isTotalCapped: false })
    expect(few.people.map((p) => p.name)).toEqual(['Many 0001', 'Many 0002', 'Many 0003', 'Many 0004', 'Many 0005'])
    const rest = PeopleListSchema.parse(
      (await get(`/api/people?q=many%20000&limit=5&after=${few.nextCursor}`, headers)).json(),
    )
    expect(rest.people.map((p) => p.name)).toEqual(['Many 0006', 'Many 0007', 'Many 0008', 'Many 0009'])
    expect(rest.nextCursor).toBeNull()
  })

  test('never leaks the password hash', async () => {
    const response = await get('/api/people?limit=100', adminHeaders)
    expect(response.body).not.toContain('password')
    expect(response.body).not.toContain('argon2')
    for (const person of response.json().people) PersonSchema.parse(person)
  })

  test('searches name, email and title; filters department, location, role, status, manager', async () => {
    const names = async (query: string) =>
      (await get(`/api/people?${query}`, pmHeaders)).json().people.map((person: { name: string }) => person.name)
    expect(await names('q=head%20of')).toEqual(['Maya Manager'])
    expect(await names('q=paul')).toEqual(['Paul Participant'])
    expect(await names(`q=${encodeURIComponent(participant.email.toUpperCase())}`)).toEqual(['Paul Participant'])
    expect(await names('q=100%25')).toEqual([])
    expect(await names('department=Sales')).toEqual(['Maya Manager', 'Paul Participant'])
    expect(await names('location=Berlin')).toEqual(['Pat Programs'])
    expect(await names('role=program_manager')).toEqual(['Pat Programs'])
    expect(await names(`managerId=${manager.id}&limit=100`)).toEqual([
      'Paul Participant',
      'Zed 00',
      'Zed 01',
      'Zed 02',
      'Zed 03',
      'Zed 04',
    ])
    const filtered = await get('/api/people?department=Engineering&limit=5', adminHeaders)
    expect(filtered.json().total).toBe(15)
    expect(await names('status=deactivated')).toEqual([])
  })

  test('bad paging -> 400 validation_failed naming the field', async () => {
    const response = await get('/api/people?limit=500', adminHeaders)
    expect(response.statusCode).toBe(400)
    expect(response.json().error.code).toBe('validation_failed')
    expect(response.json().error.message).toContain('limit')
    const forged = Buffer.from(JSON.stringify(['Zed', 'not-a-uuid'])).toString('base64url')
    for (const [query, field] of [
      ['after=nonsense', 'after'],
      [`before=${forged}`, 'before'],
      [`after=${forged}`, 'after'],
    ]) {
      const bad = await get(`/api/people?${query}`, adminHeaders)
      expect(bad.statusCode, query).toBe(400)
      expect(bad.json().error).toMatchObject({ code: 'validation_failed', details: [{ path: `querystring.${field}` }] })
    }
    const first = PeopleListSchema.parse((await get('/api/people?limit=2', adminHeaders)).json())
    const both = await get(`/api/people?after=${first.nextCursor}&before=${first.nextCursor}`, adminHeaders)
    expect(both.statusCode).toBe(400)
    expect(both.json().error).toMatchObject({ code: 'validation_failed', details: [{ path: 'querystring.before' }] })
  })

  test('facets list departments, locations and managers', async () => {
    const response = await get('/api/people/facets', adminHeaders)
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      departments: ['Engineering', 'People', 'Sales', 'Support'],
      locations: ['Berlin', 'Lisbon', 'Paris'],
      managers: [{ id: manager.id, name: 'Maya Manager' }],
    })
  })

  test('a participant gets 403 and no session gets 401', async () => {
    for (const url of ['/api/people', '/api/people/facets']) {
      const forbidden = await get(url, participantHeaders)
      expect(forbidden.statusCode).toBe(403)
      expect(forbidden.json().error.code).toBe('forbidden')
      const anonymous = await get(url)
      expect(anonymous.statusCode).toBe(401)
      expect(anonymous.json().error.code).toBe('unauthenticated')
    }
  })

  test("the directory never shows another organization's people", async () => {
    const response = await get('/api/people?q=olga', adminHeaders)
    expect(response.json()).toMatchObject({ total: 0, people: [] })
  })
})

describe('GET /api/people/:personId', () => {
  test('admins and program managers see anyone of their organization, with the manager name', async () => {
    const response = await get(`/api/people/${participant.id}`, pmHeaders)
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({
      name: 'Paul Participant',
      managerId: manager.id,
      managerName: 'Maya Manager',
    })
  })

  test('a participant sees themselves but nobody else', async () => {
    expect((await get(`/api/people/${participant.id}`, participantHeaders)).statusCode).toBe(200)
    const other = await get(`/api/people/${manager.id}`, participantHeaders)
    expect(other.statusCode).toBe(403)
  })

  test('a person of another organization -> 404', async () => {
    const response = await get(`/api/people/${outsider.id}`, adminHeaders)
    expect(response.statusCode).toBe(404)
    expect(response.json().error.code).toBe('not_found')
  })
})

describe('my profile', () => {
  test('a person edits their own profile', async () => {
    const response = await patch('/api/me/profile', participantHeaders, {
      title: 'Senior account executive',
      timeZone: 'Europe/Paris',
      languages: ['fr', 'en'],
      seniority: 4,
      skillsOffered: ['negotiation'],
      skillsWanted: ['public-speaking', 'giving-feedback'],
      workingHours: { start: '08:30', end: '16:30', days: [5, 1, 2, 3, 4] },
    })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({
      title: 'Senior account executive',
      timeZone: 'Europe/Paris',
      languages: ['fr', 'en'],
      seniority: 4,
      skillsWanted: ['public-speaking', 'giving-feedback'],
      workingHours: { start: '08:30', end: '16:30', days: [1, 2, 3, 4, 5] },
    })
    const mine = await get('/api/me/profile', participantHeaders)
    expect(mine.json().title).toBe('Senior account executive')
    expect((await row(participant.id)).time_zone).toBe('Europe/Paris')
  })

  test('cannot change their role, status, email, manager, employee id or department', async () => {
    for (const field of [
      { role: 'admin' },
      { status: 'active' },
      { email: 'new@example.test' },
      { managerId: null },
      { employeeId: 'E1' },
      { department: 'Finance' },
    ]) {
      const response = await patch('/api/me/profile', participantHeaders, field)
      expect(response.statusCode).toBe(400)
      expect(response.json().error.code).toBe('validation_failed')
    }
    const after = await row(participant.id)
    expect(after.role).toBe('participant')
    expect(after.manager_id).toBe(manager.id)
    expect(after.department).toBe('Sales')
    // Nor through the admin route.
    const viaAdminRoute = await patch(`/api/people/${participant.id}`, participantHeaders, { role: 'admin' })
    expect(viaAdminRoute.statusCode).toBe(403)
    expect((await row(participant.id)).role).toBe('participant')
  })

  test('validates time zone, languages, seniority, working hours and skills, naming the field', async () => {
    const cases: Array<[unknown, string]> = [
      [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ languages: ['xx'] }, 'languages'],
      [{ seniority: 9 }, 'seniority'],
      [{ workingHours: { start: '17:00', end: '09:00', days: [1] } }, 'workingHours'],
      [{ workingHours: { start: '9am', end: '17:00', days: [1] } }, 'workingHours'],
    ]
    for (const [payload, field] of cases) {
      const response = await patch('/api/me/profile', participantHeaders, payload)
      expect(response.statusCode, field).toBe(400)
      expect(response.json().error.message).toContain(field)
    }
    const unknownSkill = await patch('/api/me/profile', participantHeaders, { skillsOffered: ['juggling'] })
    expect(unknownSkill.statusCode).toBe(422)
    expect(unknownSkill.json().error).toMatchObject({ code: 'unknown_skill' })
    expect(unknownSkill.json().error.message).toContain('juggling')
  })

  test('no session -> 401', async () => {
    expect((await get('/api/me/profile')).statusCode).toBe(401)
    expect((await t.app.inject({ method: 'PATCH', url: '/api/me/profile', payload: { title: 'x' } })).statusCode).toBe(
      401,
    )
  })
})

describe('PATCH /api/people/:personId (admin)', () => {
  test('changes role, department and manager, with an audit event', async () => {
    const target = await buildPerson(t.db, { organizationId: orgId, name: 'Tess Target' })
    const response = await patch(`/api/people/${target.id}`, adminHeaders, {
      role: 'program_manager',
      department: 'Finance',
      managerId: manager.id,
      employeeId: 'E-100',
    })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({
      role: 'program_manager',
      department: 'Finance',
      managerId: manager.id,
      managerName: 'Maya Manager',
      employeeId: 'E-100',
    })
    const audit = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('target_id', '=', target.id)
      .where('action', '=', 'person.updated')
      .executeTakeFirstOrThrow()
    expect(audit.actor_id).toBe(admin.id)
    // Text fields are named without their values; ids keep old and new; the role has its own event.
    expect(audit.details).toEqual({
      changed: ['employeeId', 'department', 'managerId'],
      managerId: { from: null, to: manager.id },
    })
    expect(JSON.stringify(audit.details)).not.toContain('Finance')
    const roleChange = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('target_id', '=', target.id)
      .where('action', '=', 'person.role_changed')
      .executeTakeFirstOrThrow()
    expect(roleChange).toMatchObject({ actor_id: admin.id, details: { from: 'participant', to: 'program_manager' } })
  })

  test('refuses a reporting cycle, oneself as manager, and a manager from another organization', async () => {
    const top = await buildPerson(t.db, { organizationId: orgId, name: 'Top' })
    const middle = await buildPerson(t.db, { organizationId: orgId, name: 'Middle', manager_id: top.id })
    const bottom = await buildPerson(t.db, { organizationId: orgId, name: 'Bottom', manager_id: middle.id })
    const cycle = await patch(`/api/people/${top.id}`, adminHeaders, { managerId: bottom.id })
    expect(cycle.statusCode).toBe(422)
    expect(cycle.json().error.code).toBe('reporting_cycle')
    const self = await patch(`/api/people/${top.id}`, adminHeaders, { managerId: top.id })
    expect(self.json().error.code).toBe('invalid_manager')
    const foreign = await patch(`/api/people/${top.id}`, adminHeaders, { managerId: outsider.id })
    expect(foreign.json().error.code).toBe('invalid_manager')
    expect((await row(top.id)).manager_id).toBeNull()
  })

  test('refuses an email another account uses, in any organization', async () => {
    const response = await patch(`/api/people/${participant.id}`, adminHeaders, { email: outsider.email.toUpperCase() })
    expect(response.statusCode).toBe(409)
    expect(response.json().error.code).toBe('email_taken')
  })

  test('the last admin cannot demote themselves', async () => {
    const response = await patch(`/api/people/${admin.id}`, adminHeaders, { role: 'participant' })
    expect(response.statusCode).toBe(409)
    expect(response.json().error.code).toBe('last_admin')
    expect((await row(admin.id)).role).toBe('admin')
  })

  test('an admin can step down once another admin exists', async () => {
    const org = await buildOrganization(t.db)
    const first = await buildPerson(t.db, { organizationId: org.id, role: 'admin' })
    await buildPerson(t.db, { organizationId: org.id, role: 'admin' })
    const response = await patch(`/api/people/${first.id}`, await sessionHeadersFor(t.db, first), {
      role: 'participant',
    })
    expect(response.statusCode).toBe(200)
    expect(response.json().role).toBe('participant')
  })

  test('an admin of another organization gets 404 and changes nothing', async () => {
    const before = await row(participant.id)
    const response = await patch(`/api/people/${participant.id}`, outsiderAdminHeaders, {
      name: 'Hijacked',
      role: 'admin',
    })
    expect(response.statusCode).toBe(404)
    expect(await row(participant.id)).toEqual(before)
    const deactivate = await post(`/api/people/${participant.id}/deactivate`, outsiderAdminHeaders, {})
    expect(deactivate.statusCode).toBe(404)
    const reactivate = await post(`/api/people/${participant.id}/reactivate`, outsiderAdminHeaders)
    expect(reactivate.statusCode).toBe(404)
    expect((await get(`/api/people/${participant.id}`, outsiderAdminHeaders)).statusCode).toBe(404)
    expect(await row(participant.id)).toEqual(before)
  })

  test('program managers cannot change people -> 403', async () => {
    const response = await patch(`/api/people/${participant.id}`, pmHeaders, { title: 'x' })
    expect(response.statusCode).toBe(403)
  })

  test('a write without the CSRF token -> 403', async () => {
    const response = await patch(`/api/people/${participant.id}`, { cookie: adminHeaders.cookie }, { title: 'x' })
    expect(response.statusCode).toBe(403)
    expect(response.json().error.code).toBe('csrf_invalid')
  })
})

describe('deactivate and reactivate', () => {
  test("a deactivated person's session stops working; their history stays; reactivating restores them", async () => {
    const leaver = await buildPerson(t.db, { organizationId: orgId, name: 'Lee Leaver', manager_id: manager.id })
    const leaverHeaders = await sessionHeadersFor(t.db, leaver)
    expect((await get('/api/me/profile', leaverHeaders)).statusCode).toBe(200)

    const response = await post(`/api/people/${leaver.id}/deactivate`, adminHeaders, { leftOn: '2026-10-31' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ status: 'deactivated', leftOn: '2026-10-31', managerId: manager.id })
    expect(response.json().deactivatedAt).toEqual(expect.any(String))

    const after = await get('/api/me/profile', leaverHeaders)
    expect(after.statusCode).toBe(401)
    const sessions = await t.db.selectFrom('auth_sessions').selectAll().where('person_id', '=', leaver.id).execute()
    expect(sessions.every((session) => session.revoked_at !== null)).toBe(true)
    expect((await get(`/api/people/${leaver.id}`, adminHeaders)).json().name).toBe('Lee Leaver')

    const back = await post(`/api/people/${leaver.id}/reactivate`, adminHeaders)
    expect(back.statusCode).toBe(200)
    expect(back.json()).toMatchObject({ status: 'active', leftOn: null, deactivatedAt: null })
    // The old session stays revoked: the person signs in again.
    expect((await get('/api/me/profile', leaverHeaders)).statusCode).toBe(401)
    const actions = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', leaver.id)
      .orderBy('id')
      .execute()
    expect(actions.map((event) => event.action)).toEqual(['person.deactivated', 'person.reactivated'])
  })

  test('deactivating without a date records today', async () => {
    const leaver = await buildPerson(t.db, { organizationId: orgId })
    const response = await post(`/api/people/${leaver.id}/deactivate`, adminHeaders)
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json().leftOn).toBe(new Date().toISOString().slice(0, 10))
  })

  test('an admin cannot deactivate themselves; a participant cannot deactivate anyone', async () => {
    const self = await post(`/api/people/${admin.id}/deactivate`, adminHeaders, {})
    expect(self.statusCode).toBe(409)
    expect(self.json().error.code).toBe('self_deactivation')
    const byParticipant = await post(`/api/people/${manager.id}/deactivate`, participantHeaders, {})
    expect(byParticipant.statusCode).toBe(403)
    expect((await row(manager.id)).status).toBe('active')
    expect((await row(admin.id)).status).toBe('active')
  })
})
