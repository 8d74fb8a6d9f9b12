import { z } from 'zod'

/** Where an identity provider reaches Tandem's SCIM 2.0 service, under PUBLIC_URL. */
export const SCIM_BASE_PATH = '/scim/v2'

/** The organization's SCIM token as an admin sees it: never the token itself, which is shown once. */
export const ScimTokenInfoSchema = z.object({
  createdAt: z.string(),
  /** The admin who created it; null once that person is gone. */
  createdByName: z.string().nullable(),
  /** The last request the identity provider made with it (kept to the minute); null if never used. */
  lastUsedAt: z.string().nullable(),
})
export type ScimTokenInfo = z.infer<typeof ScimTokenInfoSchema>

/** SCIM provisioning settings: the base URL to give the identity provider, and the live token, if any. */
export const ScimSettingsSchema = z.object({
  baseUrl: z.string(),
  token: ScimTokenInfoSchema.nullable(),
})
export type ScimSettings = z.infer<typeof ScimSettingsSchema>

/** A new token: the secret is in this answer only (stored hashed); an earlier token stops working. */
export const CreatedScimTokenSchema = ScimSettingsSchema.extend({
  secret: z.string(),
  /** True when a live token was replaced (rotation). */
  isRotation: z.boolean(),
})
export type CreatedScimToken = z.infer<typeof CreatedScimTokenSchema>
