import { formatDayAndMonth } from '#contracts/date-format.ts'
import type { InsightFigure } from '#contracts/insights.ts'
import { currentReader } from '#web/lib/format.ts'

/** "75%" or "75.5%" from a 0-100 percentage; an em dash when there is nothing to show. */
export function percentWords(percent: number | null): string {
  if (percent === null) return '—'
  return `${Number.isInteger(percent) ? percent : percent.toFixed(1)}%`
}

/** "4.5 of 5" from an average on a 1-5 scale. */
export function averageWords(value: number | null, outOf = 5): string {
  if (value === null) return '—'
  return `${value.toFixed(1)} of ${outOf}`
}

/** "+1.5" or "-0.5": how much a self-assessment grew. */
export function growthWords(value: number | null): string {
  if (value === null) return '—'
  const fixed = value.toFixed(1)
  return value > 0 ? `+${fixed}` : fixed
}

/** "+50" or "-20": NPS is shown signed, as people read it. */
export function npsWords(nps: number | null): string {
  if (nps === null) return '—'
  return nps > 0 ? `+${nps}` : String(nps)
}

/** "12 of 16". */
export function ofWords(part: number | null, whole: number | null): string {
  if (part === null || whole === null) return '—'
  return `${part} of ${whole}`
}

/** The link that downloads one figure as CSV (the session cookie goes with it). */
export function insightCsvUrl(programId: string, figure: InsightFigure): string {
  return `/api/programs/${encodeURIComponent(programId)}/insights.csv?figure=${figure}`
}

/** "Week of 18 May" ("Week of May 18" for an en-US reader). */
export function weekWords(weekStart: string): string {
  return `Week of ${formatDayAndMonth(weekStart, currentReader().locale)}`
}

const matchStatusWords: Record<string, string> = {
  published: 'Waiting for answers',
  active: 'Active',
  completed: 'Completed',
  dissolved: 'Ended early',
  declined: 'Declined',
}

/** A match's status as a program manager reads it. */
export function matchStatusLabel(status: string): string {
  return matchStatusWords[status] ?? status
}
