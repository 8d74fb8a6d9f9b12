import type { z } from 'zod'
import { type ErrorDetail, ErrorResponseSchema } from '#contracts/errors.ts'

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
/** Query parameters; undefined, null and empty values are left out. */
export type Query = Record<string, unknown>

export interface RequestOptions {
  body?: unknown
  query?: Query
  signal?: AbortSignal
  /** Raw body (a CSV file) sent with its own content type instead of JSON. */
  rawBody?: { content: BodyInit; contentType: string }
}

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

async function toApiError(response: Response): Promise<ApiError> {
  let payload: unknown = null
  try {
    payload = await response.json()
  } catch {
    // not JSON: fall through to a generic error
  }
  const parsed = ErrorResponseSchema.safeParse(payload)
  if (parsed.success) {
    const { code, message, details } = parsed.data.error
    return new ApiError(response.status, code, message, details)
  }
  if (response.status === 429) {
    return new ApiError(429, 'rate_limited', 'Too many attempts. Wait a moment and try again.')
  }
  return new ApiError(response.status, 'internal_error', 'Something went wrong on the server. Please try again.')
}

/** Calls the JSON API and parses the answer with the contract's schema; throws ApiError on any non-2xx. */
export async function request<S extends z.ZodType>(
  method: Method,
  path: string,
  schema: S,
  options?: RequestOptions,
): Promise<z.output<S>>
export async function request(method: Method, path: string, schema?: undefined, options?: RequestOptions): Promise<void>
export async function request(
  method: Method,
  path: string,
  schema?: z.ZodType,
  options: RequestOptions = {},
): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json' }
  let body: BodyInit | undefined
  if (options.rawBody) {
    headers['content-type'] = options.rawBody.contentType
    body = options.rawBody.content
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(options.body)
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken

  const response = await fetch(buildUrl(path, options.query), {
    method,
    headers,
    body,
    credentials: 'same-origin',
    signal: options.signal,
  })
  if (!response.ok) throw await toApiError(response)
  if (!schema || response.status === 204) return undefined
  const json: unknown = await response.json()
  const parsed = schema.safeParse(json)
  if (!parsed.success) {
    console.error(`Unexpected response from ${method} ${path}`, parsed.error)
    throw new ApiError(response.status, 'bad_response', 'Tandem answered in an unexpected way. Please reload the page.')
  }
  return parsed.data
}

export const api = {
  request,
  get: <S extends z.ZodType>(path: string, schema: S, options?: RequestOptions) =>
    request('GET', path, schema, options),
  post: <S extends z.ZodType>(path: string, schema: S, options?: RequestOptions) =>
    request('POST', path, schema, options),
  patch: <S extends z.ZodType>(path: string, schema: S, options?: RequestOptions) =>
    request('PATCH', path, schema, options),
  put: <S extends z.ZodType>(path: string, schema: S, options?: RequestOptions) =>
    request('PUT', path, schema, options),
  delete: (path: string, options?: RequestOptions) => request('DELETE', path, undefined, options),
  /** A write whose answer carries nothing the page needs (204 or ignored body). */
  send: (method: Method, path: string, options?: RequestOptions) => request(method, path, undefined, options),
}

/** A file the API produced on a write (a data export): its bytes and the name the server gave it. */
export interface DownloadedFile {
  blob: Blob
  filename: string
}

/** POSTs (with the CSRF token) to a route that answers a file; throws ApiError on any non-2xx. */
export async function postForFile(path: string, fallbackName: string): Promise<DownloadedFile> {
  const headers: Record<string, string> = {}
  if (csrfToken) headers['x-csrf-token'] = csrfToken
  const response = await fetch(path, { method: 'POST', headers, credentials: 'same-origin' })
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
