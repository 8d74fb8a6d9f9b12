import { describe, expect, test } from 'vitest'
import { clock, dayLabel, namesFrom, offsetLabel, rolesLine, spanLabel } from './session-words.ts'

describe('session words', () => {
  test('a wall-clock day is the same day whatever the zone of the browser', () => {
    const label = dayLabel('2027-03-14T23:30')
    expect(label).toContain('14')
    expect(label).toContain('2027')
    expect(clock('2027-03-14T23:30')).toBe('23:30')
  })

  test('a span names the end day only when it runs past midnight', () => {
    expect(spanLabel({ start: '2027-03-10T20:30', end: '2027-03-10T21:15' })).toBe(
      `${dayLabel('2027-03-10T20:30')}, 20:30–21:15`,
    )
    expect(spanLabel({ start: '2027-03-10T23:30', end: '2027-03-11T00:15' })).toBe(
      `${dayLabel('2027-03-10T23:30')}, 23:30–${dayLabel('2027-03-11T00:15')}, 00:15`,
    )
  })

  test('offsets read with a real minus sign', () => {
    expect(offsetLabel('-08:00')).toBe('UTC−08:00')
    expect(offsetLabel('+05:30')).toBe('UTC+05:30')
  })

  test('roles are said from the viewer’s side', () => {
    const nameOf = namesFrom(
      [
        { personId: 'a', name: 'Asha Rao' },
        { personId: 'b', name: 'Ben Ortiz' },
        { personId: 'c', name: 'Cai Lin' },
      ],
      'a',
    )
    expect(rolesLine(nameOf, 'a', 'b')).toBe('You coach Ben Ortiz')
    expect(rolesLine(nameOf, 'b', 'a')).toBe('Ben Ortiz coaches you')
    expect(rolesLine(nameOf, 'b', 'c')).toBe('Ben Ortiz coaches Cai Lin')
    expect(rolesLine(nameOf, 'b', 'gone')).toBe('Ben Ortiz coaches a former member')
    expect(rolesLine(nameOf, 'gone', 'a')).toBe('A former member coaches you')
    expect(rolesLine(nameOf, null, 'a')).toBeNull()
  })
})
