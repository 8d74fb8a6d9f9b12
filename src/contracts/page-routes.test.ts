import { describe, expect, test } from 'vitest'
import { isPageRoute } from './page-routes.ts'

describe('isPageRoute', () => {
  test('a page with its parameters filled in is a page, with or without a trailing slash', () => {
    for (const path of ['/', '/programs', '/programs/', '/programs/p-1/matches/m-2', '/unsubscribe/a_B-1']) {
      expect(isPageRoute(path), path).toBe(true)
    }
  })

  test('a file, a machine path, a deeper or a shorter path is not', () => {
    for (const path of [
      '',
      '/metrics',
      '/api/nope',
      '/assets/index-1234.js',
      '/programs/p-1/matches',
      '/programs/p-1/matches/m-2/more',
      '/people/abc.json',
      '//programs',
      '/peoplex',
    ]) {
      expect(isPageRoute(path), path).toBe(false)
    }
  })
})
