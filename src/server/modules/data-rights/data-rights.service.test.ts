import { describe, expect, test } from 'vitest'
import { escapeHtml, keepNumbersOnly } from './data-export.ts'
import { monthsBefore, wholeWordPattern } from './data-rights.service.ts'

describe('data rights rules', () => {
  test('HTML escaping covers markup and both quotes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    )
  })

  test('erased answers keep numbers and yes/no, drop every string', () => {
    expect(keepNumbersOnly({ q1: 'free text', q2: 4, q3: ['a', 'b'], q4: true, nested: { x: 'y', n: 2 } })).toEqual({
      q2: 4,
      q3: [],
      q4: true,
      nested: { n: 2 },
    })
  })

  test('months before a date, at the end of a month', () => {
    expect(monthsBefore(new Date('2031-06-15T03:00:00Z'), 6).toISOString()).toBe('2030-12-15T03:00:00.000Z')
    expect(monthsBefore(new Date('2031-03-31T00:00:00Z'), 1).toISOString()).toBe('2031-02-28T00:00:00.000Z')
  })

  test('the name pattern escapes regular-expression characters and names its JSON and HTML forms', () => {
    const pattern = wholeWordPattern(["Ana O'Neil (Ops)", 'a'])
    expect(pattern).toContain("Ana O'Neil \\(Ops\\)")
    expect(pattern).toContain('Ana O&#39;Neil \\(Ops\\)')
    expect(pattern).not.toContain('|a)')
    expect(wholeWordPattern(['', ' '])).toBeNull()
  })
})
