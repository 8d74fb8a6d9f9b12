// The app's route table, kept in one file on purpose (over ~300 lines): every URL, its guard and its
// loader side by side is what a newcomer reads to find a page; each page's code lives in its feature
// and loads lazily.
import type { QueryClient } from '@tanstack/react-query'
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  redirect,
} from '@tanstack/react-router'
import { useCallback } from 'react'
import { EMAIL_CATEGORIES } from '#contracts/allowed-values.ts'
import type { EmailCategory } from '#contracts/notifications.ts'
import type { Role } from '#contracts/people.ts'
import { programInsightsQueryOptions } from '#web/features/insights/api/use-program-insights.ts'
import { myMatchesQueryOptions } from '#web/features/matching/api/use-my-matches.ts'
import { peopleQueryOptions } from '#web/features/people/api/use-people.ts'
import { peopleFacetsQueryOptions } from '#web/features/people/api/use-people-facets.ts'
import { personQueryOptions } from '#web/features/people/api/use-person.ts'
import { type PeopleSearch, parsePeopleSearch, peopleListQuery } from '#web/features/people/routes/people-search.ts'
import { programQueryOptions } from '#web/features/programs/api/use-program.ts'
import { programsQueryOptions } from '#web/features/programs/api/use-programs.ts'
import { PROGRAM_TABS, type ProgramTab } from '#web/features/programs/routes/program-tabs.ts'
import { setupStatusQueryOptions } from '#web/features/setup/api/use-setup-status.ts'
import { myUpcomingSessionsQueryOptions } from '#web/features/workspaces/api/use-my-upcoming-sessions.ts'
import { workspaceQueryOptions } from '#web/features/workspaces/api/use-workspace.ts'
import { parseWorkspaceSection, type WorkspaceSection } from '#web/features/workspaces/routes/workspace-sections.ts'
import { hasRole, sessionQueryOptions, useViewer } from '#web/lib/session.ts'
import { AppLayout } from './app-layout.tsx'
import { PublicLayout } from './public-layout.tsx'
import { RootLayout } from './root-layout.tsx'
import { NotFoundPage, PendingPage, RouteErrorPage } from './status-pages.tsx'

export interface RouterContext {
  queryClient: QueryClient
}

// Every page's code is its own chunk, so the first download holds only the router and the layouts.
// A loader starts the page's queries without waiting for them (prefetchQuery never throws): the
// data and the page's code download side by side, and the page's useQuery picks the data up.
const SignInPage = lazyRouteComponent(() => import('#web/features/auth/routes/sign-in-page.tsx'), 'SignInPage')
const ForgotPasswordPage = lazyRouteComponent(
  () => import('#web/features/auth/routes/forgot-password-page.tsx'),
  'ForgotPasswordPage',
)
const ResetPasswordPage = lazyRouteComponent(
  () => import('#web/features/auth/routes/reset-password-page.tsx'),
  'ResetPasswordPage',
)
const AcceptInvitationPage = lazyRouteComponent(
  () => import('#web/features/auth/routes/accept-invitation-page.tsx'),
  'AcceptInvitationPage',
)
const SetupPage = lazyRouteComponent(() => import('#web/features/setup/routes/setup-page.tsx'), 'SetupPage')
const HomePage = lazyRouteComponent(() => import('#web/features/home/routes/home-page.tsx'), 'HomePage')
const MyMatchesList = lazyRouteComponent(
  () => import('#web/features/matching/components/my-matches-list.tsx'),
  'MyMatchesList',
)
const OpenProgramsCard = lazyRouteComponent(
  () => import('#web/features/programs/components/open-programs-summary.tsx'),
  'OpenProgramsCard',
)
const TermsToAccept = lazyRouteComponent(
  () => import('#web/features/programs/components/terms-to-accept.tsx'),
  'TermsToAccept',
)
const UpcomingSessions = lazyRouteComponent(
  () => import('#web/features/workspaces/components/upcoming-sessions.tsx'),
  'UpcomingSessions',
)
const PeoplePage = lazyRouteComponent(() => import('#web/features/people/routes/people-page.tsx'), 'PeoplePage')
const PersonPage = lazyRouteComponent(() => import('#web/features/people/routes/person-page.tsx'), 'PersonPage')
const PersonDataRightsActions = lazyRouteComponent(
  () => import('#web/features/data-rights/components/person-data-rights-actions.tsx'),
  'PersonDataRightsActions',
)
const OutboxEmailPage = lazyRouteComponent(
  () => import('#web/features/outbox/routes/outbox-email-page.tsx'),
  'OutboxEmailPage',
)

