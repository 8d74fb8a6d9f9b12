import type { Program } from '#contracts/programs.ts'
import { cadenceLabel, dateRangeLabel, formatDay, plural } from '#web/lib/format.ts'
import { useSkillCatalogue } from '#web/lib/use-skill-catalogue.ts'

export function useSkillName() {
  const catalogue = useSkillCatalogue()
  return (slug: string) => catalogue.data?.skills.find((skill) => skill.slug === slug)?.name ?? slug
}

/** What taking part involves: dates, cadence, sessions, focus skills. */
export function ProgramFacts({ program }: { program: Program }) {
  const skillName = useSkillName()
  return (
    <dl className="detail-list">
      <dt>Dates</dt>
      <dd>{dateRangeLabel(program.startsOn, program.endsOn)}</dd>
      {program.enrollmentClosesOn ? (
        <>
          <dt>Enrollment closes</dt>
          <dd>{formatDay(program.enrollmentClosesOn)}</dd>
        </>
      ) : null}
      <dt>Sessions</dt>
      <dd>
        {plural(program.targetSessionCount, 'session', 'sessions')} of {program.sessionMinutes} minutes,{' '}
        {cadenceLabel(program.sessionCadenceDays)}
      </dd>
      <dt>Focus skills</dt>
      <dd>{program.focusSkills.length ? program.focusSkills.map(skillName).join(', ') : 'None chosen'}</dd>
      {program.themeName ? (
        <>
          <dt>Theme</dt>
          <dd>{program.themeName}</dd>
        </>
      ) : null}
      {program.supportContactName ? (
        <>
          <dt>Support contact</dt>
          <dd>{program.supportContactName}</dd>
        </>
      ) : null}
    </dl>
  )
}
