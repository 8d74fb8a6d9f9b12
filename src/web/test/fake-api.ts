import { vi } from 'vitest'
import { apiAnswerSchemas } from '#contracts/api-routes.ts'

/** One request the component sent, as the server would see it. */
export interface ApiCall {
  method: string
  path: string
  query: URLSearchParams
  body: unknown
  headers: Headers
}

/** What a route answers: a JSON body (status 200), a function of the call, or an explicit reply. */
export type Answer = unknown | ((call: ApiCall) => unknown)

const reply = Symbol('reply')
interface Reply {
  [reply]: true
  status: number
  body: unknown
}

/** An explicit status and body, e.g. `status(201, created)` or `status(204)`. */
export function status(code: number, body?: unknown): Reply {
  return { [reply]: true, status: code, body }
}

/** The server's error shape (src/contracts/errors.ts), e.g. `apiError(422, 'validation_failed', '...', [{ path, message }])`. */
export function apiError(
  code: number,
  errorCode: string,
  message: string,
  details: { path: string; message: string }[] = [],
): Reply {
  return status(code, { error: { code: errorCode, message, details } })
}

let lastUnhandled: string[] = []
let lastInvalid: string[] = []

/** The requests of the current test that no route answered (checked after each test by setup.ts). */
export function takeUnhandledRequests(): string[] {
  const taken = lastUnhandled
  lastUnhandled = []
  return taken
}

/** The 2xx answers of the current test that the real server could not give (checked after each test by setup.ts). */
export function takeInvalidAnswers(): string[] {
  const taken = lastInvalid
  lastInvalid = []
  return taken
}

/** Each route of the API as a pattern on concrete paths ('GET /api/people/:personId' matches 'GET /api/people/p1'). */
const answerRoutes = Object.entries(apiAnswerSchemas).map(([route, schema]) => {
  const [method, template] = route.split(' ')
  const pattern = new RegExp(`^${template.replace(/:[^/]+/g, '[^/]+').replace(/\./g, '\\.')}$`)
  return { method, pattern, schema }
})

/**
 * Why a fake 2xx answer is not one the server could give: the route's answer schema refuses it (the
 * server validates every answer against the same schema before sending it). Undefined when it fits.
 */
function answerProblem(method: string, path: string, payload: unknown): string | undefined {
  const route = answerRoutes.find((candidate) => candidate.method === method && candidate.pattern.test(path))
  if (!route) return undefined
  const checked = route.schema.safeParse(payload)
  if (checked.success) return undefined
  const issues = checked.error.issues.map((issue) => `${issue.path.join('.') || '(answer)'}: ${issue.message}`)
  return `${method} ${path}: ${issues.slice(0, 3).join('; ')}`
}

function isReply(value: unknown): value is Reply {
  return typeof value === 'object' && value !== null && reply in value
}

/**
 * Replaces `fetch` with one that answers like Tandem's API from `routes` ("POST /api/goals/g1/milestones"),
 * and records every call, so a test can assert what a person's action sent. A route may be answered again
 * later (`api.on(...)`) to model the server's state after a write. An unknown route answers 404 and is
 * kept in `unhandled`, so a test fails on a request the component was not expected to make.
 */
export function fakeApi(routes: Record<string, Answer> = {}) {
  const table = new Map(Object.entries(routes))
  const calls: ApiCall[] = []
  const unhandled: string[] = []
  const invalid: string[] = []
  lastUnhandled = unhandled
  lastInvalid = invalid

  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      location.href,
    )
    const method = (init.method ?? 'GET').toUpperCase()
    const raw = init.body
    let body: unknown = raw
    if (typeof raw === 'string') {
      try {
        body = JSON.parse(raw)
      } catch {
        body = raw
      }
    }
    const call: ApiCall = {
      method,
      path: url.pathname,
      query: url.searchParams,
      body,
      headers: new Headers(init.headers),
    }
    calls.push(call)
    const key = `${method} ${url.pathname}`
    if (!table.has(key)) {
      unhandled.push(key)
      return Response.json(
        { error: { code: 'not_found', message: `No fake for ${key}`, details: [] } },
        { status: 404 },
      )
    }
    const answer = table.get(key)
    const value = typeof answer === 'function' ? (answer as (call: ApiCall) => unknown)(call) : answer
    const { status: code, body: payload } = isReply(value) ? value : { status: 200, body: value }
    if (code === 204 || payload === undefined) return new Response(null, { status: code === 200 ? 204 : code })
    const problem = code >= 200 && code < 300 ? answerProblem(method, url.pathname, payload) : undefined
    if (problem) invalid.push(problem)
    return Response.json(payload, { status: code })
  })
  vi.stubGlobal('fetch', fetch)

  return {
    calls,
    unhandled,
    /** Sets or replaces what a route answers. */
    on(route: string, answer: Answer) {
      table.set(route, answer)
    },
    /** The calls to one route, oldest first. */
    callsTo(route: string): ApiCall[] {
      const [method, path] = route.split(' ')
      return calls.filter((call) => call.method === method && call.path === path)
    },
    /** The writes (anything but GET), as "METHOD /path". */
    get writes(): string[] {
      return calls.filter((call) => call.method !== 'GET').map((call) => `${call.method} ${call.path}`)
    },
  }
}