/** Starts loading lazy components' code (a loader calls it next to its prefetches). */
function preload(...components: { preload?: () => Promise<void> | undefined }[]) {
  for (const component of components) void component.preload?.()
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined
}

function StandaloneError({ error }: { error: unknown }) {
  return (
    <main id="main-content">
      <RouteErrorPage error={error} />
    </main>
  )
}

function StandaloneNotFound() {
  return (
    <main id="main-content">
      <NotFoundPage />
    </main>
  )
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
  errorComponent: StandaloneError,
  notFoundComponent: StandaloneNotFound,
  // A fresh instance has no organization yet: every page leads to set-up until it has one.
  beforeLoad: async ({ context, location }) => {
    const status = await context.queryClient.ensureQueryData(setupStatusQueryOptions)
    const isSetupPage = location.pathname === '/setup'
    if (!status.isSetUp && !isSetupPage) throw redirect({ to: '/setup' })
    if (status.isSetUp && isSetupPage) throw redirect({ to: '/' })
  },
})

// ---------- Signed-out pages ----------

const publicRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'public',
  component: PublicLayout,
  errorComponent: StandaloneError,
})

const setupRoute = createRoute({ getParentRoute: () => publicRoute, path: 'setup', component: () => <SetupPage /> })

const signInRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: 'sign-in',
  validateSearch: (search: Record<string, unknown>): { redirect?: string; sso_error?: string } => ({
    redirect: optionalString(search.redirect),
    sso_error: optionalString(search.sso_error),
  }),
  beforeLoad: async ({ context }) => {
    const session = await context.queryClient.ensureQueryData(sessionQueryOptions)
    if (session) throw redirect({ to: '/' })
  },
  component: function SignInRoute() {
    const { redirect: redirectTo, sso_error: ssoError } = signInRoute.useSearch()
    return <SignInPage redirectTo={redirectTo} ssoError={ssoError} />
  },
})

const forgotPasswordRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: 'forgot-password',
  component: () => <ForgotPasswordPage />,
})

const tokenSearch = (search: Record<string, unknown>): { token?: string } => ({ token: optionalString(search.token) })

const resetPasswordRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: 'reset-password',
  validateSearch: tokenSearch,
  component: function ResetPasswordRoute() {
    const { token } = resetPasswordRoute.useSearch()
    return <ResetPasswordPage token={token} />
  },
})

const acceptInvitationRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: 'accept-invitation',
  validateSearch: tokenSearch,
  component: function AcceptInvitationRoute() {
    const { token } = acceptInvitationRoute.useSearch()
    return <AcceptInvitationPage token={token} />
  },
})

// An email's unsubscribe link works signed out: its token is the credential.
const UnsubscribePage = lazyRouteComponent(
  () => import('#web/features/notifications/routes/unsubscribe-page.tsx'),
  'UnsubscribePage',
)
const unsubscribeRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: 'unsubscribe/$token',
  validateSearch: (search: Record<string, unknown>): { category?: EmailCategory } => ({
    category: EMAIL_CATEGORIES.find((category) => category === search.category),
  }),
  component: function UnsubscribeRoute() {
    const { token } = unsubscribeRoute.useParams()
    const { category } = unsubscribeRoute.useSearch()
    return <UnsubscribePage token={token} category={category} />
  },
})

// ---------- Signed-in pages ----------

