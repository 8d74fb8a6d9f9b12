import { ACCESS_STATUSES, type AccessStatus, ROLES } from '#contracts/allowed-values.ts'
import type { PeopleListQuery, Role } from '#contracts/people.ts'

// The directory's search in the address bar, kept apart from the page so the router parses it
// (and its loader starts the query) without loading the page's code.

export const PEOPLE_PAGE_SIZE = 25

export interface PeopleSearch {
  q?: string
  department?: string
  role?: Role
  status?: AccessStatus
  /** The page after this cursor (the API's nextCursor). */
  after?: string
  /** The page before this cursor (the API's previousCursor). */
  before?: string
}

export function parsePeopleSearch(search: Record<string, unknown>): PeopleSearch {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : undefined)
  return {
    q: text(search.q),
    department: text(search.department),
    role: ROLES.find((role) => role === search.role),
    status: ACCESS_STATUSES.find((status) => status === search.status),
    after: text(search.after),
    before: text(search.after) ? undefined : text(search.before),
  }
}

/** The API query for one page of the directory. */
export function peopleListQuery(search: PeopleSearch): PeopleListQuery {
  return {
    q: search.q,
    department: search.department,
    role: search.role,
    access: search.status,
    limit: PEOPLE_PAGE_SIZE,
    after: search.after,
    before: search.before,
  }
}
