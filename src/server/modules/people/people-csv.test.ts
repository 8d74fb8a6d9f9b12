import { describe, expect, test } from 'vitest'
import { AppError } from '#server/http/app-error.ts'
import { type ExistingPerson, parsePeopleCsv, stringifyPeopleCsv } from './people-csv.ts'
import { type ImportContext, planPeopleImport } from './people-import-plan.ts'

const HEADER =
  'email,employee_id,name,title,department,location,time_zone,languages,seniority,manager_email,skills_offered,skills_wanted,working_hours_start,working_hours_end,role,status,left_on'

function existing(overrides: Partial<ExistingPerson> & { id: string; email: string }): ExistingPerson {
  return {
    employee_id: null,
    name: 'Someone',
    title: '',
    department: '',
    location: '',
    time_zone: 'UTC',
    languages: ['en'],
    seniority: 3,
    manager_id: null,
    skills_offered: [],
    skills_wanted: [],
    working_hours_start: '09:00',
    working_hours_end: '17:00',
    working_days: [1, 2, 3, 4, 5],
    role: 'participant',
    status: 'active',
    left_on: null,
    has_password: true,
    ...overrides,
  }
}

const boss = existing({
  id: '00000000-0000-4000-8000-000000000001',
  email: 'boss@acme.test',
  employee_id: 'E1',
  name: 'Boss',
  role: 'admin',
})
const worker = existing({
  id: '00000000-0000-4000-8000-000000000002',
  email: 'worker@acme.test',
  employee_id: 'E2',
  name: 'Worker',
  manager_id: boss.id,
})

function context(overrides: Partial<ImportContext> = {}): ImportContext {
  return {
    existing: [boss, worker],
    skills: [
      { slug: 'active-listening', name: 'Active listening' },
      { slug: 'negotiation', name: 'Negotiation' },
      { slug: 'public-speaking', name: 'Public speaking' },
    ],
    emailsElsewhere: new Set(),
    viewerPersonId: boss.id,
    today: '2026-11-24',
    ...overrides,
  }
}

function plan(lines: string[], ctx = context(), header = HEADER) {
  return planPeopleImport(parsePeopleCsv([header, ...lines].join('\n')), ctx)
}

const errorsOf = (result: ReturnType<typeof plan>, row: number) =>
  result.rows.find((entry) => entry.row === row)?.errors ?? []

describe('parsePeopleCsv', () => {
  test('a header without required columns is refused naming them', () => {
    expect(() => parsePeopleCsv('employee_id,title\nE1,x')).toThrowError(/missing columns: email, name/)
    try {
      parsePeopleCsv('email,nmae\na@b.c,x')
    } catch (error) {
      expect(error).toBeInstanceOf(AppError)
      expect((error as AppError).code).toBe('csv_invalid')
      expect((error as AppError).details).toEqual([
        { path: 'name', message: 'missing column' },
        { path: 'nmae', message: 'unknown column' },
      ])
    }
  })

  test('an empty file and broken quoting are csv_invalid', () => {
    expect(() => parsePeopleCsv('')).toThrowError(/empty/)
    expect(() => parsePeopleCsv('email,name\n"a@b.c,x')).toThrowError(/not valid CSV/)
  })

  test('reads a BOM, header case and spacing, quoted cells, and numbers rows as a spreadsheet', () => {
    const parsed = parsePeopleCsv('\uFEFF Email , NAME \n\na@b.test,"Doe, Jane"\nc@d.test,Bo')
    expect(parsed.columns).toEqual(['email', 'name'])
    expect(parsed.records).toEqual([
      { row: 3, cells: ['a@b.test', 'Doe, Jane'] },
      { row: 4, cells: ['c@d.test', 'Bo'] },
    ])
  })
})

