import { Link } from '@tanstack/react-router'
import { useEffect, useState } from 'react'
import type { Invitation } from '#contracts/auth.ts'
import { ACCESS_STATUSES, type AccessStatus, accessStatusText, ROLES, type Role } from '#contracts/people.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { CursorPagination } from '#web/components/ui/cursor-pagination.tsx'
import { EmptyState } from '#web/components/ui/empty-state.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { SelectField } from '#web/components/ui/select-field.tsx'
import { TextField } from '#web/components/ui/text-field.tsx'
import { formatNumber, plural, roleLabel } from '#web/lib/format.ts'
import { usePeople } from '../api/use-people.ts'
import { usePeopleFacets } from '../api/use-people-facets.ts'
import { BulkInvitationsDialog } from '../components/bulk-invitations-dialog.tsx'
import { InvitePersonDialog } from '../components/invite-person-dialog.tsx'
import { PeopleTable } from '../components/people-table.tsx'
import { PEOPLE_PAGE_SIZE, type PeopleSearch, peopleListQuery } from './people-search.ts'

const roleOptions = ROLES.map((role) => ({ value: role, label: roleLabel(role) }))
const statusOptions = ACCESS_STATUSES.map((status) => ({ value: status, label: accessStatusText({ status }) }))

/** The directory's filters in words, as the bulk invitations dialog names its people. */
function selectionText(search: PeopleSearch): string {
  const parts = [
    search.q ? `matching “${search.q}”` : null,
    search.department ? `in ${search.department}` : null,
    search.role ? `${roleLabel(search.role).toLowerCase()}s` : null,
    search.status ? `status ${accessStatusText({ status: search.status }).toLowerCase()}` : null,
  ].filter((part) => part !== null)
  return parts.length === 0 ? 'everyone in the organization' : `everyone ${parts.join(', ')}`
}

/** The directory: search, filters, pages; admins also invite from here, one by one or all the filtered people. */
export function PeoplePage({
  search,
  onSearchChange,
  canManage,
}: {
  search: PeopleSearch
  onSearchChange: (next: PeopleSearch) => void
  canManage: boolean
}) {
  const people = usePeople(peopleListQuery(search))
  const facets = usePeopleFacets()
  const [query, setQuery] = useState(search.q ?? '')
  const [isInviteOpen, setIsInviteOpen] = useState(false)
  const [isBulkOpen, setIsBulkOpen] = useState(false)
  const [invited, setInvited] = useState<Invitation | null>(null)

  // Search as you type, once typing pauses.
  useEffect(() => {
    const trimmed = query.trim()
    if (trimmed === (search.q ?? '')) return
    const timer = setTimeout(
      () => onSearchChange({ ...search, q: trimmed || undefined, after: undefined, before: undefined }),
      300,
    )
    return () => clearTimeout(timer)
  }, [query, search, onSearchChange])

  const filter = (patch: PeopleSearch) => onSearchChange({ ...search, ...patch, after: undefined, before: undefined })
  const hasFilters = Boolean(search.q || search.department || search.role || search.status)
  const departmentOptions = (facets.data?.departments ?? []).map((value) => ({ value, label: value }))
  if (search.department && !departmentOptions.some((option) => option.value === search.department)) {
    departmentOptions.unshift({ value: search.department, label: search.department })
  }

  return (
    <div className="page">
      <PageHeader
        title="People"
        description="Everyone in your organization who can take part in programs."
        actions={
          canManage ? (
            <>
              <Link to="/import" className="button button-secondary">
                Upload CSV
              </Link>
              <Button variant="secondary" onClick={() => setIsBulkOpen(true)}>
                {hasFilters ? 'Invitations for these people…' : 'Invitations for everyone…'}
              </Button>
              <Button onClick={() => setIsInviteOpen(true)}>Invite person</Button>
            </>
          ) : null
        }
      />

      {invited ? (
        <div style={{ marginBottom: 16 }}>
          <Alert tone="success" title={invited.isReinvite ? 'Invitation sent again' : 'Invitation sent'}>
            <p>
              {invited.name} ({invited.email}) will get an email with a link to join. Until they accept, they show as
              invited. <Link to="/outbox">See sent emails in the outbox</Link>
            </p>
          </Alert>
        </div>
      ) : null}

      <search className="toolbar" aria-label="Filter people">
        <TextField
          label="Search people"
          type="search"
          name="q"
          placeholder="Name, email or title"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <SelectField
          label="Department"
          name="department"
          placeholder="All departments"
          options={departmentOptions}
          value={search.department ?? ''}
          onChange={(event) => filter({ department: event.target.value || undefined })}
        />
        <SelectField
          label="Role"
          name="role"
          placeholder="All roles"
          options={roleOptions}
          value={search.role ?? ''}
          onChange={(event) => filter({ role: (event.target.value || undefined) as Role | undefined })}
        />
        <SelectField
          label="Status"
          name="status"
          placeholder="All statuses"
          options={statusOptions}
          value={search.status ?? ''}
          onChange={(event) => filter({ status: (event.target.value || undefined) as AccessStatus | undefined })}
        />
      </search>

      <div aria-busy={people.isFetching || undefined}>
        {people.isError && !people.data ? (
          <ErrorState error={people.error} onRetry={() => people.refetch()} title="The directory could not be loaded" />
        ) : !people.data ? (
          <Card isFlush>
            <SkeletonRows rows={8} label="Loading people…" />
          </Card>
        ) : people.data.total === 0 ? (
          <Card>
            {hasFilters ? (
              <EmptyState
                title="No one matches"
                action={
                  <Button
                    variant="secondary"
                    onClick={() => {
                      setQuery('')
                      onSearchChange({})
                    }}
                  >
                    Clear filters
                  </Button>
                }
              >
                <p>Try another name, or clear the filters to see everyone.</p>
              </EmptyState>
            ) : (
              <EmptyState
                title="No people yet"
                action={canManage ? <Button onClick={() => setIsInviteOpen(true)}>Invite person</Button> : null}
              >
                <p>Invite people one by one, or import your whole organization from a CSV file.</p>
              </EmptyState>
            )}
          </Card>
        ) : (
          <>
            <p className="result-count" role="status">
              {people.data.isTotalCapped
                ? `${formatNumber(people.data.total)}+ people`
                : plural(people.data.total, 'person', 'people')}
              {hasFilters ? ' match' : ''}
            </p>
            <PeopleTable people={people.data.people} isBusy={people.isFetching} />
            <CursorPagination
              summary={`Showing ${plural(people.data.people.length, 'person', 'people')}, ${PEOPLE_PAGE_SIZE} a page, by name`}
              label="People pages"
              hasPrevious={people.data.previousCursor !== null}
              hasNext={people.data.nextCursor !== null}
              onPrevious={() =>
                onSearchChange({ ...search, after: undefined, before: people.data.previousCursor ?? undefined })
              }
              onNext={() =>
                onSearchChange({ ...search, before: undefined, after: people.data.nextCursor ?? undefined })
              }
            />
          </>
        )}
      </div>

      {canManage ? (
        <BulkInvitationsDialog
          isOpen={isBulkOpen}
          onClose={() => setIsBulkOpen(false)}
          selection={{ q: search.q, department: search.department, role: search.role, access: search.status }}
          selectionText={selectionText(search)}
        />
      ) : null}

      <InvitePersonDialog
        isOpen={isInviteOpen}
        onClose={() => setIsInviteOpen(false)}
        onInvited={(invitation) => {
          setIsInviteOpen(false)
          setInvited(invitation)
        }}
      />
    </div>
  )
}
