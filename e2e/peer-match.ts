import { type APIRequestContext, type Browser, request } from '@playwright/test'
import { e2eNow } from './clock.ts'
import { DEMO_PASSWORD, type DemoPerson } from './demo-organization.ts'
import { signIn } from './fixtures.ts'

/** A calendar day `days` from today, as a date input takes it (YYYY-MM-DD). */
export function dayFromToday(days: number): string {
  return new Date(e2eNow() + days * 86_400_000).toISOString().slice(0, 10)
}

type Answer = Awaited<ReturnType<APIRequestContext['get']>>

/** The answer's JSON, after checking its status (the message says which call failed, and why). */
export async function expectStatus<T = { id: string }>(response: Answer, status: number, what: string): Promise<T> {
  if (response.status() !== status) {
    throw new Error(`${what} answered ${response.status()} (expected ${status}): ${await response.text()}`)
  }
  return (await response.json()) as T
}

/** An API client signed in as the person (its own cookies), with the CSRF header writes need; dispose `api` after. */
export async function signedInApi(baseURL: string, person: DemoPerson) {
  const api = await request.newContext({ baseURL })
  const session = await expectStatus<{ csrfToken: string }>(
    await api.post('/api/auth/sign-in', { data: { email: person.email, password: DEMO_PASSWORD } }),
    200,
    'POST /api/auth/sign-in',
  )
  return { api, headers: { 'x-csrf-token': session.csrfToken } }
}

/**
 * A running peer coaching program with one published match between two peers, set up through the
 * API as its program manager would (issue #4's journey does the same through the pages).
 */
export async function publishPeerMatch(
  baseURL: string,
  manager: DemoPerson,
  peers: [DemoPerson, DemoPerson],
  programName: string,
) {
  const { api, headers } = await signedInApi(baseURL, manager)
  try {
    const program = await expectStatus(
      await api.post('/api/programs', {
        headers,
        data: { type: 'peer_coaching', name: programName, startsOn: dayFromToday(-14), endsOn: dayFromToday(120) },
      }),
      201,
      'POST /api/programs',
    )
    const personIds: string[] = []
    for (const peer of peers) {
      const found = await expectStatus<{ people: { id: string; email: string }[] }>(
        await api.get('/api/people', { params: { q: peer.email } }),
        200,
        'GET /api/people',
      )
      const person = found.people.find((item) => item.email === peer.email)
      if (!person) throw new Error(`${peer.email} is not in the directory`)
      personIds.push(person.id)
    }
    const transition = (to: string) => api.post(`/api/programs/${program.id}/transitions`, { headers, data: { to } })
    await expectStatus(await transition('enrolling'), 200, 'transition to enrolling')
    await expectStatus(
      await api.post(`/api/programs/${program.id}/enrollments`, { headers, data: { personIds } }),
      200,
      'POST /api/programs/:programId/enrollments',
    )
    await expectStatus(await transition('matching'), 200, 'transition to matching')
    const match = await expectStatus(
      await api.post(`/api/programs/${program.id}/matches`, { headers, data: { personIds, isLocked: true } }),
      201,
      'POST /api/programs/:programId/matches',
    )
    await expectStatus(
      await api.post(`/api/programs/${program.id}/matches/publish`, { headers }),
      200,
      'POST /api/programs/:programId/matches/publish',
    )
    // Enrolled by the program manager, each peer accepts the program's terms before entering the match.
    for (const peer of peers) {
      const own = await signedInApi(baseURL, peer)
      try {
        await expectStatus(
          await own.api.post(`/api/programs/${program.id}/enrollment/accept-terms`, { headers: own.headers }),
          200,
          'POST /api/programs/:programId/enrollment/accept-terms',
        )
      } finally {
        await own.api.dispose()
      }
    }
    return { programId: program.id, matchId: match.id }
  } finally {
    await api.dispose()
  }
}

/** A person's own browser (their cookies, their session), signed in. */
export async function signInAs(browser: Browser, baseURL: string, person: DemoPerson) {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 }, acceptDownloads: true })
  const page = await context.newPage()
  await signIn(page, person.email, DEMO_PASSWORD)
  return { context, page }
}

/** Writes through the API as the person signed in on `page` (their cookie, their CSRF token). */
export async function writeAs(page: import('@playwright/test').Page) {
  const session = await expectStatus<{ csrfToken: string }>(
    await page.request.get('/api/auth/session'),
    200,
    'GET /api/auth/session',
  )
  const headers = { 'x-csrf-token': session.csrfToken }
  return {
    post: <T = { id: string }>(path: string, data: unknown, status = 201) =>
      page.request.post(path, { headers, data }).then((response) => expectStatus<T>(response, status, `POST ${path}`)),
    patch: <T = { id: string }>(path: string, data: unknown, status = 200) =>
      page.request
        .patch(path, { headers, data })
        .then((response) => expectStatus<T>(response, status, `PATCH ${path}`)),
  }
}

/** 'YYYY-MM-DDTHH:mm' in UTC, `minutes` from now, rounded down to the quarter hour. */
export function utcLocalFromNow(minutes: number): string {
  const at = new Date(e2eNow() + minutes * 60_000)
  at.setUTCMinutes(Math.floor(at.getUTCMinutes() / 15) * 15, 0, 0)
  return at.toISOString().slice(0, 16)
}
