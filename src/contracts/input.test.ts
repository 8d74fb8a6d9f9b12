import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  DateInputSchema,
  hasSomeField,
  InstantInputSchema,
  isCleanText,
  isInstantInRange,
  LocalDateTimeInputSchema,
  textField,
} from './input.ts'

describe('textField', () => {
  const name = textField({ min: 1, max: 10 })

  test('trims, then applies the length bounds to what is left', () => {
    expect(name.parse('  Asha  ')).toBe('Asha')
    expect(name.safeParse('   ').error?.issues[0]?.message).toBe('is required')
    expect(name.safeParse('x'.repeat(11)).error?.issues[0]?.message).toBe('must be at most 10 characters')
    expect(name.parse(`  ${'x'.repeat(10)}  `)).toBe('x'.repeat(10))
  })

  test('refuses NUL and lone surrogates anywhere, keeps paired surrogates (emoji) and other text', () => {
    for (const bad of ['a\u0000b', '\u0000', 'a\ud800', '\udfffa', 'x\ud800\ud800y']) {
      expect(name.safeParse(bad).success, JSON.stringify(bad)).toBe(false)
    }
    for (const good of ['🙂 ok', 'Zoë', '日本語', 'tab\there', 'line\nbreak']) expect(name.parse(good)).toBe(good)
  })

  test('custom messages, and passwords keep their spaces', () => {
    const reflection = textField({ min: 1, max: 5, tooShort: 'Write it', tooLong: 'Too long' })
    expect(reflection.safeParse('').error?.issues[0]?.message).toBe('Write it')
    expect(reflection.safeParse('123456').error?.issues[0]?.message).toBe('Too long')
    expect(textField({ max: 20, trim: false }).parse(' secret ')).toBe(' secret ')
  })

  test('property: any string is accepted exactly when it is clean and its trimmed length (in code points) fits', () => {
    const field = textField({ max: 8 })
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 12 }), (value) => {
        const expected = isCleanText(value.trim()) && [...value.trim()].length <= 8
        expect(field.safeParse(value).success).toBe(expected)
      }),
    )
  })
})

describe('date bounds', () => {
  test('calendar dates from 1900-01-01 to 2200-12-31', () => {
    for (const good of ['1900-01-01', '2026-12-07', '2200-12-31'])
      expect(DateInputSchema.safeParse(good).success).toBe(true)
    for (const bad of ['1899-12-31', '2201-01-01', '0000-01-01', '9999-12-31', '2026-02-30', '2026-13-01']) {
      expect(DateInputSchema.safeParse(bad).success, bad).toBe(false)
    }
  })

  test('local date-times and instants in the same range', () => {
    expect(LocalDateTimeInputSchema.safeParse('2200-12-31T23:59').success).toBe(true)
    expect(LocalDateTimeInputSchema.safeParse('0000-06-01T10:00').success).toBe(false)
    expect(LocalDateTimeInputSchema.safeParse('9999-12-31T23:30').success).toBe(false)
    expect(InstantInputSchema.safeParse('2026-12-07T10:00:00+05:30').success).toBe(true)
    expect(InstantInputSchema.safeParse('2200-12-31T23:00:00-05:00').success).toBe(false)
    expect(InstantInputSchema.safeParse('1899-12-31T23:59:59Z').success).toBe(false)
    expect(isInstantInRange(new Date('2200-12-31T23:59:59Z'))).toBe(true)
    expect(isInstantInRange(new Date('2201-01-01T00:00:00Z'))).toBe(false)
    expect(isInstantInRange(new Date(Number.NaN))).toBe(false)
  })
})

test('hasSomeField: a PATCH body with nothing set is empty', () => {
  expect(hasSomeField({})).toBe(false)
  expect(hasSomeField({ name: undefined })).toBe(false)
  expect(hasSomeField({ name: null })).toBe(true)
  expect(hasSomeField({ isDone: false })).toBe(true)
})
