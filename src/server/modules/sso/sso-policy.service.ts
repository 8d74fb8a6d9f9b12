import type { Db } from '#server/db/connect.ts'
import { AppError } from '#server/http/app-error.ts'
import { deleteIdentitiesOfPerson, findOidcSettings } from './sso.repository.ts'

// Apart from sso.service.ts, which starts sessions through the auth module: the auth module asks
// this one, and neither imports the other in a circle.

/**
 * Password sign-in (and accepting an invitation with a password) is refused while the organization
 * requires single sign-on, except for its break-glass admin.
 */
export async function assertPasswordSignInAllowed(db: Db, organizationId: string, personId: string): Promise<void> {
  const settings = await findOidcSettings(db, organizationId)
  if (!settings?.is_enabled || !settings.is_sso_required) return
  if (settings.break_glass_person_id === personId) return
  throw new AppError(
    'sso_required',
    `Your organization signs in with ${settings.display_name}: use "Sign in with ${settings.display_name}" instead of a password.`,
  )
}

/** Forgets which provider accounts a person signed in with (their erasure). */
export async function forgetSingleSignOnOf(db: Db, organizationId: string, personId: string): Promise<void> {
  await deleteIdentitiesOfPerson(db, organizationId, personId)
}
