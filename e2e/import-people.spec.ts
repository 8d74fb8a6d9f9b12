import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { PEOPLE_CSV_COLUMNS, type PeopleCsvColumn } from '../src/contracts/people-import.ts'
import { expect, expectNoAxeViolations, setUpOrganization, signIn, test } from './fixtures.ts'

const screenshotPath = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../docs/screenshots/people-directory.png',
)

type CsvPerson = Record<PeopleCsvColumn, string>

const domain = 'northwind.example'
const emailOf = (name: string) =>
  `${name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')}@${domain}`

interface Office {
  location: string
  timeZone: string
  languages: string
}
const offices: Record<string, Office> = {
  lisbon: { location: 'Lisbon', timeZone: 'Europe/Lisbon', languages: 'en;pt' },
  berlin: { location: 'Berlin', timeZone: 'Europe/Berlin', languages: 'en;de' },
  newYork: { location: 'New York', timeZone: 'America/New_York', languages: 'en;es' },
  london: { location: 'London', timeZone: 'Europe/London', languages: 'en' },
  bangalore: { location: 'Bangalore', timeZone: 'Asia/Kolkata', languages: 'en;hi' },
  saoPaulo: { location: 'São Paulo', timeZone: 'America/Sao_Paulo', languages: 'pt;en;es' },
}

function person(
  name: string,
  title: string,
  department: string,
  office: Office,
  seniority: number,
  manager: string | null,
  skills: { offered: string[]; wanted: string[] },
  hours: [string, string] = ['09:00', '17:00'],
  role = 'participant',
): CsvPerson {
  return {
    email: emailOf(name),
    employee_id: '',
    name,
    title,
    department,
    location: office.location,
    time_zone: office.timeZone,
    languages: office.languages,
    seniority: String(seniority),
    manager_email: manager ? emailOf(manager) : '',
    skills_offered: skills.offered.join(';'),
    skills_wanted: skills.wanted.join(';'),
    working_hours_start: hours[0],
    working_hours_end: hours[1],
    role,
    status: 'active',
    left_on: '',
  }
}

const skillSets = [
  { offered: ['active-listening', 'giving-feedback'], wanted: ['public-speaking'] },
  { offered: ['software-design', 'problem-solving'], wanted: ['stakeholder-management', 'delegation'] },
  { offered: ['negotiation', 'customer-insight'], wanted: ['data-analysis'] },
  { offered: ['storytelling', 'written-communication'], wanted: ['strategic-thinking'] },
  { offered: ['facilitation', 'conflict-resolution'], wanted: ['financial-acumen'] },
  { offered: ['data-analysis', 'prioritization'], wanted: ['influencing-without-authority'] },
]

/**
 * Northwind's org chart, 50 people: the CEO, four heads of department, two engineering team leads,
 * and everyone else reporting to one of them. Managers come first so the file reads top-down, but
 * the import does not depend on that order.
 */
