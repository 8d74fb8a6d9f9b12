import { strFromU8, unzipSync } from 'fflate'
import { expect } from 'vitest'
import { ErrorResponseSchema } from '#contracts/errors.ts'

interface InjectedResponse {
  statusCode: number
  body: string
  json(): unknown
}

/** The error of an answer, checked against the API's one error shape. */
export function errorOf(response: { json(): unknown }) {
  return ErrorResponseSchema.parse(response.json()).error
}

/** The body of an answer that has the status expected (else the failure shows the body), parsed by its contract. */
export function bodyOf<T>(response: InjectedResponse, status: number, schema: { parse(value: unknown): T }): T {
  expect(response.statusCode, response.body).toBe(status)
  return schema.parse(response.json())
}

const TYPES_BY_EXTENSION: Record<string, string> = { json: 'application/json', html: 'text/html', csv: 'text/csv' }

/**
 * What a person reads in an answer, as texts with their media type: the body, or for a zip archive
 * (the data export) each file inside it, so a sweep looking for words or figures finds them in
 * downloads too.
 */
export function readableParts(response: {
  body: string
  rawPayload: Buffer
  headers: Record<string, unknown>
}): { text: string; contentType: string }[] {
  const contentType = String(response.headers['content-type'] ?? '')
  if (!contentType.includes('application/zip')) return [{ text: response.body, contentType }]
  return Object.entries(unzipSync(new Uint8Array(response.rawPayload))).map(([name, bytes]) => ({
    text: strFromU8(bytes),
    contentType: TYPES_BY_EXTENSION[name.split('.').pop() ?? ''] ?? 'text/plain',
  }))
}
