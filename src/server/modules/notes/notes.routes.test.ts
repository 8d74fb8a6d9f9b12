import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  ActionItemListSchema,
  ActionItemSchema,
  NoteListSchema,
  NoteSchema,
  ReflectionExportSchema,
  ReflectionListSchema,
  ReflectionSchema,
} from '#contracts/notes.ts'
import type { MatchStatus, PersonRow } from '#server/db/schema.ts'
import { buildMatch, buildOrganization, buildPerson, buildProgram, buildSession } from '#server/test/factories.ts'
import { bodyOf, errorOf } from '#server/test/responses.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

type Headers = Record<string, string>
type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'

function call(method: Method, url: string, headers: Headers, payload?: object) {
  return t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
}

async function setUp(options: { status?: MatchStatus } = {}) {
  const organization = await buildOrganization(t.db)
  const program = await buildProgram(t.db, { organizationId: organization.id, status: 'active' })
  const ana = await buildPerson(t.db, { organizationId: organization.id, name: 'Ana Lima' })
  const ben = await buildPerson(t.db, { organizationId: organization.id, name: 'Ben Ortiz' })
  const match = await buildMatch(t.db, {
    organizationId: organization.id,
    programId: program.id,
    memberIds: [ana.id, ben.id],
    status: options.status ?? 'active',
  })
  const session = await buildSession(t.db, { match, organizerId: ana.id })
  return {
    organization,
    program,
    match,
    session,
    ana,
    ben,
    anaHeaders: await sessionHeadersFor(t.db, ana),
    benHeaders: await sessionHeadersFor(t.db, ben),
  }
}

type Setup = Awaited<ReturnType<typeof setUp>>

/** Someone in another match of the program, a program manager, an admin and another organization's admin. */
async function outsiders(s: Setup) {
  const carla = await buildPerson(t.db, { organizationId: s.organization.id })
  const dan = await buildPerson(t.db, { organizationId: s.organization.id })
  await buildMatch(t.db, {
    organizationId: s.organization.id,
    programId: s.program.id,
    memberIds: [carla.id, dan.id],
    status: 'active',
  })
  const manager = await buildPerson(t.db, { organizationId: s.organization.id, role: 'program_manager' })
  const admin = await buildPerson(t.db, { organizationId: s.organization.id, role: 'admin' })
  const elsewhere = await buildOrganization(t.db)
  const foreignAdmin = await buildPerson(t.db, { organizationId: elsewhere.id, role: 'admin' })
  const people: [string, PersonRow][] = [
    ['member of another match', carla],
    ['program manager', manager],
    ['admin', admin],
    ['admin of another organization', foreignAdmin],
  ]
  return Promise.all(people.map(async ([label, person]) => ({ label, headers: await sessionHeadersFor(t.db, person) })))
}