const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  component: AppLayout,
  errorComponent: StandaloneError,
  beforeLoad: async ({ context, location }) => {
    const session = await context.queryClient.ensureQueryData(sessionQueryOptions)
    if (!session) {
      const target = location.href === '/' ? undefined : location.href
      throw redirect({ to: '/sign-in', search: { redirect: target } })
    }
    // Held at two-step sign-in set-up (decision 040): the API answers nothing else, so no page loads its
    // data; the layout shows the set-up step on /profile, a page that loads nothing before it renders.
    if (session.isMfaEnrollmentRequired && location.pathname !== '/profile') throw redirect({ to: '/profile' })
    return { viewer: session.viewer }
  },
})

/** Pages above the viewer's role lead home rather than to a dead end. */
function requireRole(role: Role) {
  return ({ context }: { context: { viewer: { role: Role } } }) => {
    if (!hasRole(context.viewer, role)) throw redirect({ to: '/' })
  }
}

const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  loader: ({ context: { queryClient } }) => {
    preload(HomePage, MyMatchesList, OpenProgramsCard, UpcomingSessions, TermsToAccept)
    void queryClient.prefetchQuery(myMatchesQueryOptions)
    void queryClient.prefetchQuery(programsQueryOptions)
    void queryClient.prefetchQuery(myUpcomingSessionsQueryOptions())
  },
  component: function HomeRoute() {
    const viewer = useViewer()
    return (
      <HomePage
        name={viewer.name}
        role={viewer.role}
        organizationName={viewer.organizationName}
        myMatches={<MyMatchesList />}
        openPrograms={<OpenProgramsCard />}
        upcomingSessions={<UpcomingSessions />}
        termsToAccept={<TermsToAccept />}
      />
    )
  },
})

const profileRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'profile',
  component: lazyRouteComponent(() => import('#web/features/profile/routes/profile-page.tsx'), 'ProfilePage'),
})
const peopleRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'people',
  beforeLoad: requireRole('program_manager'),
})

const peopleIndexRoute = createRoute({
  getParentRoute: () => peopleRoute,
  path: '/',
  validateSearch: parsePeopleSearch,
  loaderDeps: ({ search }) => search,
  loader: ({ context: { queryClient }, deps }) => {
    preload(PeoplePage)
    void queryClient.prefetchQuery(peopleQueryOptions(peopleListQuery(deps)))
    void queryClient.prefetchQuery(peopleFacetsQueryOptions)
  },
  component: function PeopleRoute() {
    const search = peopleIndexRoute.useSearch()
    const navigate = peopleIndexRoute.useNavigate()
    const viewer = useViewer()
    const onSearchChange = useCallback((next: PeopleSearch) => navigate({ search: next, replace: true }), [navigate])
    return <PeoplePage search={search} onSearchChange={onSearchChange} canManage={hasRole(viewer, 'admin')} />
  },
})

