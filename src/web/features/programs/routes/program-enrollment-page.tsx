import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { Alert } from '#web/components/ui/alert.tsx'
import { Badge } from '#web/components/ui/badge.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { isApiError } from '#web/lib/api-client.ts'
import { useMyEnrollment } from '../api/use-my-enrollment.ts'
import { useProgram } from '../api/use-program.ts'
import { EnrollmentForm } from '../components/enrollment-form.tsx'
import { ProgramTypeBadge, programTypeExplanations } from '../components/program-badges.tsx'
import { ProgramFacts } from '../components/program-facts.tsx'

/** A program as a participant sees it: what it involves, its terms, and my enrollment. */
export function ProgramEnrollmentPage({ programId }: { programId: string }) {
  const program = useProgram(programId)
  const mine = useMyEnrollment(programId)
  const [notice, setNotice] = useState<string | null>(null)
  const title = program.data?.name ?? (program.isError ? 'Program not found' : 'Program')

  return (
    <div className="page" aria-busy={program.isPending || mine.isPending || undefined}>
      <Link to="/programs" className="back-link">
        ← Back to programs
      </Link>
      <PageHeader
        title={title}
        description={
          program.data ? (
            <span className="row" style={{ gap: 8 }}>
              <ProgramTypeBadge type={program.data.type} />
              {mine.data?.isEnrolled ? <Badge tone="success">Enrolled</Badge> : null}
            </span>
          ) : undefined
        }
      />
      <div role="status" aria-live="polite">
        {notice ? (
          <div style={{ marginBottom: 16 }}>
            <Alert tone="success" isLive={false}>
              {notice}
            </Alert>
          </div>
        ) : null}
      </div>
      {program.isError ? (
        isApiError(program.error, 'not_found') || isApiError(program.error, 'validation_failed') ? (
          <p>
            This program does not exist or is not open to you. <Link to="/programs">See the programs open to you</Link>
          </p>
        ) : (
          <ErrorState error={program.error} onRetry={() => program.refetch()} />
        )
      ) : !program.data ? (
        <Card>
          <SkeletonRows rows={6} label="Loading the program…" />
        </Card>
      ) : (
        <div className="stack-lg">
          <Card title="What it involves" labelledBy="involves-heading">
            <p>{program.data.description || programTypeExplanations[program.data.type]}</p>
            <ProgramFacts program={program.data} />
          </Card>
          {mine.isError ? (
            <ErrorState error={mine.error} onRetry={() => mine.refetch()} />
          ) : !mine.data ? (
            <Card>
              <SkeletonRows rows={4} label="Loading your enrollment…" />
            </Card>
          ) : mine.data.canEnroll ? (
            <Card>
              <EnrollmentForm
                key={mine.dataUpdatedAt}
                program={program.data}
                mine={mine.data}
                onSaved={(message) => {
                  setNotice(message)
                  window.scrollTo({ top: 0 })
                }}
              />
            </Card>
          ) : (
            <Card title={mine.data.isEnrolled ? 'Your enrollment' : 'Enrollment'} labelledBy="enrollment-heading">
              <Alert tone="info" isLive={false}>
                {mine.data.reason ??
                  (mine.data.isEnrolled
                    ? 'You are enrolled. Enrollment is closed, so it can no longer change.'
                    : 'Enrollment is not open.')}
              </Alert>
              {mine.data.isEnrolled ? (
                <p style={{ marginTop: 12 }}>
                  Your matches appear on <Link to="/">your home page</Link> once the program manager publishes them.
                </p>
              ) : null}
            </Card>
          )}
        </div>
      )}
    </div>
  )
}
