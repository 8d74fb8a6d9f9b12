import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { UnsubscribeInfoSchema } from '#contracts/notifications.ts'
import type { PersonRow } from '#server/db/schema.ts'
import { buildMatch, buildOrganization, buildPerson, buildProgram } from '#server/test/factories.ts'
import { createSmtpSink } from '#server/test/smtp-sink.ts'
import { createTestApp, sessionHeadersFor, type TestApp } from '#server/test/test-app.ts'

// A real SMTP server in the test: notification emails go through the app's mailer, its job queue and
// nodemailer, and arrive here as raw messages.
const smtp = createSmtpSink()
let smtpUrl = ''

let t: TestApp
beforeAll(async () => {
  smtpUrl = await smtp.start()
  t = await createTestApp({ smtpUrl, publicUrl: 'https://tandem.example.test' })
})
afterAll(async () => {
  await t.close()
  await smtp.stop()
})

/** The header block, unfolded, and the text body with quoted-printable undone. */
function parse(raw: string) {
  const split = raw.indexOf('\r\n\r\n')
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ')
  const headers = new Map<string, string>()
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':')
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim())
  }
  const body = raw
    .slice(split + 4)
    .replace(/=\r\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
  return { headers, body }
}

const mailTo = (person: PersonRow) => smtp.received.filter((m) => m.to.includes(person.email))

/** Runs the queued email jobs (SMTP delivery is a durable job). */
async function deliverQueuedEmails() {
  await t.jobs.drain()
}

async function publish(programId: string, headers: Record<string, string>) {
  const response = await t.app.inject({ method: 'POST', url: `/api/programs/${programId}/matches/publish`, headers })
  expect(response.statusCode, response.body).toBe(200)
}

describe('notification email over SMTP with a working unsubscribe link', () => {
  test('the email arrives with the link and headers; the link works signed out; that category stops, others go on', async () => {
    const org = await buildOrganization(t.db)
    const pm = await buildPerson(t.db, { organizationId: org.id, role: 'program_manager' })
    const pmHeaders = await sessionHeadersFor(t.db, pm)
    const [ana, ben, carol, dan, eve] = await Promise.all(
      ['ana', 'ben', 'carol', 'dan', 'eve'].map((name) =>
        buildPerson(t.db, { organizationId: org.id, email: `${name}.${org.id}@example.test` }),
      ),
    )
    // Ana is also the program's support contact: support requests are another email category.
    const program = await buildProgram(t.db, {
      organizationId: org.id,
      status: 'matching',
      created_by: pm.id,
      support_contact_id: ana.id,
    })

    // 1. Publishing a match emails both members.
    await buildMatch(t.db, {
      organizationId: org.id,
      programId: program.id,
      memberIds: [ana.id, ben.id],
      status: 'proposed',
    })
    await publish(program.id, pmHeaders)
    await deliverQueuedEmails()
    expect(mailTo(ben)).toHaveLength(1)
    const [first] = mailTo(ana)
    expect(first, 'the match email reached the SMTP server').toBeDefined()
    const { headers, body } = parse(first.raw)
    expect(headers.get('subject')).toBe(`Your match in ${program.name}`)

    const listUnsubscribe = headers.get('list-unsubscribe') ?? ''
    const oneClick =
      /^<(https:\/\/tandem\.example\.test\/api\/unsubscribe\/([\w-]+)\/one-click\?category=matches)>$/.exec(
        listUnsubscribe,
      )
    expect(oneClick, listUnsubscribe).not.toBeNull()
    expect(headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')
    const token = oneClick?.[2] ?? ''
    expect(body).toContain(`Stop "Matches" emails: https://tandem.example.test/unsubscribe/${token}?category=matches`)
    expect(body).toContain('https://tandem.example.test/me/email-preferences')
    // Ben's link is his own.
    expect(parse(mailTo(ben)[0].raw).headers.get('list-unsubscribe')).not.toContain(token)

    // 2. The link works without a session: the page's information, then the mail program's one-click POST.
    const info = await t.app.inject({ method: 'GET', url: `/api/unsubscribe/${token}` })
    expect(info.statusCode, info.body).toBe(200)
    const shown = UnsubscribeInfoSchema.parse(info.json())
    expect(shown.maskedEmail).toBe('a***@example.test')
    expect(shown.categories.find((c) => c.category === 'matches')?.isEnabled).toBe(true)
    const clicked = await t.app.inject({
      method: 'POST',
      url: (oneClick?.[1] ?? '').replace('https://tandem.example.test', ''),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    })
    expect(clicked.statusCode, clicked.body).toBe(204)
    const after = UnsubscribeInfoSchema.parse(
      (await t.app.inject({ method: 'GET', url: `/api/unsubscribe/${token}` })).json(),
    )
    expect(after.categories.filter((c) => !c.isEnabled).map((c) => c.category)).toEqual(['matches'])

    // 3. Another match email: Carol gets hers, Ana none (her in-app notification still arrives).
    await buildMatch(t.db, {
      organizationId: org.id,
      programId: program.id,
      memberIds: [ana.id, carol.id],
      status: 'proposed',
    })
    await publish(program.id, pmHeaders)
    await deliverQueuedEmails()
    expect(mailTo(carol)).toHaveLength(1)
    expect(parse(mailTo(carol)[0].raw).headers.get('list-unsubscribe')).toMatch(/category=matches>$/)
    expect(mailTo(ana)).toHaveLength(1)
    const inApp = await t.db
      .selectFrom('notifications')
      .select('kind')
      .where('person_id', '=', ana.id)
      .where('kind', '=', 'match_published')
      .execute()
    expect(inApp).toHaveLength(2)

    // 4. Another category still reaches Ana: a support request in a match she supports.
    const supported = await buildMatch(t.db, {
      organizationId: org.id,
      programId: program.id,
      memberIds: [dan.id, eve.id],
      status: 'active',
    })
    const support = await t.app.inject({
      method: 'POST',
      url: `/api/matches/${supported.id}/support-requests`,
      headers: await sessionHeadersFor(t.db, dan),
      payload: { message: 'Could we talk about my workload?', consent: true },
    })
    expect(support.statusCode, support.body).toBe(201)
    await deliverQueuedEmails()
    const anaMail = mailTo(ana)
    expect(anaMail).toHaveLength(2)
    const supportMail = parse(anaMail[1].raw)
    expect(supportMail.headers.get('subject')).toContain('would like support')
    expect(supportMail.headers.get('list-unsubscribe')).toBe(
      `<https://tandem.example.test/api/unsubscribe/${token}/one-click?category=support>`,
    )
    expect(supportMail.body).toContain('Could we talk about my workload?')
  })
})
