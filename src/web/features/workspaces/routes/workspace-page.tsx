import { Link } from '@tanstack/react-router'
import type { ReactNode } from 'react'
import type { Workspace } from '#contracts/workspaces.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { LoadingState } from '#web/components/ui/loading-state.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { errorMessage, isApiError } from '#web/lib/api-client.ts'
import { useWorkspace } from '../api/use-workspace.ts'
import { ActionItemsSection } from '../components/action-items-section.tsx'
import { AgreementSection } from '../components/agreement-section.tsx'
import { FeedbackSection } from '../components/feedback-section.tsx'
import { FitAndExitsSection } from '../components/fit-and-exits-section.tsx'
import { GoalsSection } from '../components/goals-section.tsx'
import { NotesSection } from '../components/notes-section.tsx'
import { ReflectionsSection } from '../components/reflections-section.tsx'
import { SessionsSection } from '../components/sessions-section.tsx'
import { WellbeingSection } from '../components/wellbeing-section.tsx'
import { WorkspaceHeader } from '../components/workspace-header.tsx'

/**
 * One match's workspace: the partners and program, then one section per part of the relationship.
 * Every section takes the same two props: `matchId` and the loaded `workspace`.
 */
export function WorkspacePage({ matchId, termsToAccept }: { matchId: string; termsToAccept?: ReactNode }) {
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
  // The fit-and-exits section keeps its place (and its state) when the match ends on this page.
  return (
    <div className="page-narrow stack workspace">
      <WorkspaceHeader workspace={data} />
      {data.match.status === 'dissolved' ? <MatchEndedNotice /> : <OpenSections matchId={matchId} workspace={data} />}
      <FitAndExitsSection matchId={matchId} workspace={data} />
    </div>
  )
}

/** Every section of a running (or completed) match, in order, with the same two props. */
function OpenSections({ matchId, workspace }: { matchId: string; workspace: Workspace }) {
  return (
    <>
      <AgreementSection matchId={matchId} workspace={workspace} />
      <GoalsSection matchId={matchId} workspace={workspace} />
      <SessionsSection matchId={matchId} workspace={workspace} />
      <NotesSection matchId={matchId} workspace={workspace} />
      <ReflectionsSection matchId={matchId} workspace={workspace} />
      <ActionItemsSection matchId={matchId} workspace={workspace} />
      <FeedbackSection matchId={matchId} workspace={workspace} />
      <WellbeingSection matchId={matchId} workspace={workspace} />
    </>
  )
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
