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

/**
 * The check of a body whose slug may be left out and made from another field (a skill's name, an
 * exercise's title): refused on `slug` when that field has no letters or digits to make one from.
 */
export function slugDerivableFrom<K extends string>(field: K) {
  return z.refine<{ slug?: string | undefined } & Record<K, string>>(
    (body) => body.slug !== undefined || slugify(body[field]).length >= 2,
    { path: ['slug'], message: `must have letters or digits in the ${field} (or give a slug)` },
  )
}