describe('shared notes', () => {
  test('members add and read notes, per match or per session; the author alone edits and deletes', async () => {
    const s = await setUp()
    const url = `/api/matches/${s.match.id}/notes`
    expect(bodyOf(await call('GET', url, s.anaHeaders), 200, NoteListSchema)).toEqual({ notes: [] })

    const general = bodyOf(
      await call('POST', url, s.anaHeaders, { body: '  We agreed to focus on delegation  ' }),
      201,
      NoteSchema,
    )
    expect(general).toMatchObject({
      matchId: s.match.id,
      sessionId: null,
      authorId: s.ana.id,
      authorName: 'Ana Lima',
      isMine: true,
      body: 'We agreed to focus on delegation',
    })
    const ofSession = bodyOf(
      await call('POST', url, s.benHeaders, { body: 'Role play: the customer call', sessionId: s.session.id }),
      201,
      NoteSchema,
    )
    expect(ofSession).toMatchObject({ sessionId: s.session.id, authorId: s.ben.id, isMine: true })

    const seenByBen = bodyOf(await call('GET', url, s.benHeaders), 200, NoteListSchema)
    expect(seenByBen.notes.map((n) => [n.body, n.isMine])).toEqual([
      ['We agreed to focus on delegation', false],
      ['Role play: the customer call', true],
    ])
    const onlySession = bodyOf(await call('GET', `${url}?sessionId=${s.session.id}`, s.anaHeaders), 200, NoteListSchema)
    expect(onlySession.notes.map((n) => n.id)).toEqual([ofSession.id])

    const edited = bodyOf(
      await call('PATCH', `/api/notes/${general.id}`, s.anaHeaders, { body: 'Focus: delegation' }),
      200,
      NoteSchema,
    )
    expect(edited.body).toBe('Focus: delegation')
    expect(Date.parse(edited.updatedAt)).toBeGreaterThanOrEqual(Date.parse(general.updatedAt))

    // The partner sees the note, so a refusal says why (403 with a code), not 404.
    const refused = [
      await call('PATCH', `/api/notes/${general.id}`, s.benHeaders, { body: 'Mine now' }),
      await call('DELETE', `/api/notes/${general.id}`, s.benHeaders),
    ]
    expect(refused.map((r) => [r.statusCode, errorOf(r).code])).toEqual([
      [403, 'not_note_author'],
      [403, 'not_note_author'],
    ])

    expect((await call('DELETE', `/api/notes/${general.id}`, s.anaHeaders)).json()).toEqual({ deleted: true })
    const after = bodyOf(await call('GET', url, s.anaHeaders), 200, NoteListSchema)
    expect(after.notes.map((n) => n.id)).toEqual([ofSession.id])
    expect((await call('DELETE', `/api/notes/${general.id}`, s.anaHeaders)).statusCode).toBe(404)
  })

  test('validation: body 1-20,000 characters; a session of another match is refused', async () => {
    const s = await setUp()
    const other = await setUp()
    const url = `/api/matches/${s.match.id}/notes`
    for (const body of ['', '   ', 'x'.repeat(20_001)]) {
      const response = await call('POST', url, s.anaHeaders, { body })
      expect(response.statusCode).toBe(400)
      expect(errorOf(response).details.map((d) => d.path)).toEqual(['body.body'])
    }
    bodyOf(await call('POST', url, s.anaHeaders, { body: 'x'.repeat(20_000) }), 201, NoteSchema)
    const badId = await call('POST', url, s.anaHeaders, { body: 'Note', sessionId: 'tuesday' })
    expect(errorOf(badId).details.map((d) => d.path)).toEqual(['body.sessionId'])
    const extra = await call('POST', url, s.anaHeaders, { body: 'Note', authorId: s.ben.id })
    expect(extra.statusCode).toBe(400)
    const foreignSession = await call('POST', url, s.anaHeaders, { body: 'Note', sessionId: other.session.id })
    expect([foreignSession.statusCode, errorOf(foreignSession).code]).toEqual([422, 'session_not_in_match'])
    const badQuery = await call('GET', `${url}?sessionId=nope`, s.anaHeaders)
    expect(errorOf(badQuery).details.map((d) => d.path)).toEqual(['querystring.sessionId'])
    const badParam = await call('PATCH', '/api/notes/not-a-uuid', s.anaHeaders, { body: 'x' })
    expect(errorOf(badParam).details.map((d) => d.path)).toEqual(['params.noteId'])
  })

  test('outsiders, a program manager, an admin and another organization get 404 on every note route', async () => {
    const s = await setUp()
    const note = NoteSchema.parse(
      (await call('POST', `/api/matches/${s.match.id}/notes`, s.anaHeaders, { body: 'Shared between us' })).json(),
    )
    for (const { label, headers } of await outsiders(s)) {
      const responses = await Promise.all([
        call('GET', `/api/matches/${s.match.id}/notes`, headers),
        call('POST', `/api/matches/${s.match.id}/notes`, headers, { body: 'Intruder' }),
        call('PATCH', `/api/notes/${note.id}`, headers, { body: 'Intruder' }),
        call('DELETE', `/api/notes/${note.id}`, headers),
      ])
      expect(
        responses.map((r) => `${r.statusCode} ${errorOf(r).code}`),
        label,
      ).toEqual(responses.map(() => '404 not_found'))
    }
    const rows = await t.db.selectFrom('session_notes').selectAll().where('match_id', '=', s.match.id).execute()
    expect(rows.map((r) => r.body)).toEqual(['Shared between us'])
  })

  test('a match still proposed or dissolved is 404 for its own members', async () => {
    for (const status of ['proposed', 'dissolved'] as const) {
      const s = await setUp({ status })
      const responses = await Promise.all([
        call('GET', `/api/matches/${s.match.id}/notes`, s.anaHeaders),
        call('POST', `/api/matches/${s.match.id}/notes`, s.anaHeaders, { body: 'Hello' }),
        call('GET', `/api/matches/${s.match.id}/reflections`, s.anaHeaders),
        call('POST', `/api/matches/${s.match.id}/reflections`, s.anaHeaders, { body: 'Hello' }),
        call('GET', `/api/matches/${s.match.id}/action-items`, s.anaHeaders),
      ])
      expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 404))
    }
  })
})