function northwindPeople(): CsvPerson[] {
  const leadership = { offered: ['strategic-thinking', 'coaching-others'], wanted: ['resilience'] }
  const people = [
    person('Maya Chen', 'Chief executive officer', 'Leadership', offices.lisbon, 8, null, leadership, [
      '08:00',
      '16:00',
    ]),
    person(
      'Tomás Silva',
      'VP of engineering',
      'Engineering',
      offices.berlin,
      7,
      'Maya Chen',
      leadership,
      ['09:00', '17:00'],
      'program_manager',
    ),
    person(
      'Priya Raman',
      'VP of sales',
      'Sales',
      offices.newYork,
      7,
      'Maya Chen',
      leadership,
      ['08:00', '16:00'],
      'program_manager',
    ),
    person('Kwame Mensah', 'Head of marketing', 'Marketing', offices.london, 6, 'Maya Chen', leadership),
    person(
      'Sofia Rossi',
      'Head of people',
      'People',
      offices.lisbon,
      6,
      'Maya Chen',
      leadership,
      ['09:00', '17:00'],
      'program_manager',
    ),
    person(
      'Arjun Mehta',
      'Engineering manager, platform',
      'Engineering',
      offices.bangalore,
      5,
      'Tomás Silva',
      skillSets[1]!,
      ['10:00', '18:00'],
    ),
    person(
      'Hannah Becker',
      'Engineering manager, product',
      'Engineering',
      offices.berlin,
      5,
      'Tomás Silva',
      skillSets[1]!,
    ),
  ]
  const teams: Array<{ manager: string; department: string; titles: string[]; office: Office[]; names: string[] }> = [
    {
      manager: 'Arjun Mehta',
      department: 'Engineering',
      titles: ['Senior software engineer', 'Software engineer', 'Site reliability engineer'],
      office: [offices.bangalore, offices.berlin],
      names: [
        'Ravi Kumar',
        'Ananya Iyer',
        'Lukas Weber',
        'Deepa Nair',
        'Jonas Fischer',
        'Meera Pillai',
        'Felix Braun',
        'Kiran Rao',
      ],
    },
    {
      manager: 'Hannah Becker',
      department: 'Engineering',
      titles: ['Senior software engineer', 'Software engineer', 'Product designer', 'QA engineer'],
      office: [offices.berlin, offices.lisbon],
      names: [
        'Lena Hoffmann',
        'Pedro Santos',
        'Nina Schulz',
        'Inês Costa',
        'Max Wagner',
        'Beatriz Lima',
        'Paul Richter',
      ],
    },
    {
      manager: 'Priya Raman',
      department: 'Sales',
      titles: ['Account executive', 'Sales development representative', 'Solutions consultant'],
      office: [offices.newYork, offices.saoPaulo],
      names: [
        'Jordan Miller',
        'Camila Rocha',
        'Ethan Brooks',
        'Lucas Oliveira',
        'Olivia Carter',
        'Gabriel Souza',
        'Ava Thompson',
        'Mateus Alves',
        'Noah Bennett',
        'Larissa Martins',
      ],
    },
    {
      manager: 'Kwame Mensah',
      department: 'Marketing',
      titles: ['Content strategist', 'Product marketing manager', 'Growth marketer'],
      office: [offices.london, offices.newYork],
      names: [
        'Amelia Hughes',
        'Oliver Grant',
        'Grace Okoro',
        'Harry Patel',
        'Isla Morgan',
        'Daniel Reyes',
        'Chloe Evans',
      ],
    },
    {
      manager: 'Sofia Rossi',
      department: 'People',
      titles: ['People partner', 'Recruiter', 'Learning and development specialist'],
      office: [offices.lisbon, offices.london],
      names: [
        'Giulia Bianchi',
        'Rui Ferreira',
        'Emma Walsh',
        'Marta Sousa',
        'Leo Ricci',
        'Clara Neves',
        'Sam Doyle',
        'Ana Pereira',
        'Tom Reid',
        'Joana Matos',
        'Marco Greco',
      ],
    },
  ]
  let index = 0
  for (const team of teams) {
    team.names.forEach((name, position) => {
      const office = team.office[position % team.office.length]!
      const title = team.titles[position % team.titles.length]!
      const seniority = 2 + ((index * 3) % 4)
      const hours: [string, string] = index % 5 === 0 ? ['08:00', '16:00'] : ['09:00', '17:30']
      people.push(
        person(
          name,
          title,
          team.department,
          office,
          seniority,
          team.manager,
          skillSets[index % skillSets.length]!,
          hours,
        ),
      )
      index += 1
    })
  }
  return people
}

function toCsv(people: CsvPerson[]): string {
  const cell = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value)
  return `${[PEOPLE_CSV_COLUMNS.join(','), ...people.map((row) => PEOPLE_CSV_COLUMNS.map((column) => cell(row[column])).join(','))].join('\n')}\n`
}

test.use({ viewport: { width: 1280, height: 800 } })

