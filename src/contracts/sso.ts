import { z } from 'zod'
import { textField } from './input.ts'

// Single sign-on with OpenID Connect or SAML 2.0 (issue #15 point 2): the admin's settings, the
// sign-in page's options, and the words for each way a single sign-on can be refused.

/** The path the provider sends people back to; the admin registers `<PUBLIC_URL>` + this at the provider. */
export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback'
export const OIDC_START_PATH = '/api/auth/oidc/start'

/** SAML: Tandem's service provider metadata; its address is also Tandem's entity id. */
export const SAML_METADATA_PATH = '/api/auth/saml/metadata'
/** SAML: the assertion consumer service (HTTP-POST binding). */
export const SAML_ACS_PATH = '/api/auth/saml/acs'
export const SAML_START_PATH = '/api/auth/saml/start'
/** SAML: where the ACS sends the browser; the browser that started the sign-in gets its session there. */
export const SAML_FINISH_PATH = '/api/auth/saml/finish'

/** One kind of provider per organization. */
export const SSO_PROTOCOLS = ['oidc', 'saml'] as const
export type SsoProtocol = (typeof SSO_PROTOCOLS)[number]

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/** https, or http on this machine only (a provider run for development or tests). */
export function isAllowedIssuerUrl(value: string): boolean {
  if (!URL.canParse(value)) return false
  const url = new URL(value)
  if (url.search || url.hash || url.username || url.password) return false
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))
}

export const IssuerUrlSchema = z
  .url('must be a URL such as https://login.example.com/realms/staff')
  .max(500, 'must be at most 500 characters')
  .refine(isAllowedIssuerUrl, 'must be an https:// URL without a query (http:// only for localhost)')

export const EmailDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253, 'must be at most 253 characters')
  .regex(
    /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/,
    'must be a domain such as example.com',
  )

export const SsoDisplayNameSchema = textField({ min: 1, max: 60 })

/** A SAML provider's sign-on URL: https (http only for localhost); a query is allowed (Google Workspace has one). */
export const SamlSsoUrlSchema = z
  .url('must be a URL such as https://login.example.com/saml2')
  .max(1000, 'must be at most 1000 characters')
  .refine((value) => {
    if (!URL.canParse(value)) return false
    const url = new URL(value)
    if (url.hash || url.username || url.password) return false
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))
  }, 'must be an https:// URL (http:// only for localhost)')

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g

/** The PEM certificates of a pasted text (one or more, as an identity provider shows them). */
export function pemCertificatesOf(text: string): string[] {
  return text.match(PEM_CERTIFICATE) ?? []
}

/** One or more PEM certificates (BEGIN CERTIFICATE ... END CERTIFICATE); the server also parses them. */
export const SamlCertificatesSchema = textField({ min: 1, max: 20_000, trim: false }).refine(
  (text) => pemCertificatesOf(text).length > 0,
  'must be a PEM certificate (-----BEGIN CERTIFICATE----- ...)',
)

/** The SAML part of the settings, and the values the admin gives the identity provider. */
export const SamlSettingsSchema = z.object({
  idpSsoUrl: z.string(),
  idpEntityId: z.string(),
  /** PEM; public keys, so answered as saved. */
  idpCertificates: z.string(),
  /** Tandem's entity id (the audience assertions must name): its metadata URL. */
  spEntityId: z.string(),
  /** Where the provider posts its answer (Reply URL, ACS URL). */
  acsUrl: z.string(),
  metadataUrl: z.string(),
})
export type SamlSettings = z.infer<typeof SamlSettingsSchema>