describe('private reflections', () => {
  test('the author writes, reads, edits and deletes; the partner never sees them', async () => {
    const s = await setUp()
    const url = `/api/matches/${s.match.id}/reflections`
    const first = bodyOf(
      await call('POST', url, s.anaHeaders, { body: 'I rushed to solutions again', sessionId: s.session.id }),
      201,
      ReflectionSchema,
    )
    expect(first).toMatchObject({ matchId: s.match.id, sessionId: s.session.id, body: 'I rushed to solutions again' })
    const second = bodyOf(await call('POST', url, s.anaHeaders, { body: 'Felt calmer today' }), 201, ReflectionSchema)
    const bens = bodyOf(await call('POST', url, s.benHeaders, { body: "Ben's own thoughts" }), 201, ReflectionSchema)

    const anaList = bodyOf(await call('GET', url, s.anaHeaders), 200, ReflectionListSchema)
    expect(anaList.reflections.map((r) => r.id).sort()).toEqual([first.id, second.id].sort())
    const benList = bodyOf(await call('GET', url, s.benHeaders), 200, ReflectionListSchema)
    expect(benList.reflections.map((r) => r.id)).toEqual([bens.id])

    expect(bodyOf(await call('GET', `/api/reflections/${first.id}`, s.anaHeaders), 200, ReflectionSchema)).toEqual(
      first,
    )
    const edited = bodyOf(
      await call('PATCH', `/api/reflections/${first.id}`, s.anaHeaders, { body: 'I rushed; next time I will wait' }),
      200,
      ReflectionSchema,
    )
    expect(edited.body).toBe('I rushed; next time I will wait')

    // The partner: 404 on every reflection route of Ana's, exactly as if it did not exist.
    const partner = await Promise.all([
      call('GET', `/api/reflections/${first.id}`, s.benHeaders),
      call('PATCH', `/api/reflections/${first.id}`, s.benHeaders, { body: 'Overwritten' }),
      call('DELETE', `/api/reflections/${first.id}`, s.benHeaders),
    ])
    expect(partner.map((r) => `${r.statusCode} ${errorOf(r).code}`)).toEqual(partner.map(() => '404 not_found'))

    expect((await call('DELETE', `/api/reflections/${second.id}`, s.anaHeaders)).json()).toEqual({ deleted: true })
    expect((await call('GET', `/api/reflections/${second.id}`, s.anaHeaders)).statusCode).toBe(404)
    const rows = await t.db.selectFrom('reflections').select(['body']).where('author_id', '=', s.ana.id).execute()
    expect(rows.map((r) => r.body)).toEqual(['I rushed; next time I will wait'])
  })

  test('validation: body 1-20,000 characters, a session of this match', async () => {
    const s = await setUp()
    const other = await setUp()
    const url = `/api/matches/${s.match.id}/reflections`
    for (const body of ['', 'x'.repeat(20_001)]) {
      const response = await call('POST', url, s.anaHeaders, { body })
      expect([response.statusCode, errorOf(response).details.map((d) => d.path)]).toEqual([400, ['body.body']])
    }
    const reflection = bodyOf(await call('POST', url, s.anaHeaders, { body: 'x' }), 201, ReflectionSchema)
    const emptyEdit = await call('PATCH', `/api/reflections/${reflection.id}`, s.anaHeaders, { body: ' ' })
    expect([emptyEdit.statusCode, errorOf(emptyEdit).details.map((d) => d.path)]).toEqual([400, ['body.body']])
    const foreign = await call('POST', url, s.anaHeaders, { body: 'x', sessionId: other.session.id })
    expect([foreign.statusCode, errorOf(foreign).code]).toEqual([422, 'session_not_in_match'])
    const badParam = await call('GET', '/api/reflections/42', s.anaHeaders)
    expect(errorOf(badParam).details.map((d) => d.path)).toEqual(['params.reflectionId'])
    const badFormat = await call('GET', '/api/me/reflections/export?format=pdf', s.anaHeaders)
    expect([badFormat.statusCode, errorOf(badFormat).details.map((d) => d.path)]).toEqual([400, ['querystring.format']])
  })

  test('the partner, a program manager, an admin and another organization get 404 on every reflection route', async () => {
    const s = await setUp()
    const reflection = ReflectionSchema.parse(
      (await call('POST', `/api/matches/${s.match.id}/reflections`, s.anaHeaders, { body: 'Only mine' })).json(),
    )
    const everyone = [{ label: 'partner', headers: s.benHeaders }, ...(await outsiders(s))]
    for (const { label, headers } of everyone) {
      const byId = await Promise.all([
        call('GET', `/api/reflections/${reflection.id}`, headers),
        call('PATCH', `/api/reflections/${reflection.id}`, headers, { body: 'Intruder' }),
        call('DELETE', `/api/reflections/${reflection.id}`, headers),
      ])
      expect(
        byId.map((r) => `${r.statusCode} ${errorOf(r).code}`),
        label,
      ).toEqual(byId.map(() => '404 not_found'))
      const list = await call('GET', `/api/matches/${s.match.id}/reflections`, headers)
      if (label === 'partner') {
        expect(ReflectionListSchema.parse(list.json()).reflections).toEqual([])
      } else {
        expect(`${list.statusCode} ${errorOf(list).code}`, label).toBe('404 not_found')
        const write = await call('POST', `/api/matches/${s.match.id}/reflections`, headers, { body: 'Intruder' })
        expect(write.statusCode, label).toBe(404)
      }
      const exported = await call('GET', '/api/me/reflections/export?format=json', headers)
      expect(exported.statusCode, label).toBe(200)
      expect(exported.body, label).not.toContain('Only mine')
    }
    const rows = await t.db.selectFrom('reflections').selectAll().where('match_id', '=', s.match.id).execute()
    expect(rows.map((r) => [r.author_id, r.body])).toEqual([[s.ana.id, 'Only mine']])
  })

  test("the author's export holds every reflection they wrote, as Markdown or JSON, and nobody else's", async () => {
    const s = await setUp()
    await call('POST', `/api/matches/${s.match.id}/reflections`, s.anaHeaders, {
      body: 'After the role play I felt heard',
      sessionId: s.session.id,
    })
    await call('POST', `/api/matches/${s.match.id}/reflections`, s.benHeaders, { body: "Ben's private words" })

    const markdown = await call('GET', '/api/me/reflections/export', s.anaHeaders)
    expect(markdown.statusCode).toBe(200)
    expect(markdown.headers['content-type']).toContain('text/markdown')
    expect(markdown.headers['content-disposition']).toMatch(
      /^attachment; filename="my-reflections-\d{4}-\d{2}-\d{2}\.md"$/,
    )
    expect(markdown.body).toContain('# My reflections')
    expect(markdown.body).toContain('After the role play I felt heard')
    expect(markdown.body).toContain(`## ${s.program.name}`)
    expect(markdown.body).not.toContain("Ben's private words")

    const json = await call('GET', '/api/me/reflections/export?format=json', s.anaHeaders)
    expect(json.headers['content-type']).toContain('application/json')
    expect(json.headers['content-disposition']).toContain('.json"')
    const doc = ReflectionExportSchema.parse(json.json())
    expect(doc.author).toEqual({ id: s.ana.id, name: 'Ana Lima' })
    expect(doc.reflections).toEqual([
      expect.objectContaining({
        matchId: s.match.id,
        sessionId: s.session.id,
        body: 'After the role play I felt heard',
        programName: s.program.name,
        sessionStartsAt: s.session.starts_at.toISOString(),
      }),
    ])
  })
})

