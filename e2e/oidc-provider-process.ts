import { startTestOidcProvider, type TestAccount } from '../src/server/test/oidc-provider.ts'

// The journey's OpenID provider, in a process of its own so it runs on the run's clock (libfaketime,
// as the Tandem server does): an ID token issued on another clock would rightly be refused.
// Input: REDIRECT_URIS and ACCOUNTS (JSON); output: one line of JSON with the issuer and client.
const provider = await startTestOidcProvider({ redirectUris: JSON.parse(process.env.REDIRECT_URIS ?? '[]') })
const accounts: Record<string, TestAccount> = JSON.parse(process.env.ACCOUNTS ?? '{}')
for (const [subject, account] of Object.entries(accounts)) provider.accounts.set(subject, account)
process.stdout.write(
  `${JSON.stringify({ issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret })}\n`,
)
process.once('SIGTERM', () => {
  void provider.close().then(() => process.exit(0))
})
