import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { OrganizationRow, PersonRow } from '#server/db/schema.ts'
import { checkGroup } from '#server/modules/matching/match-constraints.ts'
import { constraintContextOf, loadMatchingContext } from '#server/modules/matching/matching-context.service.ts'
import { today } from '#server/modules/people/people.service.ts'
import { buildEnrollment, buildOrganization, buildPerson, buildProgram } from '#server/test/factories.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User'
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group'
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error'

let t: TestApp
let organization: OrganizationRow
let admin: PersonRow
let adminHeaders: Record<string, string>
let token: string

beforeAll(async () => {
  t = await createTestApp()
  organization = await buildOrganization(t.db)
  admin = await buildPerson(t.db, { organizationId: organization.id, role: 'admin' })
  adminHeaders = await sessionHeadersFor(t.db, admin)
  token = await createToken(adminHeaders)
})
afterAll(() => t.close())

async function createToken(headers: Record<string, string>): Promise<string> {
  const response = await t.app.inject({ method: 'POST', url: '/api/organization/scim/token', headers })
  expect(response.statusCode).toBe(201)
  return response.json().secret
}

interface ScimRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  url: string
  body?: unknown
  bearer?: string | null
  headers?: Record<string, string>
}

async function scim({ method, url, body, bearer = token, headers = {} }: ScimRequest) {
  const response = await t.app.inject({
    method,
    url: `/scim/v2${url}`,
    headers: {
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/scim+json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  })
  return { status: response.statusCode, headers: response.headers, body: response.body ? response.json() : null }
}

const uniqueEmail = (name: string) => `${name}.${randomUUID().slice(0, 8)}@contoso.test`
const filterQuery = (filter: string) => `filter=${encodeURIComponent(filter)}`

describe('the organization SCIM token', () => {
  test('is shown once, stored hashed, audited, rotated and revoked; a wrong or revoked token is 401 in the SCIM shape', async () => {
    const org = await buildOrganization(t.db)
    const orgAdmin = await buildPerson(t.db, { organizationId: org.id, role: 'admin' })
    const headers = await sessionHeadersFor(t.db, orgAdmin)
    const settings = await t.app.inject({ method: 'GET', url: '/api/organization/scim', headers })
    expect(settings.json()).toEqual({ baseUrl: `${t.config.publicUrl}/scim/v2`, token: null })

    const first = await createToken(headers)
    expect(first).toMatch(/^tandem_scim_/)
    const stored = await t.db.selectFrom('scim_tokens').selectAll().where('organization_id', '=', org.id).execute()
    expect(stored).toHaveLength(1)
    expect(stored[0]?.token_hash).not.toContain(first)
    expect((await scim({ method: 'GET', url: '/Users', bearer: first })).status).toBe(200)
    const shown = (await t.app.inject({ method: 'GET', url: '/api/organization/scim', headers })).json()
    expect(shown.token.lastUsedAt).not.toBeNull()
    expect(shown.token.createdByName).toBe(orgAdmin.name)
    expect(JSON.stringify(shown)).not.toContain(first)

    const rotated = await t.app.inject({ method: 'POST', url: '/api/organization/scim/token', headers })
    expect(rotated.json().isRotation).toBe(true)
    const second = rotated.json().secret
    const refused = await scim({ method: 'GET', url: '/Users', bearer: first })
    expect(refused.status).toBe(401)
    expect(refused.body).toMatchObject({ schemas: [ERROR], status: '401' })
    expect(refused.headers['content-type']).toContain('application/scim+json')
    expect((await scim({ method: 'GET', url: '/Users', bearer: second })).status).toBe(200)

    const revoked = await t.app.inject({ method: 'DELETE', url: '/api/organization/scim/token', headers })
    expect(revoked.json().token).toBeNull()
    expect((await scim({ method: 'GET', url: '/Users', bearer: second })).status).toBe(401)
    expect((await scim({ method: 'GET', url: '/Users', bearer: 'tandem_scim_wrong' })).status).toBe(401)
    expect((await scim({ method: 'GET', url: '/Users', bearer: null })).status).toBe(401)

    const actions = await t.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('organization_id', '=', org.id)
      .where('action', 'like', 'scim_token.%')
      .orderBy('created_at')
      .execute()
    expect(actions.map((event) => event.action)).toEqual([
      'scim_token.created',
      'scim_token.created',
      'scim_token.revoked',
    ])
  })

  test('only admins manage it, and a session cookie never authenticates a SCIM request', async () => {
    const manager = await buildPerson(t.db, { organizationId: organization.id, role: 'program_manager' })
    const managerHeaders = await sessionHeadersFor(t.db, manager)
    const created = await t.app.inject({ method: 'POST', url: '/api/organization/scim/token', headers: managerHeaders })
    expect(created.statusCode).toBe(403)
    const withCookie = await scim({
      method: 'GET',
      url: '/Users',
      bearer: null,
      headers: { cookie: adminHeaders.cookie ?? '' },
    })
    expect(withCookie.status).toBe(401)
  })

  test("a token of one organization never sees or changes another organization's people", async () => {
    const other = await buildOrganization(t.db)
    const otherAdmin = await buildPerson(t.db, { organizationId: other.id, role: 'admin' })
    const otherToken = await createToken(await sessionHeadersFor(t.db, otherAdmin))
    const person = await buildPerson(t.db, { organizationId: organization.id })
    expect((await scim({ method: 'GET', url: `/Users/${person.id}`, bearer: otherToken })).status).toBe(404)
    const listed = await scim({
      method: 'GET',
      url: `/Users?${filterQuery(`userName eq "${person.email}"`)}`,
      bearer: otherToken,
    })
    expect(listed.body.totalResults).toBe(0)
    const all = await scim({ method: 'GET', url: '/Users?count=200', bearer: otherToken })
    expect(all.body.Resources.map((user: { id: string }) => user.id)).toEqual([otherAdmin.id])
    const patched = await scim({
      method: 'PATCH',
      url: `/Users/${person.id}`,
      bearer: otherToken,
      body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] },
    })
    expect(patched.status).toBe(404)
    const manager = await scim({
      method: 'POST',
      url: '/Users',
      bearer: otherToken,
      body: {
        schemas: [CORE, ENTERPRISE],
        userName: uniqueEmail('x'),
        [ENTERPRISE]: { manager: { value: person.id } },
      },
    })
    expect(manager.status).toBe(400)
    expect(manager.body.scimType).toBe('invalidValue')
  })
})