describe('action items', () => {
  test('any member adds, edits and ticks them; only the creator deletes', async () => {
    const s = await setUp()
    const url = `/api/matches/${s.match.id}/action-items`
    expect(bodyOf(await call('GET', url, s.anaHeaders), 200, ActionItemListSchema)).toEqual({ actionItems: [] })
    const item = bodyOf(
      await call('POST', url, s.anaHeaders, {
        title: 'Ask the team for one example',
        ownerId: s.ben.id,
        dueOn: '2030-02-01',
        sessionId: s.session.id,
      }),
      201,
      ActionItemSchema,
    )
    expect(item).toMatchObject({
      title: 'Ask the team for one example',
      ownerId: s.ben.id,
      ownerName: 'Ben Ortiz',
      createdBy: s.ana.id,
      canDelete: true,
      dueOn: '2030-02-01',
      doneAt: null,
      sessionId: s.session.id,
    })
    const plain = bodyOf(
      await call('POST', url, s.benHeaders, { title: 'Read the chapter', ownerId: s.ben.id }),
      201,
      ActionItemSchema,
    )
    expect(plain).toMatchObject({ dueOn: null, sessionId: null, canDelete: true })

    const done = bodyOf(
      await call('PATCH', `/api/action-items/${item.id}`, s.benHeaders, { isDone: true }),
      200,
      ActionItemSchema,
    )
    expect(done.doneAt).not.toBeNull()
    expect(done.canDelete).toBe(false)
    const stillDone = bodyOf(
      await call('PATCH', `/api/action-items/${item.id}`, s.anaHeaders, { isDone: true }),
      200,
      ActionItemSchema,
    )
    expect(stillDone.doneAt).toBe(done.doneAt)
    const undone = bodyOf(
      await call('PATCH', `/api/action-items/${item.id}`, s.anaHeaders, {
        isDone: false,
        title: 'Ask the team for two examples',
        ownerId: s.ana.id,
        dueOn: null,
      }),
      200,
      ActionItemSchema,
    )
    expect(undone).toMatchObject({
      doneAt: null,
      title: 'Ask the team for two examples',
      ownerId: s.ana.id,
      dueOn: null,
    })

    const refused = await call('DELETE', `/api/action-items/${item.id}`, s.benHeaders)
    expect([refused.statusCode, errorOf(refused).code]).toEqual([403, 'not_action_item_creator'])
    expect((await call('DELETE', `/api/action-items/${item.id}`, s.anaHeaders)).json()).toEqual({ deleted: true })
    const list = bodyOf(await call('GET', url, s.anaHeaders), 200, ActionItemListSchema)
    expect(list.actionItems.map((a) => [a.id, a.canDelete])).toEqual([[plain.id, false]])
  })

  test('validation: title, owner among the members, date, session of this match', async () => {
    const s = await setUp()
    const other = await setUp()
    const url = `/api/matches/${s.match.id}/action-items`
    const cases: [object, string[]][] = [
      [{ title: '', ownerId: s.ana.id }, ['body.title']],
      [{ title: 'x'.repeat(501), ownerId: s.ana.id }, ['body.title']],
      [{ title: 'Do it' }, ['body.ownerId']],
      [{ title: 'Do it', ownerId: s.ana.id, dueOn: '31/01/2030' }, ['body.dueOn']],
      [{ title: 'Do it', ownerId: s.ana.id, sessionId: 'x' }, ['body.sessionId']],
    ]
    for (const [payload, paths] of cases) {
      const response = await call('POST', url, s.anaHeaders, payload)
      expect([response.statusCode, errorOf(response).details.map((d) => d.path)], JSON.stringify(payload)).toEqual([
        400,
        paths,
      ])
    }
    const stranger = await call('POST', url, s.anaHeaders, { title: 'Do it', ownerId: other.ana.id })
    expect([stranger.statusCode, errorOf(stranger).code]).toEqual([422, 'not_match_member'])
    const foreign = await call('POST', url, s.anaHeaders, {
      title: 'Do it',
      ownerId: s.ana.id,
      sessionId: other.session.id,
    })
    expect([foreign.statusCode, errorOf(foreign).code]).toEqual([422, 'session_not_in_match'])
    const item = ActionItemSchema.parse(
      (await call('POST', url, s.anaHeaders, { title: 'Do it', ownerId: s.ana.id })).json(),
    )
    const reassigned = await call('PATCH', `/api/action-items/${item.id}`, s.anaHeaders, { ownerId: other.ben.id })
    expect([reassigned.statusCode, errorOf(reassigned).code]).toEqual([422, 'not_match_member'])
    const badDone = await call('PATCH', `/api/action-items/${item.id}`, s.anaHeaders, { isDone: 'yes' })
    expect(errorOf(badDone).details.map((d) => d.path)).toEqual(['body.isDone'])
  })

  test('outsiders, a program manager, an admin and another organization get 404 on every action item route', async () => {
    const s = await setUp()
    const item = ActionItemSchema.parse(
      (
        await call('POST', `/api/matches/${s.match.id}/action-items`, s.anaHeaders, {
          title: 'Ours',
          ownerId: s.ana.id,
        })
      ).json(),
    )
    for (const { label, headers } of await outsiders(s)) {
      const responses = await Promise.all([
        call('GET', `/api/matches/${s.match.id}/action-items`, headers),
        call('POST', `/api/matches/${s.match.id}/action-items`, headers, { title: 'Intruder', ownerId: s.ana.id }),
        call('PATCH', `/api/action-items/${item.id}`, headers, { isDone: true }),
        call('DELETE', `/api/action-items/${item.id}`, headers),
      ])
      expect(
        responses.map((r) => `${r.statusCode} ${errorOf(r).code}`),
        label,
      ).toEqual(responses.map(() => '404 not_found'))
    }
    const rows = await t.db.selectFrom('action_items').selectAll().where('match_id', '=', s.match.id).execute()
    expect(rows.map((r) => [r.title, r.done_at])).toEqual([['Ours', null]])
  })
})
