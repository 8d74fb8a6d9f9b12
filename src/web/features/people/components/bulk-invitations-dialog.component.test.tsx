import { describe, expect, test } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import type { ApiCall } from '#web/test/fake-api.ts'
import { apiError, fakeApi } from '#web/test/fake-api.ts'
import { renderUi } from '#web/test/render.tsx'
import { BulkInvitationsDialog } from './bulk-invitations-dialog.tsx'

const counts = { notInvited: 250, invited: 3, active: 40, deactivated: 2 }
const selection = { department: 'Engineering' }

function renderDialog() {
  return renderUi(
    <BulkInvitationsDialog isOpen onClose={() => {}} selection={selection} selectionText="everyone in Engineering" />,
  )
}

/** The server's batches of 100: the first two continue, the last ends the selection. */
function batches() {
  let call = 0
  return (request: ApiCall) => {
    call += 1
    const body = request.body as { action: string }
    return call < 3
      ? { action: body.action, done: 100, skipped: 0, nextCursor: `cursor${call}` }
      : { action: body.action, done: 48, skipped: 2, nextCursor: null }
  }
}

describe('invitations for the filtered people', () => {
  test('shows what each action reaches, then invites all of them batch by batch and says how it went', async () => {
    const api = fakeApi({ 'GET /api/invitations/bulk/counts': counts, 'POST /api/invitations/bulk': batches() })
    await renderDialog()
    await expect.element(page.getByText(/everyone in Engineering/)).toBeVisible()
    await expect.element(page.getByRole('button', { name: 'Invite 250 people' })).toBeEnabled()
    expect(api.callsTo('GET /api/invitations/bulk/counts')[0]!.query.get('department')).toBe('Engineering')

    await userEvent.click(page.getByRole('button', { name: 'Invite 250 people' }))
    await expect.element(page.getByText('Invited 248 people')).toBeVisible()
    await expect.element(page.getByText(/2 people were skipped/)).toBeVisible()
    const sent = api.callsTo('POST /api/invitations/bulk').map((call) => call.body)
    expect(sent).toEqual([
      { action: 'invite', selection, limit: 100 },
      { action: 'invite', selection, limit: 100, after: 'cursor1' },
      { action: 'invite', selection, limit: 100, after: 'cursor2' },
    ])
  })

  test('cancelling asks first, and a failure says how far it got', async () => {
    const api = fakeApi({
      'GET /api/invitations/bulk/counts': counts,
      'POST /api/invitations/bulk': apiError(503, 'database_unavailable', 'The database is not answering'),
    })
    await renderDialog()
    await userEvent.click(page.getByRole('button', { name: 'Cancel invitations…' }))
    await expect.element(page.getByText('Cancel 3 invitations?')).toBeVisible()
    expect(api.callsTo('POST /api/invitations/bulk')).toEqual([])
    await userEvent.click(page.getByRole('button', { name: 'Cancel 3 invitations' }))
    await expect.element(page.getByText(/Stopped after 0: The database is not answering/)).toBeVisible()
    expect(api.callsTo('POST /api/invitations/bulk')[0]!.body).toEqual({ action: 'cancel', selection, limit: 100 })
  })

  test('with nobody to reach, the actions are off', async () => {
    fakeApi({ 'GET /api/invitations/bulk/counts': { notInvited: 0, invited: 0, active: 5, deactivated: 0 } })
    await renderDialog()
    await expect.element(page.getByRole('button', { name: 'Invite 0 people' })).toBeDisabled()
    await expect.element(page.getByRole('button', { name: 'Send again to 0 invited' })).toBeDisabled()
    await expect.element(page.getByRole('button', { name: 'Cancel invitations…' })).toBeDisabled()
  })
})