describe("Microsoft Entra ID's provisioning requests", () => {
  test('create, find by filter, patch attributes, set and remove the manager, disable, delete', async () => {
    const email = uniqueEmail('alex.wu')
    const externalId = randomUUID()
    const found = await scim({ method: 'GET', url: `/Users?${filterQuery(`userName eq "${email}"`)}` })
    expect(found.status).toBe(200)
    expect(found.body).toMatchObject({ totalResults: 0, Resources: [], startIndex: 1 })

    const created = await scim({
      method: 'POST',
      url: '/Users',
      body: {
        schemas: [CORE, ENTERPRISE],
        externalId,
        userName: email,
        active: true,
        emails: [{ primary: true, type: 'work', value: email }],
        meta: { resourceType: 'User' },
        name: { formatted: 'Alex Wu', familyName: 'Wu', givenName: 'Alex' },
        roles: [],
        title: 'Engineer',
        [ENTERPRISE]: { department: 'Engineering', employeeNumber: `E-${randomUUID().slice(0, 6)}` },
      },
    })
    expect(created.status).toBe(201)
    const id = created.body.id
    expect(created.headers.location).toBe(`${t.config.publicUrl}/scim/v2/Users/${id}`)
    expect(created.headers.etag).toBe(created.body.meta.version)
    expect(created.body).toMatchObject({
      userName: email,
      externalId,
      active: true,
      displayName: 'Alex Wu',
      title: 'Engineer',
    })
    expect(created.body[ENTERPRISE].department).toBe('Engineering')
    const person = await t.db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(person).toMatchObject({
      organization_id: organization.id,
      email,
      department: 'Engineering',
      status: 'invited',
    })

    const byExternalId = await scim({ method: 'GET', url: `/Users?${filterQuery(`externalId eq "${externalId}"`)}` })
    expect(byExternalId.body.Resources.map((user: { id: string }) => user.id)).toEqual([id])
    const byUserName = await scim({
      method: 'GET',
      url: `/Users?${filterQuery(`userName eq "${email.toUpperCase()}"`)}`,
    })
    expect(byUserName.body.totalResults).toBe(1)

    const newEmail = uniqueEmail('alex.wu-smith')
    const patched = await scim({
      method: 'PATCH',
      url: `/Users/${id}`,
      body: {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'Replace', path: 'emails[type eq "work"].value', value: newEmail },
          { op: 'Replace', path: 'name.familyName', value: 'Wu-Smith' },
          { op: 'Add', path: `${ENTERPRISE}:department`, value: 'Platform' },
        ],
      },
    })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({ userName: newEmail, displayName: 'Alex Wu-Smith' })
    expect(patched.body[ENTERPRISE].department).toBe('Platform')

    const manager = await buildPerson(t.db, { organizationId: organization.id, name: 'Morgan Lee' })
    const withManager = await scim({
      method: 'PATCH',
      url: `/Users/${id}`,
      body: { schemas: [PATCH_OP], Operations: [{ op: 'Add', path: `${ENTERPRISE}:manager`, value: manager.id }] },
    })
    expect(withManager.body[ENTERPRISE].manager).toMatchObject({ value: manager.id, displayName: 'Morgan Lee' })
    const withoutManager = await scim({
      method: 'PATCH',
      url: `/Users/${id}`,
      body: { schemas: [PATCH_OP], Operations: [{ op: 'Remove', path: `${ENTERPRISE}:manager` }] },
    })
    expect(withoutManager.body[ENTERPRISE].manager).toBeUndefined()

    const disabled = await scim({
      method: 'PATCH',
      url: `/Users/${id}`,
      body: { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] },
    })
    expect(disabled.body.active).toBe(false)

    expect((await scim({ method: 'DELETE', url: `/Users/${id}` })).status).toBe(204)
    expect((await scim({ method: 'GET', url: `/Users/${id}` })).status).toBe(404)
    expect(
      (await scim({ method: 'GET', url: `/Users?${filterQuery(`userName eq "${newEmail}"`)}` })).body.totalResults,
    ).toBe(0)
    const left = await t.db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(left.status).toBe('deactivated')
  })

  test('groups: create, find by displayName without members, add and remove members, rename, delete', async () => {
    const member = await buildPerson(t.db, { organizationId: organization.id })
    const displayName = `Group ${randomUUID().slice(0, 8)}`
    const created = await scim({
      method: 'POST',
      url: '/Groups',
      body: { externalId: randomUUID(), displayName, meta: { resourceType: 'Group' }, members: [] },
    })
    expect(created.status).toBe(201)
    const id = created.body.id
    const found = await scim({
      method: 'GET',
      url: `/Groups?excludedAttributes=members&${filterQuery(`displayName eq "${displayName}"`)}`,
    })
    expect(found.body.Resources).toEqual([expect.objectContaining({ id, displayName })])
    expect(found.body.Resources[0].members).toBeUndefined()

    const added = await scim({
      method: 'PATCH',
      url: `/Groups/${id}`,
      body: {
        schemas: [PATCH_OP],
        Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: member.id }] }],
      },
    })
    expect(added.status).toBe(200)
    expect(added.body.members).toEqual([expect.objectContaining({ value: member.id, display: member.name })])
    const isMember = await scim({
      method: 'GET',
      url: `/Groups?${filterQuery(`id eq "${id}" and members eq "${member.id}"`)}`,
    })
    expect(isMember.body.totalResults).toBe(1)

    const removed = await scim({
      method: 'PATCH',
      url: `/Groups/${id}`,
      body: {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'Remove', path: 'members', value: [{ $ref: null, value: member.id }] },
          { op: 'Replace', path: 'displayName', value: `${displayName} renamed` },
        ],
      },
    })
    expect(removed.body).toMatchObject({ displayName: `${displayName} renamed`, members: [] })
    expect((await scim({ method: 'DELETE', url: `/Groups/${id}` })).status).toBe(204)
    expect((await scim({ method: 'GET', url: `/Groups/${id}` })).status).toBe(404)
  })
})

