import { DAY } from '#contracts/durations.ts'
import type { SessionWellbeingDelta, WeeklyWellbeing } from '#contracts/wellbeing.ts'

export interface TrendCheckIn {
  matchId: string
  sessionId: string | null
  sessionStartsAt: string | null
  moment: 'before' | 'after' | 'anytime'
  mood: number
  stress: number
  createdAt: Date
}

/** The Monday (UTC) of the week a moment falls in, as 'YYYY-MM-DD'. */
export function weekStartOf(at: Date): string {
  const midnight = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate())
  const daysSinceMonday = (new Date(midnight).getUTCDay() + 6) % 7
  return new Date(midnight - daysSinceMonday * DAY).toISOString().slice(0, 10)
}

const round1 = (value: number) => Math.round(value * 10) / 10

/** Average mood and stress per week (oldest first), rounded to one decimal. */
export function weeklyAverages(checkIns: TrendCheckIn[]): WeeklyWellbeing[] {
  const weeks = new Map<string, { count: number; mood: number; stress: number }>()
  for (const c of checkIns) {
    const key = weekStartOf(c.createdAt)
    const week = weeks.get(key) ?? { count: 0, mood: 0, stress: 0 }
    week.count++
    week.mood += c.mood
    week.stress += c.stress
    weeks.set(key, week)
  }
  return [...weeks.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([weekStart, w]) => ({
      weekStart,
      checkIns: w.count,
      averageMood: round1(w.mood / w.count),
      averageStress: round1(w.stress / w.count),
    }))
}

/** After minus before for every session with both check-ins, in the order the sessions start. */
export function sessionDeltas(checkIns: TrendCheckIn[]): SessionWellbeingDelta[] {
  const bySession = new Map<string, { before?: TrendCheckIn; after?: TrendCheckIn }>()
  for (const c of checkIns) {
    if (!c.sessionId || c.moment === 'anytime') continue
    const pair = bySession.get(c.sessionId) ?? {}
    pair[c.moment] = c
    bySession.set(c.sessionId, pair)
  }
  const deltas: SessionWellbeingDelta[] = []
  for (const [sessionId, { before, after }] of bySession) {
    if (!before || !after) continue
    deltas.push({
      sessionId,
      matchId: before.matchId,
      sessionStartsAt: before.sessionStartsAt,
      before: { mood: before.mood, stress: before.stress },
      after: { mood: after.mood, stress: after.stress },
      moodDelta: after.mood - before.mood,
      stressDelta: after.stress - before.stress,
    })
  }
  const key = (d: SessionWellbeingDelta) => d.sessionStartsAt ?? ''
  return deltas.sort((a, b) => key(a).localeCompare(key(b)))
}
