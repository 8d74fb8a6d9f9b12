import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'

/** What the test provider says about one of its accounts. */
export interface TestAccount {
  email: string
  /** Absent: the provider does not say (as Entra ID for work accounts). */
  email_verified?: boolean
  /** Entra ID's "email domain owner verified" optional claim. */
  xms_edov?: boolean
  name?: string
}

export interface TestOidcProvider {
  issuer: string
  clientId: string
  clientSecret: string
  /** Accounts by subject; a test adds or edits them at will. */
  accounts: Map<string, TestAccount>
  /** The subject the next interaction signs in as (the provider's login page, answered at once). */
  signInAs(subject: string): void
  close(): Promise<void>
}

/**
 * A real OpenID provider (oidc-provider) on 127.0.0.1, for tests and journeys: one confidential
 * client with the given redirect URI; its login and consent steps answer at once as the account
 * chosen with signInAs (the provider's own pages are not what Tandem tests).
 */
export async function startTestOidcProvider(options: {
  redirectUris: string[]
  /** Seconds an authorization code lives (default 60). */
  codeTtlSeconds?: number
}): Promise<TestOidcProvider> {
  const accounts = new Map<string, TestAccount>()
  let subject = ''
  let provider: Provider | undefined
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (!provider) return response.writeHead(503).end()
    // A journey runs the provider in a process of its own (on the run's clock) and picks the account here.
    const control = /^\/test-control\/sign-in-as\/([\w-]+)$/.exec(request.url ?? '')
    if (control && request.method === 'POST') {
      subject = control[1] ?? ''
      return response.writeHead(204).end()
    }
    if (request.url?.startsWith('/interaction/')) {
      void finishInteraction(provider, request, response)
      return
    }
    provider.callback()(request, response)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const clientId = 'tandem'
  const clientSecret = 'tandem-test-client-secret-0123456789'
  provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified', 'xms_edov'], profile: ['name'] },
    async findAccount(_ctx, sub) {
      const account = accounts.get(sub)
      if (!account) return undefined
      return { accountId: sub, claims: async () => ({ sub, ...account }) }
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    ttl: {
      AuthorizationCode: options.codeTtlSeconds ?? 60,
      AccessToken: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
      Grant: 600,
    },
    cookies: { keys: ['tandem-test-provider-cookie-key'] },
    // Every scope and claim asked for is granted: consent is not what Tandem tests.
    async loadExistingGrant(ctx) {
      const accountId = ctx.oidc.session?.accountId
      if (!accountId || !ctx.oidc.client) return undefined
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId })
      grant.addOIDCScope('openid email profile')
      grant.addOIDCClaims(['email', 'email_verified', 'xms_edov', 'name'])
      await grant.save()
      return grant
    },
  })

  async function finishInteraction(op: Provider, request: IncomingMessage, response: ServerResponse) {
    try {
      await op.interactionDetails(request, response)
      await op.interactionFinished(
        request,
        response,
        { login: { accountId: subject } },
        { mergeWithLastSubmission: false },
      )
    } catch (error) {
      response.writeHead(500).end(String(error))
    }
  }

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    signInAs(next) {
      subject = next
    },
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** A browser's cookies for one site, kept from each answer's Set-Cookie. */
function cookieJar() {
  const cookies = new Map<string, string>()
  return {
    keep(response: Response) {
      for (const line of response.headers.getSetCookie()) {
        const [pair = ''] = line.split(';')
        const at = pair.indexOf('=')
        if (at > 0) cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim())
      }
    },
    header() {
      return [...cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    },
  }
}

/**
 * Follows the provider's redirects as a browser would, from the authorization URL until the
 * provider sends the browser back to Tandem; answers that address (the callback with its code).
 */
export async function followProviderRedirects(authorizationUrl: string, tandemOrigin: string): Promise<URL> {
  const jar = cookieJar()
  let url = new URL(authorizationUrl)
  for (let hop = 0; hop < 10; hop++) {
    if (url.origin === tandemOrigin) return url
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } })
    jar.keep(response)
    const location = response.headers.get('location')
    if (!location)
      throw new Error(`the provider answered ${response.status} at ${url.pathname}: ${await response.text()}`)
    url = new URL(location, url)
  }
  throw new Error('the provider redirected more than 10 times')
}