describe("Okta's provisioning requests", () => {
  test('find, create, read, replace with PUT, deactivate and reactivate with PATCH', async () => {
    const email = uniqueEmail('test.user')
    const empty = await scim({
      method: 'GET',
      url: `/Users?${filterQuery(`userName eq "${email}"`)}&startIndex=1&count=100`,
    })
    expect(empty.body.totalResults).toBe(0)
    const created = await scim({
      method: 'POST',
      url: '/Users',
      body: {
        schemas: [CORE],
        userName: email,
        name: { givenName: 'Test', familyName: 'User' },
        emails: [{ primary: true, value: email, type: 'work' }],
        displayName: 'Test User',
        locale: 'en-US',
        externalId: '00ujl29u0le5T6Aj10h7',
        groups: [],
        password: '1mz050nq',
        active: true,
      },
    })
    expect(created.status).toBe(201)
    const id = created.body.id
    expect(created.body).toMatchObject({ displayName: 'Test User', active: true })
    expect(JSON.stringify(created.body)).not.toContain('1mz050nq')
    const read = await scim({ method: 'GET', url: `/Users/${id}` })
    expect(read.body.id).toBe(id)

    const replaced = await scim({
      method: 'PUT',
      url: `/Users/${id}`,
      body: {
        schemas: [CORE],
        id,
        userName: email,
        name: { givenName: 'Another', familyName: 'User' },
        emails: [{ primary: true, value: email, type: 'work' }],
        displayName: 'Another User',
        title: 'Designer',
        active: true,
      },
    })
    expect(replaced.status).toBe(200)
    expect(replaced.body).toMatchObject({ displayName: 'Another User', title: 'Designer' })

    const deactivated = await scim({
      method: 'PATCH',
      url: `/Users/${id}`,
      body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] },
    })
    expect(deactivated.body.active).toBe(false)
    const reactivated = await scim({
      method: 'PATCH',
      url: `/Users/${id}`,
      body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: true } }] },
    })
    expect(reactivated.body.active).toBe(true)
    const row = await t.db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ status: 'invited', left_on: null })
  })

  test('groups: create, rename and push members with PATCH, remove a member by filter, delete', async () => {
    const first = await buildPerson(t.db, { organizationId: organization.id })
    const second = await buildPerson(t.db, { organizationId: organization.id })
    const created = await scim({
      method: 'POST',
      url: '/Groups',
      body: { schemas: [GROUP], displayName: 'Test SCIMv2', members: [] },
    })
    const id = created.body.id
    const renamed = await scim({
      method: 'PATCH',
      url: `/Groups/${id}`,
      body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { id, displayName: 'Test SCIMv2 renamed' } }] },
    })
    expect(renamed.body.displayName).toBe('Test SCIMv2 renamed')
    const pushed = await scim({
      method: 'PATCH',
      url: `/Groups/${id}`,
      body: {
        schemas: [PATCH_OP],
        Operations: [
          {
            op: 'add',
            path: 'members',
            value: [
              { value: first.id, display: first.email },
              { value: second.id, display: second.email },
            ],
          },
        ],
      },
    })
    expect(pushed.body.members.map((member: { value: string }) => member.value).sort()).toEqual(
      [first.id, second.id].sort(),
    )
    const removed = await scim({
      method: 'PATCH',
      url: `/Groups/${id}`,
      body: { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: `members[value eq "${first.id}"]` }] },
    })
    expect(removed.body.members.map((member: { value: string }) => member.value)).toEqual([second.id])
    const unknownMember = await scim({
      method: 'PATCH',
      url: `/Groups/${id}`,
      body: { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: randomUUID() }] }] },
    })
    expect(unknownMember).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } })
    expect((await scim({ method: 'DELETE', url: `/Groups/${id}` })).status).toBe(204)
  })
})

