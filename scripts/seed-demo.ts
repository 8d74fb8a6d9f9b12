// `npm run seed:demo`: creates the demo organization (Northwind Labs, 60 people in a realistic
// org chart across departments and time zones) in the configured database and prints how to sign in.
// Runs through the same services as the app: the people arrive by the CSV import.
import { ConfigError, loadConfig } from '../src/server/config.ts'
import { connectDatabase, type Db } from '../src/server/db/connect.ts'
import { migrateToLatest } from '../src/server/db/migrate.ts'
import type { Viewer } from '../src/server/http/viewer.ts'
import { activateAccountsWithPassword } from '../src/server/modules/auth/auth.service.ts'
import {
  createOrganization,
  findOrganizationBySlug,
} from '../src/server/modules/organizations/organizations.service.ts'
import { listDirectory } from '../src/server/modules/people/people.service.ts'
import { applyPeopleImport, previewPeopleImport } from '../src/server/modules/people/people-import.service.ts'
import { hasDemoHistory, seedDemoHistory } from './demo-history.ts'
import { DEMO_ORGANIZATION, DEMO_PASSWORD, demoPeople, demoPeopleCsv } from './demo-organization.ts'

/**
 * Creates the demo organization with its people and a few months of history (scripts/demo-history.ts,
 * relative to `now`), or completes one that an interrupted run left half-made: the import is
 * idempotent and the history is written in one transaction, so running it again converges; once
 * the history exists nothing changes. Returns what it did.
 */
export async function seedDemoOrganization(
  db: Db,
  options: { now?: Date; publicUrl?: string } = {},
): Promise<'created' | 'completed' | 'unchanged'> {
  const people = demoPeople()
  const adminSeat = people.find((person) => person.role === 'admin')
  if (!adminSeat) throw new Error('The demo organization needs an admin')
  const existing = await findOrganizationBySlug(db, DEMO_ORGANIZATION.slug)
  const { organization, adminId } = existing
    ? { organization: existing, adminId: await findAdminId(db, existing.id, adminSeat.email) }
    : await db.transaction().execute(async (trx) => {
        const created = await createOrganization(trx, {
          name: DEMO_ORGANIZATION.name,
          slug: DEMO_ORGANIZATION.slug,
          admin: { name: adminSeat.name, email: adminSeat.email, passwordHash: '' },
        })
        return { organization: created.organization, adminId: created.admin.id }
      })
  // The history deactivates some people, so the people import would no longer be "unchanged".
  if (existing && (await hasDemoHistory(db, organization.id))) return 'unchanged'
  const viewer: Viewer = {
    personId: adminId,
    organizationId: organization.id,
    role: 'admin',
    name: adminSeat.name,
    email: adminSeat.email,
    sessionId: 'seed-demo',
    csrfToken: '',
    address: null,
  }
  const preview = await previewPeopleImport(
    db,
    viewer,
    {
      fileName: 'northwind-people.csv',
      csv: demoPeopleCsv(people),
    },
    new Date(),
  )
  if (preview.counts.error > 0) {
    const problems = preview.rows.filter((row) => row.errors.length > 0).slice(0, 5)
    throw new Error(`The demo people do not import cleanly: ${JSON.stringify(problems)}`)
  }
  const isComplete = preview.counts.create === 0 && preview.counts.update === 0
  if (!isComplete) {
    await applyPeopleImport(db, viewer, preview.id, new Date())
    // Everyone in the demo can sign in with the same password, so any role can be tried.
    const directory = await listDirectory(db, viewer, { limit: 100 }, new Date())
    await activateAccountsWithPassword(
      db,
      organization.id,
      directory.people.map((person) => person.id),
      DEMO_PASSWORD,
      new Date(),
    )
  }
  await db.transaction().execute((trx) =>
    seedDemoHistory(joinable(trx), {
      organizationId: organization.id,
      now: options.now,
      publicUrl: options.publicUrl,
    }),
  )
  return existing ? 'completed' : 'created'
}

/**
 * The transaction as a database whose `transaction()` runs the work in it: services that open their
 * own transaction (themes, people) then join the seed's, so the history lands whole or not at all.
 */
