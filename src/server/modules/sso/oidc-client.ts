import * as client from 'openid-client'
import type { Clock } from '#server/clock.ts'

/** What Tandem needs of a provider: its discovered configuration, found through openid-client. */
export interface OidcProviderSettings {
  issuerUrl: string
  clientId: string
  clientSecret: string
}

/** Discovery results kept a few minutes per issuer and client, so a sign-in costs no extra round trip. */
export interface OidcClients {
  configurationOf(settings: OidcProviderSettings): Promise<client.Configuration>
  /** Forgets a cached configuration (the admin changed the settings). */
  forget(organizationKey: OidcProviderSettings): void
}

const CACHE_MS = 5 * 60_000
const TIMEOUT_SECONDS = 10

function keyOf(settings: OidcProviderSettings): string {
  return JSON.stringify([settings.issuerUrl, settings.clientId, settings.clientSecret])
}

/** http is allowed only for a provider on this machine (IssuerUrlSchema refuses any other). */
function isLoopbackHttp(issuerUrl: string): boolean {
  return new URL(issuerUrl).protocol === 'http:'
}

export function createOidcClients(clock: Clock): OidcClients {
  const cache = new Map<string, { configuration: client.Configuration; expiresAt: number }>()
  return {
    async configurationOf(settings) {
      const key = keyOf(settings)
      const now = clock.now().getTime()
      const cached = cache.get(key)
      if (cached && cached.expiresAt > now) return cached.configuration
      const configuration = await client.discovery(
        new URL(settings.issuerUrl),
        settings.clientId,
        undefined,
        // The default of OpenID Connect client registration, and what each provider of docs/sso.md takes.
        client.ClientSecretBasic(settings.clientSecret),
        {
          timeout: TIMEOUT_SECONDS,
          ...(isLoopbackHttp(settings.issuerUrl) ? { execute: [client.allowInsecureRequests] } : {}),
        },
      )
      cache.set(key, { configuration, expiresAt: now + CACHE_MS })
      return configuration
    },
    forget(settings) {
      cache.delete(keyOf(settings))
    },
  }
}
