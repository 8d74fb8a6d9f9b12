import { afterAll, beforeAll, expect, test } from 'vitest'
import { PEOPLE_CSV_COLUMNS, WORKING_DAYS_COLUMN } from '#contracts/people-import.ts'
import type { PersonRow } from '#server/db/schema.ts'
import { seedDefaultSkills } from '#server/modules/skills/skills.service.ts'
import { buildOrganization, buildPerson } from '#server/test/factories.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'

// One validation: the same values go to the API and to the CSV import's preview, and both must give
// the same verdict. The API side is the real routes: POST /api/invitations (email, name, role),
// PATCH /api/people/:personId (every other field) and POST .../deactivate (the day someone left).

let t: TestApp
let headers: Record<string, string>
let target: PersonRow
beforeAll(async () => {
  t = await createTestApp()
  const org = await buildOrganization(t.db)
  await seedDefaultSkills(t.db, org.id)
  const admin = await buildPerson(t.db, { organizationId: org.id, role: 'admin' })
  headers = await sessionHeadersFor(t.db, admin)
  target = await buildPerson(t.db, { organizationId: org.id, email: 'target@verdicts.test', name: 'Target' })
})
afterAll(() => t.close())

type Hours = { start: string; end: string; days: unknown[] }
type Case =
  | { field: 'email' | 'name' | 'role'; value: string }
  | { field: 'title' | 'department' | 'location' | 'employeeId' | 'timeZone' | 'leftOn'; value: string }
  | { field: 'languages' | 'skillsOffered'; value: string[] }
  | { field: 'seniority'; value: number | string }
  | { field: 'workingHours'; value: Hours }

const cases: Case[] = [
  ...[
    'ann@example.com',
    'Ann.Lee@Example.COM',
    'ann+tag@example.co.uk',
    "o'brien@example.ie",
    '  padded@example.com  ',
    `${'x'.repeat(64)}@example.com`,
    'a..b@example.com',
    'ann@example.c',
    'ann@example',
    '.ann@example.com',
    'ann.@example.com',
    'ann@-example.com',
    'ann@@example.com',
    'ann example@example.com',
    'é@example.com',
    'ann@exa_mple.com',
    `ann@${'b'.repeat(250)}.com`,
  ].map((value) => ({ field: 'email' as const, value })),
  ...['Zoë Ångström', "O'Brien, Jr.", '李小龙', '  Padded  ', 'N'.repeat(200), '', '   ', 'N'.repeat(201)].map(
    (value) => ({ field: 'name' as const, value }),
  ),
  ...['admin', 'program_manager', 'participant', 'Admin', 'PARTICIPANT', 'owner', 'program manager'].map((value) => ({
    field: 'role' as const,
    value,
  })),
  ...[
    'Europe/Paris',
    'UTC',
    'America/Argentina/Buenos_Aires',
    'Asia/Kolkata',
    'Asia/Calcutta',
    'Australia/Lord_Howe',
    'Asia/Kathmandu',
    'Etc/GMT+5',
    'GMT',
    'EST5EDT',
    'Mars/Base',
    'Europe/Atlantis',
    'europe/paris',
    '+05:30',
    'Paris',
  ].map((value) => ({ field: 'timeZone' as const, value })),
  // A file may also name languages and skills by their English and catalogue names ('English',
  // 'Negotiation'), which the import turns into codes and slugs first (people-csv.test.ts,
  // decision 032): those are the file's own, so this table holds none.
  ...[['en'], ['EN', 'fr'], ['en', 'en'], ['pt', 'es', 'de'], ['xx'], ['en', 'elvish'], ['englsh'], ['e']].map(
    (value) => ({ field: 'languages' as const, value }),
  ),
  ...[1, 5, 8, 0, 9, -1, 3.5, 'two'].map((value) => ({ field: 'seniority' as const, value })),
  ...[['negotiation'], ['negotiation', 'negotiation'], ['Negotiatio'], ['juggling'], ['neg_otiation']].map((value) => ({
    field: 'skillsOffered' as const,
    value,
  })),
  ...[
    { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
    { start: '00:00', end: '23:59', days: [7] },
    { start: '08:30', end: '12:00', days: [5, 1, 3] },
    { start: '9am', end: '17:00', days: [1] },
    { start: '24:00', end: '23:00', days: [1] },
    { start: '18:00', end: '17:00', days: [1] },
    { start: '09:00', end: '09:00', days: [1] },
    { start: '09:00', end: '17:00', days: [0] },
    { start: '09:00', end: '17:00', days: [8] },
    { start: '09:00', end: '17:00', days: [1, 1] },
    { start: '09:00', end: '17:00', days: ['Mon'] },
  ].map((value) => ({ field: 'workingHours' as const, value })),
  ...['Head of R&D', 'T'.repeat(200), 'T'.repeat(201)].map((value) => ({ field: 'title' as const, value })),
  ...['Sales', 'D'.repeat(201)].map((value) => ({ field: 'department' as const, value })),
  ...['São Paulo', 'L'.repeat(201)].map((value) => ({ field: 'location' as const, value })),
  ...['E-001', 'x'.repeat(101)].map((value) => ({ field: 'employeeId' as const, value })),
  ...['2026-01-31', '1900-01-01', '31/01/2026', '2026-02-30', '1899-12-31', '2026-1-5'].map((value) => ({
    field: 'leftOn' as const,
    value,
  })),
]

/** The columns a case's value lands in. */
const COLUMNS: Record<Case['field'], string[]> = {
  email: ['email'],
  name: ['name'],
  role: ['role'],
  title: ['title'],
  department: ['department'],
  location: ['location'],
  employeeId: ['employee_id'],
  timeZone: ['time_zone'],
  languages: ['languages'],
  seniority: ['seniority'],
  skillsOffered: ['skills_offered'],
  workingHours: ['working_hours_start', 'working_hours_end', WORKING_DAYS_COLUMN],
  leftOn: ['left_on'],
}

const label = (item: Case) => `${item.field} ${JSON.stringify(item.value).slice(0, 60)}`

function cellsOf(item: Case, index: number): Record<string, string> {
  const cells: Record<string, string> = {
    email: `case${index}@verdicts.test`,
    name: `Case ${index}`,
    time_zone: 'Europe/Paris',
    languages: 'en',
    seniority: '3',
    working_hours_start: '09:00',
    working_hours_end: '17:00',
    [WORKING_DAYS_COLUMN]: '1;2;3;4;5',
    role: 'participant',
    status: 'active',
  }
  switch (item.field) {
    case 'languages':
    case 'skillsOffered':
      cells[COLUMNS[item.field][0]] = item.value.join(';')
      break
    case 'workingHours':
      cells.working_hours_start = item.value.start
      cells.working_hours_end = item.value.end
      cells[WORKING_DAYS_COLUMN] = item.value.days.join(';')
      break
    case 'leftOn':
      cells.status = 'left'
      cells.left_on = item.value
      break
    default:
      cells[COLUMNS[item.field][0]] = String(item.value)
  }
  return cells
}

function csvOf(rows: Record<string, string>[]): string {
  const columns = [...PEOPLE_CSV_COLUMNS, WORKING_DAYS_COLUMN]
  const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)
  return [columns.join(','), ...rows.map((row) => columns.map((column) => quote(row[column] ?? '')).join(','))].join(
    '\n',
  )
}

