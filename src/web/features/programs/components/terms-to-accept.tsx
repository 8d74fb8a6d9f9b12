import { Alert } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { useAcceptTerms } from '../api/use-accept-terms.ts'
import { useTermsToAccept } from '../api/use-terms-to-accept.ts'

/**
 * The prompt for people a program manager enrolled: each program's confidentiality terms, to accept
 * before entering the match. Nothing when there is nothing to accept.
 */
export function TermsToAccept() {
  const pending = useTermsToAccept()
  const accept = useAcceptTerms()
  const programs = pending.data?.programs ?? []
  if (programs.length === 0) return null
  return (
    <div className="stack">
      {programs.map((program) => (
        <section
          key={program.programId}
          className="card stack"
          aria-labelledby={`terms-${program.programId}`}
          style={{ marginBottom: 16 }}
        >
          <h2 id={`terms-${program.programId}`} className="card-title" style={{ margin: 0 }}>
            Accept the confidentiality terms of {program.programName}
          </h2>
          <p style={{ margin: 0 }}>
            {program.enrolledByName ?? 'A program manager'} enrolled you in {program.programName}. Before you enter your
            match, read and accept the program's confidentiality terms:
          </p>
          <blockquote style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{program.confidentialityTerms}</blockquote>
          {accept.isError && accept.variables === program.programId ? (
            <Alert tone="error">{errorMessage(accept.error)}</Alert>
          ) : null}
          <div>
            <Button
              isLoading={accept.isPending && accept.variables === program.programId}
              onClick={() => accept.mutate(program.programId)}
            >
              Accept the terms of {program.programName}
            </Button>
          </div>
        </section>
      ))}
    </div>
  )
}
