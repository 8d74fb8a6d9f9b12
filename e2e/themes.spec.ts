import type { Page } from '@playwright/test'
import { demoPeople } from '../scripts/demo-organization.ts'
import { DEMO_PASSWORD } from './demo-organization.ts'
import { expect, expectNoAxeViolations, signIn, test } from './fixtures.ts'

// The organization's themes (its shared vision): an admin adds, edits and deletes one in the browser;
// a program manager reads them without edit controls and picks the new one for a program.

test.use({ tandemData: 'demo', viewport: { width: 1280, height: 900 } })

const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' })
const themeList = (page: Page) => page.getByRole('list', { name: 'Themes' })
const themeItem = (page: Page, name: string) =>
  themeList(page)
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name, exact: true }) })

const demoTheme = 'Grow leaders from within'
const theme = {
  name: 'Customers first',
  description: 'Every team can say how its work reaches a customer.',
  renamed: 'Customers first, always',
  programName: 'Peer mentoring: close to the customer',
}

test('an admin manages the themes; a program manager picks one for a new program', async ({ page, browser }) => {
  test.setTimeout(180_000)
  const people = demoPeople()
  const admin = people.find((person) => person.role === 'admin')
  const manager = people.find((person) => person.name === 'Samuel Adeyemi')
  if (!admin || manager?.role !== 'program_manager') throw new Error('The demo has an admin and Samuel Adeyemi')

  await test.step('an admin opens the themes from the navigation', async () => {
    await signIn(page, admin.email, DEMO_PASSWORD)
    await mainNav(page).getByRole('link', { name: 'Themes', exact: true }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Themes' })).toBeVisible()
    // The demo's programs serve its one theme; the page counts them.
    await expect(themeItem(page, demoTheme)).toContainText(/Served by [1-9]\d* programs?\./)
    await expectNoAxeViolations(page)
  })

  const form = page.getByRole('form', { name: 'Add a theme' })

  await test.step('a missing or taken name is explained beside the field', async () => {
    await form.getByRole('button', { name: 'Add theme', exact: true }).click()
    const name = form.getByLabel('Theme name')
    await expect(name).toHaveAttribute('aria-invalid', 'true')
    await expect(name).toBeFocused()
    await expectNoAxeViolations(page)

    await name.fill(demoTheme.toUpperCase())
    await form.getByRole('button', { name: 'Add theme', exact: true }).click()
    await expect(
      form.getByText(`The organization already has a theme named "${demoTheme.toUpperCase()}"`),
    ).toBeVisible()
    await expect(name).toBeFocused()
  })

  await test.step('the admin adds a theme and hears it is added', async () => {
    await form.getByLabel('Theme name').fill(theme.name)
    await form.getByLabel('Description').fill(theme.description)
    await form.getByRole('button', { name: 'Add theme', exact: true }).click()
    await expect(form.getByRole('status')).toContainText(`${theme.name} is added.`)
    await expect(form.getByLabel('Theme name')).toHaveValue('')
    const item = themeItem(page, theme.name)
    await expect(item).toContainText(theme.description)
    await expect(item).toContainText('No program serves it yet.')
    await expectNoAxeViolations(page)
  })

  await test.step('the admin renames it in a dialog, with the keyboard', async () => {
    await page.getByRole('button', { name: `Edit ${theme.name}`, exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'Edit theme' })
    await expect(dialog).toBeVisible()
    const name = dialog.getByLabel('Theme name')
    await expect(name).toBeFocused()
    await expect(name).toHaveValue(theme.name)
    await expectNoAxeViolations(page)
    await name.fill(theme.renamed)
    await name.press('Enter')
    await expect(dialog).toBeHidden()
    await expect(page.getByRole('main').getByRole('status').first()).toContainText(`${theme.renamed} is saved.`)
    await expect(themeItem(page, theme.renamed)).toContainText(theme.description)
    await expect(page.getByRole('heading', { name: theme.name, exact: true })).toHaveCount(0)
  })

  await test.step('a program manager reads the themes without edit controls and picks the new one', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const managerPage = await context.newPage()
    try {
      await signIn(managerPage, manager.email, DEMO_PASSWORD)
      await mainNav(managerPage).getByRole('link', { name: 'Themes', exact: true }).click()
      await expect(managerPage.getByRole('heading', { level: 1, name: 'Themes' })).toBeVisible()
      await expect(themeItem(managerPage, theme.renamed)).toBeVisible()
      await expect(managerPage.getByRole('button', { name: /^(Edit|Delete) / })).toHaveCount(0)
      await expect(managerPage.getByRole('form', { name: 'Add a theme' })).toHaveCount(0)
      await expectNoAxeViolations(managerPage)

      await managerPage.goto('/programs/new')
      await expect(managerPage.getByRole('heading', { level: 1, name: 'New program' })).toBeVisible()
      await managerPage.getByRole('radio', { name: /^Peer mentoring/ }).check()
      const settings = managerPage.getByRole('form', { name: 'Program settings' })
      await settings.getByLabel('Name', { exact: true }).fill(theme.programName)
      await settings.getByLabel('Theme it serves').selectOption({ label: theme.renamed })
      await settings.getByRole('button', { name: 'Create program', exact: true }).click()
      await expect(managerPage.getByRole('heading', { level: 1, name: theme.programName })).toBeVisible()
      const facts = managerPage.locator('dt', { hasText: /^Theme$/ }).locator('xpath=following-sibling::dd[1]')
      await expect(facts).toHaveText(theme.renamed)
    } finally {
      await context.close()
    }
  })

  await test.step('the admin sees the program serving it, then deletes the theme', async () => {
    await page.reload()
    const item = themeItem(page, theme.renamed)
    await expect(item).toContainText('Served by 1 program.')
    await page.getByRole('button', { name: `Delete ${theme.renamed}`, exact: true }).click()
    const dialog = page.getByRole('dialog', { name: `Delete ${theme.renamed}?` })
    await expect(dialog).toContainText('1 program serves it.')
    await expectNoAxeViolations(page)
    await dialog.getByRole('button', { name: 'Delete theme', exact: true }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByRole('main').getByRole('status').first()).toContainText(
      `${theme.renamed} is deleted. 1 program no longer serves a theme.`,
    )
    await expect(themeItem(page, theme.renamed)).toHaveCount(0)
    await expect(page.getByRole('heading', { level: 1, name: 'Themes' })).toBeFocused()
    await expect(themeItem(page, demoTheme)).toBeVisible()
    await expectNoAxeViolations(page)
  })
})