function joinable(trx: Db): Db {
  return new Proxy(trx, {
    get(target, property) {
      if (property === 'transaction') return () => ({ execute: <T>(work: (inner: Db) => Promise<T>) => work(trx) })
      const value = Reflect.get(target, property, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

async function findAdminId(db: Db, organizationId: string, email: string): Promise<string> {
  const viewer: Viewer = {
    personId: '',
    organizationId,
    role: 'admin',
    name: 'seed',
    email,
    sessionId: 'seed-demo',
    csrfToken: '',
    address: null,
  }
  const found = await listDirectory(db, viewer, { q: email, limit: 1 }, new Date())
  const admin = found.people[0]
  if (!admin) throw new Error(`The demo organization exists without its admin ${email}; remove it and run again`)
  return admin.id
}

/**
 * The participant the sign-in hint names: a person in an active match that every member accepted,
 * with sessions held and coming up, goals and shared notes, so the workspace the README shows is one
 * sign-in away. The richest such match wins; ties go to the earliest email (the same every run).
 */
export async function showcaseParticipant(db: Db): Promise<{ email: string; matchId: string } | undefined> {
  const organization = await findOrganizationBySlug(db, DEMO_ORGANIZATION.slug)
  if (!organization) return undefined
  const rows = await db
    .selectFrom('matches')
    .innerJoin('programs', 'programs.id', 'matches.program_id')
    .innerJoin('match_members', 'match_members.match_id', 'matches.id')
    .innerJoin('people', 'people.id', 'match_members.person_id')
    .where('matches.organization_id', '=', organization.id)
    .where('matches.status', '=', 'active')
    .where('programs.status', '=', 'active')
    .where('people.role', '=', 'participant')
    .where('people.status', '=', 'active')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('match_members as other')
            .select('other.person_id')
            .whereRef('other.match_id', '=', 'matches.id')
            .where('other.response', '!=', 'accepted'),
        ),
      ),
    )
    .select((eb) => {
      const sessions = (status: 'held' | 'scheduled') =>
        eb
          .selectFrom('coaching_sessions')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('coaching_sessions.match_id', '=', 'matches.id')
          .where('coaching_sessions.status', '=', status)
      return [
        'people.email',
        'matches.id as matchId',
        sessions('held').as('held'),
        sessions('scheduled').as('upcoming'),
        eb
          .selectFrom('goals')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('goals.match_id', '=', 'matches.id')
          .as('goals'),
        eb
          .selectFrom('session_notes')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('session_notes.match_id', '=', 'matches.id')
          .as('notes'),
      ]
    })
    .execute()
  const rich = rows
    .map((row) => ({
      ...row,
      held: Number(row.held),
      upcoming: Number(row.upcoming),
      goals: Number(row.goals),
      notes: Number(row.notes),
    }))
    .filter((row) => row.held > 0 && row.upcoming > 0 && row.goals > 0 && row.notes > 0)
    .sort(
      (a, b) =>
        b.held + b.upcoming + b.goals + b.notes - (a.held + a.upcoming + a.goals + a.notes) ||
        a.email.localeCompare(b.email),
    )
  return rich[0] && { email: rich[0].email, matchId: rich[0].matchId }
}

async function main() {
  const config = loadConfig()
  const database = await connectDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    await migrateToLatest(database.db)
    const started = performance.now()
    const outcome = await seedDemoOrganization(database.db, { publicUrl: config.publicUrl })
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    const people = demoPeople()
    const admin = people.find((person) => person.role === 'admin')
    const manager = people.find((person) => person.role === 'program_manager')
    const participant = await showcaseParticipant(database.db)
    const said = {
      created: `Created the demo organization ${DEMO_ORGANIZATION.name} with ${people.length} people and a few months of history in ${seconds} s.`,
      completed: `Completed the demo organization ${DEMO_ORGANIZATION.name} (${people.length} people and their history) in ${seconds} s.`,
      unchanged: `The demo organization ${DEMO_ORGANIZATION.name} already exists; nothing changed.`,
    }
    console.log(said[outcome])
    console.log(`
Start Tandem with \`npm start\` and open ${config.publicUrl}, then sign in with password "${DEMO_PASSWORD}" as:
  admin            ${admin?.email}
  program manager  ${manager?.email}
  participant      ${participant?.email}
(every demo person shares that password)`)
  } finally {
    await database.close()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(error instanceof ConfigError || error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
