import type { Browser, Locator, Page } from '@playwright/test'
import { DEFAULT_SKILLS } from '../src/server/modules/skills/default-skills.ts'
import { e2eNow } from './clock.ts'
import { DEMO_PASSWORD, type DemoPerson, seedDemoOrganization } from './demo-organization.ts'
import { expect, expectNoAxeViolations, signIn, test } from './fixtures.ts'

// Issue #4's acceptance journey: a program manager creates a peer coaching program, 20 demo people
// enroll, the manager runs matching, reviews the reasons, locks one match and forbids one pair,
// re-runs and publishes; one participant accepts their match, another declines.

const program = {
  name: 'Peer coaching: growing as a communicator',
  description: 'Pairs of peers from different teams meet every two weeks to practise listening and feedback.',
  focusSkills: [
    { name: 'Active listening', slug: 'active-listening' },
    { name: 'Giving feedback', slug: 'giving-feedback' },
  ],
  extraTerms: 'Northwind Labs adds: notes from your sessions are never used in performance reviews.',
}
const declineReason = 'We sit in the same weekly planning meeting; I would rather meet someone new.'

/** A calendar day `days` from today, as a date input takes it (YYYY-MM-DD). */
function dayFromToday(days: number): string {
  return new Date(e2eNow() + days * 86_400_000).toISOString().slice(0, 10)
}

