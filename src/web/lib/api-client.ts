import type { z } from 'zod'
import type { ApiRoutes } from '#contracts/api-routes.ts'
import type { ErrorDetail, ErrorResponse } from '#contracts/errors.ts'

/** A failed API call: the stable `code` from src/contracts/errors.ts, the server's message and per-field details. */
export class ApiError extends Error {
  readonly code: string
  readonly status: number
  readonly details: ErrorDetail[]

  constructor(status: number, code: string, message: string, details: ErrorDetail[] = []) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.details = details
  }

  /** The details keyed by their field path ('email', 'workingHours.start'), first message wins. */
  get fieldErrors(): Record<string, string> {
    const fields: Record<string, string> = {}
    for (const detail of this.details) {
      if (detail.path && !(detail.path in fields)) fields[detail.path] = detail.message
    }
    return fields
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code)
}

/** A message fit to show a person for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message
  if (error instanceof TypeError) return 'Tandem could not be reached. Check your connection and try again.'
  return 'Something went wrong. Please try again.'
}

// The session's CSRF token: set when the session is read (or after sign-in), sent on every write.
let csrfToken: string | null = null

export function setCsrfToken(token: string | null) {
  csrfToken = token
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
type RouteKey = keyof ApiRoutes

/** The paths the API serves for one method, written as the server registers them: '/api/people/:personId'. */
export type ApiPath<M extends Method> = RouteKey extends infer K ? (K extends `${M} ${infer P}` ? P : never) : never
type RouteOf<M extends Method, P extends ApiPath<M>> = ApiRoutes[`${M} ${P}` & RouteKey]
type Input<S> = S extends z.ZodType ? z.input<S> : S
type ParamsPart<R> = R extends { params: infer S } ? { params: Input<S> } : { params?: never }
type QueryPart<R> = R extends { query: infer S } ? { query?: Input<S> } : { query?: never }
type BodyPart<R> = R extends { body: infer S }
  ? undefined extends Input<S>
    ? { body?: Input<S> }
    : { body: Input<S> }
  : { body?: never }

/** What one route takes: its path params, query and body, typed by the route's contract schemas. */
export type ApiRequest<M extends Method, P extends ApiPath<M>> = ParamsPart<RouteOf<M, P>> &
  QueryPart<RouteOf<M, P>> &
  BodyPart<RouteOf<M, P>> & {
    signal?: AbortSignal
    /** Raw body (a CSV file) sent with its own content type instead of JSON. */
    rawBody?: { content: BodyInit; contentType: string }
  }

/** What one route answers (its contract's output type); undefined for 204 and file answers. */
export type ApiResponse<M extends Method, P extends ApiPath<M>> =
  RouteOf<M, P> extends { response: infer S extends z.ZodType } ? z.output<S> : undefined

// The options are required when the route has path params or a required body.
type Args<M extends Method, P extends ApiPath<M>> =
  Record<never, never> extends ApiRequest<M, P> ? [options?: ApiRequest<M, P>] : [options: ApiRequest<M, P>]

/** Query parameters; undefined, null and empty values are left out. */
export type Query = Record<string, unknown>

export function buildUrl(path: string, query?: Query): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    const values = Array.isArray(value) ? value : [value]
    for (const item of values) {
      if (typeof item === 'string' ? item === '' : typeof item !== 'number' && typeof item !== 'boolean') continue
      params.append(key, String(item))
    }
  }
  const search = params.toString()
  return search ? `${path}?${search}` : path
}

/** '/api/people/:personId' with { personId } -> '/api/people/3f2c...', each value URI-encoded. */
export function fillPath(path: string, params: Record<string, unknown> = {}): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name]
    if (value === undefined || value === null) throw new Error(`${path} needs the path parameter ${name}`)
    return encodeURIComponent(String(value))
  })
}

function isErrorResponse(payload: unknown): payload is ErrorResponse {
  if (typeof payload !== 'object' || payload === null || !('error' in payload)) return false
  const { error } = payload
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  )
}

async function toApiError(response: Response): Promise<ApiError> {
  let payload: unknown = null
  try {
    payload = await response.json()
  } catch {
    // not JSON: fall through to a generic error
  }
  if (isErrorResponse(payload)) {
    const { code, message, details } = payload.error
    return new ApiError(response.status, code, message, Array.isArray(details) ? details : [])
  }
  if (response.status === 429) {
    return new ApiError(429, 'rate_limited', 'Too many attempts. Wait a moment and try again.')
  }
  return new ApiError(response.status, 'internal_error', 'Something went wrong on the server. Please try again.')
}

