import { z } from 'zod'
import { textField } from './input.ts'

/**
 * What an organization API token may do (decision 043). Each scope opens a fixed list of routes
 * (their `apiTokenScope` marker); nothing else, and never a private-content route.
 */
export const API_TOKEN_SCOPES = ['people:read', 'people:write', 'programs:read', 'insights:read'] as const
export const ApiTokenScopeSchema = z.enum(API_TOKEN_SCOPES)
export type ApiTokenScope = z.infer<typeof ApiTokenScopeSchema>

/** Every secret starts so, for secret scanners (and people) to recognise one. */
export const API_TOKEN_PREFIX = 'tdm_'

export const ApiTokenStatusSchema = z.enum(['active', 'expired', 'revoked'])
export type ApiTokenStatus = z.infer<typeof ApiTokenStatusSchema>

export const ApiTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  scopes: z.array(ApiTokenScopeSchema),
  /** The secret's first characters, to tell tokens apart; never the secret. */
  prefix: z.string(),
  status: ApiTokenStatusSchema,
  createdAt: z.string(),
  createdBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  expiresAt: z.string().nullable(),
  /** Updated at most once a minute. */
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
})
export type ApiToken = z.infer<typeof ApiTokenSchema>

export const ApiTokenListSchema = z.object({ tokens: z.array(ApiTokenSchema) })
export type ApiTokenList = z.infer<typeof ApiTokenListSchema>

export const ApiTokenParamsSchema = z.object({ tokenId: z.uuid() })

export const API_TOKEN_MAX_DAYS = 730

export const CreateApiTokenBodySchema = z.strictObject({
  name: textField({ min: 1, max: 100 }),
  scopes: z
    .array(ApiTokenScopeSchema)
    .min(1, 'choose at least one scope')
    .max(API_TOKEN_SCOPES.length)
    .refine((scopes) => new Set(scopes).size === scopes.length, 'must not repeat a scope'),
  /** Days until the token stops working; null: it never expires (until revoked). */
  expiresInDays: z.number().int().min(1).max(API_TOKEN_MAX_DAYS).nullable(),
})
export type CreateApiTokenBody = z.infer<typeof CreateApiTokenBodySchema>

/** The answer to a creation: the only time the secret is ever shown. */
export const CreatedApiTokenSchema = z.object({ token: ApiTokenSchema, secret: z.string() })
export type CreatedApiToken = z.infer<typeof CreatedApiTokenSchema>
