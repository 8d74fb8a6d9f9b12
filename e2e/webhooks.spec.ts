import { createHmac } from 'node:crypto'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'
import { expect, expectNoAxeViolations, setUpOrganization, signIn, test } from './fixtures.ts'

test('an admin adds a webhook endpoint, an event reaches the receiver signed, and the admin redelivers it from the log', async ({
  page,
  tandemUrl,
}) => {
  // A real receiver: records every request and answers 200.
  const received: { headers: IncomingHttpHeaders; body: string }[] = []
  const receiver = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') })
      response.writeHead(200).end()
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/tandem`
  try {
    const admin = await setUpOrganization(tandemUrl)
    await signIn(page, admin.email, admin.password)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks', exact: true }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible()
    await expect(page.getByRole('heading', { name: 'No webhook endpoints' })).toBeVisible()
    await expectNoAxeViolations(page)

    // Add the endpoint; the form names what is missing first.
    await page.getByRole('button', { name: 'Add endpoint' }).first().click()
    const dialog = page.getByRole('dialog', { name: 'Add webhook endpoint' })
    await dialog.getByRole('button', { name: 'Add endpoint' }).click()
    await expect(dialog.getByText('Endpoint URL is required')).toBeVisible()
    await dialog.getByLabel('Endpoint URL').fill(receiverUrl)
    await dialog.getByLabel('Description').fill('HR system')
    await dialog.getByRole('checkbox', { name: /A person's profile changes/ }).check()
    await expectNoAxeViolations(page)
    await dialog.getByRole('button', { name: 'Add endpoint' }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByText(`Endpoint added: ${receiverUrl}`)).toBeVisible()
    const card = page.getByRole('region', { name: 'HR system' })
    await expect(card.getByText('On', { exact: true })).toBeVisible()

    // The signing secret, shown on demand.
    await card.getByRole('button', { name: 'Show signing secret of HR system' }).click()
    const secretField = card.getByLabel(/Signing secret/)
    await expect(secretField).toHaveValue(/^whsec_/)
    const secret = await secretField.inputValue()

    // Something happens: the admin changes their own profile.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My profile', exact: true }).click()
    const form = page.getByRole('form', { name: 'Profile' })
    await form.getByLabel('Title', { exact: true }).fill('Head of People')
    await form.getByRole('button', { name: 'Save profile' }).click()
    await expect(form.getByText('Your profile is saved.')).toBeVisible()
    await expect.poll(() => received.length, { timeout: 20_000 }).toBe(1)
    const [first] = received
    const headers = {
      'webhook-id': String(first?.headers['webhook-id']),
      'webhook-timestamp': String(first?.headers['webhook-timestamp']),
      'webhook-signature': String(first?.headers['webhook-signature']),
    }
    // Signed per Standard Webhooks: v1, base64 of HMAC-SHA256 over "id.timestamp.body" with the
    // secret's bytes. (The reference library's verify() also checks the timestamp against the real
    // clock, and the journey's server runs on the app's pinned clock: the server tests run it.)
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64')
    const expected = createHmac('sha256', key)
      .update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${first?.body}`)
      .digest('base64')
    expect(headers['webhook-signature']).toBe(`v1,${expected}`)
    expect(
      new Webhook(secret).sign(
        headers['webhook-id'],
        new Date(Number(headers['webhook-timestamp']) * 1000),
        first?.body ?? '',
      ),
    ).toBe(headers['webhook-signature'])
    expect(JSON.parse(first?.body ?? '')).toMatchObject({
      type: 'person.updated',
      data: { title: 'Head of People', email: admin.email },
    })

    // The delivery is in the log; the admin sends it again.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks', exact: true }).click()
    await card.getByRole('button', { name: 'Show delivery log' }).click()
    const log = card.getByRole('table', { name: 'Deliveries to HR system' })
    await expect(log.getByText('Delivered')).toBeVisible()
    await expect(log.getByText(/#1 · HTTP 200/)).toBeVisible()
    await expectNoAxeViolations(page)
    await log.getByRole('button', { name: /^Redeliver person.updated/ }).click()
    await expect(log.getByText(/#2 \(sent again\) · HTTP 200/)).toBeVisible({ timeout: 20_000 })
    expect(received).toHaveLength(2)
    expect(received[1]?.headers['webhook-id']).toBe(headers['webhook-id'])
    await expectNoAxeViolations(page)
  } finally {
    await new Promise<void>((resolve) => receiver.close(() => resolve()))
  }
})