/** The settings as an admin reads them: the client secret is never answered, only whether one is set. */
export const OidcSettingsSchema = z.object({
  /** Which kind of provider is used; the other kind's settings are kept but not used. */
  protocol: z.enum(SSO_PROTOCOLS),
  isEnabled: z.boolean(),
  /** "Sign in with <displayName>" on the sign-in page. */
  displayName: z.string(),
  issuerUrl: z.string(),
  clientId: z.string(),
  isClientSecretSet: z.boolean(),
  allowedDomains: z.array(z.string()),
  /** A verified address of an allowed domain with no account creates a participant. */
  isJitEnabled: z.boolean(),
  /** Passwords are refused, except for the break-glass admin. */
  isSsoRequired: z.boolean(),
  breakGlassPersonId: z.uuid().nullable(),
  /** What to register at the provider as the redirect (callback) URI. */
  redirectUri: z.string(),
  saml: SamlSettingsSchema,
  updatedAt: z.iso.datetime().nullable(),
})
export type OidcSettings = z.infer<typeof OidcSettingsSchema>

const AllowedDomainsSchema = z
  .array(EmailDomainSchema)
  .min(1, 'needs at least one domain')
  .max(50, 'must list at most 50 domains')
  .refine((domains) => new Set(domains).size === domains.length, 'lists a domain twice')

export const UpdateOidcSettingsBodySchema = z.strictObject({
  /** Omitted: OpenID Connect (the body before SAML existed). */
  protocol: z.literal('oidc').optional(),
  isEnabled: z.boolean(),
  displayName: SsoDisplayNameSchema,
  issuerUrl: IssuerUrlSchema,
  clientId: textField({ min: 1, max: 500 }),
  /** Omitted: the secret already saved is kept. */
  clientSecret: textField({ min: 1, max: 2000, trim: false }).optional(),
  allowedDomains: AllowedDomainsSchema,
  isJitEnabled: z.boolean(),
  isSsoRequired: z.boolean(),
  breakGlassPersonId: z.uuid().nullable(),
})
export type UpdateOidcSettingsBody = z.input<typeof UpdateOidcSettingsBodySchema>

/** The organization signs in with a SAML 2.0 identity provider (its OpenID Connect settings are kept). */
export const UpdateSamlSettingsBodySchema = z.strictObject({
  protocol: z.literal('saml'),
  isEnabled: z.boolean(),
  displayName: SsoDisplayNameSchema,
  idpSsoUrl: SamlSsoUrlSchema,
  idpEntityId: textField({ min: 1, max: 500 }),
  idpCertificates: SamlCertificatesSchema,
  allowedDomains: AllowedDomainsSchema,
  isJitEnabled: z.boolean(),
  isSsoRequired: z.boolean(),
  breakGlassPersonId: z.uuid().nullable(),
})
export type UpdateSamlSettingsBody = z.input<typeof UpdateSamlSettingsBodySchema>

/** PUT /organization/oidc: one kind of provider or the other. */
export const UpdateSsoSettingsBodySchema = z.union([UpdateSamlSettingsBodySchema, UpdateOidcSettingsBodySchema])
export type UpdateSsoSettingsBody = z.input<typeof UpdateSsoSettingsBodySchema>

/** An identity provider's SAML metadata, pasted by the admin to fill the form. */
export const ParseSamlMetadataBodySchema = z.strictObject({
  metadataXml: textField({ min: 1, max: 200_000, trim: false }),
})
export const ParsedSamlMetadataSchema = z.object({
  idpSsoUrl: z.string(),
  idpEntityId: z.string(),
  idpCertificates: z.string(),
})
export type ParsedSamlMetadata = z.infer<typeof ParsedSamlMetadataSchema>

/** What the public sign-in page may know: the button's name and where it leads, nothing secret. */
export const SignInOptionsSchema = z.object({
  singleSignOn: z.array(
    z.object({
      organizationSlug: z.string(),
      displayName: z.string(),
      /** Whether this organization refuses passwords (except for its break-glass admin). */
      isRequired: z.boolean(),
      startUrl: z.string(),
    }),
  ),
})
export type SignInOptions = z.infer<typeof SignInOptionsSchema>

export const OidcStartQuerySchema = z.strictObject({
  organization: z.string().regex(/^[a-z0-9-]{1,64}$/, 'is not an organization'),
})

const callbackParam = textField({ max: 4096, trim: false }).optional()

