import { stringify } from 'csv-stringify/sync'
import { PEOPLE_CSV_COLUMNS, type PeopleCsvColumn } from '../src/contracts/people-import.ts'

// The demo organization: a deterministic, realistic org chart of 60 people across departments,
// offices and time zones, with skills and working hours. Used by `npm run seed:demo` and tests.

export interface DemoPerson {
  email: string
  employeeId: string
  name: string
  title: string
  department: string
  location: string
  timeZone: string
  languages: string[]
  seniority: number
  managerEmail: string | null
  skillsOffered: string[]
  skillsWanted: string[]
  workingHoursStart: string
  workingHoursEnd: string
  role: 'admin' | 'program_manager' | 'participant'
}

export const DEMO_ORGANIZATION = { name: 'Northwind Labs', slug: 'northwind-labs' }
export const DEMO_DOMAIN = 'northwind.example'
export const DEMO_PASSWORD = 'tandem-demo-password'

interface Office {
  location: string
  timeZone: string
  languages: string[]
  hours: [string, string]
}

const offices: Record<string, Office> = {
  berlin: { location: 'Berlin', timeZone: 'Europe/Berlin', languages: ['en', 'de'], hours: ['09:00', '17:30'] },
  london: { location: 'London', timeZone: 'Europe/London', languages: ['en'], hours: ['09:00', '17:30'] },
  lisbon: { location: 'Lisbon', timeZone: 'Europe/Lisbon', languages: ['en', 'pt'], hours: ['09:30', '18:00'] },
  newYork: { location: 'New York', timeZone: 'America/New_York', languages: ['en', 'es'], hours: ['09:00', '17:00'] },
  sanFrancisco: {
    location: 'San Francisco',
    timeZone: 'America/Los_Angeles',
    languages: ['en'],
    hours: ['08:30', '16:30'],
  },
  toronto: { location: 'Toronto', timeZone: 'America/Toronto', languages: ['en', 'fr'], hours: ['09:00', '17:00'] },
  saoPaulo: {
    location: 'São Paulo',
    timeZone: 'America/Sao_Paulo',
    languages: ['pt', 'en', 'es'],
    hours: ['09:00', '18:00'],
  },
  bangalore: { location: 'Bangalore', timeZone: 'Asia/Kolkata', languages: ['en', 'hi'], hours: ['10:00', '18:30'] },
  singapore: { location: 'Singapore', timeZone: 'Asia/Singapore', languages: ['en', 'zh'], hours: ['09:00', '18:00'] },
}

type OfficeKey = keyof typeof offices

interface Seat {
  name: string
  title: string
  department: string
  office: OfficeKey
  seniority: number
  /** Index of the manager's seat in `seats`, or null for the CEO. */
  manager: number | null
  role?: DemoPerson['role']
}

