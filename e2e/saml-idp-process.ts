import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { buildSamlResponse, readAuthnRequest, testIdpMetadata } from '../src/server/test/saml-idp.ts'

// The journey's SAML identity provider, in a process of its own so it signs on the run's clock
// (libfaketime, as the Tandem server runs): an assertion issued on another clock would rightly be
// refused. GET /sso takes Tandem's AuthnRequest (HTTP-Redirect binding) and answers with a page that
// posts a signed Response to the ACS (HTTP-POST binding), as the account chosen with
// POST /test-control/sign-in-as/<email>; GET /metadata is its metadata. Output: one line of JSON.
let email = ''
let name = ''
const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://idp.invalid')
  const control = /^\/test-control\/sign-in-as\/([^/]+)$/.exec(url.pathname)
  if (control && request.method === 'POST') {
    email = decodeURIComponent(control[1] ?? '')
    name = url.searchParams.get('name') ?? ''
    return response.writeHead(204).end()
  }
  if (url.pathname === '/metadata') {
    return response.writeHead(200, { 'content-type': 'application/xml' }).end(testIdpMetadata(ssoUrl()))
  }
  if (url.pathname === '/sso' && request.method === 'GET') {
    const authnRequest = readAuthnRequest(`http://idp.invalid${request.url ?? ''}`)
    const samlResponse = buildSamlResponse({
      inResponseTo: authnRequest.id,
      acsUrl: authnRequest.acsUrl,
      audience: authnRequest.issuer,
      email,
      name,
      now: new Date(),
    })
    const field = (key: string, value: string) =>
      `<input type="hidden" name="${key}" value="${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">`
    const page = `<!doctype html><html lang="en"><head><title>Test identity provider</title></head><body>
<form method="post" action="${authnRequest.acsUrl}">${field('SAMLResponse', samlResponse)}${
      authnRequest.relayState ? field('RelayState', authnRequest.relayState) : ''
    }<noscript><button>Continue</button></noscript></form>
<script>document.forms[0].submit()</script></body></html>`
    return response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page)
  }
  response.writeHead(404).end()
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
function ssoUrl() {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/sso`
}
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
process.stdout.write(`${JSON.stringify({ base, ssoUrl: ssoUrl(), metadataUrl: `${base}/metadata` })}\n`)
process.once('SIGTERM', () => {
  server.close(() => process.exit(0))
})
