import { Link } from '@tanstack/react-router'
import type { ReactNode } from 'react'
import type { Workspace } from '#contracts/workspaces.ts'
import { formatDate } from '#web/lib/format.ts'
import { useViewer } from '#web/lib/session.ts'
import { useActionItems } from '../api/use-action-items.ts'
import { useMatchFeedback } from '../api/use-match-feedback.ts'
import { useSessions } from '../api/use-sessions.ts'
import type { WorkspaceSection } from '../routes/workspace-sections.ts'
import { actionItemsLine, feedbackLine, goalsLine, nextSessionLine } from './workspace-summary-words.ts'

/**
 * The workspace at a glance: the agreed focus, the next session and who coaches, the goals, the open
 * action items and the latest feedback, each with a link to its section. Each line loads on its own.
 */
export function WorkspaceSummary({ matchId, workspace }: { matchId: string; workspace: Workspace }) {
  const viewer = useViewer()
  const sessions = useSessions(matchId)
  const actionItems = useActionItems(matchId)
  const feedback = useMatchFeedback(matchId)
  const feedbackWords = feedback.data ? feedbackLine(feedback.data) : null
  const latestReceived = feedback.data?.received.reduce<string | null>(
    (latest, item) => (latest === null || item.createdAt > latest ? item.createdAt : latest),
    null,
  )

  return (
    <section className="card stack" aria-labelledby="summary-heading">
      <h2 id="summary-heading" className="card-title">
        At a glance
      </h2>
      <dl className="detail-list summary-list">
        <SummaryLine term="Focus" section="overview" matchId={matchId}>
          {workspace.agreement?.focus || 'Not agreed yet: propose it in the agreement below.'}
        </SummaryLine>
        <SummaryLine term="Next session" section="sessions" matchId={matchId} linkLabel="Sessions">
          {sessions.isError
            ? 'Could not be loaded'
            : !sessions.data
              ? 'Loading…'
              : (nextSessionLine(sessions.data, viewer.id, workspace) ?? 'None scheduled')}
        </SummaryLine>
        <SummaryLine term="Goals" section="goals" matchId={matchId} linkLabel="Goals">
          {goalsLine(workspace)}
        </SummaryLine>
        <SummaryLine term="Action items" section="action-items" matchId={matchId} linkLabel="Action items">
          {actionItems.isError
            ? 'Could not be loaded'
            : !actionItems.data
              ? 'Loading…'
              : actionItemsLine(actionItems.data.actionItems, viewer.id)}
        </SummaryLine>
        <SummaryLine term="Latest feedback" section="feedback" matchId={matchId} linkLabel="Feedback">
          {feedback.isError ? (
            'Could not be loaded'
          ) : !feedbackWords ? (
            'Loading…'
          ) : (
            <>
              {feedbackWords.received}
              {latestReceived ? ` on ${formatDate(latestReceived)}` : ''}
              {feedbackWords.due ? (
                <>
                  <br />
                  <strong>{feedbackWords.due}</strong>
                </>
              ) : null}
            </>
          )}
        </SummaryLine>
      </dl>
    </section>
  )
}

function SummaryLine({
  term,
  section,
  matchId,
  linkLabel,
  children,
}: {
  term: string
  section: WorkspaceSection
  matchId: string
  /** Names the section the line links to; no link when the section is the one shown. */
  linkLabel?: string
  children: ReactNode
}) {
  return (
    <>
      <dt>{term}</dt>
      <dd>
        <span>{children}</span>
        {linkLabel && section !== 'overview' ? (
          <Link to="/matches/$matchId" params={{ matchId }} search={{ section }} className="summary-link">
            See {linkLabel.toLowerCase()}
          </Link>
        ) : null}
      </dd>
    </>
  )
}