const personRoute = createRoute({
  getParentRoute: () => peopleRoute,
  path: '$personId',
  loader: ({ context: { queryClient }, params }) => {
    preload(PersonPage)
    void queryClient.prefetchQuery(personQueryOptions(params.personId))
  },
  component: function PersonRoute() {
    const { personId } = personRoute.useParams()
    const viewer = useViewer()
    const isAdmin = hasRole(viewer, 'admin')
    return (
      <PersonPage
        personId={personId}
        canManage={isAdmin}
        viewerId={viewer.id}
        renderDataRights={
          isAdmin ? (person, isSelf) => <PersonDataRightsActions person={person} isSelf={isSelf} /> : undefined
        }
      />
    )
  },
})
const importRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'import',
  beforeLoad: requireRole('admin'),
  component: lazyRouteComponent(() => import('#web/features/people-import/routes/import-page.tsx'), 'ImportPage'),
})
const skillsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'skills',
  beforeLoad: requireRole('admin'),
  component: lazyRouteComponent(() => import('#web/features/skills/routes/skills-page.tsx'), 'SkillsPage'),
})
const ThemesPage = lazyRouteComponent(() => import('#web/features/themes/routes/themes-page.tsx'), 'ThemesPage')
const themesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'themes',
  beforeLoad: requireRole('program_manager'),
  component: function ThemesRoute() {
    const viewer = useViewer()
    return <ThemesPage canManage={hasRole(viewer, 'admin')} />
  },
})
const outboxRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'outbox',
  beforeLoad: requireRole('admin'),
})
const outboxIndexRoute = createRoute({
  getParentRoute: () => outboxRoute,
  path: '/',
  component: lazyRouteComponent(() => import('#web/features/outbox/routes/outbox-page.tsx'), 'OutboxPage'),
})
const outboxEmailRoute = createRoute({
  getParentRoute: () => outboxRoute,
  path: '$emailId',
  component: function OutboxEmailRoute() {
    const { emailId } = outboxEmailRoute.useParams()
    return <OutboxEmailPage emailId={emailId} />
  },
})
const jobsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'admin/jobs',
  beforeLoad: requireRole('admin'),
  component: lazyRouteComponent(() => import('#web/features/jobs/routes/jobs-page.tsx'), 'JobsPage'),
})
const webhooksRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'admin/webhooks',
  beforeLoad: requireRole('admin'),
  component: lazyRouteComponent(() => import('#web/features/webhooks/routes/webhooks-page.tsx'), 'WebhooksPage'),
})
const systemRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'admin/system',
  beforeLoad: requireRole('admin'),
  component: lazyRouteComponent(() => import('#web/features/system/routes/system-page.tsx'), 'SystemPage'),
})
const OrganizationPage = lazyRouteComponent(
  () => import('#web/features/organization/routes/organization-page.tsx'),
  'OrganizationPage',
)
const DataRetentionCard = lazyRouteComponent(
  () => import('#web/features/data-rights/components/data-retention-card.tsx'),
  'DataRetentionCard',
)
const MfaPolicyCard = lazyRouteComponent(
  () => import('#web/features/auth/components/mfa-policy-card.tsx'),
  'MfaPolicyCard',
)
const auditLogRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'admin/audit-log',
  beforeLoad: requireRole('admin'),
  component: lazyRouteComponent(() => import('#web/features/audit/routes/audit-log-page.tsx'), 'AuditLogPage'),
})
const signInSettingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'admin/sign-in',
  beforeLoad: requireRole('admin'),
  component: lazyRouteComponent(
    () => import('#web/features/sso/routes/sign-in-settings-page.tsx'),
    'SignInSettingsPage',
  ),
})
const apiTokensRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'admin/api-tokens',
  beforeLoad: requireRole('admin'),
  component: lazyRouteComponent(() => import('#web/features/api-tokens/routes/api-tokens-page.tsx'), 'ApiTokensPage'),
})
const organizationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'organization',
  beforeLoad: requireRole('admin'),
  component: function OrganizationRoute() {
    return (
      <OrganizationPage>
        <DataRetentionCard />
        <MfaPolicyCard />
      </OrganizationPage>
    )
  },
})
const yourDataRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'me/data',
  component: lazyRouteComponent(() => import('#web/features/data-rights/routes/your-data-page.tsx'), 'YourDataPage'),
})

const insightsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'insights',
  beforeLoad: requireRole('program_manager'),
  component: lazyRouteComponent(
    () => import('#web/features/insights/routes/insights-overview-page.tsx'),
    'InsightsOverviewPage',
  ),
})

const notificationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'notifications',
  component: lazyRouteComponent(
    () => import('#web/features/notifications/routes/notifications-page.tsx'),
    'NotificationsPage',
  ),
})

const emailPreferencesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'me/email-preferences',
  component: lazyRouteComponent(
    () => import('#web/features/notifications/routes/email-preferences-page.tsx'),
    'EmailPreferencesPage',
  ),
})

const programsRoute = createRoute({ getParentRoute: () => appRoute, path: 'programs' })