/**
 * What a provider sends back: the code and state, or an error. Also the extra parameters the common
 * providers add (Keycloak's session_state, Google's authuser, hd and prompt, Entra ID's client_info),
 * so a real provider's answer is not refused for a parameter Tandem does not read.
 */
export const OidcCallbackQuerySchema = z.strictObject({
  code: callbackParam,
  state: callbackParam,
  iss: callbackParam,
  error: callbackParam,
  error_description: callbackParam,
  error_uri: callbackParam,
  session_state: callbackParam,
  scope: callbackParam,
  authuser: callbackParam,
  hd: callbackParam,
  prompt: callbackParam,
  client_info: callbackParam,
})

/** Why a single sign-on was refused: the callback sends the browser to /sign-in?sso_error=<code>. */
export const SSO_ERRORS = {
  sso_not_configured: 'Single sign-on is not set up for this organization.',
  sso_state_invalid:
    'This sign-in link has expired or was started in another browser. Start again with the single sign-on button.',
  sso_provider_error: 'Your identity provider did not sign you in (it refused, or the sign-in was cancelled).',
  sso_code_rejected:
    'Your identity provider refused to complete this sign-in (the code had expired or was used). Try again.',
  sso_token_invalid:
    'The answer from your identity provider could not be verified. Try again, or ask an administrator.',
  sso_provider_unreachable: 'Your identity provider could not be reached. Try again in a few minutes.',
  sso_email_unverified:
    'Your identity provider has not verified your email address, so Tandem cannot sign you in with it.',
  sso_domain_not_allowed: "Your email address's domain is not allowed to sign in with single sign-on here.",
  sso_no_account: 'No Tandem account uses your email address. Ask an administrator to invite you.',
  sso_account_deactivated:
    'This account has been deactivated. Ask an administrator of your organization if you need access again.',
  sso_identity_conflict:
    'Your Tandem account is already linked to another account at your identity provider. Ask an administrator.',
  sso_assertion_invalid:
    'The answer from your identity provider was not signed with its certificate (or was changed on the way). Ask an administrator to check the certificate in the sign-in settings.',
  sso_audience_mismatch:
    'Your identity provider sent this sign-in to another application (wrong audience). Ask an administrator to check the entity id registered at the provider.',
  sso_recipient_mismatch:
    'Your identity provider sent this sign-in to another address. Ask an administrator to check the reply (ACS) URL registered at the provider.',
  sso_assertion_expired:
    'The answer from your identity provider has expired (or is not valid yet). Try again; if it keeps happening, a clock is wrong.',
  sso_assertion_replayed: 'This sign-in answer has already been used. Start again with the single sign-on button.',
} as const
export type SsoErrorCode = keyof typeof SSO_ERRORS
export const SsoErrorCodeSchema = z.enum(Object.keys(SSO_ERRORS) as [SsoErrorCode, ...SsoErrorCode[]])

/** The words for an sso_error code of the sign-in page's address; an unknown one gets a general message. */
export function ssoErrorMessage(code: string): string {
  return (SSO_ERRORS as Record<string, string>)[code] ?? 'Single sign-on did not work. Try again.'
}

export const SamlStartQuerySchema = OidcStartQuerySchema

export const SamlFinishQuerySchema = z.strictObject({
  request: z.string().regex(/^_[0-9a-f]{40}$/, 'is not a sign-in request'),
})

/** What the provider posts to the assertion consumer service (HTTP-POST binding). */
export const SamlAcsBodySchema = z.strictObject({
  // Malformed posts (not base64, unpaired surrogates, unknown fields) are a 400 before any check or
  // audit: only a well-formed post is a sign-in attempt (then refused with a redirect and audited).
  SAMLResponse: textField({ min: 1, max: 500_000, trim: false }).regex(/^[A-Za-z0-9+/=\s]+$/, 'must be base64'),
  RelayState: textField({ max: 200, trim: false }).optional(),
})

/** A browser redirect (Location header), no body. */
export const SsoRedirectSchema = z.null().describe('A redirect: see the Location header')
