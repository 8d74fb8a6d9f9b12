import { createHmac, randomUUID } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { sql } from 'kysely'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  WEBHOOK_EVENT_TYPES,
  WebhookDeliveryListSchema,
  WebhookEndpointSchema,
  WebhookPayloadSchema,
  WebhookSecretSchema,
  webhookDataSchemas,
} from '#contracts/webhooks.ts'
import { fixedClock, systemClock } from '#server/clock.ts'
import {
  buildEnrollment,
  buildMatch,
  buildOrganization,
  buildPerson,
  buildPrivateWords,
  buildProgram,
  buildSession,
} from '#server/test/factories.ts'
import { bodyOf, errorOf } from '#server/test/responses.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'
import { isPrivateAddress } from './webhook-address.ts'
import { emitWebhookEvents, WEBHOOK_QUEUE, webhookEvents } from './webhooks.service.ts'

interface Received {
  headers: IncomingHttpHeaders
  body: string
}

/** A real HTTP receiver on the loopback: records every request and answers `status`. */
async function startReceiver() {
  const received: Received[] = []
  const state = { status: 200 }
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') })
      response.writeHead(state.status, { 'content-type': 'text/plain' })
      response.end('ok')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hooks/${randomUUID()}`,
    received,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

type Receiver = Awaited<ReturnType<typeof startReceiver>>

let t: TestApp
let receiver: Receiver
// The system's time (the standard's verifier checks the timestamp against it), held still.
const clock = fixedClock(new Date(Math.floor(systemClock.now().getTime() / 1000) * 1000))

beforeAll(async () => {
  t = await createTestApp({}, { clock })
  receiver = await startReceiver()
})
afterAll(async () => {
  await receiver.close()
  await t.close()
})

async function setUpAdmin() {
  const org = await buildOrganization(t.db)
  const admin = await buildPerson(t.db, { organizationId: org.id, role: 'admin' })
  return { org, admin, headers: await sessionHeadersFor(t.db, admin) }
}

async function addEndpoint(headers: Record<string, string>, url: string, eventTypes: string[]) {
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/admin/webhooks',
    headers,
    payload: { url, description: 'HR sync', eventTypes },
  })
  const endpoint = bodyOf(created, 201, WebhookEndpointSchema)
  const revealed = await t.app.inject({
    method: 'POST',
    url: `/api/admin/webhooks/${endpoint.id}/secret/reveal`,
    headers,
  })
  return { endpoint, secret: bodyOf(revealed, 200, WebhookSecretSchema).secret }
}

async function deliveriesOf(headers: Record<string, string>, endpointId: string) {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/admin/webhooks/${endpointId}/deliveries`,
    headers,
  })
  return bodyOf(response, 200, WebhookDeliveryListSchema).deliveries
}

