import type { Exercise } from '#contracts/exercises.ts'

/** One step of the session's plan: the exercises' steps one after another. */
export interface GuideStep {
  exerciseIndex: number
  exerciseId: string
  exerciseTitle: string
  /** The step's place inside its exercise (0-based) and the exercise's number of steps. */
  stepIndex: number
  stepCount: number
  title: string
  instruction: string
  minutes: number
}

/** The exercises' steps in order, each with where it sits. */
export function guideSteps(exercises: readonly Exercise[]): GuideStep[] {
  return exercises.flatMap((exercise, exerciseIndex) =>
    exercise.steps.map((step, stepIndex) => ({
      exerciseIndex,
      exerciseId: exercise.id,
      exerciseTitle: exercise.title,
      stepIndex,
      stepCount: exercise.steps.length,
      title: step.title,
      instruction: step.instruction,
      minutes: step.minutes,
    })),
  )
}

export type TimerStatus = 'ready' | 'running' | 'paused' | 'elapsed'

/**
 * The guide's position and the current step's countdown. `position` runs from 0 to the number of
 * steps, the last value being the closing screen. While running, the end instant is kept rather
 * than a count of ticks, so a late or skipped tick (a background tab) never slows the clock.
 */
export interface GuideState {
  position: number
  stepCount: number
  status: TimerStatus
  /** Left on the current step when not running; at `endsAt` it reaches zero while running. */
  remainingMs: number
  endsAt: number | null
}

export type GuideAction =
  | { type: 'start'; now: number }
  | { type: 'pause'; now: number }
  | { type: 'tick'; now: number }
  | { type: 'reset' }
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'goTo'; position: number }

const stepMs = (steps: readonly Pick<GuideStep, 'minutes'>[], position: number) =>
  (steps[position]?.minutes ?? 0) * 60_000

export function initialGuideState(steps: readonly Pick<GuideStep, 'minutes'>[]): GuideState {
  return { position: 0, stepCount: steps.length, status: 'ready', remainingMs: stepMs(steps, 0), endsAt: null }
}

/** Time left on the current step at `now`, never below zero. */
export function remainingAt(state: GuideState, now: number): number {
  if (state.status !== 'running' || state.endsAt === null) return state.remainingMs
  return Math.max(0, state.endsAt - now)
}

export function isFinished(state: GuideState): boolean {
  return state.position >= state.stepCount
}

/** The guide's moves: start, pause, tick, reset, next, previous and jump to a step. */
export function guideReducer(steps: readonly Pick<GuideStep, 'minutes'>[]) {
  const moveTo = (state: GuideState, position: number): GuideState => {
    const clamped = Math.min(Math.max(position, 0), steps.length)
    return { ...state, position: clamped, status: 'ready', remainingMs: stepMs(steps, clamped), endsAt: null }
  }
  return (state: GuideState, action: GuideAction): GuideState => {
    switch (action.type) {
      case 'start': {
        if (isFinished(state) || state.status === 'running') return state
        // Starting again after time ran out gives the step its full time back.
        const remaining = state.status === 'elapsed' ? stepMs(steps, state.position) : state.remainingMs
        return { ...state, status: 'running', remainingMs: remaining, endsAt: action.now + remaining }
      }
      case 'pause': {
        if (state.status !== 'running') return state
        return { ...state, status: 'paused', remainingMs: remainingAt(state, action.now), endsAt: null }
      }
      case 'tick': {
        if (state.status !== 'running') return state
        const remaining = remainingAt(state, action.now)
        if (remaining > 0) return state.remainingMs === remaining ? state : { ...state, remainingMs: remaining }
        return { ...state, status: 'elapsed', remainingMs: 0, endsAt: null }
      }
      case 'reset':
        return moveTo(state, state.position)
      case 'next':
        return moveTo(state, state.position + 1)
      case 'previous':
        return moveTo(state, state.position - 1)
      case 'goTo':
        return moveTo(state, action.position)
    }
  }
}

/** "4:05", "0:09", "12:00": minutes and seconds, rounded up so a step never shows 0:00 while time is left. */
export function formatClock(ms: number): string {
  const totalSeconds = Math.ceil(Math.max(0, ms) / 1000)
  const minutes = Math.floor(totalSeconds / 60)
  const seconds = totalSeconds % 60
  return `${minutes}:${String(seconds).padStart(2, '0')}`
}

/** "4 minutes 5 seconds", "1 minute", "30 seconds": how a screen reader should say a time left. */
export function spokenDuration(ms: number): string {
  const totalSeconds = Math.ceil(Math.max(0, ms) / 1000)
  const minutes = Math.floor(totalSeconds / 60)
  const seconds = totalSeconds % 60
  const parts = [
    minutes > 0 ? `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}` : null,
    seconds > 0 || minutes === 0 ? `${seconds} ${seconds === 1 ? 'second' : 'seconds'}` : null,
  ]
  return parts.filter(Boolean).join(' ')
}

/**
 * What to announce politely as time passes from `before` to `after` (ms left on a running step):
 * each whole minute, thirty seconds before the end, and the end itself; never every second.
 */
export function timeAnnouncement(before: number, after: number): string | null {
  if (after >= before) return null
  if (after === 0) return 'Time is up for this step.'
  const crossed = (mark: number) => before > mark && after <= mark
  if (crossed(30_000)) return '30 seconds left.'
  const minuteMark = Math.ceil(after / 60_000) * 60_000
  if (minuteMark >= 60_000 && crossed(minuteMark)) return `${spokenDuration(minuteMark)} left.`
  return null
}
