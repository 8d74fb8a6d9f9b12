import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod'
import type { ErrorCode, ErrorDetail, ErrorResponse } from '#contracts/errors.ts'
import { errorStatus } from '#contracts/errors.ts'
import type { DatabaseAvailability } from '#server/db/availability.ts'
import {
  isConcurrentConflict,
  isDatabaseUnavailable,
  isDataError,
  isStatementTimeout,
} from '#server/db/database-errors.ts'
import { AppError } from './app-error.ts'

/** Seconds a client is asked to wait before sending a request again while the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5

export function sendError(reply: FastifyReply, code: ErrorCode, message: string, details: ErrorDetail[] = []) {
  const body: ErrorResponse = { error: { code, message, details } }
  if (code === 'database_unavailable') reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS))
  return reply.code(errorStatus[code]).type('application/json; charset=utf-8').send(body)
}

function toHttpError(error: FastifyError, method: string): HttpError | null {
  if (error instanceof AppError) return { code: error.code, message: error.message, details: error.details }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((issue) => {
      const where = (issue.instancePath ?? '').split('/').filter(Boolean).join('.')
      const context = error.validationContext ?? 'body'
      return { path: where ? `${context}.${where}` : context, message: issue.message ?? 'is invalid' }
    })
    const first = details[0]
    return {
      code: 'validation_failed',
      message: first ? `${first.path}: ${first.message}` : 'The request is invalid',
      details,
    }
  }
  if (isConcurrentConflict(error)) {
    return {
      code: 'concurrent_change',
      message: 'Someone else changed the same thing at the same moment; nothing was saved. Please try again.',
      details: [],
    }
  }
  // A connection lost or a statement cut off mid-request: a change may have been stored before the
  // failure (or committed with its answer lost), so a write is told to check, not that nothing was saved.
  const afterwards = ['GET', 'HEAD', 'OPTIONS'].includes(method)
    ? 'Please try again in a few seconds.'
    : 'Your change may or may not have been saved: check in a few seconds before trying again.'
  if (isDatabaseUnavailable(error)) {
    return {
      code: 'database_unavailable',
      message: `The database cannot be reached right now. ${afterwards}`,
      details: [],
    }
  }
  if (isStatementTimeout(error)) {
    return {
      code: 'database_unavailable',
      message: `The database took too long to answer. ${afterwards}`,
      details: [],
    }
  }
  if (isDataError(error)) {
    return {
      code: 'invalid_data',
      message: 'A value in the request cannot be stored (out of range or not valid text); nothing was saved',
      details: [],
    }
  }
  const framework = frameworkError(error)
  if (framework) return framework
  const status = error.statusCode ?? 500
  if (status === 413) return { code: 'payload_too_large', message: 'The request body is too large', details: [] }
  if (status === 429) return { code: 'rate_limited', message: error.message || 'Too many requests', details: [] }
  if (status === 404) return { code: 'route_not_found', message: error.message, details: [] }
  if (status >= 400 && status < 500) return { code: 'bad_request', message: error.message, details: [] }
  return null
}

type HttpError = { code: ErrorCode; message: string; details: ErrorDetail[] }

/** Fastify's own refusals (content-type parser, body reader, router), by their stable `FST_ERR_*` codes. */
function frameworkError(error: FastifyError): HttpError | null {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { code: 'unsupported_media_type', message: 'Send the body as application/json', details: [] }
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'payload_too_large', message: 'The request body is too large', details: [] }
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: 'malformed_body', message: 'The body is empty but says it is JSON', details: [] }
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { code: 'malformed_body', message: 'The body does not match its Content-Length', details: [] }
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { code: 'malformed_body', message: 'The body is not valid JSON', details: [] }
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { code: 'uri_too_long', message: 'A part of the address is longer than any Tandem id', details: [] }
    case 'FST_ERR_BAD_URL':
      return { code: 'bad_request', message: 'The address is not valid', details: [] }
  }
  // secure-json-parse: a JSON syntax error, or a body with __proto__/constructor keys.
  if (error.statusCode === 400 && (error instanceof SyntaxError || /prototype/i.test(error.message))) {
    return { code: 'malformed_body', message: 'The body is not valid JSON', details: [] }
  }
  return null
}

/** Fastify's `frameworkErrors` option: router errors (overlong or undecodable path parameters) in the error shape. */
export function sendFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const known = frameworkError(error) ?? {
    code: 'bad_request' as const,
    message: 'The address is not valid',
    details: [],
  }
  return sendError(reply, known.code, known.message, known.details)
}

/**
 * One error shape for every non-2xx answer; anything unexpected is logged with the request id. An
 * unreachable database is logged once per outage by `availability`, not once per request.
 */
export function registerErrorHandler(app: FastifyInstance, availability?: DatabaseAvailability) {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const known = toHttpError(error, request.method)
    if (known && !isResponseSerializationError(error)) {
      if (isDatabaseUnavailable(error)) availability?.recordFailure(error)
      else if (isStatementTimeout(error)) request.log.warn(known.message)
      else if (errorStatus[known.code] >= 500 && known.code !== 'database_unavailable') {
        request.log.error({ err: error }, known.message)
      }
      return sendError(reply, known.code, known.message, known.details)
    }
    request.log.error({ err: error }, 'unexpected error')
    return sendError(reply, 'internal_error', `Something went wrong on our side (request ${request.id})`)
  })
}