describe('outgoing webhooks', () => {
  test('a published match arrives signed per Standard Webhooks, with ids only: no private words of its members', async () => {
    const { org, headers } = await setUpAdmin()
    const { endpoint, secret } = await addEndpoint(headers, receiver.url, ['match.published', 'program.status_changed'])
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/)
    // Stored sealed under the instance's key (decision 047), never as the receiver's secret.
    const storedSecret = await t.db
      .selectFrom('webhook_endpoints')
      .select('secret')
      .where('id', '=', endpoint.id)
      .executeTakeFirstOrThrow()
    expect(storedSecret.secret).toMatch(/^tsk1\./)
    expect(storedSecret.secret).not.toContain(secret.slice(6, 20))

    // Two people who wrote reflections, shared notes and feedback in an earlier program...
    const secretWords = `private-${randomUUID()}`
    const [cleo, dev] = await Promise.all(
      ['Cleo', 'Dev'].map((name) => buildPerson(t.db, { organizationId: org.id, name: `${name} ${randomUUID()}` })),
    )
    const earlier = await buildProgram(t.db, { organizationId: org.id, status: 'active' })
    const earlierMatch = await buildMatch(t.db, {
      organizationId: org.id,
      programId: earlier.id,
      memberIds: [cleo.id, dev.id],
      status: 'active',
    })
    const session = await buildSession(t.db, { match: earlierMatch })
    for (const [author, partner] of [
      [cleo, dev],
      [dev, cleo],
    ]) {
      await buildPrivateWords(t.db, {
        organizationId: org.id,
        matchId: earlierMatch.id,
        sessionId: session.id,
        authorId: author.id,
        partnerId: partner.id,
        text: secretWords,
      })
    }
    // ...are matched in a new one, and a program manager publishes the match.
    const manager = await buildPerson(t.db, { organizationId: org.id, role: 'program_manager' })
    const program = await buildProgram(t.db, { organizationId: org.id, status: 'matching' })
    for (const person of [cleo, dev]) await buildEnrollment(t.db, { program, person })
    const match = await buildMatch(t.db, {
      organizationId: org.id,
      programId: program.id,
      memberIds: [cleo.id, dev.id],
      status: 'proposed',
    })
    const before = receiver.received.length
    const published = await t.app.inject({
      method: 'POST',
      url: `/api/programs/${program.id}/matches/publish`,
      headers: await sessionHeadersFor(t.db, manager),
    })
    expect(published.statusCode, published.body).toBe(200)
    await t.jobs.drain()

    const arrived = receiver.received.slice(before)
    const bodies = arrived.map((entry) => WebhookPayloadSchema.parse(JSON.parse(entry.body)))
    expect(bodies.map((body) => body.type).sort()).toEqual(['match.published', 'program.status_changed'])
    const matchEvent = arrived[bodies.findIndex((body) => body.type === 'match.published')]!
    const payload = WebhookPayloadSchema.parse(JSON.parse(matchEvent.body))
    expect(webhookDataSchemas['match.published'].parse(payload.data)).toEqual({
      matchId: match.id,
      programId: program.id,
      status: 'published',
      members: expect.arrayContaining([
        { personId: cleo.id, role: 'peer' },
        { personId: dev.id, role: 'peer' },
      ]),
    })
    // The time of the app's clock, in the body and in webhook-timestamp.
    expect(payload.timestamp).toBe(clock.now().toISOString())
    expect(matchEvent.headers['webhook-timestamp']).toBe(String(clock.now().getTime() / 1000))

    // The reference library verifies it (and refuses it with another secret or a changed body).
    const headersOf = (entry: Received) => ({
      'webhook-id': String(entry.headers['webhook-id']),
      'webhook-timestamp': String(entry.headers['webhook-timestamp']),
      'webhook-signature': String(entry.headers['webhook-signature']),
    })
    expect(new Webhook(secret).verify(matchEvent.body, headersOf(matchEvent))).toEqual(payload)
    expect(() =>
      new Webhook(`whsec_${Buffer.from(randomUUID()).toString('base64')}`).verify(
        matchEvent.body,
        headersOf(matchEvent),
      ),
    ).toThrow()
    expect(() =>
      new Webhook(secret).verify(matchEvent.body.replace(match.id, randomUUID()), headersOf(matchEvent)),
    ).toThrow()
    // And the algorithm written out: v1, base64 of HMAC-SHA256 over "id.timestamp.body" with the decoded secret.
    const { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature } = headersOf(matchEvent)
    const expected = createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64'))
      .update(`${id}.${timestamp}.${matchEvent.body}`)
      .digest('base64')
    expect(signature).toBe(`v1,${expected}`)

    // No payload, sent or stored, holds what the members wrote.
    for (const entry of arrived) expect(entry.body).not.toContain(secretWords)
    const stored = await t.db
      .selectFrom('webhook_events')
      .select('payload')
      .where('organization_id', '=', org.id)
      .execute()
    expect(stored.length).toBeGreaterThan(0)
    for (const row of stored) expect(JSON.stringify(row.payload)).not.toContain(secretWords)

    const log = await deliveriesOf(headers, endpoint.id)
    const delivered = log.find((delivery) => delivery.eventType === 'match.published')
    expect(delivered).toMatchObject({ status: 'delivered', eventId: id })
    expect(delivered?.attempts).toEqual([
      expect.objectContaining({ attempt: 1, statusCode: 200, error: null, isRedelivery: false }),
    ])
  })

  test('a failing receiver is retried with back-off, every attempt is logged, and the admin redelivers it', async () => {
    const failing = await startReceiver()
    try {
      failing.state.status = 500
      const { org, headers } = await setUpAdmin()
      const { endpoint } = await addEndpoint(headers, failing.url, ['person.updated'])
      const person = await buildPerson(t.db, { organizationId: org.id, name: 'Eli Moreno' })
      const edited = await t.app.inject({
        method: 'PATCH',
        url: `/api/people/${person.id}`,
        headers,
        payload: { title: 'Staff engineer' },
      })
      expect(edited.statusCode, edited.body).toBe(200)
      await t.jobs.drain()
      expect(failing.received).toHaveLength(1)
      const [first] = await deliveriesOf(headers, endpoint.id)
      expect(first).toMatchObject({ status: 'pending', eventType: 'person.updated' })
      expect(first?.attempts).toEqual([expect.objectContaining({ attempt: 1, statusCode: 500 })])

      // The next attempt waits (30 s, doubling): time passes for each of the four retries.
      const { rows } = await sql<{ wait: number }>`
        select extract(epoch from start_after - now())::int as wait from pgboss.job
        where name = ${WEBHOOK_QUEUE} and state = 'retry'`.execute(t.db)
      expect(rows).toHaveLength(1)
      expect(rows[0]!.wait).toBeGreaterThan(10)
      for (let retry = 0; retry < 4; retry++) {
        await sql`update pgboss.job set start_after = now() where name = ${WEBHOOK_QUEUE} and state = 'retry'`.execute(
          t.db,
        )
        await t.jobs.drain()
      }
      expect(failing.received).toHaveLength(5)
      // Every attempt carries the same webhook-id, so a receiver can drop a repeat.
      expect(new Set(failing.received.map((entry) => entry.headers['webhook-id'])).size).toBe(1)
      const [failed] = await deliveriesOf(headers, endpoint.id)
      expect(failed?.status).toBe('failed')
      expect(failed?.attempts.map((attempt) => [attempt.attempt, attempt.statusCode])).toEqual([
        [1, 500],
        [2, 500],
        [3, 500],
        [4, 500],
        [5, 500],
      ])
      expect(failed?.attempts[0]?.error).toBe('The endpoint answered 500')

      // The receiver is fixed; the admin sends it again from the log.
      failing.state.status = 204
      const redelivered = await t.app.inject({
        method: 'POST',
        url: `/api/admin/webhooks/${endpoint.id}/deliveries/${failed?.id}/redeliver`,
        headers,
      })
      expect(redelivered.statusCode, redelivered.body).toBe(202)
      await t.jobs.drain()
      const [fixed] = await deliveriesOf(headers, endpoint.id)
      expect(fixed?.status).toBe('delivered')
      expect(fixed?.attempts.at(-1)).toMatchObject({ attempt: 6, statusCode: 204, isRedelivery: true, error: null })
      expect(failing.received).toHaveLength(6)
      const body = WebhookPayloadSchema.parse(JSON.parse(failing.received[5]!.body))
      expect(body.data).toMatchObject({ personId: person.id, name: 'Eli Moreno', title: 'Staff engineer' })
    } finally {
      await failing.close()
    }
  })

  test('an event emitted in a transaction that rolls back is never recorded nor sent', async () => {
    const { org, headers } = await setUpAdmin()
    const { endpoint } = await addEndpoint(headers, receiver.url, ['program.status_changed'])
    const before = receiver.received.length
    const programId = randomUUID()
    const event = webhookEvents.programStatusChanged({ programId, from: 'draft', to: 'enrolling' })
    await expect(
      t.db.transaction().execute(async (trx) => {
        await emitWebhookEvents(trx, org.id, clock.now(), [event])
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')
    await t.jobs.drain()
    expect(receiver.received.length).toBe(before)
    expect(await deliveriesOf(headers, endpoint.id)).toEqual([])
    const { rows } = await sql<{ count: string }>`
      select count(*) as count from pgboss.job where name = ${WEBHOOK_QUEUE} and data->>'organizationId' = ${org.id}`.execute(
      t.db,
    )
    expect(Number(rows[0]!.count)).toBe(0)

    // The same emit, committed, is sent.
    await t.db.transaction().execute((trx) => emitWebhookEvents(trx, org.id, clock.now(), [event]))
    await t.jobs.drain()
    expect(receiver.received.length).toBe(before + 1)
    expect(JSON.parse(receiver.received.at(-1)!.body).data).toEqual({ programId, from: 'draft', to: 'enrolling' })
  })

  test('each kind of change sends its event, with ids and public fields only (never a decline reason)', async () => {
    const listening = await startReceiver()
    try {
      const { org, headers } = await setUpAdmin()
      await addEndpoint(headers, listening.url, [...WEBHOOK_EVENT_TYPES])
      const post = async (url: string, as: Record<string, string>, payload: object = {}) => {
        const response = await t.app.inject({ method: 'POST', url, headers: as, payload })
        expect(response.statusCode, `${url}: ${response.body}`).toBeLessThan(300)
        return response
      }
      const manager = await buildPerson(t.db, { organizationId: org.id, role: 'program_manager' })
      const managerHeaders = await sessionHeadersFor(t.db, manager)
      const [ana, ben, cleo, dev, eli] = await Promise.all(
        ['Ana', 'Ben', 'Cleo', 'Dev', 'Eli'].map((name) => buildPerson(t.db, { organizationId: org.id, name })),
      )
      const reason = `reason-${randomUUID()}`

      const invitedEmail = `${randomUUID()}@example.test`
      await post('/api/invitations', headers, { email: invitedEmail, name: 'Fay Invited', role: 'participant' })
      await post(`/api/people/${eli!.id}/deactivate`, headers)
      // Dates from the app's clock: the factory's fixed ones are past under the suite's shifted clock.
      const day = (offsetDays: number) =>
        new Date(clock.now().getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10)
      const draft = await buildProgram(t.db, { organizationId: org.id, starts_on: day(30), ends_on: day(200) })
      await post(`/api/programs/${draft.id}/transitions`, managerHeaders, { to: 'enrolling' })
      await post(`/api/programs/${draft.id}/enrollments`, managerHeaders, { personIds: [ana!.id] })

      const active = await buildProgram(t.db, { organizationId: org.id, status: 'active' })
      const pair = await buildMatch(t.db, {
        organizationId: org.id,
        programId: active.id,
        memberIds: [ana!.id, ben!.id],
        status: 'active',
      })
      const session = await buildSession(t.db, { match: pair })
      await post(`/api/sessions/${session.id}/status`, await sessionHeadersFor(t.db, ana!), { status: 'held' })
      await post(`/api/matches/${pair.id}/complete`, await sessionHeadersFor(t.db, ana!))
      await post(`/api/matches/${pair.id}/complete`, await sessionHeadersFor(t.db, ben!))
      const offered = await buildMatch(t.db, {
        organizationId: org.id,
        programId: active.id,
        memberIds: [cleo!.id, dev!.id],
      })
      await post(`/api/matches/${offered.id}/respond`, await sessionHeadersFor(t.db, cleo!), { response: 'accepted' })
      await post(`/api/matches/${offered.id}/respond`, await sessionHeadersFor(t.db, dev!), {
        response: 'declined',
        reason,
      })
      await t.jobs.drain()

      const payloads = listening.received.map((entry) => WebhookPayloadSchema.parse(JSON.parse(entry.body)))
      const byType = new Map(payloads.map((payload) => [payload.type, payload.data]))
      expect([...byType.keys()].sort()).toEqual(
        [
          'enrollment.created',
          'match.accepted',
          'match.completed',
          'match.declined',
          'person.created',
          'person.deactivated',
          'program.status_changed',
          'session.held',
        ].sort(),
      )
      for (const payload of payloads) webhookDataSchemas[payload.type].parse(payload.data)
      expect(byType.get('person.created')).toMatchObject({
        name: 'Fay Invited',
        email: invitedEmail,
        status: 'invited',
      })
      expect(byType.get('person.deactivated')).toMatchObject({ personId: eli!.id, status: 'deactivated' })
      expect(byType.get('program.status_changed')).toEqual({ programId: draft.id, from: 'draft', to: 'enrolling' })
      expect(byType.get('enrollment.created')).toEqual({
        programId: draft.id,
        personId: ana!.id,
        mentoringRole: null,
        enrolledBy: 'manager',
      })
      expect(byType.get('session.held')).toMatchObject({
        sessionId: session.id,
        matchId: pair.id,
        programId: active.id,
      })
      expect(byType.get('match.completed')).toMatchObject({ matchId: pair.id, status: 'completed' })
      expect(byType.get('match.accepted')).toMatchObject({ matchId: offered.id, personId: cleo!.id })
      expect(byType.get('match.declined')).toMatchObject({ matchId: offered.id, personId: dev!.id, status: 'declined' })
      for (const entry of listening.received) expect(entry.body).not.toContain(reason)
    } finally {
      await listening.close()
    }
  })

  test('a payload builder refuses a field its schema does not list (a note cannot slip in)', () => {
    expect(() =>
      webhookEvents.programStatusChanged({
        programId: randomUUID(),
        from: 'draft',
        to: 'enrolling',
        note: 'private',
      } as never),
    ).toThrow()
  })

  test('disabled endpoints and endpoints not subscribed to an event get nothing', async () => {
    const { org, headers } = await setUpAdmin()
    const off = await addEndpoint(headers, receiver.url, ['person.updated'])
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/webhooks/${off.endpoint.id}`,
      headers,
      payload: { isEnabled: false },
    })
    expect(bodyOf(patched, 200, WebhookEndpointSchema).isEnabled).toBe(false)
    const other = await addEndpoint(headers, receiver.url, ['session.held'])
    const person = await buildPerson(t.db, { organizationId: org.id })
    const edited = await t.app.inject({
      method: 'PATCH',
      url: `/api/people/${person.id}`,
      headers,
      payload: { department: 'Sales' },
    })
    expect(edited.statusCode).toBe(200)
    await t.jobs.drain()
    expect(await deliveriesOf(headers, off.endpoint.id)).toEqual([])
    expect(await deliveriesOf(headers, other.endpoint.id)).toEqual([])
  })

  test('only admins manage endpoints; another organization sees none of them; the secret rotates', async () => {
    const { org, headers } = await setUpAdmin()
    const { endpoint, secret } = await addEndpoint(headers, receiver.url, ['match.accepted'])
    const participant = await buildPerson(t.db, { organizationId: org.id })
    const refused = await t.app.inject({
      method: 'GET',
      url: '/api/admin/webhooks',
      headers: await sessionHeadersFor(t.db, participant),
    })
    expect(refused.statusCode).toBe(403)
    const stranger = await setUpAdmin()
    for (const url of [
      `/api/admin/webhooks/${endpoint.id}/secret/reveal`,
      `/api/admin/webhooks/${endpoint.id}/secret/rotate`,
    ]) {
      const response = await t.app.inject({ method: 'POST', url, headers: stranger.headers })
      expect(response.statusCode).toBe(404)
    }
    const rotated = await t.app.inject({
      method: 'POST',
      url: `/api/admin/webhooks/${endpoint.id}/secret/rotate`,
      headers,
    })
    const next = bodyOf(rotated, 200, WebhookSecretSchema).secret
    expect(next).not.toBe(secret)
    const revealed = await t.app.inject({
      method: 'POST',
      url: `/api/admin/webhooks/${endpoint.id}/secret/reveal`,
      headers,
    })
    expect(bodyOf(revealed, 200, WebhookSecretSchema).secret).toBe(next)
    const audit = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('organization_id', '=', org.id)
      .where('target_id', '=', endpoint.id)
      .execute()
    expect(audit.map((row) => row.action).sort()).toEqual([
      'webhook.created',
      'webhook.secret_revealed',
      'webhook.secret_revealed',
      'webhook.secret_rotated',
    ])
    const deleted = await t.app.inject({ method: 'DELETE', url: `/api/admin/webhooks/${endpoint.id}`, headers })
    expect(deleted.statusCode).toBe(204)
    const list = await t.app.inject({ method: 'GET', url: '/api/admin/webhooks', headers })
    expect(list.json()).toEqual({ endpoints: [] })
  })
})

describe('addresses a webhook may not reach', () => {
  test('private, loopback and link-local addresses are refused unless the setting allows them', async () => {
    const guarded = await createTestApp({ webhooks: { allowPrivateAddresses: false } })
    try {
      const org = await buildOrganization(guarded.db)
      const admin = await buildPerson(guarded.db, { organizationId: org.id, role: 'admin' })
      const headers = await sessionHeadersFor(guarded.db, admin)
      for (const url of [
        'http://127.0.0.1:8080/hook',
        'http://localhost/hook',
        'http://169.254.169.254/latest/meta-data',
        'http://10.1.2.3/hook',
        'http://[::1]/hook',
        'http://[::ffff:192.168.0.1]/hook',
      ]) {
        const response = await guarded.app.inject({
          method: 'POST',
          url: '/api/admin/webhooks',
          headers,
          payload: { url, eventTypes: ['person.created'] },
        })
        expect(response.statusCode, url).toBe(400)
        expect(errorOf(response).details).toEqual([{ path: 'body.url', message: expect.stringContaining('public') }])
      }
      const publicOne = await guarded.app.inject({
        method: 'POST',
        url: '/api/admin/webhooks',
        headers,
        payload: { url: 'https://93.184.215.14/hook', eventTypes: ['person.created'] },
      })
      expect(publicOne.statusCode, publicOne.body).toBe(201)
    } finally {
      await guarded.close()
    }
  })

  test('the address check covers the ranges that matter', () => {
    for (const address of [
      '127.0.0.1',
      '10.0.0.1',
      '172.20.1.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
    ]) {
      expect(isPrivateAddress(address), address).toBe(true)
    }
    for (const address of ['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111']) {
      expect(isPrivateAddress(address), address).toBe(false)
    }
  })

  test('bad input is answered 400 with the field named', async () => {
    const { headers } = await setUpAdmin()
    for (const payload of [
      { url: 'ftp://example.com/x', eventTypes: ['person.created'] },
      { url: 'https://user:pw@example.com/x', eventTypes: ['person.created'] },
      { url: 'https://example.com/x', eventTypes: [] },
      { url: 'https://example.com/x', eventTypes: ['person.eaten'] },
    ]) {
      const response = await t.app.inject({ method: 'POST', url: '/api/admin/webhooks', headers, payload })
      expect(response.statusCode, JSON.stringify(payload)).toBe(400)
      expect(errorOf(response).code).toBe('validation_failed')
    }
  })
})
