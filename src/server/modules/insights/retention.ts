import type { ProgramRetention, RetentionHorizon } from '#contracts/insights.ts'
import { RETENTION_MONTHS } from '#contracts/insights.ts'
import type { ProgramStatus, ProgramType } from '#server/db/schema.ts'

/**
 * Retention of participants against non-participants, per program (issue #6, point 3).
 *
 * Definitions (the same words are on the organization overview page):
 * - Start: the program's start date (`starts_on`). Without one, or before it, nothing is measured.
 * - Employed at the start: the person had not left by then (no leaving date, or a leaving date
 *   after the start). Tandem stores no hiring date, so someone added later counts as employed at
 *   the start of an older program.
 * - Participants: people employed at the start who were members of a match of the program that
 *   went ahead (active, completed or ended early). Being in a pair is what the program gives a
 *   person; an enrollment alone (never matched, or the match was declined) is not taking part.
 * - Non-participants: people employed at the start who never enrolled in the program. People who
 *   enrolled but never were in a match that went ahead belong to neither group ("excluded"): they
 *   chose the program but did not get it, so they would blur both sides of the comparison.
 * - Retained at N months: still employed on the start plus N calendar months, i.e. no leaving date
 *   or a leaving date after that day. A person's leaving date is `left_on`; a deactivated person
 *   without one left on the day they were deactivated.
 * - While the N-month window is still running, the figure is shown "so far": measured today, with
 *   the whole months observed ("observed 3 of 6 months"), and marked incomplete.
 * - Privacy: a horizon's figures are hidden when either group has fewer people than the
 *   organization's threshold, saying which group; the group sizes themselves are always shown.
 */

export interface RetentionPerson {
  id: string
  /** 'YYYY-MM-DD' the person left, or null while employed. */
  leftOn: string | null
}

export interface RetentionProgram {
  id: string
  name: string
  type: ProgramType
  status: ProgramStatus
  startsOn: string | null
  /** Everyone with an enrollment row in the program, whatever its status. */
  enrolledPersonIds: string[]
  /** Members of the program's matches that went ahead. */
  participantPersonIds: string[]
}

const round1 = (value: number) => Math.round(value * 10) / 10

/** 'YYYY-MM-DD' plus whole calendar months; the 31st of a shorter month becomes its last day. */
export function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number]
  const target = new Date(Date.UTC(year, month - 1 + months, 1))
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(day, lastDay))
  return target.toISOString().slice(0, 10)
}

/** Whole calendar months from `start` to `today` (0 when today is before a month has passed). */
export function wholeMonthsBetween(start: string, today: string): number {
  let months = 0
  while (addMonths(start, months + 1) <= today) months += 1
  return months
}

/** Still employed on `day`: never left, or left after it. */
const isEmployedOn = (person: RetentionPerson, day: string) => person.leftOn === null || person.leftOn > day

/** Why a horizon is hidden: the smaller group under the threshold, in plain words; null when shown. */
export function retentionHiddenReason(participants: number, nonParticipants: number, threshold: number) {
  const small = [
    participants < threshold ? `participants (${participants})` : null,
    nonParticipants < threshold ? `non-participants (${nonParticipants})` : null,
  ].filter((part): part is string => part !== null)
  if (small.length === 0) return null
  const groups = small.join(' and ')
  return `Fewer than ${threshold} people among the ${groups}, so retention stays hidden: no one's leaving can be singled out.`
}

function groupFigure(group: RetentionPerson[], day: string, isHidden: boolean) {
  if (isHidden) return { retained: null, left: null, percent: null }
  const retained = group.filter((p) => isEmployedOn(p, day)).length
  return {
    retained,
    left: group.length - retained,
    percent: group.length === 0 ? null : round1((retained / group.length) * 100),
  }
}

function horizon(
  startsOn: string,
  months: number,
  today: string,
  participants: RetentionPerson[],
  nonParticipants: RetentionPerson[],
  threshold: number,
): RetentionHorizon {
  const endsOn = addMonths(startsOn, months)
  const isComplete = endsOn <= today
  const measuredOn = isComplete ? endsOn : today
  const hiddenReason = retentionHiddenReason(participants.length, nonParticipants.length, threshold)
  const isHidden = hiddenReason !== null
  const p = groupFigure(participants, measuredOn, isHidden)
  const n = groupFigure(nonParticipants, measuredOn, isHidden)
  return {
    months,
    endsOn,
    observedMonths: isComplete ? months : Math.min(months, wholeMonthsBetween(startsOn, today)),
    isComplete,
    measuredOn,
    isHidden,
    hiddenReason,
    participants: p,
    nonParticipants: n,
    differencePoints: p.percent === null || n.percent === null ? null : round1(p.percent - n.percent),
  }
}

/** One program's retention at 6 and 12 months, on `today` ('YYYY-MM-DD', UTC). */
export function computeProgramRetention(
  program: RetentionProgram,
  people: RetentionPerson[],
  today: string,
  threshold: number,
): ProgramRetention {
  const base = {
    programId: program.id,
    name: program.name,
    type: program.type,
    status: program.status,
    startsOn: program.startsOn,
  }
  const startsOn = program.startsOn
  const notMeasuredReason =
    startsOn === null
      ? 'The program has no start date, so there is nothing to measure from.'
      : startsOn > today
        ? `The program starts on ${startsOn}; retention is measured from then.`
        : null
  const enrolled = new Set(program.enrolledPersonIds)
  const took = new Set(program.participantPersonIds)
  const atStart = startsOn === null ? [] : people.filter((p) => isEmployedOn(p, startsOn))
  const participants = atStart.filter((p) => took.has(p.id))
  const nonParticipants = atStart.filter((p) => !took.has(p.id) && !enrolled.has(p.id))
  const excluded = atStart.length - participants.length - nonParticipants.length
  if (startsOn === null || notMeasuredReason !== null) {
    return {
      ...base,
      notMeasuredReason,
      participants: participants.length,
      nonParticipants: nonParticipants.length,
      excluded,
      horizons: [],
    }
  }
  return {
    ...base,
    notMeasuredReason: null,
    participants: participants.length,
    nonParticipants: nonParticipants.length,
    excluded,
    horizons: RETENTION_MONTHS.map((months) =>
      horizon(startsOn, months, today, participants, nonParticipants, threshold),
    ),
  }
}
