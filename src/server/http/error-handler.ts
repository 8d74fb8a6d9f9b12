import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod'
import type { ErrorCode, ErrorDetail, ErrorResponse } from '#contracts/errors.ts'
import { errorStatus } from '#contracts/errors.ts'
import { isConcurrentConflict } from '#server/db/database-errors.ts'
import { AppError } from './app-error.ts'

export function sendError(reply: FastifyReply, code: ErrorCode, message: string, details: ErrorDetail[] = []) {
  const body: ErrorResponse = { error: { code, message, details } }
  return reply.code(errorStatus[code]).type('application/json; charset=utf-8').send(body)
}

function toHttpError(error: FastifyError): { code: ErrorCode; message: string; details: ErrorDetail[] } | null {
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
  const status = error.statusCode ?? 500
  if (status === 413) return { code: 'payload_too_large', message: 'The request body is too large', details: [] }
  if (status === 429) return { code: 'rate_limited', message: error.message || 'Too many requests', details: [] }
  if (status === 404) return { code: 'route_not_found', message: error.message, details: [] }
  if (status >= 400 && status < 500) return { code: 'bad_request', message: error.message, details: [] }
  return null
}

/** One error shape for every non-2xx answer; anything unexpected is logged with the request id. */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const known = toHttpError(error)
    if (known && !isResponseSerializationError(error)) {
      if (errorStatus[known.code] >= 500) request.log.error({ err: error }, known.message)
      return sendError(reply, known.code, known.message, known.details)
    }
    request.log.error({ err: error }, 'unexpected error')
    return sendError(reply, 'internal_error', `Something went wrong on our side (request ${request.id})`)
  })
}
