import { afterAll, beforeAll, expect, test } from 'vitest'
import { listRegisteredRoutes } from '#server/app.ts'
import { buildMatch, buildOrganization, buildPerson, buildProgram, buildSession } from '#server/test/factories.ts'
import { readableParts } from '#server/test/responses.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'

// A private reflection is read by its author alone. This sweeps every GET route of the whole API
// (as route-guards.test.ts does), and every download whatever its method (the data export is a POST),
// with every id the reflection is reachable through, as the partner, a program manager, an admin and
// another organization's admin, and looks for the reflection's words, inside archives too.

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const MARKER = 'zq-private-reflection-7f3a'

test('no GET route of the API shows a reflection to anyone but its author', async () => {
  const organization = await buildOrganization(t.db)
  const program = await buildProgram(t.db, { organizationId: organization.id, status: 'active' })
  const ana = await buildPerson(t.db, { organizationId: organization.id })
  const ben = await buildPerson(t.db, { organizationId: organization.id })
  const match = await buildMatch(t.db, {
    organizationId: organization.id,
    programId: program.id,
    memberIds: [ana.id, ben.id],
    status: 'active',
  })
  const session = await buildSession(t.db, { match, status: 'held' })
  const anaHeaders = await sessionHeadersFor(t.db, ana)
  const created = await t.app.inject({
    method: 'POST',
    url: `/api/matches/${match.id}/reflections`,
    headers: anaHeaders,
    payload: { body: `I felt judged, ${MARKER}`, sessionId: session.id },
  })
  expect(created.statusCode, created.body).toBe(201)
  const reflectionId: string = created.json().id
  // Shared content of the same match, so the sweep reaches pages that do show match content.
  await t.app.inject({
    method: 'POST',
    url: `/api/matches/${match.id}/notes`,
    headers: anaHeaders,
    payload: { body: 'A shared note', sessionId: session.id },
  })

  const manager = await buildPerson(t.db, { organizationId: organization.id, role: 'program_manager' })
  const admin = await buildPerson(t.db, { organizationId: organization.id, role: 'admin' })
  const foreignAdmin = await buildPerson(t.db, {
    organizationId: (await buildOrganization(t.db)).id,
    role: 'admin',
  })

  const known: Record<string, string[]> = {
    matchId: [match.id],
    reflectionId: [reflectionId],
    sessionId: [session.id],
    programId: [program.id],
    personId: [ana.id, ben.id],
    organizationId: [organization.id],
  }
  const anyId = [reflectionId, match.id, session.id, program.id, ana.id, organization.id]
  const routes = listRegisteredRoutes(t.app).filter(
    (route) =>
      (route.method === 'GET' || (route.produces.length > 0 && route.method !== 'HEAD')) &&
      route.url.startsWith('/api/') &&
      !route.url.startsWith('/api/docs'),
  )
  expect(routes.length).toBeGreaterThan(20)
  expect(routes.map((route) => `${route.method} ${route.url}`)).toContain('POST /api/people/:personId/data-export')

  const urls: { method: 'GET' | 'POST'; url: string }[] = []
  for (const route of routes) {
    let variants = [route.url]
    for (const [, name] of route.url.matchAll(/:(\w+)/g)) {
      const ids = known[name] ?? anyId
      variants = variants.flatMap((url) => ids.map((id) => url.replace(`:${name}`, id)))
    }
    const method = route.method as 'GET' | 'POST'
    for (const url of variants) {
      const queries = method === 'GET' ? ['', '?format=json', `?matchId=${match.id}`] : ['']
      for (const query of queries) urls.push({ method, url: `${url}${query}` })
    }
  }

  const viewers = [
    ['partner', ben],
    ['program manager', manager],
    ['admin', admin],
    ['admin of another organization', foreignAdmin],
  ] as const
  const leaks: string[] = []
  let answered = 0
  for (const [label, person] of viewers) {
    const headers = await sessionHeadersFor(t.db, person)
    for (const { method, url } of urls) {
      const response = await t.app.inject({ method, url, headers })
      if (response.statusCode === 200) answered++
      if (readableParts(response).some((part) => part.text.includes(MARKER))) {
        leaks.push(`${label}: ${method} ${url} -> ${response.statusCode}`)
      }
    }
  }
  expect(leaks).toEqual([])
  // The sweep reached real pages, not only 404s.
  expect(answered).toBeGreaterThan(routes.length)

  // The author does see it, where it belongs: so the marker would have been found had it leaked,
  // in a page and inside the data export's archive alike.
  const own = await t.app.inject({ method: 'GET', url: '/api/me/reflections/export', headers: anaHeaders })
  expect(own.body).toContain(MARKER)
  const ownArchive = await t.app.inject({ method: 'POST', url: '/api/me/data-export', headers: anaHeaders })
  expect(readableParts(ownArchive).filter((part) => part.text.includes(MARKER))).toHaveLength(2)
}, 180_000) // every GET route three ways, as four people: 42 s on two busy cores, over the default 30 s
