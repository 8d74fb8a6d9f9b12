import { Link } from '@tanstack/react-router'
import { type ReactNode, useEffect, useState } from 'react'
import type { CancelledInvitation } from '#contracts/auth.ts'
import { LANGUAGES } from '#contracts/languages.ts'
import type { Person } from '#contracts/people.ts'
import { Announcement } from '#web/components/ui/announcement.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { isApiError } from '#web/lib/api-client.ts'
import { focusPageHeading } from '#web/lib/focus.ts'
import { seniorityLabels, workingDaysLabel } from '#web/lib/format.ts'
import { useSkillCatalogue } from '#web/lib/use-skill-catalogue.ts'
import { usePerson } from '../api/use-person.ts'
import { PersonAdminForm } from '../components/person-admin-form.tsx'
import { RoleBadge, StatusBadge } from '../components/person-badges.tsx'
import { PersonStatusActions } from '../components/person-status-actions.tsx'

function orNone(value: ReactNode) {
  return value === '' || value === null || value === undefined ? <span className="muted">Not set</span> : value
}

function list(values: string[], labelOf: (value: string) => string = (value) => value) {
  return values.length ? values.map(labelOf).join(', ') : <span className="muted">None</span>
}

function PersonDetails({ person }: { person: Person }) {
  const catalogue = useSkillCatalogue()
  const skillName = (slug: string) => catalogue.data?.skills.find((skill) => skill.slug === slug)?.name ?? slug
  return (
    <Card title="Profile" labelledBy="profile-heading">
      <dl className="detail-list">
        <dt>Email</dt>
        <dd>{person.email}</dd>
        <dt>Title</dt>
        <dd>{orNone(person.title)}</dd>
        <dt>Department</dt>
        <dd>{orNone(person.department)}</dd>
        <dt>Manager</dt>
        <dd>
          {person.managerId && person.managerName ? (
            <Link to="/people/$personId" params={{ personId: person.managerId }}>
              {person.managerName}
            </Link>
          ) : (
            <span className="muted">No manager</span>
          )}
        </dd>
        <dt>Location</dt>
        <dd>{orNone(person.location)}</dd>
        <dt>Time zone</dt>
        <dd>{orNone(person.timeZone)}</dd>
        <dt>Languages</dt>
        <dd>{list(person.languages, (code) => LANGUAGES[code] ?? code)}</dd>
        <dt>Seniority</dt>
        <dd>
          {person.seniority} · {seniorityLabels[person.seniority] ?? ''}
        </dd>
        <dt>Skills offered</dt>
        <dd>{list(person.skillsOffered, skillName)}</dd>
        <dt>Skills wanted</dt>
        <dd>{list(person.skillsWanted, skillName)}</dd>
        <dt>Working hours</dt>
        <dd>
          {person.workingHours.start}–{person.workingHours.end}, {workingDaysLabel(person.workingHours.days)}
        </dd>
        {person.employeeId ? (
          <>
            <dt>Employee ID</dt>
            <dd>{person.employeeId}</dd>
          </>
        ) : null}
      </dl>
    </Card>
  )
}

/** One person of the directory; admins change their role, reporting line and access here. */
export function PersonPage({
  personId,
  canManage,
  viewerId,
  renderDataRights,
}: {
  personId: string
  canManage: boolean
  viewerId: string
  /** The admin's data-rights actions (export on request, erasure), composed in by the app. */
  renderDataRights?: (person: Person, isSelf: boolean) => ReactNode
}) {
  const person = usePerson(personId)
  const [removed, setRemoved] = useState<CancelledInvitation | null>(null)
  const title = person.data?.name ?? (person.isError ? 'Person not found' : 'Person')
  // The dialog that had focus is gone with the person: start the reader at the page's new heading.
  useEffect(() => {
    if (removed) focusPageHeading()
  }, [removed])

  if (removed) {
    return (
      <div className="page">
        <Link to="/people" className="back-link">
          ← Back to people
        </Link>
        <PageHeader title="Invitation cancelled" />
        <Card>
          <div className="stack">
            <Announcement
              message={`The invitation to ${removed.email} is cancelled: its link no longer works and ${removed.name} is removed from the directory.`}
            />
            <p style={{ margin: 0 }}>
              You can invite this address again from the directory. <Link to="/people">Back to people</Link>
            </p>
          </div>
        </Card>
      </div>
    )
  }

  return (
    <div className="page" aria-busy={person.isPending || undefined}>
      <Link to="/people" className="back-link">
        ← Back to people
      </Link>
      <PageHeader
        title={title}
        description={
          person.data ? (
            <span className="row" style={{ gap: 8 }}>
              {person.data.title ? <span>{person.data.title}</span> : null}
              <RoleBadge role={person.data.role} />
              <StatusBadge access={person.data.access} />
            </span>
          ) : undefined
        }
      />
      {person.isError ? (
        isApiError(person.error, 'not_found') || isApiError(person.error, 'validation_failed') ? (
          <p>
            There is no such person in your organization. <Link to="/people">Back to the directory</Link>
          </p>
        ) : (
          <ErrorState error={person.error} onRetry={() => person.refetch()} />
        )
      ) : !person.data ? (
        <Card>
          <SkeletonRows rows={8} label="Loading person…" />
        </Card>
      ) : (
        <div className="grid-2" style={{ alignItems: 'start' }}>
          <PersonDetails person={person.data} />
          {canManage ? (
            <div className="stack">
              <Card>
                <PersonAdminForm person={person.data} />
              </Card>
              <Card>
                <PersonStatusActions
                  person={person.data}
                  isSelf={person.data.id === viewerId}
                  onPersonRemoved={setRemoved}
                />
              </Card>
              {renderDataRights ? <Card>{renderDataRights(person.data, person.data.id === viewerId)}</Card> : null}
            </div>
          ) : null}
        </div>
      )}
    </div>
  )
}
