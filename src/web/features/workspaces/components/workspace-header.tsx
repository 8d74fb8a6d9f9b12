import type { Workspace } from '#contracts/workspaces.ts'
import { Badge } from '#web/components/ui/badge.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { initials, programTypeLabel } from '#web/lib/format.ts'
import { namesList, partnerLocalTime, roleWords } from './workspace-words.ts'

const statusWords = {
  published: 'Just matched',
  active: 'Active',
  completed: 'Completed',
  dissolved: 'Ended early',
} as const

/** Who I work with here, in which program, and as what. */
export function WorkspaceHeader({ workspace }: { workspace: Workspace }) {
  const names = namesList(workspace.partners.map((partner) => partner.name))
  return (
    <div className="stack">
      <PageHeader
        title={`With ${names}`}
        documentTitle={`Workspace with ${names}`}
        description={
          <>
            {workspace.program.name} · {programTypeLabel(workspace.program.type)}
          </>
        }
      />
      <div className="row" style={{ gap: 8 }}>
        <Badge
          tone={
            workspace.match.status === 'completed' || workspace.match.status === 'dissolved' ? 'neutral' : 'success'
          }
        >
          {statusWords[workspace.match.status]}
        </Badge>
        <Badge tone="neutral">{roleWords(workspace.myRole)}</Badge>
      </div>
      <ul className="partner-list" aria-label="Your partners">
        {workspace.partners.map((partner) => {
          const time = partnerLocalTime(partner.timeZone)
          return (
            <li key={partner.personId} className="partner">
              <span className="avatar avatar-lg" aria-hidden="true">
                {initials(partner.name)}
              </span>
              <div className="partner-text">
                <p className="partner-name">
                  {partner.name}
                  {partner.role === 'mentor' || partner.role === 'mentee' ? (
                    <span className="muted"> · {partner.role === 'mentor' ? 'Mentor' : 'Mentee'}</span>
                  ) : null}
                </p>
                <p className="muted">{[partner.title, partner.department].filter(Boolean).join(' · ')}</p>
                <p className="muted">{time ? `${time} local time (${partner.timeZone})` : partner.timeZone}</p>
              </div>
            </li>
          )
        })}
      </ul>
    </div>
  )
}