// Department heads report to the CEO; teams report to their lead. Indices are seat positions.
const seats: Seat[] = [
  {
    name: 'Amara Okafor',
    title: 'Chief Executive Officer',
    department: 'Executive',
    office: 'london',
    seniority: 8,
    manager: null,
  },
  // 1-17 Engineering
  {
    name: 'Lukas Becker',
    title: 'VP Engineering',
    department: 'Engineering',
    office: 'berlin',
    seniority: 7,
    manager: 0,
  },
  {
    name: 'Priya Raman',
    title: 'Engineering Manager, Platform',
    department: 'Engineering',
    office: 'bangalore',
    seniority: 6,
    manager: 1,
  },
  {
    name: 'Diego Alvarez',
    title: 'Engineering Manager, Product Teams',
    department: 'Engineering',
    office: 'saoPaulo',
    seniority: 6,
    manager: 1,
  },
  {
    name: 'Hannah Schmidt',
    title: 'Staff Engineer',
    department: 'Engineering',
    office: 'berlin',
    seniority: 5,
    manager: 2,
  },
  {
    name: 'Arjun Mehta',
    title: 'Senior Software Engineer',
    department: 'Engineering',
    office: 'bangalore',
    seniority: 4,
    manager: 2,
  },
  {
    name: 'Kavya Iyer',
    title: 'Software Engineer',
    department: 'Engineering',
    office: 'bangalore',
    seniority: 3,
    manager: 2,
  },
  {
    name: 'Tom Fischer',
    title: 'Site Reliability Engineer',
    department: 'Engineering',
    office: 'berlin',
    seniority: 4,
    manager: 2,
  },
  {
    name: 'Wei Ling Tan',
    title: 'Senior Software Engineer',
    department: 'Engineering',
    office: 'singapore',
    seniority: 4,
    manager: 2,
  },
  {
    name: 'Rohan Das',
    title: 'Software Engineer',
    department: 'Engineering',
    office: 'bangalore',
    seniority: 2,
    manager: 2,
  },
  {
    name: 'Beatriz Santos',
    title: 'Senior Software Engineer',
    department: 'Engineering',
    office: 'saoPaulo',
    seniority: 4,
    manager: 3,
  },
  {
    name: 'Mateus Costa',
    title: 'Software Engineer',
    department: 'Engineering',
    office: 'saoPaulo',
    seniority: 3,
    manager: 3,
  },
  {
    name: 'Emily Zhang',
    title: 'Software Engineer',
    department: 'Engineering',
    office: 'sanFrancisco',
    seniority: 2,
    manager: 3,
  },
  {
    name: 'Jonas Weber',
    title: 'Frontend Engineer',
    department: 'Engineering',
    office: 'berlin',
    seniority: 3,
    manager: 3,
  },
  { name: 'Sofia Rossi', title: 'QA Engineer', department: 'Engineering', office: 'lisbon', seniority: 3, manager: 3 },
  {
    name: 'Marcus Johnson',
    title: 'Senior Software Engineer',
    department: 'Engineering',
    office: 'newYork',
    seniority: 5,
    manager: 3,
  },
  {
    name: 'Léa Tremblay',
    title: 'Software Engineer',
    department: 'Engineering',
    office: 'toronto',
    seniority: 2,
    manager: 3,
  },
  {
    name: 'Nikhil Rao',
    title: 'Junior Software Engineer',
    department: 'Engineering',
    office: 'bangalore',
    seniority: 1,
    manager: 2,
  },
  // 18-22 Product
  {
    name: 'Grace Kim',
    title: 'Head of Product',
    department: 'Product',
    office: 'sanFrancisco',
    seniority: 7,
    manager: 0,
  },
  {
    name: 'Oliver Brown',
    title: 'Senior Product Manager',
    department: 'Product',
    office: 'london',
    seniority: 5,
    manager: 18,
  },
  {
    name: 'Ana Ferreira',
    title: 'Product Manager',
    department: 'Product',
    office: 'lisbon',
    seniority: 4,
    manager: 18,
  },
  {
    name: 'Daniel Cohen',
    title: 'Product Manager',
    department: 'Product',
    office: 'newYork',
    seniority: 3,
    manager: 18,
  },
  {
    name: 'Mei Chen',
    title: 'Associate Product Manager',
    department: 'Product',
    office: 'singapore',
    seniority: 2,
    manager: 18,
  },
  // 23-26 Design
  { name: 'Isabelle Martin', title: 'Design Lead', department: 'Design', office: 'toronto', seniority: 6, manager: 18 },
  {
    name: 'Kenji Watanabe',
    title: 'Senior Product Designer',
    department: 'Design',
    office: 'sanFrancisco',
    seniority: 4,
    manager: 23,
  },
  {
    name: 'Clara Müller',
    title: 'Product Designer',
    department: 'Design',
    office: 'berlin',
    seniority: 3,
    manager: 23,
  },
  {
    name: 'Lucas Oliveira',
    title: 'UX Researcher',
    department: 'Design',
    office: 'saoPaulo',
    seniority: 3,
    manager: 23,
  },
  // 27-37 Sales
  { name: 'James Carter', title: 'VP Sales', department: 'Sales', office: 'newYork', seniority: 7, manager: 0 },
  {
    name: 'Rachel Green',
    title: 'Sales Manager, Americas',
    department: 'Sales',
    office: 'newYork',
    seniority: 5,
    manager: 27,
  },
  {
    name: 'Felix Wagner',
    title: 'Sales Manager, EMEA',
    department: 'Sales',
    office: 'berlin',
    seniority: 5,
    manager: 27,
  },
  {
    name: 'Carlos Mendoza',
    title: 'Account Executive',
    department: 'Sales',
    office: 'newYork',
    seniority: 3,
    manager: 28,
  },
  {
    name: 'Jessica Miller',
    title: 'Senior Account Executive',
    department: 'Sales',
    office: 'sanFrancisco',
    seniority: 4,
    manager: 28,
  },
  {
    name: 'Tyler Brooks',
    title: 'Sales Development Representative',
    department: 'Sales',
    office: 'toronto',
    seniority: 1,
    manager: 28,
  },
  {
    name: 'Gabriela Souza',
    title: 'Account Executive',
    department: 'Sales',
    office: 'saoPaulo',
    seniority: 3,
    manager: 28,
  },
  { name: 'Emma Dubois', title: 'Account Executive', department: 'Sales', office: 'london', seniority: 3, manager: 29 },
  {
    name: 'Maximilian Braun',
    title: 'Senior Account Executive',
    department: 'Sales',
    office: 'berlin',
    seniority: 4,
    manager: 29,
  },
  {
    name: 'Aisha Khan',
    title: 'Sales Development Representative',
    department: 'Sales',
    office: 'london',
    seniority: 1,
    manager: 29,
  },
  {
    name: 'Siddharth Nair',
    title: 'Solutions Engineer',
    department: 'Sales',
    office: 'singapore',
    seniority: 4,
    manager: 29,
  },
  // 38-43 Customer Success
  {
    name: 'Olivia Wilson',
    title: 'Head of Customer Success',
    department: 'Customer Success',
    office: 'london',
    seniority: 6,
    manager: 0,
  },
  {
    name: 'Ethan Murphy',
    title: 'Customer Success Manager',
    department: 'Customer Success',
    office: 'newYork',
    seniority: 4,
    manager: 38,
  },
  {
    name: 'Ines Pereira',
    title: 'Customer Success Manager',
    department: 'Customer Success',
    office: 'lisbon',
    seniority: 3,
    manager: 38,
  },
  {
    name: 'Ravi Kumar',
    title: 'Support Engineer',
    department: 'Customer Success',
    office: 'bangalore',
    seniority: 2,
    manager: 38,
  },
  {
    name: 'Chloe Lambert',
    title: 'Support Specialist',
    department: 'Customer Success',
    office: 'toronto',
    seniority: 1,
    manager: 38,
  },
  {
    name: 'Noah Schneider',
    title: 'Implementation Consultant',
    department: 'Customer Success',
    office: 'berlin',
    seniority: 3,
    manager: 38,
  },
  // 44-48 Marketing
  {
    name: 'Sophie Laurent',
    title: 'Head of Marketing',
    department: 'Marketing',
    office: 'london',
    seniority: 6,
    manager: 0,
  },
  {
    name: 'Liam O’Connor',
    title: 'Content Lead',
    department: 'Marketing',
    office: 'london',
    seniority: 4,
    manager: 44,
  },
  {
    name: 'Camila Rodrigues',
    title: 'Growth Marketer',
    department: 'Marketing',
    office: 'saoPaulo',
    seniority: 3,
    manager: 44,
  },
  {
    name: 'Ava Thompson',
    title: 'Product Marketing Manager',
    department: 'Marketing',
    office: 'sanFrancisco',
    seniority: 4,
    manager: 44,
  },
  {
    name: 'Yuki Tanaka',
    title: 'Marketing Coordinator',
    department: 'Marketing',
    office: 'singapore',
    seniority: 1,
    manager: 44,
  },
  // 49-52 People & Culture
  {
    name: 'Maria Garcia',
    title: 'Head of People & Culture',
    department: 'People & Culture',
    office: 'lisbon',
    seniority: 6,
    manager: 0,
    role: 'admin',
  },
  {
    name: 'Samuel Adeyemi',
    title: 'Learning & Development Partner',
    department: 'People & Culture',
    office: 'london',
    seniority: 4,
    manager: 49,
    role: 'program_manager',
  },
  {
    name: 'Nora Hansen',
    title: 'People Partner',
    department: 'People & Culture',
    office: 'berlin',
    seniority: 4,
    manager: 49,
    role: 'program_manager',
  },
  {
    name: 'Deepa Krishnan',
    title: 'Talent Acquisition Specialist',
    department: 'People & Culture',
    office: 'bangalore',
    seniority: 2,
    manager: 49,
  },
  // 53-55 Finance
  {
    name: 'Robert Fischer',
    title: 'Head of Finance',
    department: 'Finance',
    office: 'berlin',
    seniority: 6,
    manager: 0,
  },
  {
    name: 'Laura Bianchi',
    title: 'Financial Analyst',
    department: 'Finance',
    office: 'lisbon',
    seniority: 3,
    manager: 53,
  },
  { name: 'Kwame Mensah', title: 'Accountant', department: 'Finance', office: 'london', seniority: 2, manager: 53 },
  // 56-59 Data
  { name: 'Elena Popescu', title: 'Head of Data', department: 'Data', office: 'berlin', seniority: 6, manager: 1 },
  { name: 'Haruto Sato', title: 'Data Scientist', department: 'Data', office: 'singapore', seniority: 4, manager: 56 },
  { name: 'Fatima Zahra', title: 'Data Analyst', department: 'Data', office: 'london', seniority: 2, manager: 56 },
  {
    name: 'Pedro Lima',
    title: 'Analytics Engineer',
    department: 'Data',
    office: 'saoPaulo',
    seniority: 3,
    manager: 56,
  },
]

