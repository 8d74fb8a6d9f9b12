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
