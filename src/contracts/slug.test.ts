import { describe, expect, test } from 'vitest'
import { SlugSchema, slugify } from './slug.ts'

describe('slugify', () => {
  test('folds accents and joins words with single hyphens', () => {
    expect(slugify('Société Générale')).toBe('societe-generale')
    expect(slugify('  Feedback in a hurry!  ')).toBe('feedback-in-a-hurry')
  })

  test('a cut never leaves a trailing hyphen, and the result is a valid slug', () => {
    const slug = slugify('Public speaking and storytelling', 16)
    expect(slug).toBe('public-speaking')
    expect(SlugSchema.safeParse(slug).success).toBe(true)
  })

  test('a name without letters or digits gives an empty slug', () => {
    expect(slugify('!!! ---')).toBe('')
  })
})
