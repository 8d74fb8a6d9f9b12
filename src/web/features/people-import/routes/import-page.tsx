import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import type { ApplyPeopleImportResult, PeopleImport } from '#contracts/people-import.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { plural } from '#web/lib/format.ts'
import { useApplyImport } from '../api/use-apply-import.ts'
import { ImportCounts, ImportPreview } from '../components/import-preview.tsx'
import { ImportUploadForm } from '../components/import-upload-form.tsx'

/** Upload -> preview with a per-row report -> apply, all or nothing. */
export function ImportPage() {
  const apply = useApplyImport()
  const [preview, setPreview] = useState<PeopleImport | null>(null)
  const [applied, setApplied] = useState<ApplyPeopleImportResult | null>(null)

  function startOver() {
    setPreview(null)
    setApplied(null)
    apply.reset()
  }

  return (
    <div className="page">
      <PageHeader
        title="Import people"
        description="Add or update everyone at once from a spreadsheet saved as CSV, with their managers."
        actions={
          <a className="button button-secondary" href="/api/people/export.csv" download>
            Export CSV
          </a>
        }
      />
      {applied ? (
        <Card>
          <div className="stack">
            <Alert tone="success" title="Import applied">
              <p>
                {plural(applied.counts.create, 'person', 'people')} added, {applied.counts.update} updated,{' '}
                {applied.counts.unchanged} unchanged.{' '}
                {applied.invitationsSent > 0
                  ? `${plural(applied.invitationsSent, 'invitation', 'invitations')} sent: each new person gets one email with a link to choose a password.`
                  : 'No invitations were sent: the new people are listed as not invited until you invite them from the People page.'}
              </p>
            </Alert>
            <ImportCounts counts={applied.counts} />
            <div className="row">
              <Link to="/people" className="button button-primary">
                Go to the people directory
              </Link>
              <Button variant="secondary" onClick={startOver}>
                Import another file
              </Button>
            </div>
          </div>
        </Card>
      ) : (
        <div className="stack-lg">
          <Card>
            <ImportUploadForm
              hasPreview={preview !== null}
              onPreview={(next) => {
                apply.reset()
                setPreview(next)
              }}
            />
          </Card>
          {preview ? (
            <Card>
              <ImportPreview
                key={preview.id}
                preview={preview}
                isApplying={apply.isPending}
                applyError={apply.error}
                onApply={(sendInvitations) =>
                  apply.mutate({ importId: preview.id, sendInvitations }, { onSuccess: setApplied })
                }
              />
            </Card>
          ) : null}
        </div>
      )}
    </div>
  )
}
