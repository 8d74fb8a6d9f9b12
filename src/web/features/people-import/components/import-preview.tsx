import { useState } from 'react'
import type { ImportAction, PeopleImport } from '#contracts/people-import.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Badge, type BadgeTone } from '#web/components/ui/badge.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Checkbox } from '#web/components/ui/checkbox.tsx'
import { Pagination } from '#web/components/ui/pagination.tsx'
import { Table } from '#web/components/ui/table.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { formatNumber, plural } from '#web/lib/format.ts'

const ROWS_PER_PAGE = 100

const actionLabels: Record<ImportAction, { label: string; tone: BadgeTone }> = {
  create: { label: 'Add', tone: 'success' },
  update: { label: 'Update', tone: 'primary' },
  unchanged: { label: 'No change', tone: 'neutral' },
  error: { label: 'Error', tone: 'danger' },
}

export function ImportCounts({ counts }: { counts: PeopleImport['counts'] }) {
  return (
    <dl className="counts">
      <div className="count">
        <dt>To add</dt>
        <dd>{formatNumber(counts.create)}</dd>
      </div>
      <div className="count">
        <dt>To update</dt>
        <dd>{formatNumber(counts.update)}</dd>
      </div>
      <div className="count">
        <dt>Unchanged</dt>
        <dd>{formatNumber(counts.unchanged)}</dd>
      </div>
      <div className={counts.error > 0 ? 'count count-error' : 'count'}>
        <dt>With errors</dt>
        <dd>{formatNumber(counts.error)}</dd>
      </div>
    </dl>
  )
}

/** The report of an uploaded file: counts, every row's action and errors, and the apply button. */
export function ImportPreview({
  preview,
  onApply,
  isApplying,
  applyError,
}: {
  preview: PeopleImport
  /** Applies, sending the new people their invitations or not. */
  onApply: (sendInvitations: boolean) => void
  isApplying: boolean
  applyError: unknown
}) {
  const errorCount = preview.counts.error
  const [isOnlyErrors, setIsOnlyErrors] = useState(errorCount > 0)
  const [page, setPage] = useState(1)
  const rows = isOnlyErrors ? preview.rows.filter((row) => row.errors.length > 0) : preview.rows
  const shown = rows.slice((page - 1) * ROWS_PER_PAGE, page * ROWS_PER_PAGE)
  const changes = preview.counts.create + preview.counts.update
  const [isInviting, setIsInviting] = useState(true)

  return (
    <section className="stack" aria-labelledby="preview-heading">
      <h2 id="preview-heading" className="card-title" style={{ marginBottom: 0 }}>
        Preview of {preview.fileName}
      </h2>
      <ImportCounts counts={preview.counts} />
      {errorCount > 0 ? (
        <Alert tone="error" title={`${plural(errorCount, 'row has', 'rows have')} errors`}>
          <p>Nothing can be applied until every row is valid. Fix the file and upload it again.</p>
        </Alert>
      ) : changes === 0 ? (
        <Alert tone="info" title="Nothing to change">
          <p>Everyone in this file is already up to date.</p>
        </Alert>
      ) : (
        <Alert tone="success" title="Ready to apply">
          <p>
            Every row is valid. Applying adds {plural(preview.counts.create, 'person', 'people')} and updates{' '}
            {plural(preview.counts.update, 'person', 'people')}, all at once.
          </p>
        </Alert>
      )}

      {preview.rows.length > 0 ? (
        <>
          {errorCount > 0 ? (
            <Checkbox
              label="Show only rows with errors"
              checked={isOnlyErrors}
              onChange={(event) => {
                setIsOnlyErrors(event.target.checked)
                setPage(1)
              }}
            />
          ) : null}
          <Table caption="Rows in the file" isCaptionHidden>
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Email</th>
                <th scope="col">Action</th>
                <th scope="col">Problems</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => (
                <tr key={row.row} className={row.errors.length > 0 ? 'has-error' : undefined}>
                  <td className="cell-nowrap">{row.row}</td>
                  <td>{row.email || <span className="cell-muted">(no email)</span>}</td>
                  <td className="cell-nowrap">
                    <Badge tone={actionLabels[row.action].tone}>{actionLabels[row.action].label}</Badge>
                  </td>
                  <td className="cell-issues">
                    {row.errors.length > 0 ? (
                      <ul>
                        {row.errors.map((error) => (
                          <li key={`${error.column}:${error.message}`}>
                            <strong>{error.column}</strong>: {error.message}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span className="cell-muted">None</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
          {rows.length > ROWS_PER_PAGE ? (
            <Pagination
              page={page}
              pageSize={ROWS_PER_PAGE}
              total={rows.length}
              onPageChange={setPage}
              label="Preview pages"
            />
          ) : null}
        </>
      ) : null}

      {applyError ? <Alert tone="error">{errorMessage(applyError)}</Alert> : null}
      {preview.canApply && preview.counts.create > 0 ? (
        <div>
          <Checkbox
            label={`Send invitations to the ${plural(preview.counts.create, 'new person', 'new people')} now`}
            aria-describedby="invite-hint"
            checked={isInviting}
            onChange={(event) => setIsInviting(event.target.checked)}
          />
          <p id="invite-hint" className="field-hint" style={{ margin: 0 }}>
            Each gets one email with a link to choose a password. Without it, invite them later from the People page.
          </p>
        </div>
      ) : null}
      <div className="row">
        <Button
          onClick={() => onApply(isInviting && preview.counts.create > 0)}
          isLoading={isApplying}
          disabled={!preview.canApply || changes === 0}
          aria-describedby={!preview.canApply ? 'apply-blocked' : undefined}
        >
          Apply import
        </Button>
        {!preview.canApply ? (
          <span id="apply-blocked" className="muted">
            Fix the errors first.
          </span>
        ) : null}
      </div>
    </section>
  )
}
