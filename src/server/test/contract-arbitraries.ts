import fc from 'fast-check'
import { dateRangeCheck } from '#contracts/input.ts'

// fast-check arbitraries derived from the Zod request contracts, for the bad-input property test:
// `plausibleValue` builds a value that is most often valid, and `malformedValue` breaks exactly one
// part of it in a way no contract may accept (NUL or a lone surrogate inside text, the wrong type,
// an overlong string, an unknown field, an out-of-range date or number).

interface Check {
  _zod: {
    def: { check: string; format?: string; pattern?: RegExp; minimum?: number; maximum?: number; value?: number }
  }
}
export interface ZodLike {
  _zod: {
    def: {
      type: string
      format?: string
      checks?: Check[]
      shape?: Record<string, ZodLike>
      catchall?: ZodLike
      innerType?: ZodLike
      defaultValue?: unknown
      in?: ZodLike
      out?: ZodLike
      element?: ZodLike
      options?: ZodLike[]
      keyType?: ZodLike
      valueType?: ZodLike
      entries?: Record<string, string | number>
      values?: unknown[]
      left?: ZodLike
      right?: ZodLike
      getter?: () => ZodLike
    }
  }
}

/** Real ids to put in uuid fields, so a request that passes validation reaches the service and the database. */
export interface ArbitraryContext {
  ids: readonly string[]
}

const checksOf = (schema: ZodLike) => schema._zod.def.checks ?? []
function bound(schema: ZodLike, kind: 'min' | 'max'): number | undefined {
  for (const check of checksOf(schema)) {
    const def = check._zod.def
    if (kind === 'max' && (def.check === 'max_length' || def.check === 'less_than')) return def.maximum ?? def.value
    if (kind === 'min' && (def.check === 'min_length' || def.check === 'greater_than')) return def.minimum ?? def.value
  }
  return undefined
}
const patternOf = (schema: ZodLike) =>
  checksOf(schema).find((check) => check._zod.def.format === 'regex')?._zod.def.pattern
const isInteger = (schema: ZodLike) =>
  schema._zod.def.format?.includes('int') || checksOf(schema).some((check) => check._zod.def.format?.includes('int'))

const inRangeDate = fc
  .date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2150-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString())

/** A value the schema most likely accepts. */
export function plausibleValue(schema: ZodLike, context: ArbitraryContext, depth = 0): fc.Arbitrary<unknown> {
  const def = schema._zod.def
  switch (def.type) {
    case 'string': {
      if (def.format === 'uuid') return fc.constantFrom(...context.ids)
      if (def.format === 'email') return fc.constantFrom('someone@example.test', 'Asha.Rao@example.test')
      if (def.format === 'date') return inRangeDate.map((value) => value.slice(0, 10))
      if (def.format === 'datetime') return inRangeDate
      if (def.format === 'url') return fc.constant('https://meet.example.test/abc')
      const pattern = patternOf(schema)
      if (pattern) {
        return checksOf(schema).includes(dateRangeCheck as never)
          ? inRangeDate.map((value) => value.slice(0, 16))
          : fc.stringMatching(pattern).filter((value) => value.length <= (bound(schema, 'max') ?? 200))
      }
      const max = Math.min(bound(schema, 'max') ?? 40, 40)
      const min = Math.min(bound(schema, 'min') ?? 0, max)
      return fc
        .string({ minLength: min, maxLength: max, unit: 'grapheme-ascii' })
        .map((value) => value.trim().padEnd(min, 'a'))
    }
    case 'number':
    case 'int': {
      const min = Math.max(bound(schema, 'min') ?? 0, -1000)
      const max = Math.min(bound(schema, 'max') ?? 1000, min + 1000)
      return isInteger(schema) || def.type === 'int'
        ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
        : fc.double({ min, max, noNaN: true })
    }
    case 'boolean':
      return fc.boolean()
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? {}))
    case 'literal':
      return fc.constantFrom(...(def.values ?? []))
    case 'null':
      return fc.constant(null)
    case 'optional':
    case 'default':
    case 'prefault':
      return fc.option(plausibleValue(def.innerType as ZodLike, context, depth), { nil: undefined, freq: 3 })
    case 'nullable':
      return fc.option(plausibleValue(def.innerType as ZodLike, context, depth), { nil: null, freq: 3 })
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return plausibleValue(def.innerType as ZodLike, context, depth)
    case 'pipe':
      return plausibleValue(def.in as ZodLike, context, depth)
    case 'lazy':
      return plausibleValue((def.getter as () => ZodLike)(), context, depth)
    case 'object': {
      const fields: Record<string, fc.Arbitrary<unknown>> = {}
      for (const [key, value] of Object.entries(def.shape ?? {}))
        fields[key] = plausibleValue(value, context, depth + 1)
      return fc.record(fields).map((record) => JSON.parse(JSON.stringify(record)) as unknown)
    }
    case 'array': {
      const max = Math.min(bound(schema, 'max') ?? 3, depth > 2 ? 1 : 3)
      const min = Math.min(bound(schema, 'min') ?? 0, max)
      return fc.array(plausibleValue(def.element as ZodLike, context, depth + 1), { minLength: min, maxLength: max })
    }
    case 'record':
      return fc.dictionary(
        plausibleValue(def.keyType as ZodLike, context, depth + 1).map(String),
        plausibleValue(def.valueType as ZodLike, context, depth + 1),
        { maxKeys: 2 },
      )
    case 'union':
      return fc.oneof(...(def.options ?? []).map((option) => plausibleValue(option, context, depth)))
    case 'intersection':
      return fc
        .tuple(
          plausibleValue(def.left as ZodLike, context, depth),
          plausibleValue(def.right as ZodLike, context, depth),
        )
        .map(([left, right]) => ({ ...(left as object), ...(right as object) }))
    default:
      return fc.constant(undefined)
  }
}

