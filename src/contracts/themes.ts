import { z } from 'zod'
import { textField } from './input.ts'

/** A theme: part of the organization's shared vision that programs serve ("Growing leaders from within"). */
export const ThemeSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  /** How many programs serve this theme (deleting the theme leaves them without one). */
  programCount: z.number().int(),
  createdAt: z.string(),
})
export type Theme = z.infer<typeof ThemeSchema>

export const ThemeListSchema = z.object({ themes: z.array(ThemeSchema) })
export type ThemeList = z.infer<typeof ThemeListSchema>

export const ThemeParamsSchema = z.object({ themeId: z.uuid() })

export const CreateThemeBodySchema = z.strictObject({
  name: textField({ min: 1, max: 120 }),
  description: textField({ max: 2000 }).default(''),
})
export type CreateThemeBody = z.input<typeof CreateThemeBodySchema>

export const UpdateThemeBodySchema = z
  .strictObject({
    name: textField({ min: 1, max: 120 }),
    description: textField({ max: 2000 }),
  })
  .partial()
  .refine((body) => body.name !== undefined || body.description !== undefined, {
    message: 'name or description is required',
  })
export type UpdateThemeBody = z.infer<typeof UpdateThemeBodySchema>

export const DeleteThemeResultSchema = z.object({
  deleted: z.literal(true),
  /** Programs that served the theme and now serve none. */
  programsDetached: z.number().int(),
})
export type DeleteThemeResult = z.infer<typeof DeleteThemeResultSchema>
