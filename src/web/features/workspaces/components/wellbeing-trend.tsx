import type { MyWellbeing } from '#contracts/wellbeing.ts'
import { Bar } from '#web/components/ui/bar.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { LoadingState } from '#web/components/ui/loading-state.tsx'
import { formatDate, formatDateTime } from '#web/lib/format.ts'
import { useMyWellbeing } from '../api/use-my-wellbeing.ts'

const trendBarStyle = { width: 96, display: 'inline-block', verticalAlign: 'middle' } as const

const signed = (value: number) => (value > 0 ? `+${value}` : String(value))

/** My wellbeing trend across all my matches; only I see it. */
export function WellbeingTrend() {
  const wellbeing = useMyWellbeing()
  return (
    <div className="stack" style={{ gap: 8 }}>
      <h3 className="subheading">Your trend</h3>
      <p className="muted" style={{ margin: 0 }}>
        Across all your matches. Only you can see this.
      </p>
      {wellbeing.isError ? (
        <ErrorState
          error={wellbeing.error}
          title="Your trend could not be loaded"
          onRetry={() => wellbeing.refetch()}
        />
      ) : !wellbeing.data ? (
        <LoadingState label="Loading your trend…" />
      ) : wellbeing.data.checkIns.length === 0 ? (
        <p style={{ margin: 0 }}>No check-ins yet. Your trend appears after your first check-in.</p>
      ) : (
        <TrendTables wellbeing={wellbeing.data} />
      )}
    </div>
  )
}

function TrendTables({ wellbeing }: { wellbeing: MyWellbeing }) {
  return (
    <>
      <div className="table-wrap">
        <table className="table">
          <caption>Average mood and stress per week (1 low, 5 high)</caption>
          <thead>
            <tr>
              <th scope="col">Week of</th>
              <th scope="col">Check-ins</th>
              <th scope="col">Mood</th>
              <th scope="col">Stress</th>
            </tr>
          </thead>
          <tbody>
            {wellbeing.weekly.map((week) => (
              <tr key={week.weekStart}>
                <th scope="row">{formatDate(`${week.weekStart}T12:00:00`)}</th>
                <td>{week.checkIns}</td>
                <td>
                  <span className="row" style={{ gap: 8 }}>
                    <Bar value={week.averageMood} max={5} style={trendBarStyle} />
                    {week.averageMood}
                  </span>
                </td>
                <td>
                  <span className="row" style={{ gap: 8 }}>
                    <Bar value={week.averageStress} max={5} style={trendBarStyle} />
                    {week.averageStress}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {wellbeing.sessionDeltas.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption>How your sessions moved you (before to after)</caption>
            <thead>
              <tr>
                <th scope="col">Session</th>
                <th scope="col">Mood</th>
                <th scope="col">Stress</th>
              </tr>
            </thead>
            <tbody>
              {wellbeing.sessionDeltas.map((delta) => (
                <tr key={delta.sessionId}>
                  <th scope="row">{delta.sessionStartsAt ? formatDateTime(delta.sessionStartsAt) : 'A session'}</th>
                  <td>
                    from {delta.before.mood} to {delta.after.mood} ({signed(delta.moodDelta)})
                  </td>
                  <td>
                    from {delta.before.stress} to {delta.after.stress} ({signed(delta.stressDelta)})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted" style={{ margin: 0 }}>
          Check in before and after the same session to see how it moved you.
        </p>
      )}
    </>
  )
}
