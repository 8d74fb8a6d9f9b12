import { afterAll, beforeAll, expect, test } from 'vitest'
import { cleanTextCheck, dateRangeCheck, instantRangeCheck } from '#contracts/input.ts'
import { listRegisteredRoutes } from '#server/app.ts'
import { createTestApp, type TestApp } from '#server/test/test-app.ts'

// The shape of every request contract, checked structurally (the property test in
// bad-input.property.test.ts then sends the inputs): every object refuses unknown fields, and every
// string either has a format (uuid, email, date, a regex) or carries the one text rule.

interface ZodLike {
  _zod: {
    def: {
      type: string
      format?: string
      checks?: { _zod: { def: { check: string; format?: string; pattern?: RegExp } } }[]
      shape?: Record<string, ZodLike>
      catchall?: ZodLike
      innerType?: ZodLike
      in?: ZodLike
      out?: ZodLike
      element?: ZodLike
      options?: ZodLike[]
      keyType?: ZodLike
      valueType?: ZodLike
      left?: ZodLike
      right?: ZodLike
      items?: ZodLike[]
      rest?: ZodLike | null
      getter?: () => ZodLike
    }
  }
}

/** Every contract problem found under `schema`, as 'path: problem'. */
function contractProblems(schema: ZodLike, path: string, seen = new Set<ZodLike>()): string[] {
  if (seen.has(schema)) return []
  seen.add(schema)
  const def = schema._zod.def
  const walk = (inner: ZodLike | null | undefined, at = path) => (inner ? contractProblems(inner, at, seen) : [])
  switch (def.type) {
    case 'string': {
      const checks = def.checks ?? []
      const has = (check: unknown) => checks.includes(check as never)
      if (def.format === 'date' && !has(dateRangeCheck))
        return [`${path}: a date without the range (use DateInputSchema)`]
      if (def.format === 'datetime' && !has(instantRangeCheck)) {
        return [`${path}: an instant without the range (use InstantInputSchema)`]
      }
      const isLocalDateTime = checks.some((check) => String(check._zod.def.pattern ?? '').includes('T([01]'))
      if (isLocalDateTime && !has(dateRangeCheck)) return [`${path}: a local date-time without the range`]
      const hasFormat = def.format !== undefined || checks.some((check) => check._zod.def.format !== undefined)
      return hasFormat || has(cleanTextCheck)
        ? []
        : [`${path}: a string without a format or the text rule (use textField from #contracts/input.ts)`]
    }
    case 'object': {
      const problems =
        def.catchall?._zod.def.type === 'never'
          ? []
          : [`${path}: an object that accepts unknown fields (use z.strictObject)`]
      for (const [key, value] of Object.entries(def.shape ?? {})) problems.push(...walk(value, `${path}.${key}`))
      return problems
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return walk(def.innerType)
    case 'pipe':
      return [...walk(def.in), ...(def.out?._zod.def.type === 'transform' ? [] : walk(def.out))]
    case 'array':
      return walk(def.element, `${path}[]`)
    case 'union':
      return (def.options ?? []).flatMap((option) => walk(option))
    case 'intersection':
      return [...walk(def.left), ...walk(def.right)]
    case 'record':
      return [...walk(def.keyType, `${path}{key}`), ...walk(def.valueType, `${path}{}`)]
    case 'tuple':
      return [...(def.items ?? []).flatMap((item) => walk(item)), ...walk(def.rest)]
    case 'lazy':
      return walk(def.getter?.())
    case 'number':
    case 'int':
    case 'boolean':
    case 'enum':
    case 'literal':
    case 'transform':
    case 'null':
    case 'undefined':
    case 'never':
    case 'date':
      return []
    default:
      return [`${path}: an unexpected contract type '${def.type}' (teach request-contracts.test.ts about it)`]
  }
}

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

test('every request body, query and params contract refuses unknown fields and runs its strings through the text rule', () => {
  const routes = listRegisteredRoutes(t.app).filter((route) => route.url.startsWith('/api/') && route.method !== 'HEAD')
  expect(routes.length).toBeGreaterThan(100)
  const problems: string[] = []
  for (const route of routes) {
    for (const part of ['body', 'querystring', 'params'] as const) {
      const schema = route.input[part] as ZodLike | undefined
      if (!schema) continue
      const found = contractProblems(schema, part)
      // Path parameters come from the URL pattern itself: only their strings are checked.
      const relevant = part === 'params' ? found.filter((problem) => !problem.includes('unknown fields')) : found
      problems.push(...relevant.map((problem) => `${route.method} ${route.url} ${problem}`))
    }
  }
  expect(problems).toEqual([])
})

test('every PATCH body refuses an empty object, so an update never reaches the database with nothing to set', () => {
  // SCIM's PATCH (outside /api) takes RFC 7644's PatchOp, not a contract: scim.routes.test.ts checks
  // that one without operations is refused.
  const patches = listRegisteredRoutes(t.app).filter(
    (route) => route.method === 'PATCH' && route.url.startsWith('/api/'),
  )
  expect(patches.length).toBeGreaterThan(5)
  const accepting = patches
    .filter((route) => (route.input.body as { safeParse(value: unknown): { success: boolean } }).safeParse({}).success)
    .map((route) => `${route.method} ${route.url}`)
  expect(accepting).toEqual([])
})
