import { useQuery } from '@tanstack/react-query'
import { Link, Navigate, Outlet, useNavigate, useRouterState } from '@tanstack/react-router'
import { lazy, type ReactNode, Suspense, useEffect, useState } from 'react'
import type { SignInNotice as Notice, Viewer } from '#contracts/auth.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { useSignOut } from '#web/features/auth/api/use-sign-out.ts'
import { SignInNotice } from '#web/features/auth/components/sign-in-notice.tsx'
import { NotificationBell } from '#web/features/notifications/components/notification-bell.tsx'
import { initials, roleLabel } from '#web/lib/format.ts'
import { hasRole, sessionQueryOptions } from '#web/lib/session.ts'
import { Brand } from './brand.tsx'
import {
  AuditIcon,
  ExercisesIcon,
  HomeIcon,
  ImportIcon,
  InsightsIcon,
  MatchesIcon,
  MenuIcon,
  OutboxIcon,
  PeopleIcon,
  ProfileIcon,
  ProgramsIcon,
  SettingsIcon,
  SkillsIcon,
  ThemesIcon,
} from './icons.tsx'

interface NavItem {
  to:
    | '/'
    | '/me/matches'
    | '/exercises'
    | '/programs'
    | '/profile'
    | '/me/data'
    | '/people'
    | '/import'
    | '/skills'
    | '/themes'
    | '/outbox'
    | '/admin/jobs'
    | '/admin/system'
    | '/admin/audit-log'
    | '/admin/sign-in'
    | '/admin/api-tokens'
    | '/admin/webhooks'
    | '/organization'
    | '/insights'
  label: string
  icon: ReactNode
  isExact?: boolean
}

function navSections(viewer: Viewer): { title?: string; items: NavItem[] }[] {
  const sections: { title?: string; items: NavItem[] }[] = [
    {
      items: [
        { to: '/', label: 'Home', icon: <HomeIcon />, isExact: true },
        { to: '/programs', label: 'Programs', icon: <ProgramsIcon /> },
        { to: '/me/matches', label: 'My matches', icon: <MatchesIcon /> },
        { to: '/exercises', label: 'Exercises', icon: <ExercisesIcon /> },
        { to: '/profile', label: 'My profile', icon: <ProfileIcon /> },
        { to: '/me/data', label: 'Your data', icon: <ProfileIcon /> },
      ],
    },
  ]
  if (hasRole(viewer, 'program_manager')) {
    sections.push({
      title: 'Organization',
      items: [
        { to: '/people', label: 'People', icon: <PeopleIcon /> },
        { to: '/insights', label: 'Insights', icon: <InsightsIcon /> },
        { to: '/themes', label: 'Themes', icon: <ThemesIcon /> },
      ],
    })
  }
  if (hasRole(viewer, 'admin')) {
    sections[1]?.items.push(
      { to: '/import', label: 'Import', icon: <ImportIcon /> },
      { to: '/skills', label: 'Skills', icon: <SkillsIcon /> },
    )
    sections.push({
      title: 'Administration',
      items: [
        { to: '/outbox', label: 'Outbox', icon: <OutboxIcon /> },
        { to: '/admin/jobs', label: 'Background jobs', icon: <OutboxIcon /> },
        { to: '/admin/system', label: 'System', icon: <SettingsIcon /> },
        { to: '/admin/audit-log', label: 'Audit log', icon: <AuditIcon /> },
        { to: '/admin/sign-in', label: 'Sign-in and provisioning', icon: <SettingsIcon /> },
        { to: '/admin/api-tokens', label: 'API tokens', icon: <SettingsIcon /> },
        { to: '/admin/webhooks', label: 'Webhooks', icon: <SettingsIcon /> },
        { to: '/organization', label: 'Organization settings', icon: <SettingsIcon /> },
      ],
    })
  }
  return sections
}