test('an admin imports 50 people, fixes the 3 bad rows, applies and finds them with their managers', async ({
  page,
  tandemUrl,
}) => {
  const admin = await setUpOrganization(tandemUrl)
  const people = northwindPeople()
  expect(people).toHaveLength(50)
  expect(new Set(people.map((row) => row.email)).size).toBe(50)

  // Three rows go wrong, as they do in real spreadsheets. The header is row 1, so people[i] is row i + 2.
  const bad = { timeZone: 12, seniority: 27, manager: 41 }
  const broken = people.map((row) => ({ ...row }))
  broken[bad.timeZone]!.time_zone = 'Europe/Atlantis'
  broken[bad.seniority]!.seniority = '12'
  broken[bad.manager]!.manager_email = `nobody@${domain}`
  for (const index of Object.values(bad))
    expect(people.some((row) => row.manager_email === people[index]!.email)).toBe(false)

  await signIn(page, admin.email, admin.password)
  // The admin's own details, so the directory (and the README screenshot) shows a complete first row.
  const session = await (await page.request.get('/api/auth/session')).json()
  const adminUpdate = await page.request.patch(`/api/people/${session.viewer.id}`, {
    headers: { 'x-csrf-token': session.csrfToken },
    data: { title: 'Operations director', department: 'Operations' },
  })
  expect(adminUpdate.status()).toBe(200)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Import people' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: 'Upload people' })).toBeVisible()
  await expectNoAxeViolations(page)

  // Upload the file with errors: the report names the three rows, and nothing can be applied.
  await page.getByLabel('CSV file').setInputFiles({
    name: 'northwind-people.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(toCsv(broken)),
  })
  await page.getByRole('button', { name: 'Preview import' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Preview of northwind-people.csv' })).toBeVisible()
  await expect(page.getByText('3 rows have errors')).toBeVisible()
  await expect(page.getByRole('checkbox', { name: 'Show only rows with errors' })).toBeChecked()
  const reportRows = page.getByRole('table', { name: 'Rows in the file' }).getByRole('row')
  await expect(reportRows).toHaveCount(1 + 3)
  const reportRow = (index: number) =>
    reportRows.filter({ has: page.getByRole('cell', { name: people[index]!.email, exact: true }) })
  await expect(reportRow(bad.timeZone)).toContainText(`${bad.timeZone + 2}`)
  // The rule's words are the API's (TimeZoneSchema); the report adds the column and the refused value.
  await expect(reportRow(bad.timeZone)).toContainText(/time_zone: must be .*, not "Europe\/Atlantis"/)
  await expect(reportRow(bad.seniority)).toContainText(`${bad.seniority + 2}`)
  await expect(reportRow(bad.seniority)).toContainText('seniority: must be a whole number from 1 to 8, not "12"')
  await expect(reportRow(bad.manager)).toContainText(`${bad.manager + 2}`)
  await expect(reportRow(bad.manager)).toContainText(
    `manager_email: no one with the email or employee id "nobody@${domain}"`,
  )
  for (const row of [reportRow(bad.timeZone), reportRow(bad.seniority), reportRow(bad.manager)]) {
    await expect(row).toContainText('Error')
  }
  await expect(page.getByRole('button', { name: 'Apply import' })).toBeDisabled()
  await expect(page.getByText('Fix the errors first.')).toBeVisible()
  // Everyone else is ready to be added.
  await page.getByRole('checkbox', { name: 'Show only rows with errors' }).uncheck()
  await expect(reportRows).toHaveCount(1 + 50)
  await expect(reportRows.filter({ hasText: 'Add' })).toHaveCount(47)
  await expectNoAxeViolations(page)

  // Upload the fixed file: ready to apply.
  await expect(page.getByRole('heading', { level: 2, name: 'Fix the file and upload again' })).toBeVisible()
  await page.getByLabel('CSV file').setInputFiles({
    name: 'northwind-people-fixed.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(toCsv(people)),
  })
  await page.getByRole('button', { name: 'Preview import' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Preview of northwind-people-fixed.csv' })).toBeVisible()
  await expect(page.getByText('Ready to apply')).toBeVisible()
  await expect(page.getByText('Every row is valid. Applying adds 50 people and updates 0 people')).toBeVisible()
  await expect(reportRows).toHaveCount(1 + 50)
  await expect(reportRows.filter({ hasText: 'Add' })).toHaveCount(50)
  await expect(page.getByRole('checkbox', { name: 'Show only rows with errors' })).toHaveCount(0)
  await expectNoAxeViolations(page)

  await page.getByRole('button', { name: 'Apply import' }).click()
  await expect(page.getByText('Import applied')).toBeVisible()
  await expect(page.getByText('50 people added, 0 updated, 0 unchanged.')).toBeVisible()
  await expectNoAxeViolations(page)

  // The export link gives back everyone, in the import's columns.
  const downloadStarted = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Export CSV' }).click()
  const download = await downloadStarted
  expect(download.suggestedFilename()).toMatch(/^people-\d{4}-\d{2}-\d{2}\.csv$/)
  const exported = (await readFile(await download.path(), 'utf8')).trimEnd().split(/\r?\n/)
  expect(exported).toHaveLength(1 + 51)
  expect(exported[0]?.split(',').slice(0, PEOPLE_CSV_COLUMNS.length)).toEqual([...PEOPLE_CSV_COLUMNS])
  const exportedRow = exported.find((line) => line.startsWith(`${emailOf('Nina Schulz')},`))
  expect(exportedRow).toContain(`,${emailOf('Hannah Becker')},`)

  // The directory holds everyone.
  await page.getByRole('link', { name: 'Go to the people directory' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: '51 people' })).toBeVisible()
  const directory = page.getByRole('table', { name: 'People' })
  await expect(directory.getByRole('row')).toHaveCount(1 + 25)
  const pages = page.getByRole('navigation', { name: 'People pages' })
  await expect(pages).toContainText('Showing 25 people, 25 a page, by name')
  await expect(pages.getByRole('button', { name: 'Previous page' })).toBeDisabled()
  await expectNoAxeViolations(page)
  await page.evaluate(() => document.fonts.ready)
  await page.screenshot({ path: screenshotPath })

  // Search finds people, each shown with their manager.
  const search = page.getByRole('searchbox', { name: 'Search people' })
  const directoryRow = (name: string) =>
    directory.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) })
  await search.fill('Priya')
  await expect(page.getByRole('status').filter({ hasText: '1 person match' })).toBeVisible()
  await expect(directoryRow('Priya Raman')).toContainText('VP of sales')
  await expect(directoryRow('Priya Raman')).toContainText('Maya Chen')

  await search.fill('Account executive')
  await expect(page.getByRole('status').filter({ hasText: '4 people match' })).toBeVisible()
  for (const name of ['Jordan Miller', 'Lucas Oliveira', 'Ava Thompson', 'Larissa Martins']) {
    await expect(directoryRow(name)).toContainText('Priya Raman')
  }
  await expectNoAxeViolations(page)

  await search.fill('schulz')
  await expect(page.getByRole('status').filter({ hasText: '1 person match' })).toBeVisible()
  await expect(directoryRow('Nina Schulz')).toContainText('Hannah Becker')
  await directory.getByRole('link', { name: 'Nina Schulz', exact: true }).click()

  // Her page shows her manager, who leads to theirs.
  await expect(page.getByRole('heading', { level: 1, name: 'Nina Schulz' })).toBeVisible()
  const profile = page.getByRole('region', { name: 'Profile' })
  await expect(profile).toContainText('Engineering')
  await expect(profile).toContainText('Europe/Berlin')
  await expectNoAxeViolations(page)
  await profile.getByRole('link', { name: 'Hannah Becker', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Hannah Becker' })).toBeVisible()
  await expect(
    page.getByRole('region', { name: 'Profile' }).getByRole('link', { name: 'Tomás Silva', exact: true }),
  ).toBeVisible()
})
