import type { FastifyReply } from 'fastify'
import type { Config } from '#server/config.ts'
import { SESSION_COOKIE } from '#server/http/viewer.ts'

function cookieOptions(config: Config) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: config.cookieSecure, path: '/' }
}

/** Hands the browser its session token; the server keeps only the token's sha-256. */
export function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions(config), maxAge: config.sessionTtlHours * 3600 })
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(config))
}
