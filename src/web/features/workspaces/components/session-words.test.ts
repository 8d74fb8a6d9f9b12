import { afterEach, describe, expect, test } from 'vitest'
import { setReader } from '#web/lib/format.ts'
import { clock, clockLabel, momentLabel, namesFrom, offsetLabel, rolesLine, spanLabel } from './session-words.ts'

const plain = (text: string) => text.replace(/[\u202f\u2009\u00a0]/g, ' ')

describe('session words', () => {
  afterEach(() => setReader(null))

  test("a wall-clock time is written as it is, whatever the browser's zone, in the reader's locale", () => {
    setReader({ locale: 'en-GB', timeZone: 'Pacific/Auckland' })
    expect(momentLabel('2027-03-14T23:30')).toBe('14 Mar 2027, 23:30')
    expect(clock('2027-03-14T23:30')).toBe('23:30')
    setReader({ locale: 'en-US', timeZone: 'Pacific/Auckland' })
    expect(plain(clockLabel('2027-03-14T23:30'))).toBe('11:30 PM')
  })

  test('a span names the end day only when it runs past midnight', () => {
    setReader({ locale: 'en-GB', timeZone: 'UTC' })
    expect(plain(spanLabel({ start: '2027-03-10T20:30', end: '2027-03-10T21:15' }))).toBe(
      'Wed, 10 Mar 2027, 20:30–21:15',
    )
    expect(plain(spanLabel({ start: '2027-03-10T23:30', end: '2027-03-11T00:15' }))).toBe(
      'Wed, 10 Mar 2027, 23:30 – Thu, 11 Mar 2027, 00:15',
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
