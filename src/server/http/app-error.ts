import { type ErrorCode, type ErrorDetail, errorStatus } from '#contracts/errors.ts'

/** An expected failure: answered with its code's status and the error shape, never logged as a fault. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly status: number
  readonly details: ErrorDetail[]

  constructor(code: ErrorCode, message: string, details: ErrorDetail[] = []) {
    super(message)
    this.code = code
    this.status = errorStatus[code]
    this.details = details
  }
}

export const notFound = (what = 'Resource') => new AppError('not_found', `${what} not found`)
export const forbidden = (message = 'You do not have permission to do this') => new AppError('forbidden', message)
