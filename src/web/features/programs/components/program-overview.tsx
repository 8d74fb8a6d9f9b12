import type { ProgramView } from '#contracts/programs.ts'
import { Card } from '#web/components/ui/card.tsx'
import { plural, programStatusLabel } from '#web/lib/format.ts'
import { ProgramStatusBadge, programTypeExplanations } from './program-badges.tsx'
import { ProgramFacts } from './program-facts.tsx'
import { ProgramStatusActions } from './program-status-actions.tsx'

const statusHelp: Record<ProgramView['status'], string> = {
  draft: 'Only program managers see it. Adjust the settings, then open enrollment.',
  enrolling: 'People who may enroll see it and can join. Close enrollment when you are ready to match.',
  matching: 'Run matching, review the proposals with their reasons, adjust, then publish.',
  active: 'Matches are published; peers meet. Late enrollees can still be matched.',
  completed: 'The program has ended.',
  archived: 'Kept for the record; it can no longer change.',
}

function eligibilityText(program: ProgramView): string {
  const { eligibility } = program
  if (eligibility.kind === 'departments') return `People in ${eligibility.departments.join(', ')}`
  if (eligibility.kind === 'people') return `A list of ${plural(eligibility.personIds.length, 'person', 'people')}`
  return 'Everyone in the organization'
}

function rulesText(program: ProgramView): string[] {
  const { constraints, mentoring, circles } = program.matchingRules
  const lines: string[] = []
  if (constraints.excludeReportingChain) {
    lines.push(
      constraints.reportingChainDepth === null
        ? 'Never within a reporting chain'
        : constraints.reportingChainDepth === 1
          ? 'Never with one’s direct manager'
          : `Never within ${constraints.reportingChainDepth} levels of a reporting chain`,
    )
  }
  if (constraints.excludeSameManagerPeers && program.type !== 'peer_mentoring')
    lines.push('Never two people with the same manager')
  if (constraints.requireSharedLanguage) lines.push('A shared language')
  if (constraints.minOverlapMinutes > 0)
    lines.push(`At least ${constraints.minOverlapMinutes} minutes of shared working day`)
  if (constraints.maxSeniorityGap !== null && program.type !== 'peer_mentoring') {
    lines.push(`At most ${plural(constraints.maxSeniorityGap, 'level', 'levels')} of seniority apart`)
  }
  if (constraints.avoidRepeatPartners) lines.push('No partner from an earlier cycle')
  if (program.type === 'peer_mentoring') {
    lines.push(`Mentors take up to ${mentoring.defaultCapacity} mentees unless they say otherwise`)
    lines.push(
      `Ideally ${plural(mentoring.idealSeniorityGap, 'level', 'levels')} of seniority between mentor and mentee`,
    )
  }
  if (program.type === 'coaching_circle')
    lines.push(`Circles of ${circles.minSize} to ${circles.maxSize}, ideally ${circles.targetSize}`)
  return lines
}

/** The program at a glance: its status and next step, what it involves, who may join, the rules. */
export function ProgramOverview({ program }: { program: ProgramView }) {
  return (
    <div className="stack">
      <Card title="Status" labelledBy="status-heading">
        <div className="stack" style={{ gap: 12 }}>
          <p style={{ margin: 0 }}>
            <ProgramStatusBadge status={program.status} />{' '}
            <span className="visually-hidden">Status: {programStatusLabel(program.status)}. </span>
            {statusHelp[program.status]}
          </p>
          <ProgramStatusActions program={program} />
        </div>
      </Card>
      <div className="grid-2" style={{ alignItems: 'start' }}>
        <Card title="What it involves" labelledBy="involves-heading">
          <p>{program.description || programTypeExplanations[program.type]}</p>
          <ProgramFacts program={program} />
        </Card>
        <div className="stack">
          <Card title="Who may enroll" labelledBy="eligibility-heading">
            <p style={{ margin: 0 }}>{eligibilityText(program)}</p>
            <p className="muted" style={{ margin: '8px 0 0' }}>
              {plural(program.enrolledCount ?? 0, 'person', 'people')} enrolled ·{' '}
              {plural(program.enrollmentQuestions.length, 'question', 'questions')} at enrollment
            </p>
          </Card>
          <Card title="Matching rules" labelledBy="rules-heading">
            <ul className="plain-list">
              {rulesText(program).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </Card>
        </div>
      </div>
    </div>
  )
}
