import { stringify } from 'csv-stringify/sync'
import type { RetentionReport } from '#contracts/insights.ts'

type Cell = string | number | boolean | null

// A cell starting like a formula is written with a leading quote, so a spreadsheet shows it as text.
const FORMULA_START = /^[=+\-@\t\r]/
const cell = (value: Cell) =>
  value === null
    ? ''
    : typeof value === 'number'
      ? String(value)
      : typeof value === 'boolean'
        ? value
          ? 'yes'
          : 'no'
        : FORMULA_START.test(value)
          ? `'${value}`
          : value

const COLUMNS = [
  'program',
  'starts on',
  'months',
  'window ends on',
  'measured on',
  'observed months',
  'window complete',
  'participants',
  'participants retained',
  'participants left',
  'participants retained %',
  'non-participants',
  'non-participants retained',
  'non-participants left',
  'non-participants retained %',
  'difference (points)',
  'excluded (enrolled, never matched)',
  'not shown because',
]

/** One line per program and horizon; a program not measured yet is one line with its reason. */
export function retentionCsv(report: RetentionReport): string {
  const rows: Cell[][] = report.programs.flatMap((p): Cell[][] => {
    if (p.horizons.length === 0) {
      const empty = (n: number): Cell[] => Array.from({ length: n }, () => null)
      return [
        [p.name, p.startsOn, ...empty(5), p.participants, ...empty(3), p.nonParticipants, ...empty(4)].concat([
          p.excluded,
          p.notMeasuredReason,
        ]),
      ]
    }
    return p.horizons.map((h) => [
      p.name,
      p.startsOn,
      h.months,
      h.endsOn,
      h.measuredOn,
      h.observedMonths,
      h.isComplete,
      p.participants,
      h.participants.retained,
      h.participants.left,
      h.participants.percent,
      p.nonParticipants,
      h.nonParticipants.retained,
      h.nonParticipants.left,
      h.nonParticipants.percent,
      h.differencePoints,
      p.excluded,
      h.hiddenReason,
    ])
  })
  return stringify([COLUMNS, ...rows.map((row) => row.map(cell))])
}
