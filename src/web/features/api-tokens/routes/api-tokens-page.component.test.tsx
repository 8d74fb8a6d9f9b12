import { describe, expect, test } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import type { ApiToken } from '#contracts/api-tokens.ts'
import { fakeApi, status } from '#web/test/fake-api.ts'
import { renderUi } from '#web/test/render.tsx'
import { ApiTokensPage } from './api-tokens-page.tsx'

const SECRET = `tdm_${'a'.repeat(43)}`

function buildToken(overrides: Partial<ApiToken> = {}): ApiToken {
  return {
    id: '00000000-0000-4000-8000-0000000000a1',
    name: 'HR system sync',
    scopes: ['people:read'],
    prefix: 'tdm_aaaa',
    status: 'active',
    createdAt: '2027-03-01T10:00:00.000Z',
    createdBy: { id: '00000000-0000-4000-8000-0000000000b1', name: 'Ada Admin' },
    expiresAt: null,
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  }
}

describe('Administration > API tokens', () => {
  test('an admin creates a token: the scopes and expiry are sent, the secret is shown once, then gone', async () => {
    let tokens: ApiToken[] = []
    const api = fakeApi({
      'GET /api/api-tokens': () => ({ tokens }),
      'POST /api/api-tokens': () => {
        tokens = [buildToken({ scopes: ['people:read', 'insights:read'] })]
        return status(201, { token: tokens[0], secret: SECRET })
      },
    })
    await renderUi(<ApiTokensPage />)
    await expect.element(page.getByText('No API tokens yet')).toBeVisible()
    await userEvent.click(page.getByRole('button', { name: 'Create token' }))
    const dialog = page.getByRole('dialog', { name: 'Create an API token' })
    await userEvent.fill(dialog.getByRole('textbox', { name: 'Name' }), 'HR system sync')
    // Without a scope nothing is sent, and the scopes say why.
    await userEvent.click(dialog.getByRole('button', { name: 'Create token' }))
    await expect.element(dialog.getByText('choose at least one scope')).toBeVisible()
    expect(api.callsTo('POST /api/api-tokens')).toEqual([])
    await userEvent.click(dialog.getByRole('checkbox', { name: /^Read people/ }))
    await userEvent.click(dialog.getByRole('checkbox', { name: /^Read insights/ }))
    await userEvent.selectOptions(dialog.getByRole('combobox', { name: 'Expires after' }), 'never')
    await userEvent.click(dialog.getByRole('button', { name: 'Create token' }))
    await expect.element(page.getByRole('textbox', { name: 'Token for HR system sync' })).toHaveValue(SECRET)
    await expect.element(page.getByRole('textbox', { name: 'Token for HR system sync' })).toHaveFocus()
    expect(api.callsTo('POST /api/api-tokens')[0]?.body).toEqual({
      name: 'HR system sync',
      scopes: ['people:read', 'insights:read'],
      expiresInDays: null,
    })
    await userEvent.click(page.getByRole('button', { name: 'Done' }))
    await expect.element(page.getByText('HR system sync is created. Its secret is not shown again.')).toBeVisible()
    await expect.element(page.getByRole('table', { name: 'API tokens' })).toBeVisible()
    expect(document.body.innerHTML).not.toContain(SECRET)
  })

  test('the list says each token’s status; revoking asks first, and Escape keeps the token', async () => {
    const active = buildToken()
    const expired = buildToken({
      id: '00000000-0000-4000-8000-0000000000a2',
      name: 'Old BI export',
      status: 'expired',
      expiresAt: '2027-02-01T10:00:00.000Z',
      lastUsedAt: '2027-01-31T10:00:00.000Z',
    })
    const api = fakeApi({
      'GET /api/api-tokens': { tokens: [active, expired] },
      [`POST /api/api-tokens/${active.id}/revoke`]: {
        ...active,
        status: 'revoked',
        revokedAt: '2027-04-01T09:00:00.000Z',
      },
    })
    await renderUi(<ApiTokensPage />)
    const table = page.getByRole('table', { name: 'API tokens' })
    await expect.element(table.getByText('Expired')).toBeVisible()
    await expect.element(table.getByText('Active')).toBeVisible()
    await userEvent.click(page.getByRole('button', { name: 'Revoke HR system sync' }))
    await expect.element(page.getByRole('dialog', { name: 'Revoke HR system sync?' })).toBeVisible()
    await userEvent.keyboard('{Escape}')
    await expect.element(page.getByRole('dialog', { name: 'Revoke HR system sync?' })).not.toBeInTheDocument()
    expect(api.writes).toEqual([])
    await userEvent.click(page.getByRole('button', { name: 'Revoke HR system sync' }))
    await userEvent.click(page.getByRole('button', { name: 'Revoke token' }))
    await expect.element(page.getByText('HR system sync is revoked: it no longer works.')).toBeVisible()
    expect(api.callsTo(`POST /api/api-tokens/${active.id}/revoke`)).toHaveLength(1)
  })
})
