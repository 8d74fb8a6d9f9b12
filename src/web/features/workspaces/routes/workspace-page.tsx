import { Link } from '@tanstack/react-router'
import { lazy, type ReactNode, Suspense } from 'react'
import type { Workspace } from '#contracts/workspaces.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { LoadingState } from '#web/components/ui/loading-state.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { Tabs } from '#web/components/ui/tabs.tsx'
import { errorMessage, isApiError } from '#web/lib/api-client.ts'
import { useWorkspace } from '../api/use-workspace.ts'
import { AgreementSection } from '../components/agreement-section.tsx'
import { WorkspaceHeader } from '../components/workspace-header.tsx'
import { WorkspaceSummary } from '../components/workspace-summary.tsx'
import { WORKSPACE_SECTIONS, type WorkspaceSection, workspaceSectionLabels } from './workspace-sections.ts'

// The overview ships with the page; every other tab's code (its forms, their checks and the feedback
// wording list) loads when the tab is opened.
const GoalsSection = lazy(() => import('../components/goals-section.tsx').then((m) => ({ default: m.GoalsSection })))
const SessionsSection = lazy(() =>
  import('../components/sessions-section.tsx').then((m) => ({ default: m.SessionsSection })),
)
const NotesSection = lazy(() => import('../components/notes-section.tsx').then((m) => ({ default: m.NotesSection })))
const ReflectionsSection = lazy(() =>
  import('../components/reflections-section.tsx').then((m) => ({ default: m.ReflectionsSection })),
)
const ActionItemsSection = lazy(() =>
  import('../components/action-items-section.tsx').then((m) => ({ default: m.ActionItemsSection })),
)
const FeedbackSection = lazy(() =>
  import('../components/feedback-section.tsx').then((m) => ({ default: m.FeedbackSection })),
)
const WellbeingSection = lazy(() =>
  import('../components/wellbeing-section.tsx').then((m) => ({ default: m.WellbeingSection })),
)
const FitAndExitsSection = lazy(() =>
  import('../components/fit-and-exits-section.tsx').then((m) => ({ default: m.FitAndExitsSection })),
)

const sectionLoading = (
  <Card>
    <LoadingState label="Loading…" />
  </Card>
)

/**
 * One match's workspace: the partners and program, then one tab per part of the relationship (the
 * open one is in the URL, `?section=`), the overview first. Every section takes the same two props:
 * `matchId` and the loaded `workspace`; only the open one renders and loads its data.
 */
export function WorkspacePage({
  matchId,
  section = 'overview',
  onSectionChange,
  termsToAccept,
}: {
  matchId: string
  section?: WorkspaceSection
  onSectionChange: (section: WorkspaceSection) => void
  termsToAccept?: ReactNode
}) {
  const workspace = useWorkspace(matchId)
  if (workspace.isError) {
    if (isApiError(workspace.error, 'terms_not_accepted')) {
      return (
        <div className="page-narrow stack">
          <PageHeader title="Match workspace" description="This workspace is closed until you accept the terms." />
          <Alert tone="info">{errorMessage(workspace.error)}</Alert>
          {termsToAccept}
        </div>
      )
    }
    if (isApiError(workspace.error, 'not_found')) {
      return (
        <div className="page-narrow stack">
          <PageHeader
            title="Workspace not found"
            description="This match does not exist or you are not one of its members."
          />
          <div>
            <Link to="/me/matches">See my matches</Link>
          </div>
        </div>
      )
    }
    return (
      <div className="page-narrow stack">
        <PageHeader title="Match workspace" />
        <ErrorState error={workspace.error} onRetry={() => workspace.refetch()} />
      </div>
    )
  }
  if (!workspace.data) {
    return (
      <div className="page-narrow" aria-busy="true">
        <Card>
          <LoadingState label="Loading the workspace…" />
        </Card>
      </div>
    )
  }
  const data = workspace.data
  // A match ended early shows its notice and the closing survey only: no tabs to wander into.
  if (data.match.status === 'dissolved') {
    return (
      <div className="page-narrow stack workspace">
        <WorkspaceHeader workspace={data} />
        <MatchEndedNotice />
        <Suspense fallback={sectionLoading}>
          <FitAndExitsSection matchId={matchId} workspace={data} />
        </Suspense>
      </div>
    )
  }
  return (
    <div className="page-narrow stack workspace">
      <WorkspaceHeader workspace={data} />
      <Tabs
        label="Workspace sections"
        idPrefix="workspace"
        tabs={WORKSPACE_SECTIONS.map((id) => ({ id, label: workspaceSectionLabels[id] }))}
        selected={section}
        onSelect={onSectionChange}
      >
        <div className="stack">
          <Suspense fallback={sectionLoading}>
            <OpenSection section={section} matchId={matchId} workspace={data} />
          </Suspense>
        </div>
      </Tabs>
    </div>
  )
}

/** The open section of a running (or completed) match, with the same two props. */
function OpenSection({
  section,
  matchId,
  workspace,
}: {
  section: WorkspaceSection
  matchId: string
  workspace: Workspace
}) {
  switch (section) {
    case 'overview':
      return (
        <>
          <WorkspaceSummary matchId={matchId} workspace={workspace} />
          <AgreementSection matchId={matchId} workspace={workspace} />
        </>
      )
    case 'goals':
      return <GoalsSection matchId={matchId} workspace={workspace} />
    case 'sessions':
      return <SessionsSection matchId={matchId} workspace={workspace} />
    case 'notes':
      return (
        <>
          <NotesSection matchId={matchId} workspace={workspace} />
          <ReflectionsSection matchId={matchId} workspace={workspace} />
        </>
      )
    case 'action-items':
      return <ActionItemsSection matchId={matchId} workspace={workspace} />
    case 'feedback':
      return <FeedbackSection matchId={matchId} workspace={workspace} />
    case 'wellbeing':
      return <WellbeingSection matchId={matchId} workspace={workspace} />
    case 'pairing':
      return <FitAndExitsSection matchId={matchId} workspace={workspace} />
  }
}

/** A match a member ended early is read-only: only the closing survey stays open. */
function MatchEndedNotice() {
  return (
    <Card title="This match has ended" labelledBy="match-ended-heading" className="stack">
      <p style={{ margin: 0 }}>
        It was ended early, so its agreement, goals, sessions, notes and feedback are closed. Please tell us how it went
        in the closing survey below.
      </p>
      <p className="muted" style={{ margin: 0 }}>
        Your private reflections remain yours alone:{' '}
        <a href="/api/me/reflections/export" download>
          download my reflections (Markdown)
        </a>
        .
      </p>
    </Card>
  )
}
