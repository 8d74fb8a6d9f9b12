import { z } from 'zod'

/** kebab-case: lowercase letters and digits separated by single hyphens. */
export const SlugSchema = z
  .string()
  .trim()
  .min(2)
  .max(60)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case: lowercase letters, digits and single hyphens')

/**
 * A kebab-case slug from a name, accents folded and anything else dropped: 'Société Générale' ->
 * 'societe-generale'. Empty when the name has no letters or digits; the caller decides what then.
 */
export function slugify(name: string, maxLength = 60): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '')
}
