import type { RetentionHorizon } from '#contracts/insights.ts'
import { formatDay, plural } from '#web/lib/format.ts'
import { percentWords } from './insight-words.ts'

/** The link that downloads the retention table as CSV (the session cookie goes with it). */
export const RETENTION_CSV_URL = '/api/insights/retention.csv'

/** "6 months", or "12 months, so far (observed 8 of 12 months, until 15 Jan 2027)". */
export function horizonWords(h: RetentionHorizon): string {
  if (h.isComplete) return `${h.months} months`
  return `${h.months} months, so far (observed ${h.observedMonths} of ${h.months} months, until ${formatDay(h.endsOn)})`
}

/** "83.3% (5 of 6 stayed)" for one group, or an em dash when hidden. */
export function retainedWords(group: RetentionHorizon['participants'], size: number): string {
  if (group.retained === null) return '—'
  return `${percentWords(group.percent)} (${group.retained} of ${size} stayed)`
}

/** "+2.4 points", "-19 points" or "no difference": participants against non-participants. */
export function differenceWords(points: number | null): string {
  if (points === null) return '—'
  if (points === 0) return 'no difference'
  const fixed = Number.isInteger(points) ? String(points) : points.toFixed(1)
  return `${points > 0 ? `+${fixed}` : fixed} ${Math.abs(points) === 1 ? 'point' : 'points'}`
}

/** "6 participants and 7 non-participants; 2 enrolled but never matched are in neither group." */
export function groupSizeWords(participants: number, nonParticipants: number, excluded: number): string {
  const sizes = `${plural(participants, 'participant', 'participants')} and ${plural(nonParticipants, 'non-participant', 'non-participants')}`
  if (excluded === 0) return `${sizes}.`
  const verb = excluded === 1 ? 'is' : 'are'
  return `${sizes}; ${excluded} enrolled but never in a pair that went ahead ${verb} in neither group.`
}
