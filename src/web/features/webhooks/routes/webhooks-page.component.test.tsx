import { describe, expect, test } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import type { WebhookDelivery, WebhookEndpoint } from '#contracts/webhooks.ts'
import { apiError, fakeApi, status } from '#web/test/fake-api.ts'
import { renderUi } from '#web/test/render.tsx'
import { WebhooksPage } from './webhooks-page.tsx'

const endpointId = '00000000-0000-4000-8000-0000000000e1'
const endpoint: WebhookEndpoint = {
  id: endpointId,
  url: 'https://hr.acme.com/tandem',
  description: 'HR system',
  eventTypes: ['person.created', 'match.published'],
  isEnabled: true,
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
}
const failed: WebhookDelivery = {
  id: '00000000-0000-4000-8000-0000000000d1',
  eventId: '00000000-0000-4000-8000-0000000000f1',
  eventType: 'match.published',
  status: 'failed',
  createdAt: '2030-01-02T10:00:00.000Z',
  attempts: [
    {
      attempt: 1,
      attemptedAt: '2030-01-02T10:00:00.000Z',
      statusCode: 500,
      durationMs: 42,
      error: 'The endpoint answered 500',
      isRedelivery: false,
    },
    {
      attempt: 2,
      attemptedAt: '2030-01-02T10:01:00.000Z',
      statusCode: null,
      durationMs: 10000,
      error: 'No answer within 10 s',
      isRedelivery: false,
    },
  ],
}

describe('Administration > Webhooks', () => {
  test('with no endpoint, the empty state offers to add one; the dialog names what is missing and sends the chosen events', async () => {
    const api = fakeApi({
      'GET /api/admin/webhooks': { endpoints: [] },
      'POST /api/admin/webhooks': status(201, endpoint),
    })
    await renderUi(<WebhooksPage />)
    await expect.element(page.getByRole('heading', { name: 'No webhook endpoints' })).toBeVisible()
    await userEvent.click(page.getByRole('button', { name: 'Add endpoint' }).first())
    const dialog = page.getByRole('dialog', { name: 'Add webhook endpoint' })
    await userEvent.click(dialog.getByRole('button', { name: 'Add endpoint' }))
    await expect.element(dialog.getByText('Endpoint URL is required')).toBeVisible()
    await expect.element(dialog.getByText('Events must include at least one event')).toBeVisible()
    expect(api.writes).toEqual([])
    await userEvent.fill(dialog.getByRole('textbox', { name: 'Endpoint URL' }), 'https://hr.acme.com/tandem')
    await userEvent.fill(dialog.getByRole('textbox', { name: /^Description/ }), 'HR system')
    await userEvent.click(dialog.getByRole('checkbox', { name: /A match is published/ }))
    await userEvent.click(dialog.getByRole('checkbox', { name: /A person is added/ }))
    await userEvent.click(dialog.getByRole('button', { name: 'Add endpoint' }))
    await expect.element(page.getByText('Endpoint added: https://hr.acme.com/tandem')).toBeVisible()
    expect(api.callsTo('POST /api/admin/webhooks')[0]?.body).toEqual({
      url: 'https://hr.acme.com/tandem',
      description: 'HR system',
      eventTypes: ['person.created', 'match.published'],
      isEnabled: true,
    })
  })

  test('the delivery log shows each attempt, and Redeliver sends the delivery again', async () => {
    const api = fakeApi({
      'GET /api/admin/webhooks': { endpoints: [endpoint] },
      [`GET /api/admin/webhooks/${endpointId}/deliveries`]: { deliveries: [failed] },
      [`POST /api/admin/webhooks/${endpointId}/deliveries/${failed.id}/redeliver`]: status(202),
    })
    await renderUi(<WebhooksPage />)
    const card = page.getByRole('region', { name: 'HR system' })
    await userEvent.click(card.getByRole('button', { name: 'Show delivery log' }))
    const log = card.getByRole('table', { name: 'Deliveries to HR system' })
    await expect.element(log.getByText('Failed')).toBeVisible()
    await expect.element(log.getByText(/#1 · HTTP 500 · 42 ms/)).toBeVisible()
    await expect.element(log.getByText(/#2 · no answer: No answer within 10 s/)).toBeVisible()
    await userEvent.click(log.getByRole('button', { name: /^Redeliver match.published/ }))
    await expect
      .poll(() => api.callsTo(`POST /api/admin/webhooks/${endpointId}/deliveries/${failed.id}/redeliver`).length)
      .toBe(1)
  })

  test('the secret is shown on demand; replacing it asks first, and a refusal is said', async () => {
    fakeApi({
      'GET /api/admin/webhooks': { endpoints: [endpoint] },
      [`POST /api/admin/webhooks/${endpointId}/secret/reveal`]: { secret: 'whsec_c2VjcmV0' },
      [`POST /api/admin/webhooks/${endpointId}/secret/rotate`]: apiError(
        404,
        'not_found',
        'Webhook endpoint not found',
      ),
    })
    await renderUi(<WebhooksPage />)
    const card = page.getByRole('region', { name: 'HR system' })
    await userEvent.click(card.getByRole('button', { name: 'Show signing secret of HR system' }))
    await expect.element(card.getByRole('textbox', { name: /Signing secret/ })).toHaveValue('whsec_c2VjcmV0')
    await userEvent.click(card.getByRole('button', { name: 'Replace secret of HR system' }))
    const confirm = page.getByRole('dialog', { name: 'Replace the signing secret?' })
    await userEvent.click(confirm.getByRole('button', { name: 'Replace secret' }))
    await expect.element(confirm.getByText('Webhook endpoint not found')).toBeVisible()
  })
})
