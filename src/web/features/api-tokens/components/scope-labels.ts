import type { ApiTokenScope, ApiTokenStatus } from '#contracts/api-tokens.ts'

/** Every scope in the order the form lists them, in words (the API's list, by type: a new scope must be named here). */
export const SCOPE_LABELS: Record<ApiTokenScope, { label: string; hint: string }> = {
  'people:read': { label: 'Read people', hint: 'The directory and each person’s profile fields' },
  'people:write': { label: 'Change people', hint: 'Edit, deactivate and reactivate people' },
  'programs:read': { label: 'Read programs', hint: 'Programs, their settings and head counts' },
  'insights:read': {
    label: 'Read insights',
    hint: 'Program and organization figures, each over at least the privacy threshold',
  },
}

export const SCOPES = Object.keys(SCOPE_LABELS) as ApiTokenScope[]

export const STATUS_LABELS: Record<ApiTokenStatus, string> = {
  active: 'Active',
  expired: 'Expired',
  revoked: 'Revoked',
}
