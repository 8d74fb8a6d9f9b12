import { describe, expect, test } from 'vitest'
import { fitPercent } from './matches.service.ts'

const weights = { complementarity: 40, seniority: 20, diversity: 20, overlap: 20 }

describe("a match's fit as a share of the best score", () => {
  test('a pair scores at most the sum of the weights times 100 points', () => {
    expect(fitPercent(10_000, 2, weights)).toBe(100)
    expect(fitPercent(6_381, 2, weights)).toBe(64)
    expect(fitPercent(0, 2, weights)).toBe(0)
  })

  test("a circle's score is its pairs' sum over (size - 1): at most size / 2 pairs' best", () => {
    // 4 members: 6 pairs at 10,000 each, summed and divided by 3 = 20,000, the best.
    expect(fitPercent(20_000, 4, weights)).toBe(100)
    expect(fitPercent(10_000, 4, weights)).toBe(50)
  })

  test('a score made under larger weights than today’s is capped at 100', () => {
    expect(fitPercent(12_000, 2, weights)).toBe(100)
    expect(fitPercent(5, 2, { complementarity: 0, seniority: 0, diversity: 0, overlap: 0 })).toBe(0)
  })
})
