import { Link } from '@tanstack/react-router'
import type { ProgramView } from '#contracts/programs.ts'
import { Badge } from '#web/components/ui/badge.tsx'
import { buttonClassName } from '#web/components/ui/button.tsx'
import { ProgramTypeBadge, programTypeExplanations } from './program-badges.tsx'
import { ProgramFacts } from './program-facts.tsx'

/** A program as someone who might enroll sees it, with the way in. */
export function ProgramCard({ program, headingLevel = 2 }: { program: ProgramView; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const headingId = `program-${program.id}-heading`
  const action = program.isEnrolled ? 'View my enrollment' : program.canEnroll ? 'Read more and enroll' : 'Read more'
  return (
    <article className="card program-card" aria-labelledby={headingId}>
      <div className="row" style={{ gap: 8 }}>
        <ProgramTypeBadge type={program.type} />
        {program.isEnrolled ? <Badge tone="success">Enrolled</Badge> : null}
      </div>
      <Heading id={headingId} className="program-card-title">
        {program.name}
      </Heading>
      <p className="muted">{program.description || programTypeExplanations[program.type]}</p>
      <ProgramFacts program={program} />
      <details className="terms-disclosure">
        <summary>Confidentiality terms</summary>
        <div className="terms">{program.confidentialityTerms}</div>
      </details>
      <div className="row" style={{ marginTop: 16 }}>
        <Link
          to="/programs/$programId/enroll"
          params={{ programId: program.id }}
          className={buttonClassName(program.isEnrolled ? 'secondary' : 'primary')}
          aria-label={`${action}: ${program.name}`}
        >
          {action}
        </Link>
      </div>
    </article>
  )
}
