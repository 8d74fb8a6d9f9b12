import { stringify } from 'csv-stringify/sync'
import type { InsightFigure, ProgramInsights } from '#contracts/insights.ts'
import { spreadsheetSafe } from '#server/http/spreadsheet-cells.ts'

/** The figures a download reads: the dashboard's, with every at-risk match rather than a page. */
type DashboardFigures = Omit<ProgramInsights, 'atRiskPaging'>

type Cell = string | number | null
type Table = { columns: string[]; rows: Cell[][] }

// A cell starting like a formula is written with a leading quote, so a spreadsheet shows it as text.
const cell = (value: Cell) => (value === null ? '' : typeof value === 'number' ? String(value) : spreadsheetSafe(value))

/** A figure as measure/value lines, ending with who it counts and why it is hidden (if it is). */
function measures(
  figure: { people: number; isHidden: boolean; hiddenReason: string | null },
  lines: [string, Cell][],
): Table {
  return {
    columns: ['measure', 'value'],
    rows: [...lines, ['people counted', figure.people], ['hidden because', figure.hiddenReason]],
  }
}

function tableOf(insights: DashboardFigures, figure: InsightFigure): Table {
  switch (figure) {
    case 'participation': {
      const f = insights.participation
      return measures(f, [
        ['enrolled', f.enrolled],
        ['eligible', f.eligible],
        ['participation %', f.percent],
      ])
    }
    case 'acceptance': {
      const f = insights.acceptance
      return measures(f, [
        ['members of published matches', f.members],
        ['accepted', f.accepted],
        ['declined', f.declined],
        ['pending', f.pending],
        ['accepted %', f.acceptedPercent],
      ])
    }
    case 'sessions': {
      const f = insights.sessions
      return measures(f, [
        ['matches', f.matches],
        ['sessions held', f.held],
        ['target sessions', f.target],
        ['held of target %', f.percent],
        ['target per match', f.targetPerMatch],
        ['average held per match', f.averagePerMatch],
        ['matches at target', f.matchesAtTarget],
        ...f.distribution.map((b): [string, Cell] => [
          `matches with ${b.held}${b.isTargetOrMore ? ' or more' : ''} sessions held`,
          b.matches,
        ]),
      ])
    }
    case 'active-matches': {
      const f = insights.activeMatches
      return measures(f, [
        ['active matches', f.matches],
        [`met in the last ${f.windowDays} days`, f.active],
        ['share met %', f.percent],
      ])
    }
    case 'goals': {
      const f = insights.goals
      return measures(f, [
        ['goals set', f.set],
        ['achieved', f.achieved],
        ['in progress', f.inProgress],
        ['dropped', f.dropped],
        ['achieved %', f.percent],
        ['average progress %', f.averageProgress],
      ])
    }
    case 'feedback': {
      const f = insights.feedback
      return measures(f, [
        ['feedback forms', f.forms],
        ['listening (1-5)', f.listening],
        ['questions (1-5)', f.questions],
        ['helpfulness (1-5)', f.helpfulness],
      ])
    }
    case 'satisfaction': {
      const f = insights.satisfaction
      return measures(f, [
        ['closing surveys', f.responses],
        ['average satisfaction (1-5)', f.averageSatisfaction],
        ['promoters (9-10)', f.promoters],
        ['passives (7-8)', f.passives],
        ['detractors (0-6)', f.detractors],
        ['NPS', f.nps],
      ])
    }
    case 'give-and-take': {
      const f = insights.giveAndTake
      return measures(f, [
        ['pairs', f.pairs],
        ['balanced pairs', f.balancedPairs],
        ['balanced %', f.percent],
      ])
    }
    case 'cross-department': {
      const f = insights.crossDepartment
      return measures(f, [
        ['matches', f.matches],
        ['cross-department matches', f.crossDepartment],
        ['cross-department %', f.percent],
      ])
    }
    case 'skill-growth':
      return {
        columns: ['skill', 'people counted', 'average before', 'average after', 'average growth', 'hidden because'],
        rows: insights.skillGrowth.map((s) => [
          s.name,
          s.people,
          s.averagePre,
          s.averagePost,
          s.averageGrowth,
          s.hiddenReason,
        ]),
      }
    case 'wellbeing': {
      const f = insights.wellbeing
      return {
        columns: [
          'week starting',
          'people counted',
          'check-ins',
          'average mood (1-5)',
          'average stress (1-5)',
          'hidden because',
        ],
        rows: f.isHidden
          ? [['all weeks', f.people, null, null, null, f.hiddenReason]]
          : f.weeks.map((w) => [w.weekStart, w.people, w.checkIns, w.averageMood, w.averageStress, w.hiddenReason]),
      }
    }
    case 'at-risk':
      return {
        columns: ['match id', 'status', 'members', 'last session', 'reasons', 'actions'],
        rows: insights.atRisk.map((m) => [
          m.matchId,
          m.status,
          m.members.map((p) => p.name).join('; '),
          m.lastSessionAt,
          m.reasons.map((r) => r.label).join('; '),
          [...new Set(m.reasons.map((r) => r.actionLabel))].join('; '),
        ]),
      }
  }
}

/** One figure of the dashboard as CSV; a hidden figure stays hidden (empty values and the reason). */
export function insightFigureCsv(insights: DashboardFigures, figure: InsightFigure): string {
  const table = tableOf(insights, figure)
  return stringify([table.columns, ...table.rows.map((row) => row.map(cell))])
}