// Skills each department tends to offer; people want what their level and role call for next.
const departmentSkills: Record<string, string[]> = {
  Executive: ['strategic-thinking', 'setting-direction', 'leading-change', 'decision-making', 'building-trust'],
  Engineering: [
    'software-design',
    'problem-solving',
    'process-improvement',
    'managing-risk',
    'project-planning',
    'data-analysis',
  ],
  Product: ['product-thinking', 'prioritization', 'stakeholder-management', 'customer-insight', 'storytelling'],
  Design: ['customer-insight', 'facilitation', 'storytelling', 'product-thinking', 'inclusive-teamwork'],
  Sales: ['negotiation', 'public-speaking', 'influencing-without-authority', 'networking', 'resilience'],
  'Customer Success': [
    'active-listening',
    'difficult-conversations',
    'customer-insight',
    'conflict-resolution',
    'resilience',
  ],
  Marketing: ['storytelling', 'written-communication', 'public-speaking', 'data-analysis', 'networking'],
  'People & Culture': [
    'coaching-others',
    'active-listening',
    'giving-feedback',
    'conflict-resolution',
    'inclusive-teamwork',
  ],
  Finance: ['financial-acumen', 'data-analysis', 'managing-risk', 'decision-making', 'written-communication'],
  Data: ['data-analysis', 'problem-solving', 'storytelling', 'software-design', 'asking-powerful-questions'],
}

