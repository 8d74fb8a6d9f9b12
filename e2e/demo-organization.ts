import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type APIRequestContext, request } from '@playwright/test'
import {
  DEMO_ORGANIZATION,
  DEMO_PASSWORD,
  type DemoPerson,
  demoPeople,
  demoPeopleCsv,
} from '../scripts/demo-organization.ts'
import { clockEnvironment } from './clock.ts'

export { DEMO_PASSWORD, type DemoPerson }

export interface DemoOrganization {
  /** The 60 people, as scripts/demo-organization.ts makes them; each signs in with DEMO_PASSWORD. */
  people: DemoPerson[]
  admin: DemoPerson
  /** The demo person of that name (throws on a typo, so a journey fails where it names someone unknown). */
  person: (name: string) => DemoPerson
}

async function expectStatus(response: Awaited<ReturnType<APIRequestContext['get']>>, status: number, what: string) {
  if (response.status() !== status) {
    throw new Error(`${what} answered ${response.status()} (expected ${status}): ${await response.text()}`)
  }
}

/**
 * Seeds the demo organization of `npm run seed:demo` (Northwind Labs, 60 people) into a fresh
 * instance through its public API, as an admin would: set-up as the demo admin, the people CSV
 * previewed and applied (which mails everyone their invitation), then each invitation (link from
 * the outbox) accepted with the demo password. The seed script activates accounts directly in the database; a journey's
 * server has an in-memory database in another process, so the invitation flow is the way in, and
 * it leaves everyone active, as the demo's history needs.
 */
export async function seedDemoOrganization(baseURL: string): Promise<DemoOrganization> {
  const people = demoPeople()
  const admin = people.find((person) => person.role === 'admin')
  if (!admin) throw new Error('The demo organization has no admin')
  const person = (name: string) => {
    const found = people.find((item) => item.name === name)
    if (!found) throw new Error(`No demo person is called ${name}`)
    return found
  }

  const api = await request.newContext({ baseURL })
  try {
    const setUp = await api.post('/api/setup', {
      data: { organizationName: DEMO_ORGANIZATION.name, name: admin.name, email: admin.email, password: DEMO_PASSWORD },
    })
    await expectStatus(setUp, 201, 'POST /api/setup')
    const { csrfToken } = (await setUp.json()) as { csrfToken: string }
    const headers = { 'x-csrf-token': csrfToken }

    const preview = await api.post('/api/people/imports', {
      headers,
      data: { fileName: 'northwind-people.csv', csv: demoPeopleCsv(people) },
    })
    await expectStatus(preview, 201, 'POST /api/people/imports')
    const report = (await preview.json()) as { id: string; counts: { error: number } }
    if (report.counts.error > 0) throw new Error(`The demo people do not import cleanly: ${JSON.stringify(report)}`)
    await expectStatus(
      await api.post(`/api/people/imports/${report.id}/apply`, { headers }),
      200,
      'POST /api/people/imports/:id/apply',
    )

    // Applying the import mailed every new person their invitation (issue #15).
    const invited = people.filter((item) => item !== admin)
    const links = new Map<string, string>()
    let cursor: string | null = null
    do {
      const page = await api.get('/api/outbox', { params: { limit: 100, ...(cursor ? { cursor } : {}) } })
      await expectStatus(page, 200, 'GET /api/outbox')
      const body = (await page.json()) as { emails: { to: string; text: string }[]; nextCursor: string | null }
      for (const email of body.emails) {
        const token = /\/accept-invitation\?token=([^\s"<>&]+)/.exec(email.text)?.[1]
        // Newest first: the first link seen for an address is its live one.
        if (token && !links.has(email.to)) links.set(email.to, decodeURIComponent(token))
      }
      cursor = body.nextCursor
    } while (cursor)

    const accept = await request.newContext({ baseURL })
    try {
      await Promise.all(
        [0, 1, 2, 3].map(async (lane) => {
          for (const item of invited.filter((_, index) => index % 4 === lane)) {
            const token = links.get(item.email)
            if (!token) throw new Error(`No invitation email for ${item.email} in the outbox`)
            const response = await accept.post('/api/invitations/accept', {
              data: { token, password: DEMO_PASSWORD },
            })
            await expectStatus(response, 200, `POST /api/invitations/accept for ${item.email}`)
          }
        }),
      )
    } finally {
      await accept.dispose()
    }
  } finally {
    await api.dispose()
  }
  return { people, admin, person }
}

/**
 * Runs `npm run seed:demo`'s script into a journey's storage (`DATA_DIR`, an embedded-database
 * directory, or `DATABASE_URL`, a fresh PostgreSQL database): the demo organization with its months
 * of history (scripts/demo-history.ts). The history is dated in the past, which the API does not
 * write, so a journey that needs it starts its Tandem server on this storage (after the seed has
 * exited: an embedded database has one owner) instead of seeding through the API.
 */
export async function seedDemoStorage(storage: Record<string, string>): Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
  let output = ''
  // The journey's storage (a data directory, or a fresh PostgreSQL database), whatever the environment says.
  const { DATABASE_URL: _server, ...env } = process.env
  const child = spawn(process.execPath, ['scripts/seed-demo.ts'], {
    cwd: root,
    env: { ...env, DATA_DIR: 'memory://', ...storage, LOG_LEVEL: 'warn', ...clockEnvironment() },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (chunk) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  if (code !== 0) throw new Error(`seed:demo into ${JSON.stringify(storage)} exited with ${code}:\n${output}`)
}
