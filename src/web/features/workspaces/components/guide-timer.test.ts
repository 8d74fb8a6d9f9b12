import { describe, expect, it } from 'vitest'
import type { Exercise } from '#contracts/exercises.ts'
import {
  formatClock,
  type GuideAction,
  type GuideState,
  guideReducer,
  guideSteps,
  initialGuideState,
  isFinished,
  remainingAt,
  spokenDuration,
  timeAnnouncement,
} from './guide-timer.ts'

const steps = [{ minutes: 4 }, { minutes: 3 }, { minutes: 5 }]
const reduce = guideReducer(steps)
const run = (actions: GuideAction[], state: GuideState = initialGuideState(steps)) => actions.reduce(reduce, state)

describe('guideSteps', () => {
  it('lays the exercises’ steps end to end, each knowing its exercise and place', () => {
    const exercise = (id: string, titles: string[]): Exercise => ({
      id,
      slug: id.replace('builtin:', ''),
      technique: 'role_play',
      title: `Exercise ${id}`,
      purpose: 'Practise',
      durationMinutes: titles.length * 2,
      steps: titles.map((title) => ({ title, instruction: `Do ${title}`, minutes: 2 })),
      prompts: [],
      scenarios: [],
      isBuiltIn: true,
    })
    const result = guideSteps([exercise('builtin:a', ['One', 'Two']), exercise('builtin:b', ['Three'])])
    expect(result.map((step) => [step.exerciseIndex, step.stepIndex, step.stepCount, step.title])).toEqual([
      [0, 0, 2, 'One'],
      [0, 1, 2, 'Two'],
      [1, 0, 1, 'Three'],
    ])
  })
})

describe('guideReducer', () => {
  it('starts on the first step with its full time, not running', () => {
    expect(initialGuideState(steps)).toEqual({
      position: 0,
      stepCount: 3,
      status: 'ready',
      remainingMs: 240_000,
      endsAt: null,
    })
  })

  it('counts down from the end instant, so a late tick loses no time', () => {
    const started = run([{ type: 'start', now: 1_000 }])
    expect(started.status).toBe('running')
    expect(remainingAt(started, 61_000)).toBe(180_000)
    // One tick 100 seconds later (a background tab) shows the true time left.
    expect(run([{ type: 'tick', now: 101_000 }], started).remainingMs).toBe(140_000)
  })

  it('pauses with the time left and resumes from there', () => {
    const paused = run([
      { type: 'start', now: 0 },
      { type: 'pause', now: 90_000 },
    ])
    expect(paused).toMatchObject({ status: 'paused', remainingMs: 150_000, endsAt: null })
    // Time passing while paused changes nothing.
    expect(run([{ type: 'tick', now: 500_000 }], paused)).toBe(paused)
    const resumed = run([{ type: 'start', now: 600_000 }], paused)
    expect(remainingAt(resumed, 660_000)).toBe(90_000)
  })

  it('stops at zero when the time is up, and a new start gives the step its full time again', () => {
    const elapsed = run([
      { type: 'start', now: 0 },
      { type: 'tick', now: 250_000 },
    ])
    expect(elapsed).toMatchObject({ status: 'elapsed', remainingMs: 0, position: 0 })
    expect(run([{ type: 'start', now: 300_000 }], elapsed)).toMatchObject({ status: 'running', endsAt: 540_000 })
  })

  it('moves between steps with each step’s own time, never past the ends, and stops the clock on a move', () => {
    const second = run([{ type: 'start', now: 0 }, { type: 'next' }])
    expect(second).toMatchObject({ position: 1, status: 'ready', remainingMs: 180_000, endsAt: null })
    expect(run([{ type: 'previous' }, { type: 'previous' }], second)).toMatchObject({
      position: 0,
      remainingMs: 240_000,
    })
    const end = run([{ type: 'next' }, { type: 'next' }, { type: 'next' }, { type: 'next' }])
    expect(end.position).toBe(3)
    expect(isFinished(end)).toBe(true)
    // The closing screen has no clock to start.
    expect(run([{ type: 'start', now: 0 }], end)).toBe(end)
    expect(run([{ type: 'goTo', position: 2 }], end)).toMatchObject({ position: 2, remainingMs: 300_000 })
  })

  it('resets the current step to its full time', () => {
    const reset = run([{ type: 'next' }, { type: 'start', now: 0 }, { type: 'pause', now: 30_000 }, { type: 'reset' }])
    expect(reset).toMatchObject({ position: 1, status: 'ready', remainingMs: 180_000 })
  })
})

describe('the clock in words and figures', () => {
  it('shows minutes and seconds, rounding up', () => {
    expect(formatClock(240_000)).toBe('4:00')
    expect(formatClock(245_000)).toBe('4:05')
    expect(formatClock(8_001)).toBe('0:09')
    expect(formatClock(0)).toBe('0:00')
  })

  it('says a duration the way a person would', () => {
    expect(spokenDuration(245_000)).toBe('4 minutes 5 seconds')
    expect(spokenDuration(60_000)).toBe('1 minute')
    expect(spokenDuration(30_000)).toBe('30 seconds')
    expect(spokenDuration(0)).toBe('0 seconds')
  })

  it('announces whole minutes, the last thirty seconds and the end, never every second', () => {
    expect(timeAnnouncement(240_000, 239_000)).toBeNull()
    expect(timeAnnouncement(181_000, 180_000)).toBe('3 minutes left.')
    expect(timeAnnouncement(180_000, 179_000)).toBeNull()
    expect(timeAnnouncement(61_000, 59_000)).toBe('1 minute left.')
    expect(timeAnnouncement(31_000, 30_000)).toBe('30 seconds left.')
    expect(timeAnnouncement(29_000, 28_000)).toBeNull()
    expect(timeAnnouncement(1_000, 0)).toBe('Time is up for this step.')
    // A pause, a reset or a new step is no passing of time.
    expect(timeAnnouncement(100_000, 240_000)).toBeNull()
    // Every second of a 4-minute step: 3 minute marks, 30 seconds and the end.
    const said: string[] = []
    for (let left = 240_000; left > 0; left -= 1_000) {
      const text = timeAnnouncement(left, left - 1_000)
      if (text) said.push(text)
    }
    expect(said).toEqual([
      '3 minutes left.',
      '2 minutes left.',
      '1 minute left.',
      '30 seconds left.',
      'Time is up for this step.',
    ])
  })
})