const growthSkills = {
  early: [
    'time-management',
    'receiving-feedback',
    'navigating-the-organization',
    'career-planning',
    'public-speaking',
    'networking',
    'self-awareness',
    'written-communication',
  ],
  mid: [
    'giving-feedback',
    'difficult-conversations',
    'influencing-without-authority',
    'stakeholder-management',
    'negotiation',
    'managing-up',
    'facilitation',
    'cross-team-collaboration',
  ],
  senior: [
    'delegation',
    'coaching-others',
    'leading-change',
    'strategic-thinking',
    'building-trust',
    'asking-powerful-questions',
    'remote-collaboration',
    'resilience',
  ],
}

/** A small deterministic PRNG (mulberry32) so every run creates the same organization. */
export function random(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function pick<T>(items: readonly T[], count: number, next: () => number, exclude: ReadonlySet<T> = new Set()): T[] {
  const pool = items.filter((item) => !exclude.has(item))
  const chosen: T[] = []
  while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(Math.floor(next() * pool.length), 1)[0])
  return chosen
}

function emailOf(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’']/g, '')
    .toLowerCase()
  const [first, ...rest] = ascii.split(' ')
  return `${first}.${rest.join('')}@${DEMO_DOMAIN}`
}

/** The 60 people of the demo organization, managers before their reports. */
export function demoPeople(): DemoPerson[] {
  const next = random(20261124)
  return seats.map((seat, index) => {
    const office = offices[seat.office]
    const offered = new Set(pick(departmentSkills[seat.department], seat.seniority >= 5 ? 4 : 3, next))
    if (seat.seniority >= 5) offered.add(pick(growthSkills.senior, 1, next, offered)[0])
    const stage =
      seat.seniority <= 2 ? growthSkills.early : seat.seniority <= 4 ? growthSkills.mid : growthSkills.senior
    const wanted = pick(stage, 3, next, offered)
    // A few people start earlier or later than their office's usual hours.
    const shift = next()
    const [start, end] =
      shift < 0.15 ? ['08:00', '16:00'] : shift > 0.88 ? ['10:00', '18:30'] : (office.hours as [string, string])
    return {
      email: emailOf(seat.name),
      employeeId: `NW-${String(1001 + index)}`,
      name: seat.name,
      title: seat.title,
      department: seat.department,
      location: office.location,
      timeZone: office.timeZone,
      languages: office.languages,
      seniority: seat.seniority,
      managerEmail: seat.manager === null ? null : emailOf(seats[seat.manager].name),
      skillsOffered: [...offered],
      skillsWanted: wanted,
      workingHoursStart: start,
      workingHoursEnd: end,
      role: seat.role ?? 'participant',
    }
  })
}

/** The demo people as a people-import CSV (the columns of src/contracts/people-import.ts). */
export function demoPeopleCsv(people: DemoPerson[] = demoPeople()): string {
  const rows = people.map(
    (person): Record<PeopleCsvColumn, string> => ({
      email: person.email,
      employee_id: person.employeeId,
      name: person.name,
      title: person.title,
      department: person.department,
      location: person.location,
      time_zone: person.timeZone,
      languages: person.languages.join(';'),
      seniority: String(person.seniority),
      manager_email: person.managerEmail ?? '',
      skills_offered: person.skillsOffered.join(';'),
      skills_wanted: person.skillsWanted.join(';'),
      working_hours_start: person.workingHoursStart,
      working_hours_end: person.workingHoursEnd,
      role: person.role,
      status: 'active',
      left_on: '',
    }),
  )
  return stringify(rows, { header: true, columns: [...PEOPLE_CSV_COLUMNS] })
}