const ProgramsPage = lazyRouteComponent(() => import('#web/features/programs/routes/programs-page.tsx'), 'ProgramsPage')
const programsIndexRoute = createRoute({
  getParentRoute: () => programsRoute,
  path: '/',
  component: function ProgramsRoute() {
    const viewer = useViewer()
    return <ProgramsPage canManage={hasRole(viewer, 'program_manager')} />
  },
})

const newProgramRoute = createRoute({
  getParentRoute: () => programsRoute,
  path: 'new',
  beforeLoad: requireRole('program_manager'),
  component: lazyRouteComponent(() => import('#web/features/programs/routes/new-program-page.tsx'), 'NewProgramPage'),
})

const ProgramPage = lazyRouteComponent(() => import('#web/features/programs/routes/program-page.tsx'), 'ProgramPage')
const ProgramEnrollmentPage = lazyRouteComponent(
  () => import('#web/features/programs/routes/program-enrollment-page.tsx'),
  'ProgramEnrollmentPage',
)
const MatchingPanel = lazyRouteComponent(
  () => import('#web/features/matching/components/matching-panel.tsx'),
  'MatchingPanel',
)
const ProgramInsightsPanel = lazyRouteComponent(
  () => import('#web/features/insights/components/program-insights-panel.tsx'),
  'ProgramInsightsPanel',
)

const programRoute = createRoute({
  getParentRoute: () => programsRoute,
  path: '$programId',
  validateSearch: (search: Record<string, unknown>): { tab?: ProgramTab } => ({
    tab: PROGRAM_TABS.find((tab) => tab === search.tab),
  }),
  loaderDeps: ({ search }) => ({ tab: search.tab }),
  loader: ({ context: { queryClient, viewer }, params, deps }) => {
    void queryClient.prefetchQuery(programQueryOptions(params.programId))
    if (!hasRole(viewer, 'program_manager')) return preload(ProgramEnrollmentPage)
    preload(ProgramPage)
    // A tab opened by its address (a link, a reload) loads its code and data beside the page's.
    if (deps.tab === 'matching') preload(MatchingPanel)
    if (deps.tab === 'insights') {
      preload(ProgramInsightsPanel)
      void queryClient.prefetchQuery(programInsightsQueryOptions(params.programId))
    }
  },
  component: function ProgramRoute() {
    const { programId } = programRoute.useParams()
    const { tab } = programRoute.useSearch()
    const navigate = programRoute.useNavigate()
    const viewer = useViewer()
    const onTabChange = useCallback(
      (next: ProgramTab) => navigate({ search: { tab: next === 'overview' ? undefined : next }, replace: true }),
      [navigate],
    )
    // Participants see the program as someone who may enroll; managers run it.
    if (!hasRole(viewer, 'program_manager')) return <ProgramEnrollmentPage programId={programId} />
    return (
      <ProgramPage
        programId={programId}
        tab={tab ?? 'overview'}
        onTabChange={onTabChange}
        renderMatching={(program) => <MatchingPanel program={program} />}
        renderInsights={(program) => <ProgramInsightsPanel programId={program.id} />}
      />
    )
  },
})

const programEnrollmentRoute = createRoute({
  getParentRoute: () => programsRoute,
  path: '$programId/enroll',
  component: function ProgramEnrollmentRoute() {
    const { programId } = programEnrollmentRoute.useParams()
    return <ProgramEnrollmentPage programId={programId} />
  },
})

const MatchHealthPage = lazyRouteComponent(
  () => import('#web/features/insights/routes/match-health-page.tsx'),
  'MatchHealthPage',
)
const programMatchRoute = createRoute({
  getParentRoute: () => programsRoute,
  path: '$programId/matches/$matchId',
  beforeLoad: requireRole('program_manager'),
  component: function ProgramMatchRoute() {
    const { programId, matchId } = programMatchRoute.useParams()
    return <MatchHealthPage programId={programId} matchId={matchId} />
  },
})

const myMatchesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'me/matches',
  component: lazyRouteComponent(() => import('#web/features/matching/routes/my-matches-page.tsx'), 'MyMatchesPage'),
})

const WorkspacePage = lazyRouteComponent(
  () => import('#web/features/workspaces/routes/workspace-page.tsx'),
  'WorkspacePage',
)
const workspaceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'matches/$matchId',
  validateSearch: (search: Record<string, unknown>): { section?: WorkspaceSection } => ({
    section: parseWorkspaceSection(search.section),
  }),
  loader: ({ context: { queryClient }, params }) => {
    preload(WorkspacePage)
    void queryClient.prefetchQuery(workspaceQueryOptions(params.matchId))
  },
  component: function WorkspaceRoute() {
    const { matchId } = workspaceRoute.useParams()
    const { section } = workspaceRoute.useSearch()
    const navigate = workspaceRoute.useNavigate()
    // Choosing a tab replaces the address rather than stacking one history entry per tab.
    const onSectionChange = useCallback(
      (next: WorkspaceSection) =>
        navigate({ search: { section: next === 'overview' ? undefined : next }, replace: true }),
      [navigate],
    )
    return (
      <WorkspacePage
        matchId={matchId}
        section={section}
        onSectionChange={onSectionChange}
        termsToAccept={<TermsToAccept />}
      />
    )
  },
})

const SessionGuidePage = lazyRouteComponent(
  () => import('#web/features/workspaces/routes/session-guide-page.tsx'),
  'SessionGuidePage',
)
const sessionGuideRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'matches/$matchId/sessions/$sessionId/guide',
  validateSearch: (search: Record<string, unknown>): { exercise?: string } => ({
    exercise: optionalString(search.exercise),
  }),
  component: function SessionGuideRoute() {
    const { matchId, sessionId } = sessionGuideRoute.useParams()
    const { exercise } = sessionGuideRoute.useSearch()
    const navigate = sessionGuideRoute.useNavigate()
    const onChooseExercise = useCallback(
      (exerciseId: string) => navigate({ search: { exercise: exerciseId }, replace: true }),
      [navigate],
    )
    return (
      <SessionGuidePage
        matchId={matchId}
        sessionId={sessionId}
        exerciseId={exercise}
        onChooseExercise={onChooseExercise}
      />
    )
  },
})

const ExercisesPage = lazyRouteComponent(
  () => import('#web/features/exercises/routes/exercises-page.tsx'),
  'ExercisesPage',
)
const exercisesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'exercises',
  component: function ExercisesRoute() {
    const viewer = useViewer()
    return <ExercisesPage canManage={hasRole(viewer, 'admin')} />
  },
})

const routeTree = rootRoute.addChildren([
  publicRoute.addChildren([
    setupRoute,
    signInRoute,
    forgotPasswordRoute,
    resetPasswordRoute,
    acceptInvitationRoute,
    unsubscribeRoute,
  ]),
  appRoute.addChildren([
    homeRoute,
    profileRoute,
    peopleRoute.addChildren([peopleIndexRoute, personRoute]),
    importRoute,
    skillsRoute,
    themesRoute,
    outboxRoute.addChildren([outboxIndexRoute, outboxEmailRoute]),
    jobsRoute,
    webhooksRoute,
    systemRoute,
    auditLogRoute,
    apiTokensRoute,
    organizationRoute,
    signInSettingsRoute,
    yourDataRoute,
    insightsRoute,
    notificationsRoute,
    emailPreferencesRoute,
    programsRoute.addChildren([
      programsIndexRoute,
      newProgramRoute,
      programRoute,
      programEnrollmentRoute,
      programMatchRoute,
    ]),
    myMatchesRoute,
    workspaceRoute,
    sessionGuideRoute,
    exercisesRoute,
  ]),
])

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
    defaultPendingComponent: PendingPage,
    defaultErrorComponent: RouteErrorPage,
    defaultNotFoundComponent: NotFoundPage,
  })
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>
  }
}
