import { z } from 'zod'
import { EmailSchema, PasswordSchema, PersonNameSchema } from './auth.ts'
import { textField } from './input.ts'

export const OrganizationNameSchema = textField({ min: 1, max: 200 })

/** Smallest group an aggregate may show; smaller groups are hidden. */
export const AggregateThresholdSchema = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(100, 'must be at most 100')

export const SetupStatusSchema = z.object({ isSetUp: z.boolean() })
export type SetupStatus = z.infer<typeof SetupStatusSchema>

/** First run: the organization and its first admin. Answered with a Session (see auth.ts). */
export const SetupBodySchema = z.strictObject({
  organizationName: OrganizationNameSchema,
  name: PersonNameSchema,
  email: EmailSchema,
  password: PasswordSchema,
})
export type SetupBody = z.infer<typeof SetupBodySchema>

export const OrganizationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  aggregateThreshold: z.number().int(),
})
export type Organization = z.infer<typeof OrganizationSchema>

export const UpdateOrganizationBodySchema = z
  .strictObject({
    name: OrganizationNameSchema.optional(),
    aggregateThreshold: AggregateThresholdSchema.optional(),
  })
  .refine((body) => body.name !== undefined || body.aggregateThreshold !== undefined, {
    message: 'name or aggregateThreshold is required',
  })
export type UpdateOrganizationBody = z.infer<typeof UpdateOrganizationBodySchema>
