import { describe, expect, it } from 'vitest'
import { CohortSchema } from './cohort.schema.ts'
import { checkCohort, parseCohortFast } from './cohort-rules.ts'
import { CohortError } from './errors.ts'
import { generateCohort } from './generate-cohort.ts'
import { createPythonRandom } from './python-random.ts'
import { buildCohort, buildPerson } from './reference-model.fixture.ts'

type Outcome = { ok: true; value: unknown; json: string } | { ok: false; message: string }

function outcome(parse: () => unknown): Outcome {
  try {
    const value = parse()
    return { ok: true, value, json: JSON.stringify(value) }
  } catch (error) {
    if (error instanceof CohortError) return { ok: false, message: error.message }
    throw error
  }
}

/** The fast path either steps aside or gives exactly Zod's value (key order included) or the same error. */
function expectSameAsZod(doc: unknown): 'fast' | 'zod' {
  const fast = outcome(() => parseCohortFast(doc))
  if (fast.ok && fast.value === undefined) return 'zod'
  // the fast path vouched for the document: Zod accepts it too, with the same value
  const parsed = CohortSchema.safeParse(doc)
  expect(parsed.success).toBe(true)
  const data = parsed.data!
  const checked = outcome(() => {
    checkCohort(data)
    return data
  })
  if (fast.ok) {
    expect(fast.value).toStrictEqual(data)
    expect(fast.json).toBe(JSON.stringify(data))
    expect(checked.ok).toBe(true)
  } else {
    expect(checked).toEqual(fast)
  }
  return 'fast'
}

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T

const ODD_VALUES: unknown[] = [
  undefined,
  null,
  0,
  -1,
  1.5,
  9,
  841,
  2 ** 53,
  '',
  'x',
  '09:00',
  '24:00',
  '9:00',
  'x'.repeat(201),
  true,
  [],
  ['en'],
  ['en', 'en'],
  [['a', 'b']],
  [1],
  {},
  { start: '24:00', end: '00:00' },
  'mentor',
  'mentee',
  'peer',
  'maxCardinalityThenWeight',
]

/** Every path to a value inside the document (objects and arrays), for mutations. */
function paths(doc: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  if (typeof doc === 'object' && doc !== null) {
    for (const [key, value] of Object.entries(doc)) {
      const path = [...prefix, Array.isArray(doc) ? Number(key) : key]
      out.push(path)
      paths(value, path, out)
    }
  }
  return out
}

function mutate(doc: unknown, path: (string | number)[], value: unknown, remove: boolean): unknown {
  const copy = clone(doc) as Record<string | number, unknown>
  let parent = copy
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>
  const last = path[path.length - 1]
  if (remove && !Array.isArray(parent)) delete parent[last]
  else parent[last] = value
  return copy
}

describe('parseCohortFast', () => {
  it('gives the value Zod gives for generated cohorts of every type', () => {
    for (const type of ['peer', 'mentoring', 'circles'] as const) {
      for (const seed of [1, 2]) {
        expect(expectSameAsZod(generateCohort({ n: 60, seed, type }))).toBe('fast')
      }
    }
  })

  it('applies the same defaults as Zod', () => {
    const doc = buildCohort({
      participants: [buildPerson({ id: 'a' }), buildPerson({ id: 'b', department: null, managerId: 'a' })],
    })
    expect(expectSameAsZod(doc)).toBe('fast')
    const full = generateCohort({ n: 20, seed: 3, type: 'mentoring' })
    const program = full.program as Record<string, unknown>
    for (const key of Object.keys(program)) {
      if (key === 'type') continue
      expect(expectSameAsZod(mutate(full, ['program', key], undefined, true))).toBe('fast')
    }
  })

  it('never disagrees with Zod on mutated documents', () => {
    const random = createPythonRandom(7)
    const docs = [
      generateCohort({ n: 6, seed: 5, type: 'peer' }),
      generateCohort({ n: 6, seed: 6, type: 'mentoring' }),
      generateCohort({ n: 6, seed: 7, type: 'circles' }),
    ]
    let fast = 0
    let zod = 0
    for (const doc of docs) {
      const all = paths(doc)
      for (let round = 0; round < 1500; round++) {
        let mutated: unknown = doc
        const edits = 1 + Math.floor(random.random() * 2)
        for (let e = 0; e < edits; e++) {
          const path = all[Math.floor(random.random() * all.length)]
          const value = ODD_VALUES[Math.floor(random.random() * ODD_VALUES.length)]
          try {
            mutated = mutate(mutated, path, value, random.random() < 0.2)
          } catch {
            // the path no longer exists after an earlier edit
          }
        }
        if (expectSameAsZod(mutated) === 'fast') fast++
        else zod++
      }
    }
    // both paths were exercised
    expect(fast).toBeGreaterThan(100)
    expect(zod).toBeGreaterThan(100)
  })

  it('steps aside for input Zod must word', () => {
    expect(parseCohortFast(null)).toBeUndefined()
    expect(parseCohortFast(buildCohort({ participants: [] }))).toBeUndefined()
    expect(parseCohortFast({ ...buildCohort({ participants: [buildPerson({ id: 'a' })] }), extra: 1 })).toBeUndefined()
    expect(parseCohortFast(buildCohort({ participants: [buildPerson({ id: 'a', seniority: 9 })] }))).toBeUndefined()
  })
})
