import { describe, expect, test } from 'vitest'
import { isUnderWay, moreLine, withWhom } from './upcoming-session-words.ts'

describe('upcoming session words', () => {
  test('with whom: one partner, two, a circle', () => {
    expect(withWhom(['Ben Ortiz'])).toBe('Ben Ortiz')
    expect(withWhom(['Ben Ortiz', 'Carla Diaz'])).toBe('Ben Ortiz and Carla Diaz')
    expect(withWhom(['Ben', 'Carla', 'Dan'])).toBe('Ben, Carla and Dan')
    expect(withWhom([])).toBe('no partner')
  })

  test('a line only when more sessions exist than are shown', () => {
    expect(moreLine(5, 5)).toBeNull()
    expect(moreLine(3, 3)).toBeNull()
    expect(moreLine(5, 7)).toBe('The next 5 of 7 sessions. Each match workspace lists all of its own.')
  })

  test('under way once the start has passed', () => {
    const now = Date.parse('2030-06-03T14:30:00Z')
    expect(isUnderWay('2030-06-03T14:30:00.000Z', now)).toBe(true)
    expect(isUnderWay('2030-06-03T14:31:00.000Z', now)).toBe(false)
  })
})
