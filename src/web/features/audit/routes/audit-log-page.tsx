import { type ChangeEvent, useMemo, useState } from 'react'
import { AUDIT_ACTIONS, AUDIT_KINDS } from '#contracts/audit.ts'
import { Badge } from '#web/components/ui/badge.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { EmptyState } from '#web/components/ui/empty-state.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { FieldShell, useFieldIds } from '#web/components/ui/field.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { SelectField } from '#web/components/ui/select-field.tsx'
import { Table } from '#web/components/ui/table.tsx'
import { TextField } from '#web/components/ui/text-field.tsx'
import { apiUrl } from '#web/lib/api-client.ts'
import { formatDateTime } from '#web/lib/format.ts'
import { useAuditActors } from '../api/use-audit-actors.ts'
import { type AuditLogFilters, useAuditEvents } from '../api/use-audit-events.ts'
import { actorLabel, detailsLabel, targetLabel } from '../components/audit-words.ts'

const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'

const actionOptions = Object.entries(AUDIT_ACTIONS)
  .map(([value, { label }]) => ({ value, label }))
  .sort((a, b) => a.label.localeCompare(b.label))

/** Kinds of events first, then single actions, in one keyboard-friendly native select. */
function KindField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const ids = useFieldIds()
  return (
    <FieldShell {...ids} label="Kind">
      <select
        id={ids.controlId}
        className="select"
        value={value}
        onChange={(event: ChangeEvent<HTMLSelectElement>) => onChange(event.target.value)}
      >
        <option value="">All events</option>
        <optgroup label="Kinds">
          {Object.entries(AUDIT_KINDS).map(([kind, label]) => (
            <option key={kind} value={kind}>
              {label}
            </option>
          ))}
        </optgroup>
        <optgroup label="Single actions">
          {actionOptions.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </optgroup>
      </select>
    </FieldShell>
  )
}

/** Administration: who did what, when, from where and with which outcome; filters, paging and CSV. */
export function AuditLogPage() {
  const [actorId, setActorId] = useState('')
  const [action, setAction] = useState('')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const timeZone = useMemo(browserTimeZone, [])
  const isRangeInvalid = from !== '' && to !== '' && from > to
  const filters: AuditLogFilters = {
    actorId: actorId || undefined,
    action: action || undefined,
    from: from || undefined,
    to: isRangeInvalid ? undefined : to || undefined,
    timeZone,
  }
  const log = useAuditEvents(filters)
  const actors = useAuditActors()
  const events = log.data?.pages.flatMap((page) => page.events) ?? []
  const isFiltered = Boolean(actorId || action || from || to)
  const csvUrl = apiUrl('/api/audit-events.csv', { query: filters })

  return (
    <div className="page">
      <PageHeader
        title="Audit log"
        description="Security-relevant events of your organization, newest first: sign-ins, failed sign-ins, password resets, invitations, role and settings changes, program and matching steps. It is append-only and never holds anyone's private words."
        actions={
          <a className="button button-secondary" href={csvUrl} download>
            Download CSV
          </a>
        }
      />
      <search className="toolbar" aria-label="Filter the audit log">
        <SelectField
          label="Actor"
          value={actorId}
          onChange={(event) => setActorId(event.target.value)}
          placeholder="Anyone"
          options={(actors.data?.actors ?? []).map((actor) => ({ value: actor.id, label: actor.name }))}
        />
        <KindField value={action} onChange={setAction} />
        <TextField
          label="From"
          type="date"
          value={from}
          max={to || undefined}
          onChange={(e) => setFrom(e.target.value)}
        />
        <TextField
          label="To"
          type="date"
          value={to}
          min={from || undefined}
          onChange={(e) => setTo(e.target.value)}
          error={isRangeInvalid ? 'The end date is before the start date' : null}
        />
      </search>
      <p className="muted">Times are shown in your time zone ({timeZone}).</p>
      <div aria-busy={log.isFetching || undefined}>
        {log.isError && !log.data ? (
          <ErrorState error={log.error} onRetry={() => log.refetch()} />
        ) : !log.data ? (
          <Card isFlush>
            <SkeletonRows rows={8} label="Loading the audit log…" />
          </Card>
        ) : events.length === 0 ? (
          <Card>
            <EmptyState title={isFiltered ? 'No events match these filters' : 'No events yet'}>
              <p>
                {isFiltered
                  ? 'Try another actor, kind or date range.'
                  : 'Sign-ins, invitations and changes to settings will appear here as they happen.'}
              </p>
            </EmptyState>
          </Card>
        ) : (
          <div className="stack">
            <Table caption="Audit events" isCaptionHidden isBusy={log.isFetching}>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Actor</th>
                  <th scope="col">Action</th>
                  <th scope="col">Target</th>
                  <th scope="col">Address</th>
                  <th scope="col">Outcome</th>
                </tr>
              </thead>
              <tbody>
                {events.map((event) => {
                  const details = detailsLabel(event.details)
                  return (
                    <tr key={event.id}>
                      <td className="cell-nowrap">
                        <time dateTime={event.createdAt}>{formatDateTime(event.createdAt)}</time>
                      </td>
                      <td>{actorLabel(event)}</td>
                      <th scope="row" style={{ fontWeight: 'normal' }}>
                        {event.actionLabel}
                        {details ? <div className="muted">{details}</div> : null}
                      </th>
                      <td>{targetLabel(event)}</td>
                      <td className="cell-nowrap">{event.address ?? '—'}</td>
                      <td className="cell-nowrap">
                        {event.outcome === 'failed' ? (
                          <Badge tone="danger">Failed</Badge>
                        ) : (
                          <Badge tone="success">Succeeded</Badge>
                        )}
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </Table>
            {log.hasNextPage ? (
              <div>
                <Button variant="secondary" isLoading={log.isFetchingNextPage} onClick={() => log.fetchNextPage()}>
                  Show older events
                </Button>
              </div>
            ) : null}
          </div>
        )}
      </div>
    </div>
  )
}