/**
 * Calls one API route, typed end to end by src/contracts/api-routes.ts; throws ApiError on any non-2xx.
 * The answer is not parsed again here: the server validates every answer against the same contract
 * before sending it (decision 021), so the browser ships no schema code for it.
 */
export function request<M extends Method, P extends ApiPath<M>>(
  method: M,
  path: P,
  ...[options]: Args<M, P>
): Promise<ApiResponse<M, P>> {
  return send(method, path, options) as Promise<ApiResponse<M, P>>
}

interface UntypedOptions {
  params?: Record<string, unknown>
  query?: Query
  body?: unknown
  signal?: AbortSignal
  rawBody?: { content: BodyInit; contentType: string }
}

/** Typed at the call (request, api.*, apiUrl, postForFile); read here as the one shape every route shares. */
function untyped(options: object | undefined): UntypedOptions {
  return (options ?? {}) as UntypedOptions
}

async function send(method: Method, path: string, options?: object): Promise<unknown> {
  const { params, query, body: jsonBody, signal, rawBody } = untyped(options)
  const headers: Record<string, string> = { accept: 'application/json' }
  let body: BodyInit | undefined
  if (rawBody) {
    headers['content-type'] = rawBody.contentType
    body = rawBody.content
  } else if (jsonBody !== undefined) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(jsonBody)
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken

  const response = await fetch(buildUrl(fillPath(path, params), query), {
    method,
    headers,
    body,
    credentials: 'same-origin',
    signal,
  })
  if (!response.ok) throw await toApiError(response)
  if (response.status === 204) return undefined
  try {
    return await response.json()
  } catch (error) {
    console.error(`Unexpected response from ${method} ${path}`, error)
    throw new ApiError(response.status, 'bad_response', 'Tandem answered in an unexpected way. Please reload the page.')
  }
}

export const api = {
  request,
  get: <P extends ApiPath<'GET'>>(path: P, ...[options]: Args<'GET', P>) =>
    send('GET', path, options) as Promise<ApiResponse<'GET', P>>,
  post: <P extends ApiPath<'POST'>>(path: P, ...[options]: Args<'POST', P>) =>
    send('POST', path, options) as Promise<ApiResponse<'POST', P>>,
  patch: <P extends ApiPath<'PATCH'>>(path: P, ...[options]: Args<'PATCH', P>) =>
    send('PATCH', path, options) as Promise<ApiResponse<'PATCH', P>>,
  put: <P extends ApiPath<'PUT'>>(path: P, ...[options]: Args<'PUT', P>) =>
    send('PUT', path, options) as Promise<ApiResponse<'PUT', P>>,
  delete: <P extends ApiPath<'DELETE'>>(path: P, ...[options]: Args<'DELETE', P>) =>
    send('DELETE', path, options) as Promise<ApiResponse<'DELETE', P>>,
}

/** The address of a GET route (a CSV or calendar file for a link's href), typed like a request. */
export function apiUrl<P extends ApiPath<'GET'>>(path: P, ...[options]: Args<'GET', P>): string {
  const { params, query } = untyped(options)
  return buildUrl(fillPath(path, params), query)
}

/** A file the API produced on a write (a data export): its bytes and the name the server gave it. */
export interface DownloadedFile {
  blob: Blob
  filename: string
}

/** POSTs (with the CSRF token) to a route that answers a file; throws ApiError on any non-2xx. */
export async function postForFile<P extends ApiPath<'POST'>>(
  path: P,
  fallbackName: string,
  ...[options]: Args<'POST', P>
): Promise<DownloadedFile> {
  const { params } = untyped(options)
  const headers: Record<string, string> = {}
  if (csrfToken) headers['x-csrf-token'] = csrfToken
  const response = await fetch(fillPath(path, params), { method: 'POST', headers, credentials: 'same-origin' })
  if (!response.ok) throw await toApiError(response)
  const disposition = response.headers.get('content-disposition') ?? ''
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName
  return { blob: await response.blob(), filename }
}

/** Hands a downloaded file to the browser as a download. */
export function saveFile(file: DownloadedFile) {
  const url = URL.createObjectURL(file.blob)
  const link = document.createElement('a')
  link.href = url
  link.download = file.filename
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