describe('what follows HR', () => {
  test('active false deactivates the person with a leaving date and ends their sessions at once', async () => {
    const person = await buildPerson(t.db, { organizationId: organization.id })
    const personHeaders = await sessionHeadersFor(t.db, person)
    const session = () => t.app.inject({ method: 'GET', url: '/api/auth/session', headers: personHeaders })
    expect((await session()).statusCode).toBe(200)
    // Entra ID matches an existing account by userName before it provisions.
    const found = await scim({ method: 'GET', url: `/Users?${filterQuery(`userName eq "${person.email}"`)}` })
    expect(found.body.Resources[0].id).toBe(person.id)
    const disabled = await scim({
      method: 'PATCH',
      url: `/Users/${person.id}`,
      body: { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] },
    })
    expect(disabled.status).toBe(200)
    expect((await session()).statusCode).toBe(401)
    const row = await t.db.selectFrom('people').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow()
    expect(row.status).toBe('deactivated')
    expect(row.left_on).toBe(today(t.clock.now()))
    const event = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('target_id', '=', person.id)
      .where('action', '=', 'person.deactivated')
      .executeTakeFirstOrThrow()
    expect(event.actor_id).toBeNull()
  })

  test("the organization's last active admin is not deactivated", async () => {
    const org = await buildOrganization(t.db)
    const onlyAdmin = await buildPerson(t.db, { organizationId: org.id, role: 'admin' })
    const orgToken = await createToken(await sessionHeadersFor(t.db, onlyAdmin))
    const body = { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] }
    const refused = await scim({ method: 'PATCH', url: `/Users/${onlyAdmin.id}`, body, bearer: orgToken })
    expect(refused).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } })
    expect((await scim({ method: 'DELETE', url: `/Users/${onlyAdmin.id}`, bearer: orgToken })).status).toBe(400)
    await buildPerson(t.db, { organizationId: org.id, role: 'admin' })
    expect((await scim({ method: 'PATCH', url: `/Users/${onlyAdmin.id}`, body, bearer: orgToken })).status).toBe(200)
  })

  test('a manager change moves the reporting line the next matching run reads', async () => {
    const program = await buildProgram(t.db, { organizationId: organization.id, status: 'matching' })
    const lead = await buildPerson(t.db, { organizationId: organization.id, seniority: 4 })
    const engineer = await buildPerson(t.db, { organizationId: organization.id, seniority: 4 })
    for (const person of [lead, engineer]) await buildEnrollment(t.db, { program, person })
    const pairCheck = async () => {
      const context = await loadMatchingContext(t.db, organization.id, program.id, t.clock.now())
      const constraints = await constraintContextOf(t.db, organization.id, context, [lead.id, engineer.id])
      return checkGroup(constraints, [lead.id, engineer.id])
    }
    expect((await pairCheck()).ok).toBe(true)

    const patch = (value: unknown) =>
      scim({
        method: 'PATCH',
        url: `/Users/${engineer.id}`,
        body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: `${ENTERPRISE}:manager`, value }] },
      })
    expect((await patch({ value: lead.id })).status).toBe(200)
    const refused = await pairCheck()
    expect(refused).toMatchObject({ ok: false, reason: expect.stringContaining('reporting chain') })

    expect((await patch({ value: '' })).status).toBe(200)
    expect((await pairCheck()).ok).toBe(true)
    // A reporting cycle is refused, in SCIM's terms.
    expect((await patch({ value: engineer.id })).body.scimType).toBe('invalidValue')
  })
})

