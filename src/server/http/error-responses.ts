import { type ErrorCode, ErrorResponseSchema, type errorStatus } from '#contracts/errors.ts'

/** An HTTP status some error code in the error table answers with. */
export type ErrorStatus = (typeof errorStatus)[ErrorCode]

type ErrorResponses<S extends ErrorStatus> = { [K in S]: typeof ErrorResponseSchema }

/** The documented error answers of a route that takes no session: 400 (bad input), plus those named. */
export function publicErrorResponses<const S extends ErrorStatus>(...statuses: S[]): ErrorResponses<400 | S> {
  const responses: Partial<Record<ErrorStatus, typeof ErrorResponseSchema>> = { 400: ErrorResponseSchema }
  for (const status of statuses) responses[status] = ErrorResponseSchema
  return responses as ErrorResponses<400 | S>
}

/**
 * The documented error answers of a signed-in route: 400 (bad input), 401 (no session) and 403 (a role
 * or CSRF check), which every such route can give, plus those named: `errorResponses(404, 409)`.
 */
export function errorResponses<const S extends ErrorStatus>(...statuses: S[]): ErrorResponses<400 | 401 | 403 | S> {
  return publicErrorResponses<401 | 403 | S>(401, 403, ...statuses)
}
