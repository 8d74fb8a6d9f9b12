import { describe, expect, test } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import type { CreatedScimToken, ScimSettings } from '#contracts/scim.ts'
import { fakeApi, status } from '#web/test/fake-api.ts'
import { renderUi } from '#web/test/render.tsx'
import { ScimProvisioningCard } from './scim-provisioning-card.tsx'

const baseUrl = 'https://tandem.example.com/scim/v2'
const live: ScimSettings = {
  baseUrl,
  token: { createdAt: '2027-03-30T09:00:00.000Z', createdByName: 'Ada Admin', lastUsedAt: null },
}

describe('Sign-in and provisioning: the SCIM token', () => {
  test('an admin creates a token, sees it once, rotates it after confirming and revokes it', async () => {
    const created: CreatedScimToken = { ...live, secret: 'tandem_scim_first-secret', isRotation: false }
    const rotated: CreatedScimToken = { ...live, secret: 'tandem_scim_second-secret', isRotation: true }
    let creations = 0
    const api = fakeApi({
      'GET /api/organization/scim': { baseUrl, token: null },
      'POST /api/organization/scim/token': () => status(201, creations++ === 0 ? created : rotated),
      'DELETE /api/organization/scim/token': { baseUrl, token: null },
    })
    await renderUi(<ScimProvisioningCard />)
    await expect.element(page.getByText(baseUrl)).toBeVisible()
    await expect.element(page.getByText('None: provisioning is off')).toBeVisible()

    await userEvent.click(page.getByRole('button', { name: 'Create token' }))
    await expect.element(page.getByRole('textbox', { name: 'New SCIM token' })).toHaveValue('tandem_scim_first-secret')
    await expect.element(page.getByText('It is not shown again.', { exact: false })).toBeVisible()
    await expect.element(page.getByText(/by Ada Admin; not used yet/)).toBeVisible()

    await userEvent.click(page.getByRole('button', { name: 'Rotate token' }))
    const rotateDialog = page.getByRole('dialog', { name: 'Rotate the SCIM token?' })
    await expect.element(rotateDialog).toBeVisible()
    await userEvent.click(rotateDialog.getByRole('button', { name: 'Rotate token' }))
    await expect.element(page.getByRole('textbox', { name: 'New SCIM token' })).toHaveValue('tandem_scim_second-secret')
    expect(api.callsTo('POST /api/organization/scim/token')).toHaveLength(2)

    await userEvent.click(page.getByRole('button', { name: 'Revoke token' }))
    const revokeDialog = page.getByRole('dialog', { name: 'Revoke the SCIM token?' })
    await userEvent.click(revokeDialog.getByRole('button', { name: 'Revoke token' }))
    await expect.element(page.getByText('None: provisioning is off')).toBeVisible()
    await expect.element(page.getByRole('textbox', { name: 'New SCIM token' })).not.toBeInTheDocument()
    expect(api.callsTo('DELETE /api/organization/scim/token')).toHaveLength(1)
  })

  test('a live token shows when it was last used, never its secret', async () => {
    fakeApi({
      'GET /api/organization/scim': { ...live, token: { ...live.token, lastUsedAt: '2027-03-31T10:15:00.000Z' } },
    })
    await renderUi(<ScimProvisioningCard />)
    await expect.element(page.getByText(/last used/)).toBeVisible()
    await expect.element(page.getByRole('button', { name: 'Create token' })).not.toBeInTheDocument()
    await expect.element(page.getByRole('textbox', { name: 'New SCIM token' })).not.toBeInTheDocument()
  })
})