describe('erasure', () => {
  test("erasing a person forgets the provider's id of them and their groups", async () => {
    const externalId = randomUUID()
    const created = await scim({
      method: 'POST',
      url: '/Users',
      body: { userName: uniqueEmail('erin'), externalId, displayName: 'Erin Erased' },
    })
    const id = created.body.id
    const group = await scim({
      method: 'POST',
      url: '/Groups',
      body: { displayName: 'Erasure', members: [{ value: id }] },
    })
    const erased = await t.app.inject({
      method: 'POST',
      url: `/api/people/${id}/erase`,
      headers: adminHeaders,
      payload: { confirmName: 'Erin Erased' },
    })
    expect(erased.statusCode).toBe(200)
    expect(await t.db.selectFrom('scim_users').selectAll().where('person_id', '=', id).execute()).toEqual([])
    expect((await scim({ method: 'GET', url: `/Users/${id}` })).status).toBe(404)
    expect(
      (await scim({ method: 'GET', url: `/Users?${filterQuery(`externalId eq "${externalId}"`)}` })).body.totalResults,
    ).toBe(0)
    expect((await scim({ method: 'GET', url: `/Groups/${group.body.id}` })).body.members).toEqual([])
  })
})

describe('the protocol', () => {
  test('discovery documents', async () => {
    const config = await scim({ method: 'GET', url: '/ServiceProviderConfig' })
    expect(config.body).toMatchObject({
      patch: { supported: true },
      filter: { supported: true },
      etag: { supported: true },
    })
    const types = await scim({ method: 'GET', url: '/ResourceTypes' })
    expect(types.body.Resources.map((type: { id: string }) => type.id)).toEqual(['User', 'Group'])
    expect((await scim({ method: 'GET', url: '/ResourceTypes/User' })).body.schemaExtensions[0].schema).toBe(ENTERPRISE)
    const schemas = await scim({ method: 'GET', url: '/Schemas' })
    expect(schemas.body.Resources.map((schema: { id: string }) => schema.id)).toEqual([CORE, ENTERPRISE, GROUP])
    expect((await scim({ method: 'GET', url: `/Schemas/${CORE}` })).status).toBe(200)
    expect((await scim({ method: 'GET', url: '/Schemas/unknown' })).status).toBe(404)
  })

  test('pagination with startIndex and count', async () => {
    const org = await buildOrganization(t.db)
    const orgAdmin = await buildPerson(t.db, { organizationId: org.id, role: 'admin' })
    const orgToken = await createToken(await sessionHeadersFor(t.db, orgAdmin))
    for (let i = 0; i < 4; i++) await buildPerson(t.db, { organizationId: org.id })
    const first = await scim({ method: 'GET', url: '/Users?startIndex=1&count=2', bearer: orgToken })
    expect(first.body).toMatchObject({ totalResults: 5, startIndex: 1, itemsPerPage: 2 })
    const last = await scim({ method: 'GET', url: '/Users?startIndex=5&count=2', bearer: orgToken })
    expect(last.body).toMatchObject({ totalResults: 5, startIndex: 5, itemsPerPage: 1 })
    const ids = new Set([...first.body.Resources, ...last.body.Resources].map((user: { id: string }) => user.id))
    expect(ids.size).toBe(3)
    const none = await scim({ method: 'GET', url: '/Users?count=0', bearer: orgToken })
    expect(none.body).toMatchObject({ totalResults: 5, itemsPerPage: 0, Resources: [] })
  })

  test('ETags: a write naming an older version is refused with 412', async () => {
    const person = await buildPerson(t.db, { organizationId: organization.id })
    const read = await scim({ method: 'GET', url: `/Users/${person.id}` })
    const version = read.headers.etag as string
    expect(version).toMatch(/^W\/"/)
    const body = { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'Lead' }] }
    const changed = await scim({ method: 'PATCH', url: `/Users/${person.id}`, body, headers: { 'if-match': version } })
    expect(changed.status).toBe(200)
    expect(changed.headers.etag).not.toBe(version)
    const stale = await scim({ method: 'PATCH', url: `/Users/${person.id}`, body, headers: { 'if-match': version } })
    expect(stale.status).toBe(412)
    expect(stale.body.schemas).toEqual([ERROR])
  })

  test('bad input answers 4xx in the SCIM error shape, never 500', async () => {
    const person = await buildPerson(t.db, { organizationId: organization.id })
    const attempts: ScimRequest[] = [
      { method: 'GET', url: `/Users?${filterQuery('userName eq')}` },
      { method: 'GET', url: `/Users?${filterQuery('title co "x"')}` },
      { method: 'GET', url: `/Users?${filterQuery('userName eq 42')}` },
      { method: 'GET', url: '/Users?startIndex=abc' },
      { method: 'GET', url: '/Users?filter=a&filter=b' },
      { method: 'GET', url: `/Groups?${filterQuery('displayName sw "x"')}` },
      { method: 'GET', url: `/Users/${'x'.repeat(5000)}` },
      { method: 'GET', url: '/Users/not-an-id' },
      { method: 'GET', url: '/Nothing' },
      { method: 'POST', url: '/Users', body: [] },
      { method: 'POST', url: '/Users', body: { userName: 'not an email' } },
      { method: 'POST', url: '/Users', body: { userName: 'a@b.test\u0000' } },
      { method: 'POST', url: '/Users', body: { userName: admin.email } },
      { method: 'POST', url: '/Users', body: { userName: uniqueEmail('x'), active: 'maybe' } },
      { method: 'POST', url: '/Users', body: { userName: uniqueEmail('x'), [ENTERPRISE]: { manager: 'not-an-id' } } },
      { method: 'POST', url: '/Groups', body: { displayName: '' } },
      { method: 'POST', url: '/Groups', body: { displayName: 'x', members: [{ value: 'nope' }] } },
      { method: 'PATCH', url: `/Users/${person.id}`, body: { Operations: [] } },
      { method: 'PATCH', url: `/Users/${person.id}`, body: { Operations: [{ op: 'move', path: 'title' }] } },
      {
        method: 'PATCH',
        url: `/Users/${person.id}`,
        body: { Operations: [{ op: 'replace', path: 'emails[', value: 1 }] },
      },
      {
        method: 'PATCH',
        url: `/Users/${person.id}`,
        body: { Operations: [{ op: 'replace', path: 'userName', value: 7 }] },
      },
      { method: 'PATCH', url: `/Users/${person.id}`, body: { Operations: [{ op: 'remove', path: 'userName' }] } },
      {
        method: 'PATCH',
        url: `/Users/${person.id}`,
        body: { Operations: [{ op: 'replace', path: 'title', value: 'x'.repeat(300) }] },
      },
      { method: 'PUT', url: `/Users/${person.id}`, body: { userName: 'nope' } },
      { method: 'DELETE', url: `/Groups/${randomUUID()}` },
    ]
    const wrong: string[] = []
    for (const attempt of attempts) {
      const response = await scim(attempt)
      if (response.status < 400 || response.status >= 500 || response.body?.schemas?.[0] !== ERROR) {
        wrong.push(
          `${attempt.method} ${attempt.url.slice(0, 80)} -> ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`,
        )
      }
    }
    for (const raw of ['{"a":', '{', 'nul', '{"__proto__":{"x":1}}']) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/scim/v2/Users',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
        payload: raw,
      })
      if (response.statusCode !== 400 || response.json().schemas[0] !== ERROR)
        wrong.push(`raw ${raw} -> ${response.statusCode}`)
    }
    const text = await t.app.inject({
      method: 'POST',
      url: '/scim/v2/Users',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
      payload: 'hello',
    })
    if (text.statusCode !== 415) wrong.push(`text/plain -> ${text.statusCode}`)
    expect(wrong).toEqual([])
    const unchanged = await t.db.selectFrom('people').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow()
    expect(unchanged.title).toBe(person.title)
  })
})
