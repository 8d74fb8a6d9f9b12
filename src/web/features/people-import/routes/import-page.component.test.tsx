import { describe, expect, test } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import type { PeopleImport } from '#contracts/people-import.ts'
import { apiError, fakeApi } from '#web/test/fake-api.ts'
import { renderUi, testCsrfToken } from '#web/test/render.tsx'
import { ImportPage } from './import-page.tsx'

const importId = '00000000-0000-4000-8000-00000000c5f1'

function buildPreview(overrides: Partial<PeopleImport> = {}): PeopleImport {
  return {
    id: importId,
    fileName: 'pasted.csv',
    status: 'previewed',
    createdAt: '2030-01-01T10:00:00.000Z',
    appliedAt: null,
    canApply: true,
    counts: { create: 1, update: 1, unchanged: 0, error: 0 },
    rows: [
      { row: 2, email: 'ann@example.com', action: 'create', errors: [] },
      { row: 3, email: 'bob@example.com', action: 'update', errors: [] },
    ],
    ...overrides,
  }
}

const csv = 'email,name\nann@example.com,Ann\nbob@example.com,Bob'

describe('import people: upload, preview, apply', () => {
  test('asks for a file or text before sending anything', async () => {
    const api = fakeApi()
    await renderUi(<ImportPage />)
    await userEvent.click(page.getByRole('button', { name: 'Preview import' }))
    await expect.element(page.getByText('Choose a CSV file, or paste the CSV text below.')).toBeVisible()
    await expect.element(page.getByLabelText('CSV file')).toHaveAttribute('aria-invalid', 'true')
    expect(api.calls).toEqual([])
  })

  test('previews pasted text, then applies it all at once', async () => {
    const api = fakeApi({
      'POST /api/people/imports': buildPreview(),
      [`POST /api/people/imports/${importId}/apply`]: {
        id: importId,
        status: 'applied',
        appliedAt: '2030-01-01T10:05:00.000Z',
        counts: { create: 1, update: 1, unchanged: 0, error: 0 },
        invitationsSent: 1,
      },
    })
    await renderUi(<ImportPage />)
    await userEvent.fill(page.getByRole('textbox', { name: /Or paste CSV text/ }), csv)
    await userEvent.click(page.getByRole('button', { name: 'Preview import' }))

    await expect.element(page.getByRole('heading', { name: 'Preview of pasted.csv' })).toBeVisible()
    const [sent] = api.callsTo('POST /api/people/imports')
    expect(sent.body).toEqual({ fileName: 'pasted.csv', csv })
    expect(sent.headers.get('x-csrf-token')).toBe(testCsrfToken)
    await expect.element(page.getByText('Ready to apply')).toBeVisible()
    await expect.element(page.getByRole('cell', { name: 'ann@example.com' })).toBeVisible()
    await expect.element(page.getByRole('row', { name: /bob@example.com/ }).getByText('Update')).toBeVisible()

    const invite = page.getByRole('checkbox', { name: 'Send invitations to the 1 new person now' })
    await expect.element(invite).toBeChecked()
    await expect
      .element(page.getByRole('link', { name: 'Download a template CSV' }))
      .toHaveAttribute('href', '/api/people/import-template.csv')
    await userEvent.click(page.getByRole('button', { name: 'Apply import' }))
    await expect.element(page.getByText('Import applied')).toBeVisible()
    expect(api.writes).toEqual(['POST /api/people/imports', `POST /api/people/imports/${importId}/apply`])
    expect(api.callsTo(`POST /api/people/imports/${importId}/apply`)[0].body).toEqual({ sendInvitations: true })
    await expect.element(page.getByText(/1 invitation sent/)).toBeVisible()
    await expect.element(page.getByRole('link', { name: 'Go to the people directory' })).toBeVisible()
  })

  test('a file with errors shows them row by row and cannot be applied', async () => {
    const rows: PeopleImport['rows'] = [
      { row: 2, email: 'ann@example.com', action: 'create', errors: [] },
      { row: 3, email: 'a..b@example.com', action: 'error', errors: [{ column: 'email', message: 'is not an email' }] },
    ]
    const api = fakeApi({
      'POST /api/people/imports': buildPreview({
        canApply: false,
        counts: { create: 1, update: 0, unchanged: 0, error: 1 },
        rows,
      }),
    })
    await renderUi(<ImportPage />)
    await userEvent.fill(page.getByRole('textbox', { name: /Or paste CSV text/ }), csv)
    await userEvent.click(page.getByRole('button', { name: 'Preview import' }))

    await expect.element(page.getByText('1 row has errors')).toBeVisible()
    await expect.element(page.getByRole('button', { name: 'Apply import' })).toBeDisabled()
    await expect.element(page.getByText('Fix the errors first.')).toBeVisible()
    // Only the rows with errors are listed at first; the checkbox shows the rest.
    const onlyErrors = page.getByRole('checkbox', { name: 'Show only rows with errors' })
    await expect.element(onlyErrors).toBeChecked()
    await expect
      .element(page.getByRole('row', { name: /a\.\.b@example.com/ }).getByRole('listitem'))
      .toHaveTextContent('email: is not an email')
    await expect.element(page.getByRole('cell', { name: 'ann@example.com' })).not.toBeInTheDocument()
    await userEvent.click(onlyErrors)
    await expect.element(page.getByRole('cell', { name: 'ann@example.com' })).toBeVisible()
    await expect.element(page.getByRole('heading', { name: 'Fix the file and upload again' })).toBeVisible()
    expect(api.writes).toEqual(['POST /api/people/imports'])
  })

  test("the server's refusal is shown on the file field", async () => {
    fakeApi({
      'POST /api/people/imports': apiError(422, 'csv_header_invalid', 'The file has no email column'),
    })
    await renderUi(<ImportPage />)
    await userEvent.fill(page.getByRole('textbox', { name: /Or paste CSV text/ }), 'name\nAnn')
    await userEvent.click(page.getByRole('button', { name: 'Preview import' }))
    await expect.element(page.getByText('The file has no email column')).toBeVisible()
    await expect.element(page.getByLabelText('CSV file')).toHaveAttribute('aria-invalid', 'true')
    await expect.element(page.getByRole('heading', { name: /Preview of/ })).not.toBeInTheDocument()
  })
})