/** Signed-in pages: header with the viewer, navigation by role, the page. */
export function AppLayout() {
  const { data: session } = useQuery(sessionQueryOptions)
  // Signed out (or the session ended) while on a signed-in page.
  if (!session) return <Navigate to="/sign-in" />
  return (
    <AppShell
      viewer={session.viewer}
      signInNotice={session.signInNotice}
      isMfaEnrollmentRequired={session.isMfaEnrollmentRequired}
    />
  )
}

// Loaded only when the organization requires two-step sign-in of someone who has not set it up.
const SignInSecurity = lazy(() =>
  import('#web/features/profile/components/sign-in-security.tsx').then((module) => ({
    default: module.SignInSecurity,
  })),
)

/** Instead of any page, until an admin or program manager the organization requires it of has set up two-step sign-in. */
function MfaEnrollmentStep() {
  return (
    <div className="page-narrow">
      <PageHeader
        title="Set up two-step sign-in"
        description="Your organization requires two-step sign-in for your role. Set it up to continue."
      />
      <div className="stack-lg">
        <Alert tone="info" isLive={false}>
          <p>After your password, Tandem will ask for a code from an authenticator app on your phone.</p>
        </Alert>
        <Suspense fallback={<SkeletonRows rows={3} label="Loading…" />}>
          <SignInSecurity />
        </Suspense>
      </div>
    </div>
  )
}

function AppShell({
  viewer,
  signInNotice,
  isMfaEnrollmentRequired,
}: {
  viewer: Viewer
  signInNotice: Notice | null
  isMfaEnrollmentRequired: boolean
}) {
  const navigate = useNavigate()
  const signOut = useSignOut()
  const pathname = useRouterState({ select: (state) => state.location.pathname })
  const [isMenuOpen, setIsMenuOpen] = useState(false)

  // biome-ignore lint/correctness/useExhaustiveDependencies: close the mobile menu whenever the page changes
  useEffect(() => {
    setIsMenuOpen(false)
  }, [pathname])

  function onSignOut() {
    signOut.mutate(undefined, { onSettled: () => navigate({ to: '/sign-in' }) })
  }

  return (
    <>
      <a className="skip-link" href="#main-content">
        Skip to main content
      </a>
      <header className="app-header">
        <button
          type="button"
          className="button button-ghost button-small menu-toggle"
          aria-expanded={isMenuOpen}
          aria-controls="app-nav"
          onClick={() => setIsMenuOpen((open) => !open)}
        >
          <MenuIcon />
          Menu
        </button>
        <Brand />
        <span className="brand-org">{viewer.organizationName}</span>
        <span className="app-header-spacer" />
        {isMfaEnrollmentRequired ? null : <NotificationBell />}
        <div className="viewer">
          <span className="avatar" aria-hidden="true">
            {initials(viewer.name)}
          </span>
          <span className="viewer-name">
            <span className="visually-hidden">Signed in as </span>
            {viewer.name}
            <span className="visually-hidden">, {roleLabel(viewer.role)}</span>
          </span>
          <Button variant="secondary" size="small" onClick={onSignOut} isLoading={signOut.isPending}>
            Sign out
          </Button>
        </div>
      </header>
      <div className="app-body">
        <nav id="app-nav" className="app-nav" aria-label="Main" data-open={isMenuOpen}>
          {navSections(viewer).map((section, index) => (
            <div key={section.title ?? index}>
              {section.title ? <p className="app-nav-section">{section.title}</p> : null}
              <ul>
                {section.items.map((item) => (
                  <li key={item.to}>
                    <Link to={item.to} className="nav-link" activeOptions={{ exact: item.isExact ?? false }}>
                      {item.icon}
                      {item.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
        <main id="main-content" className="app-main" tabIndex={-1}>
          {signInNotice ? <SignInNotice notice={signInNotice} /> : null}
          {isMfaEnrollmentRequired ? <MfaEnrollmentStep /> : <Outlet />}
        </main>
      </div>
    </>
  )
}