function skillName(slug: string): string {
  const skill = DEFAULT_SKILLS.find((item) => item.slug === slug)
  if (!skill) throw new Error(`No skill ${slug} in the default catalogue`)
  return skill.name
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

type Pair = [string, string]

/** A match card's members, read from its accessible name ("Match: Ana Lima and Ben Ortiz"). */
async function membersOf(card: Locator): Promise<Pair> {
  const label = (await card.getAttribute('aria-label')) ?? ''
  const names = label.replace(/^Match: /, '').split(' and ')
  expect(names, `a pair in "${label}"`).toHaveLength(2)
  return [names[0] ?? '', names[1] ?? '']
}

/** The review card of the match between two people, whichever order the page lists them in. */
function matchCard(page: Page, [first, second]: Pair): Locator {
  const [a, b] = [escapeRegExp(first), escapeRegExp(second)]
  return page.getByRole('article', { name: new RegExp(`^Match: (${a} and ${b}|${b} and ${a})$`) })
}

/** A person's own browser (their cookies, their session), signed in. */
async function signInAs(browser: Browser, baseURL: string, person: DemoPerson) {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  await signIn(page, person.email, DEMO_PASSWORD)
  return { context, page }
}

const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' })

test.use({ viewport: { width: 1280, height: 900 } })

test('a program manager runs a peer coaching program from creation to published, answered matches', async ({
  page,
  browser,
  tandemUrl,
}) => {
  test.setTimeout(300_000)
  const demo = await test.step('seed the demo organization through the API', () => seedDemoOrganization(tandemUrl))
  const manager = demo.person('Samuel Adeyemi')
  expect(manager.role).toBe('program_manager')
  // Two people enroll themselves; the manager enrolls two whole departments and two people by name.
  const selfEnrolled = [demo.person('Ines Pereira'), demo.person('Kenji Watanabe')]
  const departments = ['Sales', 'Marketing']
  const pickedByName = [demo.person('Ana Ferreira'), demo.person('Haruto Sato')]
  const enrolledByManager = [
    ...demo.people.filter((person) => departments.includes(person.department)),
    ...pickedByName,
  ]
  const cohort = [...selfEnrolled, ...enrolledByManager]
  expect(new Set(cohort.map((person) => person.email)).size).toBe(20)

  const programUrl = await test.step('the program manager creates a peer coaching program', async () => {
    await signIn(page, manager.email, DEMO_PASSWORD)
    await expectNoAxeViolations(page)
    await mainNav(page).getByRole('link', { name: 'Programs', exact: true }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Programs' })).toBeVisible()
    await expect(page.getByRole('heading', { name: 'No programs yet' })).toBeVisible()
    await expectNoAxeViolations(page)

    await page.getByRole('link', { name: 'New program', exact: true }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'New program' })).toBeVisible()
    await expectNoAxeViolations(page)
    await page.getByRole('radio', { name: /^Peer coaching/ }).check()
    const form = page.getByRole('form', { name: 'Program settings' })
    await expect(form).toBeVisible()
    // The peer coaching defaults: six sessions, one every two weeks, the standard terms.
    await expect(form.getByRole('radio', { name: /^Peer coaching/ })).toBeChecked()
    await expect(form.getByLabel('Days between sessions')).toHaveValue('14')
    await expect(form.getByLabel('Target number of sessions')).toHaveValue('6')
    const terms = form.getByLabel('Confidentiality terms')
    await expect(terms).toHaveValue(/^What is said between peers stays between peers\./)
    await expectNoAxeViolations(page)

    await form.getByLabel('Name', { exact: true }).fill(program.name)
    await form.getByLabel('Description').fill(program.description)
    const focusSkills = form.getByLabel('Focus skills', { exact: true })
    for (const skill of program.focusSkills) {
      await focusSkills.fill(skill.name)
      await focusSkills.press('Enter')
      await expect(form.getByRole('button', { name: `Remove ${skill.name}`, exact: true })).toBeVisible()
    }
    await form.getByLabel('Starts on').fill(dayFromToday(14))
    await form.getByLabel('Ends on').fill(dayFromToday(120))
    await form.getByLabel('Enrollment closes on').fill(dayFromToday(7))
    await terms.fill(`${await terms.inputValue()}\n\n${program.extraTerms}`)
    await form.getByRole('button', { name: 'Create program', exact: true }).click()

    // A draft, with the peer coaching rules: similar seniority, never within a reporting line.
    await expect(page.getByRole('heading', { level: 1, name: program.name })).toBeVisible()
    await expect(page.getByText('Status: Draft.')).toBeAttached()
    await expect(page.getByRole('tab', { name: 'Overview', exact: true })).toHaveAttribute('aria-selected', 'true')
    const rules = page.getByRole('region', { name: 'Matching rules' })
    await expect(rules).toContainText('Never within a reporting chain')
    await expect(rules).toContainText('At most 2 levels of seniority apart')
    await expect(page.getByRole('region', { name: 'What it involves' })).toContainText(program.description)
    await expectNoAxeViolations(page)
    return page.url()
  })

  await test.step('the program manager opens enrollment', async () => {
    await page.getByRole('button', { name: 'Open enrollment', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'Open enrollment?' })
    await expect(dialog).toBeVisible()
    await expectNoAxeViolations(page)
    await dialog.getByRole('button', { name: 'Open enrollment', exact: true }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByText('Status: Enrolling.')).toBeAttached()
    await expect(page.getByRole('button', { name: 'Close enrollment and start matching', exact: true })).toBeVisible()
    await expectNoAxeViolations(page)
  })

  for (const person of selfEnrolled) {
    await test.step(`${person.name} enrolls, accepting the terms, with a self-assessment`, async () => {
      const { context, page: own } = await signInAs(browser, tandemUrl, person)
      try {
        await mainNav(own).getByRole('link', { name: 'Programs', exact: true }).click()
        await expect(own.getByRole('heading', { level: 1, name: 'Programs' })).toBeVisible()
        await expect(own.getByRole('heading', { level: 3, name: program.name })).toBeVisible()
        await expectNoAxeViolations(own)
        await own.getByRole('link', { name: `Read more and enroll: ${program.name}`, exact: true }).click()

        await expect(own.getByRole('heading', { level: 1, name: program.name })).toBeVisible()
        const form = own.getByRole('form', { name: 'Enroll', exact: true })
        await expect(form).toBeVisible()
        // The terms they accept, the program manager's addition included.
        await expect(form.getByText(program.extraTerms)).toBeVisible()
        // The skills they want and offer come from their profile.
        for (const slug of [...person.skillsWanted, ...person.skillsOffered]) {
          await expect(form.getByRole('button', { name: `Remove ${skillName(slug)}`, exact: true })).toBeVisible()
        }
        await expectNoAxeViolations(own)

        await form
          .getByLabel('What do you want from this program?')
          .fill('I want to listen better and give feedback that helps.')
        for (const [index, skill] of program.focusSkills.entries()) {
          await form
            .getByRole('group', { name: `${skill.name}: how would you rate yourself today?` })
            .getByRole('radio', { name: String(2 + index), exact: true })
            .check()
        }
        await form.getByRole('checkbox', { name: 'I accept the confidentiality terms' }).check()
        await form.getByRole('button', { name: 'Enroll', exact: true }).click()

        await expect(own.getByRole('form', { name: 'Your enrollment', exact: true })).toBeVisible()
        await expect(own.getByRole('main').getByText('Enrolled', { exact: true })).toBeVisible()
        await expect(own.getByText(`You are enrolled in ${program.name}.`)).toBeVisible()
        await expectNoAxeViolations(own)
        const saved = await (await own.request.get(`/api${new URL(programUrl).pathname}/enrollment`)).json()
        expect(saved).toMatchObject({
          isEnrolled: true,
          enrollment: { selfAssessment: { [program.focusSkills[0]!.slug]: 2, [program.focusSkills[1]!.slug]: 3 } },
        })
        expect(saved.enrollment.consentedAt).not.toBeNull()
      } finally {
        await context.close()
      }
    })
  }

  await test.step('the program manager enrolls 18 more: two departments and two people by name', async () => {
    await page.getByRole('tab', { name: 'Enrollments', exact: true }).click()
    await expect(page.getByRole('heading', { level: 2, name: 'Enrollments' })).toBeVisible()
    const inNumbers = page.getByRole('region', { name: 'In numbers' })
    await expect(inNumbers.getByRole('definition')).toHaveText('2')
    await expectNoAxeViolations(page)

    await page.getByRole('button', { name: 'Enroll people', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'Enroll people' })
    await expect(dialog).toBeVisible()
    let chosen = 0
    for (const department of departments) {
      await dialog.getByLabel('Or a whole department').selectOption(department)
      await dialog.getByRole('button', { name: `Add everyone in ${department}`, exact: true }).click()
      chosen += demo.people.filter((person) => person.department === department).length
      await expect(dialog.getByText(`${chosen} people to enroll`, { exact: true })).toBeVisible()
    }
    for (const person of pickedByName) {
      await dialog.getByRole('searchbox', { name: 'Find people' }).fill(person.name)
      await dialog.getByRole('button', { name: `Add ${person.name}`, exact: true }).click()
      chosen += 1
      await expect(dialog.getByText(`${chosen} people to enroll`, { exact: true })).toBeVisible()
    }
    const toEnroll = dialog.getByRole('list', { name: 'People to enroll' }).getByRole('listitem')
    await expect(toEnroll).toHaveCount(enrolledByManager.length)
    await expectNoAxeViolations(page)
    await dialog.getByRole('button', { name: `Enroll ${enrolledByManager.length} people`, exact: true }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByText(`${enrolledByManager.length} people enrolled.`, { exact: true })).toBeVisible()
    await expect(inNumbers.getByRole('definition')).toHaveText('20')

    const table = page.getByRole('table', { name: `People enrolled in ${program.name}` })
    const row = (name: string) => table.getByRole('row').filter({ hasText: name })
    await expect(table.getByRole('row')).toHaveCount(1 + 20)
    await expect(row(selfEnrolled[0]!.name)).toContainText('Accepted')
    await expect(row(pickedByName[0]!.name)).toContainText('by a program manager')
    await expectNoAxeViolations(page)
  })

  await test.step('the program manager closes enrollment and moves to matching', async () => {
    await page.getByRole('tab', { name: 'Overview', exact: true }).click()
    await page.getByRole('button', { name: 'Close enrollment and start matching', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'Close enrollment and start matching?' })
    await expect(dialog).toContainText('20 people are enrolled.')
    await dialog.getByRole('button', { name: 'Close enrollment and start matching', exact: true }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByText('Status: Matching.')).toBeAttached()
    await expectNoAxeViolations(page)
  })

  const cards = page.getByRole('article', { name: /^Match: / })
  const finished = (run: number) =>
    page.getByText(new RegExp(`^Run ${run} finished: \\d+ match(es)?, \\d+ (person|people) unmatched\\.$`))

  const firstRunCount =
    await test.step('matching runs, its progress shown, and proposes matches with reasons', async () => {
      await page.getByRole('tab', { name: 'Matching', exact: true }).click()
      await expect(page.getByRole('heading', { name: 'No matches yet' })).toBeVisible()
      await expectNoAxeViolations(page)
      // A run may finish between two polls of the test: the page records every progress bar it shows.
      await page.evaluate(() => {
        const seen: string[] = []
        Object.assign(window, { progressSeen: seen })
        new MutationObserver(() => {
          for (const bar of document.querySelectorAll('[role="progressbar"]')) {
            seen.push(`${bar.getAttribute('aria-label')}: ${bar.getAttribute('aria-valuenow')}`)
          }
        }).observe(document.body, { subtree: true, childList: true, attributes: true })
      })
      await page.getByRole('button', { name: 'Run matching', exact: true }).click()
      await expect(finished(1)).toBeVisible()
      const progressSeen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen)
      expect(progressSeen.some((entry) => entry.startsWith('Matching run 1 progress: '))).toBe(true)
      await expect(page.getByRole('progressbar')).toHaveCount(0)

      await expect(cards.first()).toBeVisible()
      const count = await cards.count()
      expect(count).toBeGreaterThanOrEqual(4)
      for (const card of await cards.all()) {
        const [first, second] = await membersOf(card)
        await expect(card.getByText('Proposed', { exact: true })).toBeVisible()
        // The fit as a share of the best possible score, its make-up on demand (issue #17, point 4).
        await expect(card.getByText(/^\d{1,3}%$/)).toBeVisible()
        await expect(card.getByText(/^How the \d{1,3}% fit is made$/)).toBeVisible()
        const reasons = await card
          .getByRole('list', { name: `How ${first} and ${second} fit` })
          .getByRole('listitem')
          .allInnerTexts()
        // A sentence per criterion: skills, seniority, departments, shared hours.
        const said = reasons.join(' / ')
        expect(
          reasons.some((reason) => /skill|wants .+ offers it/i.test(reason)),
          said,
        ).toBe(true)
        expect(
          reasons.some((reason) => /seniority/i.test(reason)),
          said,
        ).toBe(true)
        expect(
          reasons.some((reason) => /department/i.test(reason)),
          said,
        ).toBe(true)
        expect(
          reasons.some((reason) => /shared working day/i.test(reason)),
          said,
        ).toBe(true)
      }
      // Everyone enrolled is either proposed or unmatched with a reason.
      const unmatched = page.getByRole('list', { name: 'Unmatched people' }).getByRole('listitem')
      expect(count * 2 + (await unmatched.count())).toBe(20)
      for (const text of await unmatched.allInnerTexts()) expect(text).toMatch(/: [a-z]/)
      await expectNoAxeViolations(page)
      return count
    })

  const locked = await test.step('the program manager locks one match', async () => {
    // One with a person who enrolled themselves, when there is one.
    const withSelfEnrolled = cards.filter({ hasText: new RegExp(selfEnrolled.map((item) => item.name).join('|')) })
    const pair = await membersOf((await withSelfEnrolled.count()) > 0 ? withSelfEnrolled.first() : cards.first())
    const card = matchCard(page, pair)
    await card.getByRole('button', { name: /^Lock match: / }).click()
    await expect(page.getByText(`Locked: ${pair[0]} and ${pair[1]}.`, { exact: true })).toBeVisible()
    await expect(card.getByText('Locked', { exact: true })).toBeVisible()
    await expect(card.getByRole('button', { name: /^Lock match: / })).toHaveAttribute('aria-pressed', 'true')
    return pair
  })

  const forbidden = await test.step('the program manager forbids a proposed pair, which is dissolved', async () => {
    const pair = await membersOf(cards.filter({ hasNot: page.getByText('Locked', { exact: true }) }).first())
    await matchCard(page, pair)
      .getByRole('button', { name: /^Forbid this pair: / })
      .click()
    const dialog = page.getByRole('dialog', { name: 'Forbid this pair?' })
    await expect(dialog).toBeVisible()
    await expectNoAxeViolations(page)
    await dialog.getByRole('button', { name: 'Forbid this pair', exact: true }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByText(/ will never be paired; their proposed match was dissolved\.$/)).toBeVisible()
    await expect(matchCard(page, pair)).toHaveCount(0)
    await expect(cards).toHaveCount(firstRunCount - 1)
    const rules = page.getByRole('list', { name: 'Pair rules' }).getByRole('listitem')
    await expect(rules).toHaveCount(1)
    await expect(rules).toContainText('Never pair:')
    for (const name of pair) {
      await expect(rules).toContainText(name)
      await expect(page.getByRole('list', { name: 'Unmatched people' })).toContainText(name)
    }
    await expectNoAxeViolations(page)
    return pair
  })

  const published = await test.step('a re-run keeps the locked match and never pairs the forbidden two', async () => {
    await page.getByRole('button', { name: 'Re-run around locked matches', exact: true }).click()
    await expect(finished(2)).toBeVisible()
    await expect(page.getByRole('region', { name: 'Runs' }).getByRole('row')).toHaveCount(1 + 2)
    const lockedCard = matchCard(page, locked)
    await expect(lockedCard).toHaveCount(1)
    await expect(lockedCard.getByText('Locked', { exact: true })).toBeVisible()
    await expect(matchCard(page, forbidden)).toHaveCount(0)
    const count = await cards.count()
    expect(count).toBeGreaterThanOrEqual(2)
    for (const card of await cards.all()) {
      expect((await membersOf(card)).toSorted(), 'the forbidden pair').not.toEqual(forbidden.toSorted())
    }
    await expectNoAxeViolations(page)
    return count
  })

  await test.step('the program manager publishes the matches', async () => {
    await page.getByRole('button', { name: 'Publish matches', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'Publish matches?' })
    await expect(dialog).toContainText(`${published} proposed matches will be published.`)
    await expectNoAxeViolations(page)
    await dialog.getByRole('button', { name: 'Publish and notify', exact: true }).click()
    await expect(dialog).toBeHidden()
    await expect(
      page.getByText(`${published} matches published; ${published * 2} people were notified.`, { exact: true }),
    ).toBeVisible()
    await expect(cards.filter({ hasText: 'Published' })).toHaveCount(published)
    await expect(cards.getByRole('button', { name: /^Lock match: / })).toHaveCount(0)
    await expectNoAxeViolations(page)
  })

  const [accepter, acceptersPartner] = locked.map(demo.person) as [DemoPerson, DemoPerson]
  await test.step(`${accepter.name} sees their partner and why, and accepts`, async () => {
    const reasons = await page
      .getByRole('list', { name: `How ${locked[0]} and ${locked[1]} fit` })
      .getByRole('listitem')
      .allInnerTexts()
    expect(reasons.length).toBeGreaterThanOrEqual(1)
    const { context, page: own } = await signInAs(browser, tandemUrl, accepter)
    try {
      // Told in the app.
      await expect(own.getByRole('button', { name: /^Notifications, [1-9]\d* unread$/ })).toBeVisible()
      await mainNav(own).getByRole('link', { name: 'My matches', exact: true }).click()
      await expect(own.getByRole('heading', { level: 1, name: 'My matches' })).toBeVisible()
      const match = own.getByRole('article', { name: `${program.name}: with ${acceptersPartner.name}` })
      await expect(match).toBeVisible()
      await expect(match).toContainText(`${acceptersPartner.title} · ${acceptersPartner.department}`)
      await expect(match).toContainText('Has not answered yet')
      await expect(match.getByText('How you fit together', { exact: true })).toBeVisible()
      for (const reason of reasons) await expect(match.getByText(reason, { exact: true })).toBeVisible()
      await expectNoAxeViolations(own)

      await match.getByRole('button', { name: `Accept match with ${acceptersPartner.name}`, exact: true }).click()
      await expect(match.getByText('You accepted', { exact: true })).toBeVisible()
      await expect(match.getByRole('button', { name: /^(Accept|Decline) match/ })).toHaveCount(0)
      await expectNoAxeViolations(own)
    } finally {
      await context.close()
    }
  })

  const declinedPair = await membersOf(cards.filter({ hasNot: page.getByText(locked[0], { exact: true }) }).first())
  const [decliner, declined] = declinedPair.map(demo.person) as [DemoPerson, DemoPerson]
  await test.step(`${decliner.name} declines, with a reason`, async () => {
    const { context, page: own } = await signInAs(browser, tandemUrl, decliner)
    try {
      await own.goto('/me/matches')
      const match = own.getByRole('article', { name: `${program.name}: with ${declined.name}` })
      await expect(match).toBeVisible()
      await expect(match.getByText('How you fit together', { exact: true })).toBeVisible()
      await match.getByRole('button', { name: `Decline match with ${declined.name}`, exact: true }).click()
      const dialog = own.getByRole('dialog', { name: `Decline the match with ${declined.name}?` })
      await expect(dialog).toBeVisible()
      await expect(dialog).toContainText(
        'Your reason is addressed to your program managers: they read it with your name.',
      )
      await expectNoAxeViolations(own)
      await dialog.getByLabel('Reason').fill(declineReason)
      await dialog.getByRole('button', { name: 'Decline match', exact: true }).click()
      await expect(dialog).toBeHidden()
      await expect(match.getByText('You declined', { exact: true })).toBeVisible()
      await expect(match).toContainText('You are back in the pool')
      await expectNoAxeViolations(own)
    } finally {
      await context.close()
    }
  })

  await test.step(`${declined.name} sees the decline, never its reason`, async () => {
    const { context, page: own } = await signInAs(browser, tandemUrl, declined)
    try {
      await own.goto('/me/matches')
      await expect(own.getByRole('heading', { level: 1, name: 'My matches' })).toBeVisible()
      const match = own.getByRole('article', { name: `${program.name}: with ${decliner.name}` })
      await expect(match).toContainText('Declined')
      await expect(own.getByText(/weekly planning meeting/)).toHaveCount(0)
      await expectNoAxeViolations(own)
      const mine = await own.request.get('/api/me/matches')
      expect(mine.status()).toBe(200)
      expect(await mine.text()).not.toContain('weekly planning meeting')
    } finally {
      await context.close()
    }
  })

  await test.step('the program manager sees who accepted, who declined and why', async () => {
    await page.reload()
    await expect(page.getByRole('tab', { name: 'Matching', exact: true })).toHaveAttribute('aria-selected', 'true')
    await expect(matchCard(page, declinedPair)).toContainText(`Declined: “${declineReason}”`)
    await expect(matchCard(page, locked)).toContainText(`${accepter.name}`)
    await expect(matchCard(page, locked).getByText('Accepted', { exact: true })).toBeVisible()
    await expectNoAxeViolations(page)
  })
})
