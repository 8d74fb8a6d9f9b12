import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CancelledInvitationSchema, InvitationSchema, PendingInvitationListSchema } from '#contracts/auth.ts'
import { PeopleListSchema } from '#contracts/people.ts'
import type { OrganizationRow, PersonRow } from '#server/db/schema.ts'
import {
  backdateEmailLinks,
  buildEnrollment,
  buildOrganization,
  buildPerson,
  buildProgram,
} from '#server/test/factories.ts'
import { errorOf } from '#server/test/responses.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'
import { INVITATION_RESEND_INTERVAL_MS } from './invitations.service.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ publicUrl: 'https://tandem.example.test' })
})
afterAll(() => t.close())

async function adminOfNewOrg(): Promise<{ org: OrganizationRow; admin: PersonRow; headers: Record<string, string> }> {
  const org = await buildOrganization(t.db)
  const admin = await buildPerson(t.db, { organizationId: org.id, role: 'admin', name: 'Grace Admin' })
  return { org, admin, headers: await sessionHeadersFor(t.db, admin) }
}

async function invite(headers: Record<string, string>, email: string, name = 'Invited Person') {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/invitations',
    headers,
    payload: { email, name, role: 'participant' },
  })
  expect(response.statusCode).toBe(201)
  return InvitationSchema.parse(response.json())
}

/** The token of the newest invitation link mailed to this address, read from the outbox as a person would. */
async function invitationTokenFor(email: string): Promise<string> {
  const mail = await t.db
    .selectFrom('outbox_emails')
    .selectAll()
    .where('to_address', '=', email)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow()
  const match = (mail.text_body ?? '').match(/https:\/\/tandem\.example\.test\/accept-invitation\?token=([\w%-]+)/)
  if (!match) throw new Error(`no invitation link in: ${mail.text_body}`)
  return decodeURIComponent(match[1])
}

function cancel(headers: Record<string, string>, personId: string) {
  return t.app.inject({ method: 'DELETE', url: `/api/people/${personId}/invitation`, headers })
}

function listInvitations(headers: Record<string, string>, query = '') {
  return t.app.inject({ method: 'GET', url: `/api/invitations${query}`, headers })
}