/** One way to break a value: where, how, and the broken whole. */
export interface Malformation {
  path: string
  how: string
  value: unknown
}

const NUL = '\u0000'
const LONE_SURROGATE = '\ud800'

/** Ways to break the leaf at `schema` whose current value is `value` (no returned value is acceptable to it). */
function breakLeaf(schema: ZodLike, value: unknown): { how: string; value: unknown }[] {
  const def = schema._zod.def
  const wrongType = { how: 'the wrong type', value: { not: 'this' } }
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return breakLeaf(def.innerType as ZodLike, value)
    case 'pipe':
      return breakLeaf(def.in as ZodLike, value)
    case 'string': {
      const text = typeof value === 'string' ? value : 'text'
      const middle = Math.floor(text.length / 2)
      const ways = [
        wrongType,
        { how: 'a NUL inside', value: `${text.slice(0, middle)}${NUL}${text.slice(middle)}` },
        { how: 'a lone surrogate inside', value: `${text.slice(0, middle)}${LONE_SURROGATE}x${text.slice(middle)}` },
      ]
      const max = bound(schema, 'max')
      if (max !== undefined && max < 100_000) ways.push({ how: 'overlong', value: 'y'.repeat(max + 1) })
      if (def.format === 'date' || checksOf(schema).includes(dateRangeCheck as never)) {
        const isLocal = def.format !== 'date'
        for (const date of ['0000-01-01', '9999-12-31', '1899-12-31', '2201-01-01']) {
          ways.push({ how: `the date ${date}`, value: isLocal ? `${date}T23:30` : date })
        }
      }
      if (def.format === 'datetime') ways.push({ how: 'an instant in year 10000', value: '+010000-01-01T00:00:00Z' })
      return ways
    }
    case 'number':
    case 'int': {
      const ways = [wrongType, { how: 'a numeric string', value: '12' }, { how: 'a huge number', value: 1e308 }]
      if (isInteger(schema) || def.type === 'int') ways.push({ how: 'a fraction', value: 1.5 })
      const min = bound(schema, 'min')
      const max = bound(schema, 'max')
      if (min !== undefined) ways.push({ how: 'below the minimum', value: min - 1 })
      if (max !== undefined) ways.push({ how: 'above the maximum', value: max + 1 })
      return ways
    }
    case 'boolean':
      return [wrongType, { how: 'a boolean as a string', value: 'true' }]
    case 'enum':
    case 'literal':
      return [wrongType, { how: 'not one of the choices', value: `nope${NUL}` }]
    default:
      return []
  }
}

/** Every way to break `value` (shaped by `schema`) in one place; `isPatch` adds the empty body. */
export function malformations(schema: ZodLike, value: unknown, path = 'body', isRoot = true): Malformation[] {
  const def = schema._zod.def
  const found: Malformation[] = []
  const replaceWith = (broken: Malformation[], rebuild: (inner: unknown) => unknown) =>
    broken.map((malformation) => ({ ...malformation, value: rebuild(malformation.value) }))
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return value === undefined || value === null ? [] : malformations(def.innerType as ZodLike, value, path, isRoot)
    case 'pipe':
      return malformations(def.in as ZodLike, value, path, isRoot)
    case 'lazy':
      return malformations((def.getter as () => ZodLike)(), value, path, isRoot)
    case 'union':
    case 'intersection': {
      // Break the value as each alternative sees it; a break that another alternative accepts is
      // filtered out by the caller (it checks with the whole contract).
      const options = def.type === 'union' ? (def.options ?? []) : [def.left as ZodLike, def.right as ZodLike]
      return options.flatMap((option) => malformations(option, value, path, isRoot))
    }
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return []
      const record = value as Record<string, unknown>
      found.push({ path, how: 'an unknown field', value: { ...record, unexpectedField: 'x' } })
      found.push({ path, how: 'an unknown field with a NUL in its name', value: { ...record, [`bad${NUL}`]: 1 } })
      found.push({ path, how: 'the wrong type', value: 42 })
      for (const [key, inner] of Object.entries(def.shape ?? {})) {
        const current = record[key]
        const nested = malformations(inner, current, `${path}.${key}`, false)
        found.push(...replaceWith(nested, (broken) => ({ ...record, [key]: broken })))
      }
      return found
    }
    case 'array': {
      if (!Array.isArray(value)) return []
      found.push({ path, how: 'the wrong type', value: 42 })
      value.forEach((item, index) => {
        const nested = malformations(def.element as ZodLike, item, `${path}.${index}`, false)
        found.push(...replaceWith(nested, (broken) => value.map((old, at) => (at === index ? broken : old))))
      })
      return found
    }
    case 'record': {
      if (typeof value !== 'object' || value === null) return []
      const record = value as Record<string, unknown>
      const sample = Object.values(record)[0] ?? 1
      found.push({ path, how: 'a key with a NUL', value: { ...record, [`key${NUL}`]: sample } })
      found.push({ path, how: 'a key with a lone surrogate', value: { ...record, [`key${LONE_SURROGATE}`]: sample } })
      for (const [key, inner] of Object.entries(record)) {
        const nested = malformations(def.valueType as ZodLike, inner, `${path}.${key}`, false)
        found.push(...replaceWith(nested, (broken) => ({ ...record, [key]: broken })))
      }
      return found
    }
    default:
      if (isRoot && value === undefined) return []
      return breakLeaf(schema, value).map((way) => ({ path, ...way }))
  }
}
