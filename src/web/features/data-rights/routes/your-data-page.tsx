import { Alert } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { useExportMyData } from '../api/use-export-my-data.ts'

/** "Your data": a person downloads everything Tandem holds about them (GDPR articles 15 and 20). */
export function YourDataPage() {
  const exportData = useExportMyData()
  return (
    <div className="page-narrow">
      <PageHeader title="Your data" description="Everything Tandem holds about you, in one download." />
      <Card title="Download your data">
        <div className="stack">
          <p style={{ margin: 0 }}>
            The download is a zip file with two files: <code>tandem-data.json</code>, machine-readable so you can take
            it elsewhere, and <code>tandem-data.html</code>, a page you can open in any browser.
          </p>
          <p style={{ margin: 0 }}>
            It holds your profile, program enrollments, matches, goals, sessions, the notes you wrote, your private
            reflections and check-ins, feedback you gave and received, your survey answers and requests, your
            notifications, your email preferences, your sign-ins and the audit events about you.
          </p>
          <p className="muted" style={{ margin: 0 }}>
            Your partners' private reflections and check-ins are theirs alone and are not included. Each download is
            recorded in the audit log.
          </p>
          <div className="row">
            <Button isLoading={exportData.isPending} onClick={() => exportData.mutate()}>
              Download your data
            </Button>
          </div>
          <div role="status" aria-live="polite">
            {exportData.isSuccess ? (
              <Alert tone="success" isLive={false}>
                Your download has started: {exportData.data}.
              </Alert>
            ) : null}
          </div>
          {exportData.isError ? <Alert tone="error">{errorMessage(exportData.error)}</Alert> : null}
        </div>
      </Card>
      <Card title="Erasing your account">
        <p style={{ margin: 0 }}>
          To have your account and what you wrote erased, ask an admin of your organization. Erasure cannot be undone:
          download your data first if you want to keep a copy.
        </p>
      </Card>
    </div>
  )
}
