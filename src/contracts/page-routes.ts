/**
 * Every page of the web app, as the web router's full paths (`$name` is a path parameter). The
 * server answers these with the app's index.html and anything else it has no route for with a 404
 * in the error shape, so a scraper or a script asking for `/metrics` or `/api/nope` never gets the
 * app's page with 200. `src/web/app/router.component.test.tsx` fails when the router and this list
 * differ.
 */
export const PAGE_ROUTES = [
  '/',
  '/setup',
  '/sign-in',
  '/forgot-password',
  '/reset-password',
  '/accept-invitation',
  '/unsubscribe/$token',
  '/profile',
  '/people',
  '/people/$personId',
  '/import',
  '/skills',
  '/themes',
  '/outbox',
  '/outbox/$emailId',
  '/admin/jobs',
  '/admin/system',
  '/admin/audit-log',
  '/admin/sign-in',
  '/admin/api-tokens',
  '/admin/webhooks',
  '/organization',
  '/me/data',
  '/insights',
  '/notifications',
  '/me/email-preferences',
  '/programs',
  '/programs/new',
  '/programs/$programId',
  '/programs/$programId/enroll',
  '/programs/$programId/matches/$matchId',
  '/me/matches',
  '/matches/$matchId',
  '/matches/$matchId/sessions/$sessionId/guide',
  '/exercises',
] as const

export type PageRoute = (typeof PAGE_ROUTES)[number]

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** One pattern for every page: a `$name` segment matches any one segment; a trailing slash is allowed. */
const pagePattern = new RegExp(
  `^(?:${PAGE_ROUTES.map((route) =>
    route === '/'
      ? '/'
      : `${route
          .split('/')
          .map((segment) => (segment.startsWith('$') ? '[^/]+' : escapeRegExp(segment)))
          .join('/')}/?`,
  ).join('|')})$`,
)

/**
 * True when `pathname` (without the query string) is one of the app's pages. A file name (a last
 * segment with an extension, such as an old `/assets/index-1234.js`) never is.
 */
export function isPageRoute(pathname: string): boolean {
  if (/\.[a-z0-9]+$/i.test(pathname)) return false
  return pagePattern.test(pathname)
}
