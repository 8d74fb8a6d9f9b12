import { ACCESS_STATUSES, type AccessStatus, type PeopleListQuery, ROLES, type Role } from '#contracts/people.ts'

// The directory's search in the address bar, kept apart from the page so the router parses it
// (and its loader starts the query) without loading the page's code.

export const PEOPLE_PAGE_SIZE = 25

export interface PeopleSearch {
  q?: string
  department?: string
  role?: Role
  status?: AccessStatus
  page?: number
}

export function parsePeopleSearch(search: Record<string, unknown>): PeopleSearch {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : undefined)
  const page = Number(search.page)
  return {
    q: text(search.q),
    department: text(search.department),
    role: ROLES.find((role) => role === search.role),
    status: ACCESS_STATUSES.find((status) => status === search.status),
    page: Number.isInteger(page) && page > 1 ? page : undefined,
  }
}

/** The API query for one page of the directory. */
export function peopleListQuery(search: PeopleSearch): PeopleListQuery {
  const page = search.page ?? 1
  return {
    q: search.q,
    department: search.department,
    role: search.role,
    access: search.status,
    limit: PEOPLE_PAGE_SIZE,
    offset: (page - 1) * PEOPLE_PAGE_SIZE,
  }
}
