// A type test: `npm run typecheck` (tsc) checks this file and nothing runs it. Each expect-error
// directive below must meet an error, so if the client's typing regresses (a wrong path, body, param
// or query passes) the type check fails with "Unused '@ts-expect-error' directive".
import type { Person } from '#contracts/people.ts'
import { api, apiUrl, postForFile } from './api-client.ts'

export async function typedClientChecks(personId: string) {
  // @ts-expect-error: no route has this path
  await api.get('/api/peeple')
  // @ts-expect-error: the path exists, but not for this method
  await api.post('/api/people/facets')
  // @ts-expect-error: a path written by hand instead of the route's pattern
  await api.get(`/api/people/${personId}`)

  // @ts-expect-error: the route has a :personId param, and it is missing
  await api.get('/api/people/:personId')
  // @ts-expect-error: a param the route does not have
  await api.get('/api/people/:personId', { params: { id: personId } })

  // @ts-expect-error: a body field the contract does not have
  await api.patch('/api/people/:personId', { params: { personId }, body: { nmae: 'Ann' } })
  // @ts-expect-error: a body field of the wrong type
  await api.post('/api/auth/sign-in', { body: { email: 'ann@example.com', password: 42 } })
  // @ts-expect-error: the body is required
  await api.post('/api/auth/sign-in')
  // @ts-expect-error: a route that takes no body
  await api.post('/api/people/:personId/reactivate', { params: { personId }, body: { reason: 'x' } })

  // @ts-expect-error: a query value outside the contract's enum
  await api.get('/api/people', { query: { role: 'owner' } })
  // @ts-expect-error: a route that takes no query
  await api.get('/api/people/facets', { query: { q: 'ann' } })

  // The answer is the contract's output type.
  const person: Person = await api.get('/api/people/:personId', { params: { personId } })
  // @ts-expect-error: the answer has no such field
  person.nickname
  // A 204 answer is undefined.
  const signedOut: undefined = await api.post('/api/auth/sign-out')

  // Links to files and downloads are typed the same way.
  // @ts-expect-error: a file route that does not exist
  apiUrl('/api/people/export.xlsx')
  // @ts-expect-error: the data export route takes :personId
  await postForFile('/api/people/:personId/data-export', 'data.zip')
  return { person, signedOut }
}