describe('pending invitations', () => {
  test('an admin lists invitations not accepted yet, newest first, with when they were sent and expire, one page at a time', async () => {
    const { org, headers } = await adminOfNewOrg()
    const first = await invite(headers, 'first.invitee@example.test', 'First Invitee')
    const second = await invite(headers, 'second.invitee@example.test', 'Second Invitee')
    // Imported people who were never sent a link, and people who can sign in, are not invitations.
    await buildPerson(t.db, { organizationId: org.id, status: 'invited', password: null })
    await buildPerson(t.db, { organizationId: org.id })

    const response = await listInvitations(headers)
    expect(response.statusCode).toBe(200)
    const list = PendingInvitationListSchema.parse(response.json())
    expect(list.total).toBe(2)
    expect(list.invitations.map((invitation) => invitation.personId)).toEqual([second.personId, first.personId])
    expect(list.invitations[0]).toMatchObject({
      email: 'second.invitee@example.test',
      name: 'Second Invitee',
      role: 'participant',
      expiresAt: second.expiresAt,
      isExpired: false,
      invitedByName: 'Grace Admin',
    })
    expect(Date.now() - new Date(list.invitations[0].sentAt).getTime()).toBeLessThan(60_000)

    const page = PendingInvitationListSchema.parse((await listInvitations(headers, '?limit=1&offset=1')).json())
    expect(page).toMatchObject({ total: 2, limit: 1, offset: 1 })
    expect(page.invitations.map((invitation) => invitation.personId)).toEqual([first.personId])

    const one = PendingInvitationListSchema.parse(
      (await listInvitations(headers, `?personId=${first.personId}`)).json(),
    )
    expect(one.invitations.map((invitation) => invitation.personId)).toEqual([first.personId])

    expect((await listInvitations(headers, '?limit=0')).statusCode).toBe(400)
  })

  test('sending again lists only the newest link; an expired one is listed as expired; an accepted one disappears', async () => {
    const { headers } = await adminOfNewOrg()
    const invited = await invite(headers, 'resent.invitee@example.test')
    await backdateEmailLinks(t.db, invited.personId, INVITATION_RESEND_INTERVAL_MS)
    const resent = await invite(headers, 'resent.invitee@example.test')
    expect(resent.isReinvite).toBe(true)
    let list = PendingInvitationListSchema.parse((await listInvitations(headers)).json())
    expect(list.invitations).toHaveLength(1)
    expect(list.invitations[0].expiresAt).toBe(resent.expiresAt)

    await t.db
      .updateTable('email_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('person_id', '=', invited.personId)
      .execute()
    list = PendingInvitationListSchema.parse((await listInvitations(headers)).json())
    expect(list.invitations[0]).toMatchObject({ personId: invited.personId, isExpired: true })

    await t.db
      .updateTable('email_tokens')
      .set({ expires_at: new Date(Date.now() + 60_000) })
      .execute()
    const token = await invitationTokenFor('resent.invitee@example.test')
    const accepted = await t.app.inject({
      method: 'POST',
      url: '/api/invitations/accept',
      payload: { token, password: 'my own long password' },
    })
    expect(accepted.statusCode).toBe(200)
    list = PendingInvitationListSchema.parse((await listInvitations(headers)).json())
    expect(list.total).toBe(0)
  })

  test('only admins list invitations, and only their own organization', async () => {
    const { org, headers } = await adminOfNewOrg()
    await invite(headers, 'listed.invitee@example.test')
    const manager = await buildPerson(t.db, { organizationId: org.id, role: 'program_manager' })
    const participant = await buildPerson(t.db, { organizationId: org.id })
    for (const person of [manager, participant]) {
      const response = await listInvitations(await sessionHeadersFor(t.db, person))
      expect(response.statusCode).toBe(403)
      expect(errorOf(response).code).toBe('forbidden')
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/invitations' })).statusCode).toBe(401)
    const other = await adminOfNewOrg()
    const list = PendingInvitationListSchema.parse((await listInvitations(other.headers)).json())
    expect(list.total).toBe(0)
  })
})

describe('cancelling an invitation', () => {
  test('the link stops working at once, the person leaves the directory and the address can be invited again', async () => {
    const { org, admin, headers } = await adminOfNewOrg()
    const invitation = await invite(headers, 'typo.adress@example.test', 'Typo Person')
    const token = await invitationTokenFor('typo.adress@example.test')

    const response = await cancel(headers, invitation.personId)
    expect(response.statusCode).toBe(200)
    expect(CancelledInvitationSchema.parse(response.json())).toEqual({
      personId: invitation.personId,
      email: 'typo.adress@example.test',
      name: 'Typo Person',
      isPersonRemoved: true,
    })

    const preview = await t.app.inject({ method: 'GET', url: `/api/invitations/${encodeURIComponent(token)}` })
    expect(preview.statusCode).toBe(410)
    expect(errorOf(preview).code).toBe('token_invalid')
    const accepted = await t.app.inject({
      method: 'POST',
      url: '/api/invitations/accept',
      payload: { token, password: 'my own long password' },
    })
    expect(accepted.statusCode).toBe(410)
    expect(errorOf(accepted).code).toBe('token_invalid')
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'typo.adress@example.test', password: 'my own long password' },
    })
    expect(signIn.statusCode).toBe(401)

    const directory = PeopleListSchema.parse(
      (await t.app.inject({ method: 'GET', url: '/api/people?limit=100', headers })).json(),
    )
    expect(directory.people.map((person) => person.email)).not.toContain('typo.adress@example.test')
    expect((await t.app.inject({ method: 'GET', url: `/api/people/${invitation.personId}`, headers })).statusCode).toBe(
      404,
    )
    expect(PendingInvitationListSchema.parse((await listInvitations(headers)).json()).total).toBe(0)

    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'actor_id', 'target_id', 'details'])
      .where('organization_id', '=', org.id)
      .where('action', '=', 'invitation.cancelled')
      .execute()
    expect(audit).toEqual([
      {
        action: 'invitation.cancelled',
        actor_id: admin.id,
        target_id: invitation.personId,
        details: { linksEnded: 1, isPersonRemoved: true },
      },
    ])

    // Invited again: a new person, a fresh link that works.
    const again = await invite(headers, 'typo.adress@example.test', 'Typo Person')
    expect(again.isReinvite).toBe(false)
    expect(again.personId).not.toBe(invitation.personId)
    const fresh = await invitationTokenFor('typo.adress@example.test')
    expect(fresh).not.toBe(token)
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/invitations/${encodeURIComponent(fresh)}` })).statusCode,
    ).toBe(200)
    // A second cancel of the gone person finds nobody.
    const gone = await cancel(headers, invitation.personId)
    expect(gone.statusCode).toBe(404)
    expect(errorOf(gone).code).toBe('not_found')
  })

  test('every link sent to the person stops working, including older ones sent before an invitation again', async () => {
    const { headers } = await adminOfNewOrg()
    const invitation = await invite(headers, 'twice.invited@example.test')
    await backdateEmailLinks(t.db, invitation.personId, INVITATION_RESEND_INTERVAL_MS)
    await invite(headers, 'twice.invited@example.test')
    const newest = await invitationTokenFor('twice.invited@example.test')
    const cancelled = CancelledInvitationSchema.parse((await cancel(headers, invitation.personId)).json())
    expect(cancelled.isPersonRemoved).toBe(true)
    expect(
      await t.db.selectFrom('email_tokens').select('id').where('person_id', '=', invitation.personId).execute(),
    ).toEqual([])
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/invitations/${encodeURIComponent(newest)}` })).statusCode,
    ).toBe(410)
  })

  test('a person the organization knows otherwise (employee id, reports, enrollment) stays, without a link', async () => {
    const { org, headers } = await adminOfNewOrg()
    const imported = await buildPerson(t.db, {
      organizationId: org.id,
      status: 'invited',
      password: null,
      employee_id: `E-${org.id.slice(0, 8)}`,
      email: `imported-${org.id}@example.test`,
    })
    const manager = await buildPerson(t.db, {
      organizationId: org.id,
      status: 'invited',
      password: null,
      email: `manager-${org.id}@example.test`,
    })
    await buildPerson(t.db, { organizationId: org.id, manager_id: manager.id })
    const enrolled = await buildPerson(t.db, {
      organizationId: org.id,
      status: 'invited',
      password: null,
      email: `enrolled-${org.id}@example.test`,
    })
    const program = await buildProgram(t.db, { organizationId: org.id, status: 'enrolling' })
    await buildEnrollment(t.db, { program, person: enrolled })

    for (const person of [imported, manager, enrolled]) {
      await invite(headers, person.email, person.name)
      const token = await invitationTokenFor(person.email)
      const response = await cancel(headers, person.id)
      expect(response.statusCode).toBe(200)
      expect(CancelledInvitationSchema.parse(response.json())).toMatchObject({
        personId: person.id,
        isPersonRemoved: false,
      })
      expect(
        (await t.app.inject({ method: 'GET', url: `/api/invitations/${encodeURIComponent(token)}` })).statusCode,
      ).toBe(410)
      const kept = await t.db
        .selectFrom('people')
        .select('status')
        .where('id', '=', person.id)
        .executeTakeFirstOrThrow()
      expect(kept.status).toBe('invited')
      // Nothing is pending any more: cancelling again is refused with a code.
      const again = await cancel(headers, person.id)
      expect(again.statusCode).toBe(409)
      expect(errorOf(again).code).toBe('invitation_not_pending')
    }
    const enrollments = await t.db.selectFrom('enrollments').select('id').where('person_id', '=', enrolled.id).execute()
    expect(enrollments).toHaveLength(1)
    // They can be invited again.
    const reinvited = await invite(headers, enrolled.email, enrolled.name)
    expect(reinvited).toMatchObject({ personId: enrolled.id, isReinvite: true })
  })

  test('an accepted invitation cannot be cancelled (409 invitation_not_pending), nor a person never invited', async () => {
    const { org, headers } = await adminOfNewOrg()
    const invitation = await invite(headers, 'already.joined@example.test')
    const token = await invitationTokenFor('already.joined@example.test')
    const accepted = await t.app.inject({
      method: 'POST',
      url: '/api/invitations/accept',
      payload: { token, password: 'my own long password' },
    })
    expect(accepted.statusCode).toBe(200)
    const response = await cancel(headers, invitation.personId)
    expect(response.statusCode).toBe(409)
    expect(errorOf(response)).toMatchObject({ code: 'invitation_not_pending' })
    expect(errorOf(response).message).toContain('already accepted')
    const person = await t.db
      .selectFrom('people')
      .select('status')
      .where('id', '=', invitation.personId)
      .executeTakeFirst()
    expect(person?.status).toBe('active')

    const neverInvited = await buildPerson(t.db, { organizationId: org.id, status: 'invited', password: null })
    const notSent = await cancel(headers, neverInvited.id)
    expect(notSent.statusCode).toBe(409)
    expect(errorOf(notSent).code).toBe('invitation_not_pending')
    expect(
      await t.db.selectFrom('people').select('id').where('id', '=', neverInvited.id).executeTakeFirst(),
    ).toBeDefined()

    const deactivated = await buildPerson(t.db, { organizationId: org.id, status: 'deactivated' })
    expect(errorOf(await cancel(headers, deactivated.id)).code).toBe('invitation_not_pending')
  })

  test('cancelling while the person accepts: exactly one of them wins, and nobody gets a 500', async () => {
    const { headers } = await adminOfNewOrg()
    for (let round = 0; round < 3; round++) {
      const email = `racing.${round}.${Date.now()}@example.test`
      const invitation = await invite(headers, email)
      const token = await invitationTokenFor(email)
      const [cancelled, accepted] = await Promise.all([
        cancel(headers, invitation.personId),
        t.app.inject({
          method: 'POST',
          url: '/api/invitations/accept',
          payload: { token, password: 'my own long password' },
        }),
      ])
      const person = await t.db
        .selectFrom('people')
        .select('status')
        .where('id', '=', invitation.personId)
        .executeTakeFirst()
      if (cancelled.statusCode === 200) {
        expect(accepted.statusCode).toBe(410)
        expect(person).toBeUndefined()
      } else {
        expect(cancelled.statusCode).toBe(409)
        expect(errorOf(cancelled).code).toBe('invitation_not_pending')
        expect(accepted.statusCode).toBe(200)
        expect(person?.status).toBe('active')
      }
    }
  })

  test('only admins cancel, only in their own organization; the invitation is untouched otherwise', async () => {
    const { org, headers } = await adminOfNewOrg()
    const invitation = await invite(headers, 'kept.invitee@example.test')
    const token = await invitationTokenFor('kept.invitee@example.test')
    const manager = await buildPerson(t.db, { organizationId: org.id, role: 'program_manager' })
    const participant = await buildPerson(t.db, { organizationId: org.id })
    for (const person of [manager, participant]) {
      const response = await cancel(await sessionHeadersFor(t.db, person), invitation.personId)
      expect(response.statusCode).toBe(403)
      expect(errorOf(response).code).toBe('forbidden')
    }
    const other = await adminOfNewOrg()
    const foreign = await cancel(other.headers, invitation.personId)
    expect(foreign.statusCode).toBe(404)
    expect(errorOf(foreign).code).toBe('not_found')
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/people/${invitation.personId}/invitation` })).statusCode,
    ).toBe(401)
    const malformed = await cancel(headers, 'not-a-uuid')
    expect(malformed.statusCode).toBe(400)
    expect(errorOf(malformed).code).toBe('validation_failed')

    expect(
      (await t.app.inject({ method: 'GET', url: `/api/invitations/${encodeURIComponent(token)}` })).statusCode,
    ).toBe(200)
    const audit = await t.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'invitation.cancelled')
      .where('target_id', '=', invitation.personId)
      .execute()
    expect(audit).toEqual([])
  })
})