type Verdict = 'valid' | 'invalid'

/** The API's verdict: 2xx valid, 400 or 422 invalid; anything else means the test itself is wrong. */
async function apiVerdict(item: Case, index: number): Promise<Verdict> {
  const inject = (method: 'POST' | 'PATCH', url: string, payload: object) =>
    t.app.inject({ method, url, headers, payload })
  let response: Awaited<ReturnType<typeof inject>>
  if (item.field === 'email' || item.field === 'name' || item.field === 'role') {
    response = await inject('POST', '/api/invitations', {
      email: `invite${index}@verdicts.test`,
      name: `Invite ${index}`,
      role: 'participant',
      [item.field]: item.value,
    })
  } else if (item.field === 'leftOn') {
    response = await inject('POST', `/api/people/${target.id}/deactivate`, { leftOn: item.value })
    if (response.statusCode === 200) {
      expect((await inject('POST', `/api/people/${target.id}/reactivate`, {})).statusCode).toBe(200)
    }
  } else {
    response = await inject('PATCH', `/api/people/${target.id}`, { [item.field]: item.value })
  }
  if (response.statusCode < 300) return 'valid'
  if (response.statusCode === 400 || response.statusCode === 422) return 'invalid'
  throw new Error(`${label(item)}: the API answered ${response.statusCode} ${response.body}`)
}

test('the API and the CSV import give every value the same verdict', async () => {
  const preview = await t.app.inject({
    method: 'POST',
    url: '/api/people/imports',
    headers,
    payload: { csv: csvOf(cases.map(cellsOf)) },
  })
  expect(preview.statusCode).toBe(201)
  const rows: Array<{ errors: Array<{ column: string; message: string }> }> = preview.json().rows
  expect(rows).toHaveLength(cases.length)

  const importVerdicts: string[] = []
  const apiVerdicts: string[] = []
  for (const [index, item] of cases.entries()) {
    const { errors } = rows[index]
    // A refused row is refused for this value, in its column(s), and for no other reason.
    for (const error of errors) expect(COLUMNS[item.field], `${label(item)}: ${error.message}`).toContain(error.column)
    importVerdicts.push(`${label(item)}: ${errors.length === 0 ? 'valid' : 'invalid'}`)
    apiVerdicts.push(`${label(item)}: ${await apiVerdict(item, index)}`)
  }
  expect(importVerdicts).toEqual(apiVerdicts)
  // The table is not one-sided: it holds values of both verdicts.
  expect(apiVerdicts.filter((verdict) => verdict.endsWith(': valid')).length).toBeGreaterThan(20)
  expect(apiVerdicts.filter((verdict) => verdict.endsWith(': invalid')).length).toBeGreaterThan(20)
})
