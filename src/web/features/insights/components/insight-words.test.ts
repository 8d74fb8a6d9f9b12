import { describe, expect, test } from 'vitest'
import { barWidth } from '#web/components/ui/bar.tsx'
import { setReader } from '#web/lib/format.ts'
import {
  averageWords,
  growthWords,
  insightCsvUrl,
  npsWords,
  ofWords,
  percentWords,
  weekWords,
} from './insight-words.ts'

describe('insight words', () => {
  test('percentages keep one decimal only when they have one', () => {
    expect(percentWords(75)).toBe('75%')
    expect(percentWords(66.7)).toBe('66.7%')
    expect(percentWords(null)).toBe('—')
  })

  test('averages, growth, NPS and counts', () => {
    expect(averageWords(4.5)).toBe('4.5 of 5')
    expect(averageWords(4)).toBe('4.0 of 5')
    expect(growthWords(1.5)).toBe('+1.5')
    expect(growthWords(-0.5)).toBe('-0.5')
    expect(growthWords(0)).toBe('0.0')
    expect(npsWords(50)).toBe('+50')
    expect(npsWords(-20)).toBe('-20')
    expect(npsWords(null)).toBe('—')
    expect(ofWords(12, 16)).toBe('12 of 16')
    expect(ofWords(null, 16)).toBe('—')
  })

  test('bars are a share of the largest value, clamped to 0-100', () => {
    expect(barWidth(3, 6)).toBe(50)
    expect(barWidth(9, 6)).toBe(100)
    expect(barWidth(null, 6)).toBe(0)
    expect(barWidth(2, 0)).toBe(0)
  })

  test('the CSV link and the week label', () => {
    expect(insightCsvUrl('p-1', 'at-risk')).toBe('/api/programs/p-1/insights.csv?figure=at-risk')
    setReader({ locale: 'en-GB', timeZone: 'Europe/London' })
    expect(weekWords('2026-05-18')).toBe('Week of 18 May')
    setReader({ locale: 'en-US', timeZone: 'America/New_York' })
    expect(weekWords('2026-05-18')).toBe('Week of May 18')
    setReader(null)
  })
})

test('match statuses in words', async () => {
  const { matchStatusLabel } = await import('./insight-words.ts')
  expect(matchStatusLabel('dissolved')).toBe('Ended early')
  expect(matchStatusLabel('declined')).toBe('Declined')
})
