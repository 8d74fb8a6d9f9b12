import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { BulkInvitationResultSchema, InvitationSelectionCountsSchema } from '#contracts/auth.ts'
import { PeopleListSchema } from '#contracts/people.ts'
import { fixedClock } from '#server/clock.ts'
import type { PersonRow } from '#server/db/schema.ts'
import { buildOrganization, buildPerson } from '#server/test/factories.ts'
import { errorOf } from '#server/test/responses.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'
import { INVITATION_RESEND_INTERVAL_MS } from './invitations.service.ts'

// Bulk invitations from the People page (issue #15, point 1): counts for a filtered selection, then
// invite, invite again or cancel in batches, one email per invitation.
const clock = fixedClock('2027-05-03T09:00:00Z')
let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ publicUrl: 'https://tandem.example.test' }, { clock })
})
afterAll(() => t.close())

async function organization() {
  const org = await buildOrganization(t.db)
  const admin = await buildPerson(t.db, { organizationId: org.id, role: 'admin', name: 'Ada Admin' })
  const manager = await buildPerson(t.db, { organizationId: org.id, role: 'program_manager', name: 'Max Manager' })
  const newcomers: PersonRow[] = []
  // Seven imported engineers never sent a link, two in sales; one active and one deactivated engineer.
  for (let index = 0; index < 7; index++) {
    newcomers.push(
      await buildPerson(t.db, {
        organizationId: org.id,
        name: `Engineer ${index}`,
        department: 'Engineering',
        status: 'invited',
        password: null,
      }),
    )
  }
  for (let index = 0; index < 2; index++) {
    await buildPerson(t.db, {
      organizationId: org.id,
      name: `Seller ${index}`,
      department: 'Sales',
      status: 'invited',
      password: null,
    })
  }
  await buildPerson(t.db, { organizationId: org.id, name: 'Engineer Active', department: 'Engineering' })
  await buildPerson(t.db, {
    organizationId: org.id,
    name: 'Engineer Gone',
    department: 'Engineering',
    status: 'deactivated',
  })
  return {
    org,
    newcomers,
    headers: await sessionHeadersFor(t.db, admin),
    managerHeaders: await sessionHeadersFor(t.db, manager),
  }
}

function counts(headers: Record<string, string>, query: string) {
  return t.app.inject({ method: 'GET', url: `/api/invitations/bulk/counts?${query}`, headers })
}

function bulk(headers: Record<string, string>, payload: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/invitations/bulk', headers, payload })
}

/** Runs the action batch after batch, as the People page does, and adds the batches up. */
async function bulkAll(headers: Record<string, string>, payload: Record<string, unknown>) {
  const total = { done: 0, skipped: 0, batches: 0 }
  let after: string | undefined
  do {
    const response = await bulk(headers, { ...payload, ...(after ? { after } : {}) })
    expect(response.statusCode, response.body).toBe(200)
    const batch = BulkInvitationResultSchema.parse(response.json())
    total.done += batch.done
    total.skipped += batch.skipped
    total.batches += 1
    after = batch.nextCursor ?? undefined
  } while (after)
  return total
}

async function invitationEmailsTo(emails: string[]) {
  const rows = await t.db
    .selectFrom('outbox_emails')
    .select(['to_address', 'subject'])
    .where('to_address', 'in', emails)
    .execute()
  return rows
}