describe('planPeopleImport', () => {
  test('creates new people with defaults, updates changed ones, leaves the rest unchanged', () => {
    const result = plan([
      'new@acme.test,E3,New Person,Engineer,R&D,Paris,Europe/Paris,fr;en,4,boss@acme.test,negotiation,public-speaking,08:00,16:00,participant,,',
      'worker@acme.test,E2,Worker,,,,UTC,en,3,boss@acme.test,,,09:00,17:00,participant,active,',
      'boss@acme.test,E1,Boss Renamed,,,,UTC,en,3,,,,09:00,17:00,admin,active,',
    ])
    expect(result.counts).toEqual({ create: 1, update: 1, unchanged: 1, error: 0 })
    expect(result.rows.map((row) => row.action)).toEqual(['create', 'unchanged', 'update'])
    expect(result.rows[0].target).toMatchObject({
      status: 'invited',
      languages: ['fr', 'en'],
      seniority: 4,
      time_zone: 'Europe/Paris',
      skills_offered: ['negotiation'],
    })
    expect(result.rows[0].manager).toEqual({ kind: 'person', id: boss.id })
  })

  test('each kind of bad cell is reported on its row and column', () => {
    const result = plan([
      'a@acme.test,,A,,,,Mars/Base,en,3,,,,09:00,17:00,,,',
      'b@acme.test,,B,,,,UTC,xx;en,3,,,,09:00,17:00,,,',
      'c@acme.test,,C,,,,UTC,en,9,,,,09:00,17:00,,,',
      'd@acme.test,,D,,,,UTC,en,two,,,,09:00,17:00,,,',
      'e@acme.test,,E,,,,UTC,en,3,nobody@acme.test,,,09:00,17:00,,,',
      'f@acme.test,,F,,,,UTC,en,3,,juggling,,09:00,17:00,,,',
      'not-an-email,,G,,,,UTC,en,3,,,,09:00,17:00,,,',
      'h@acme.test,,,,,,UTC,en,3,,,,09:00,17:00,,,',
      'i@acme.test,,I,,,,UTC,en,3,,,,18:00,17:00,,,',
      'j@acme.test,,J,,,,UTC,en,3,,,,9am,17:00,,,',
      'k@acme.test,,K,,,,UTC,en,3,,,,09:00,17:00,boss,,',
      'l@acme.test,,L,,,,UTC,en,3,,,,09:00,17:00,,gone,',
      'm@acme.test,,M,,,,UTC,en,3,,,,09:00,17:00,,active,2026-01-01',
      'n@acme.test,,N,,,,UTC,en,3,,,,09:00,17:00,,left,31/01/2026',
    ])
    const expected: Array<[number, string, RegExp]> = [
      [2, 'time_zone', /, not "Mars\/Base"$/],
      [3, 'languages', /^must be an ISO 639-1 language code .*, not "xx"$/],
      [4, 'seniority', /1 to 8/],
      [5, 'seniority', /1 to 8/],
      [6, 'manager_email', /no one with the email/],
      [7, 'skills_offered', /juggling/],
      [8, 'email', /^must be a valid email address, not "not-an-email"$/],
      [9, 'name', /required/],
      [10, 'working_hours_end', /after/],
      [11, 'working_hours_start', /HH:MM/],
      [12, 'role', /one of/],
      [13, 'status', /active, invited or left/],
      [14, 'left_on', /only for people whose status is left/],
      [15, 'left_on', /YYYY-MM-DD/],
    ]
    for (const [row, column, message] of expected) {
      const errors = errorsOf(result, row)
      expect(errors, `row ${row}`).toHaveLength(1)
      expect(errors[0].column, `row ${row}`).toBe(column)
      expect(errors[0].message, `row ${row}`).toMatch(message)
    }
    expect(result.counts.error).toBe(14)
    expect(result.rows.every((row) => row.action === 'error' && row.target === null)).toBe(true)
  })

  test('skills by the name the Skills page shows (any case) or by slug, languages by English name or code', () => {
    const result = plan([
      'n1@acme.test,,N1,,,,UTC,English;FR;german,3,,Active listening;NEGOTIATION,public-speaking,09:00,17:00,,,',
      'n2@acme.test,,N2,,,,UTC,en,3,,Negociation,,09:00,17:00,,,',
      'n3@acme.test,,N3,,,,UTC,en,3,,,juggling,09:00,17:00,,,',
    ])
    expect(result.rows[0].target).toMatchObject({
      languages: ['en', 'fr', 'de'],
      skills_offered: ['active-listening', 'negotiation'],
      skills_wanted: ['public-speaking'],
    })
    expect(errorsOf(result, 3)).toEqual([
      { column: 'skills_offered', message: 'not in the skill catalogue: "Negociation" (close: Negotiation)' },
    ])
    expect(errorsOf(result, 4)).toEqual([
      {
        column: 'skills_wanted',
        message: 'not in the skill catalogue: "juggling" (see the Skills page for the names)',
      },
    ])
  })

  test('a duplicate email or employee id is reported on every row that has it', () => {
    const result = plan([
      'dup@acme.test,X1,One,,,,UTC,en,3,,,,09:00,17:00,,,',
      'other@acme.test,X1,Two,,,,UTC,en,3,,,,09:00,17:00,,,',
      'DUP@acme.test,X3,Three,,,,UTC,en,3,,,,09:00,17:00,,,',
      'fine@acme.test,X4,Four,,,,UTC,en,3,,,,09:00,17:00,,,',
    ])
    expect(errorsOf(result, 2).map((error) => error.message)).toEqual([
      'the same email is also on row 4',
      'the same employee id is also on row 3',
    ])
    expect(errorsOf(result, 3)).toEqual([{ column: 'employee_id', message: 'the same employee id is also on row 2' }])
    expect(errorsOf(result, 4)).toEqual([{ column: 'email', message: 'the same email is also on row 2' }])
    expect(errorsOf(result, 5)).toEqual([])
  })

  test('an email used by another organization is refused', () => {
    const result = plan(
      ['taken@elsewhere.test,,T,,,,UTC,en,3,,,,09:00,17:00,,,'],
      context({ emailsElsewhere: new Set(['taken@elsewhere.test']) }),
    )
    expect(errorsOf(result, 2)).toEqual([{ column: 'email', message: 'is used by an account of another organization' }])
  })

  test('every row on a reporting cycle is reported, and no row off it', () => {
    const result = plan([
      'a@acme.test,,A,,,,UTC,en,3,b@acme.test,,,09:00,17:00,,,',
      'b@acme.test,,B,,,,UTC,en,3,c@acme.test,,,09:00,17:00,,,',
      'c@acme.test,,C,,,,UTC,en,3,a@acme.test,,,09:00,17:00,,,',
      'd@acme.test,,D,,,,UTC,en,3,a@acme.test,,,09:00,17:00,,,',
      's@acme.test,,S,,,,UTC,en,3,s@acme.test,,,09:00,17:00,,,',
    ])
    for (const row of [2, 3, 4]) {
      expect(errorsOf(result, row)).toHaveLength(1)
      expect(errorsOf(result, row)[0].column).toBe('manager_email')
      expect(errorsOf(result, row)[0].message).toMatch(/^reporting cycle: /)
    }
    expect(errorsOf(result, 2)[0].message).toBe(
      'reporting cycle: a@acme.test -> b@acme.test -> c@acme.test -> a@acme.test',
    )
    expect(errorsOf(result, 5)).toEqual([])
    expect(errorsOf(result, 6)).toEqual([{ column: 'manager_email', message: 'a person cannot be their own manager' }])
  })

  test('a cycle through a person of the organization not in the file is found', () => {
    // worker reports to boss in the organization; the file makes boss report to worker.
    const result = plan(['boss@acme.test,E1,Boss,,,,UTC,en,3,worker@acme.test,,,09:00,17:00,admin,,'])
    expect(errorsOf(result, 2)[0].message).toBe('reporting cycle: boss@acme.test -> worker@acme.test -> boss@acme.test')
  })

  test('managers resolve by email or employee id, in the file or the organization', () => {
    const result = plan([
      'x@acme.test,X1,X,,,,UTC,en,3,E1,,,09:00,17:00,,,',
      'y@acme.test,Y1,Y,,,,UTC,en,3,X1,,,09:00,17:00,,,',
      'z@acme.test,Z1,Z,,,,UTC,en,3,Y@ACME.TEST,,,09:00,17:00,,,',
    ])
    expect(result.counts.error).toBe(0)
    expect(result.rows.map((row) => row.manager)).toEqual([
      { kind: 'person', id: boss.id },
      { kind: 'row', index: 0 },
      { kind: 'row', index: 1 },
    ])
  })

  test('a row matched by employee id changes that person email; a conflicting employee id is refused', () => {
    const renamed = plan(['worker.new@acme.test,E2,Worker,,,,UTC,en,3,boss@acme.test,,,09:00,17:00,,,'])
    expect(renamed.rows[0]).toMatchObject({ action: 'update', personId: worker.id })
    expect(renamed.rows[0].target?.email).toBe('worker.new@acme.test')
    const conflict = plan(['worker@acme.test,E1,Worker,,,,UTC,en,3,boss@acme.test,,,09:00,17:00,,,'])
    expect(errorsOf(conflict, 2)).toEqual([
      { column: 'employee_id', message: 'belongs to another person (boss@acme.test)' },
    ])
  })

  test('status left deactivates with left_on (today by default); the admin cannot mark themselves as left', () => {
    const result = plan([
      'worker@acme.test,E2,Worker,,,,UTC,en,3,boss@acme.test,,,09:00,17:00,,left,2026-10-01',
      'gone@acme.test,,Gone,,,,UTC,en,3,,,,09:00,17:00,,left,',
      'boss@acme.test,E1,Boss,,,,UTC,en,3,,,,09:00,17:00,participant,left,',
    ])
    expect(result.rows[0].target).toMatchObject({ status: 'deactivated', left_on: '2026-10-01' })
    expect(result.rows[1].target).toMatchObject({ status: 'deactivated', left_on: '2026-11-24' })
    expect(errorsOf(result, 4).map((error) => error.column)).toEqual(['status', 'role'])
  })

  test('absent columns leave values alone; empty cells clear free fields', () => {
    const result = plan(['worker@acme.test,Worker Two'], context(), 'email,name')
    expect(result.rows[0].action).toBe('update')
    expect(result.rows[0].target).toMatchObject({ employee_id: 'E2', name: 'Worker Two' })
    expect(result.rows[0].manager).toEqual({ kind: 'person', id: boss.id })
    const cleared = plan(['worker@acme.test,,Worker,'], context(), 'email,employee_id,name,manager_email')
    expect(cleared.rows[0].target?.employee_id).toBeNull()
    expect(cleared.rows[0].manager).toEqual({ kind: 'none' })
  })
})

describe('stringifyPeopleCsv', () => {
  test('writes the import columns and round-trips through the parser as unchanged', () => {
    const text = stringifyPeopleCsv([
      { ...boss, manager_email: null },
      { ...worker, title: '=HYPERLINK("x")', manager_email: boss.email, skills_offered: ['negotiation'] },
    ])
    expect(text.split('\n')[0]).toBe(`${HEADER},working_days`)
    expect(text).toContain(`"'=HYPERLINK(""x"")"`)
    const result = planPeopleImport(
      parsePeopleCsv(text),
      context({ existing: [boss, { ...worker, title: '=HYPERLINK("x")', skills_offered: ['negotiation'] }] }),
    )
    expect(result.counts).toEqual({ create: 0, update: 0, unchanged: 2, error: 0 })
  })
})