describe('bulk invitations', () => {
  test('the counts say what each action would reach among the filtered people', async () => {
    const { headers } = await organization()
    const response = await counts(headers, 'department=Engineering')
    expect(response.statusCode).toBe(200)
    expect(InvitationSelectionCountsSchema.parse(response.json())).toEqual({
      notInvited: 7,
      invited: 0,
      active: 1,
      deactivated: 1,
    })
  })

  test('inviting the filtered people sends each one email, in batches, and the directory then shows them invited', async () => {
    const { newcomers, headers, org } = await organization()
    const total = await bulkAll(headers, { action: 'invite', selection: { department: 'Engineering' }, limit: 3 })
    expect(total).toEqual({ done: 7, skipped: 0, batches: 3 })

    const emails = await invitationEmailsTo(newcomers.map((person) => person.email))
    expect(emails).toHaveLength(7)
    expect(new Set(emails.map((email) => email.to_address)).size).toBe(7)
    // The two in sales were not selected; the active and the deactivated engineer got nothing.
    const others = await t.db
      .selectFrom('outbox_emails')
      .innerJoin('people', 'people.email', 'outbox_emails.to_address')
      .select('people.name')
      .where('people.organization_id', '=', org.id)
      .where('people.department', '!=', 'Engineering')
      .execute()
    expect(others).toEqual([])

    const after = InvitationSelectionCountsSchema.parse((await counts(headers, 'department=Engineering')).json())
    expect(after).toMatchObject({ notInvited: 0, invited: 7 })
    const directory = await t.app.inject({
      method: 'GET',
      url: '/api/people?department=Engineering&access=invited',
      headers,
    })
    expect(PeopleListSchema.parse(directory.json()).total).toBe(7)
    const audit = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('organization_id', '=', org.id)
      .where('action', '=', 'invitation.sent')
      .execute()
    expect(audit).toHaveLength(7)
  })

  test('inviting again replaces the links, except for people invited less than a minute ago', async () => {
    const { newcomers, headers, org } = await organization()
    await bulkAll(headers, { action: 'invite', selection: { department: 'Engineering' } })
    // At once: nobody gets a second email.
    expect(await bulkAll(headers, { action: 'resend', selection: { department: 'Engineering' } })).toMatchObject({
      done: 0,
      skipped: 7,
    })
    clock.advance(INVITATION_RESEND_INTERVAL_MS)
    expect(await bulkAll(headers, { action: 'resend', selection: { q: 'Engineer 1' } })).toMatchObject({
      done: 1,
      skipped: 0,
    })
    expect(await invitationEmailsTo([newcomers[1]!.email])).toHaveLength(2)
    const live = await t.db
      .selectFrom('email_tokens')
      .select('expires_at')
      .where('person_id', '=', newcomers[1]!.id)
      .where('organization_id', '=', org.id)
      .where('purpose', '=', 'invitation')
      .where('used_at', 'is', null)
      .where('expires_at', '>', clock.now())
      .execute()
    expect(live).toHaveLength(1)
  })

  test('cancelling ends the links of the invited people only; the directory shows them not invited', async () => {
    const { headers } = await organization()
    await bulkAll(headers, { action: 'invite', selection: { q: 'Seller' } })
    const total = await bulkAll(headers, { action: 'cancel', selection: {} })
    // The sellers stay in the directory, without a working link (a bulk cancel removes nobody).
    expect(total).toMatchObject({ done: 2, skipped: 0 })
    expect(InvitationSelectionCountsSchema.parse((await counts(headers, 'q=Seller')).json())).toMatchObject({
      notInvited: 2,
      invited: 0,
    })
  })

  test('an action that the access filter rules out reaches nobody', async () => {
    const { headers } = await organization()
    expect(await bulkAll(headers, { action: 'invite', selection: { access: 'active' } })).toEqual({
      done: 0,
      skipped: 0,
      batches: 1,
    })
  })

  test('only admins may, and a bad cursor or action is a 400 with its field', async () => {
    const { headers, managerHeaders } = await organization()
    expect((await bulk(managerHeaders, { action: 'invite' })).statusCode).toBe(403)
    expect((await counts(managerHeaders, '')).statusCode).toBe(403)
    const badCursor = await bulk(headers, { action: 'invite', after: 'bm90LWEtY3Vyc29y' })
    expect(badCursor.statusCode).toBe(400)
    expect(errorOf(badCursor).details?.[0]?.path).toBe('body.after')
    const badAction = await bulk(headers, { action: 'delete-everyone' })
    expect(badAction.statusCode).toBe(400)
    expect(errorOf(badAction).code).toBe('validation_failed')
    const tooMany = await bulk(headers, { action: 'invite', limit: 10_000 })
    expect(tooMany.statusCode).toBe(400)
  })

  test("another organization's people are never reached", async () => {
    const mine = await organization()
    const theirs = await organization()
    await bulkAll(mine.headers, { action: 'invite', selection: {} })
    expect(await invitationEmailsTo(theirs.newcomers.map((person) => person.email))).toEqual([])
  })
})
