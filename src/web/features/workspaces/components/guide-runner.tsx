import { Link } from '@tanstack/react-router'
import { useEffect, useMemo, useReducer, useRef, useState } from 'react'
import type { CoachingQuestion, Exercise } from '#contracts/exercises.ts'
import { Button } from '#web/components/ui/button.tsx'
import { questionsForStep } from './guide-questions.ts'
import {
  formatClock,
  guideReducer,
  guideSteps,
  initialGuideState,
  isFinished,
  spokenDuration,
  timeAnnouncement,
} from './guide-timer.ts'

const TICK_MS = 250

/** Walks through the exercises' steps one at a time, with a countdown per step and questions for the coach. */
export function GuideRunner({
  matchId,
  exercises,
  questions,
  isCoach,
}: {
  matchId: string
  exercises: Exercise[]
  questions: CoachingQuestion[]
  isCoach: boolean
}) {
  const steps = useMemo(() => guideSteps(exercises), [exercises])
  const reducer = useMemo(() => guideReducer(steps), [steps])
  const [state, dispatch] = useReducer(reducer, steps, initialGuideState)
  const [announcement, setAnnouncement] = useState('')
  const lastRemaining = useRef(state.remainingMs)
  const finishHeadingRef = useRef<HTMLHeadingElement>(null)
  const step = steps[state.position]
  const exercise = step ? exercises[step.exerciseIndex] : undefined
  const finished = isFinished(state)

  // While running, tick a few times a second; the reducer reads the clock, so ticks may be late.
  useEffect(() => {
    if (state.status !== 'running') return
    const timer = window.setInterval(() => dispatch({ type: 'tick', now: Date.now() }), TICK_MS)
    return () => window.clearInterval(timer)
  }, [state.status])

  // Time passing is announced politely at whole minutes, 30 seconds and the end: never every second.
  useEffect(() => {
    const before = lastRemaining.current
    lastRemaining.current = state.remainingMs
    if (state.status !== 'running' && state.status !== 'elapsed') return
    const text = timeAnnouncement(before, state.remainingMs)
    if (text) setAnnouncement(text)
  }, [state.remainingMs, state.status])

  const previousPosition = useRef(state.position)
  useEffect(() => {
    if (previousPosition.current === state.position) return
    previousPosition.current = state.position
    if (finished) {
      setAnnouncement('All steps done.')
      finishHeadingRef.current?.focus()
    } else if (step) {
      setAnnouncement(
        `Step ${state.position + 1} of ${steps.length}: ${step.title}, ${spokenDuration(step.minutes * 60_000)}.`,
      )
    }
  }, [state.position, finished, step, steps.length])

  const listen = step ? questionsForStep(questions, step, state.position) : { listening: [], powerful: [] }
  const clockLabel =
    state.status === 'elapsed'
      ? 'Time is up'
      : state.status === 'running'
        ? 'Time left'
        : state.status === 'paused'
          ? 'Paused'
          : 'Ready'

  return (
    <div className="sidebar-layout">
      <div className="stack">
        <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
          {announcement}
        </p>
        <nav aria-label="Steps of the session" className="card">
          <ol className="plain-list">
            {steps.map((item, index) => (
              <li key={`${item.exerciseId}-${item.stepIndex}`}>
                {item.stepIndex === 0 && exercises.length > 1 ? (
                  <span className="subheading" style={{ display: 'block' }}>
                    {item.exerciseTitle}
                  </span>
                ) : null}
                <button
                  type="button"
                  className="button button-ghost button-small"
                  aria-current={index === state.position ? 'step' : undefined}
                  onClick={() => dispatch({ type: 'goTo', position: index })}
                  style={index === state.position ? { fontWeight: 700 } : undefined}
                >
                  {item.title} · {item.minutes} min
                  {index < state.position ? <span className="visually-hidden"> (done)</span> : null}
                </button>
              </li>
            ))}
          </ol>
        </nav>
        {finished ? (
          <section className="card stack" aria-labelledby="guide-finished-heading">
            <h2 id="guide-finished-heading" className="card-title" ref={finishHeadingRef} tabIndex={-1}>
              You have been through every step
            </h2>
            <p style={{ margin: 0 }}>
              Before you part: in the workspace, write your shared notes and a private reflection, agree the action
              items, give each other feedback, and check in on how you are doing.
            </p>
            <div className="row">
              <Link to="/matches/$matchId" params={{ matchId }} className="button button-primary">
                Back to the workspace
              </Link>
              <Button variant="secondary" onClick={() => dispatch({ type: 'previous' })}>
                Back to the last step
              </Button>
            </div>
          </section>
        ) : step && exercise ? (
          <section className="card stack" aria-labelledby="guide-step-heading">
            <p className="muted" style={{ margin: 0 }}>
              Step {state.position + 1} of {steps.length} · {exercise.title}
            </p>
            <h2 id="guide-step-heading" className="card-title" style={{ margin: 0 }}>
              {step.title}
            </h2>
            <p style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{step.instruction}</p>
            <div className="stack" style={{ gap: 8 }}>
              <p className="muted" style={{ margin: 0 }} id="guide-clock-label">
                {clockLabel} · {step.minutes} {step.minutes === 1 ? 'minute' : 'minutes'} for this step
              </p>
              <div
                role="timer"
                aria-labelledby="guide-clock-label"
                style={{ fontSize: '2.5rem', fontWeight: 700, fontVariantNumeric: 'tabular-nums' }}
              >
                {formatClock(state.remainingMs)}
              </div>
            </div>
            <div className="row">
              {state.status === 'running' ? (
                <Button onClick={() => dispatch({ type: 'pause', now: Date.now() })}>Pause timer</Button>
              ) : (
                <Button onClick={() => dispatch({ type: 'start', now: Date.now() })}>
                  {state.status === 'paused'
                    ? 'Resume timer'
                    : state.status === 'elapsed'
                      ? 'Restart timer'
                      : 'Start timer'}
                </Button>
              )}
              <Button
                variant="secondary"
                onClick={() => dispatch({ type: 'reset' })}
                disabled={state.status === 'ready'}
              >
                Reset step
              </Button>
              <span className="grow" />
              <Button
                variant="secondary"
                onClick={() => dispatch({ type: 'previous' })}
                disabled={state.position === 0}
              >
                Previous step
              </Button>
              <Button onClick={() => dispatch({ type: 'next' })}>
                {state.position === steps.length - 1 ? 'Finish' : 'Next step'}
              </Button>
            </div>
            {exercise.prompts.length > 0 ? (
              <div className="stack" style={{ gap: 8 }}>
                <h3 className="subheading">Prompts for this exercise</h3>
                <ul className="plain-list">
                  {exercise.prompts.map((prompt) => (
                    <li key={prompt}>{prompt}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            {exercise.scenarios.length > 0 ? (
              <details className="terms-disclosure">
                <summary>No situation to hand? Worked scenarios</summary>
                <ul className="stack" style={{ listStyle: 'none', padding: 0, margin: 0, gap: 12 }}>
                  {exercise.scenarios.map((scenario) => (
                    <li key={scenario.title}>
                      <strong>{scenario.title}</strong>
                      <p style={{ margin: 0 }}>{scenario.setup}</p>
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </section>
        ) : null}
      </div>
      <aside className="card stack" aria-labelledby="guide-questions-heading">
        <h2 id="guide-questions-heading" className="card-title" style={{ margin: 0 }}>
          Questions for the coach
        </h2>
        <p className="muted" style={{ margin: 0 }}>
          {isCoach
            ? 'You coach: use these to listen and to open up the conversation.'
            : 'For whoever coaches this time.'}
        </p>
        {questions.length === 0 ? (
          <p className="muted">The question bank is empty.</p>
        ) : (
          <>
            <QuestionList
              title="Listen actively"
              items={
                finished ? questions.filter((item) => item.kind === 'active_listening').slice(0, 3) : listen.listening
              }
            />
            <QuestionList
              title="Ask powerful questions"
              items={finished ? questions.filter((item) => item.kind === 'powerful').slice(-3) : listen.powerful}
            />
            <details className="terms-disclosure">
              <summary>The whole question bank ({questions.length})</summary>
              <QuestionList
                title="Active listening"
                items={questions.filter((item) => item.kind === 'active_listening')}
              />
              <QuestionList title="Powerful questions" items={questions.filter((item) => item.kind === 'powerful')} />
            </details>
          </>
        )}
      </aside>
    </div>
  )
}

function QuestionList({ title, items }: { title: string; items: CoachingQuestion[] }) {
  if (items.length === 0) return null
  return (
    <div className="stack" style={{ gap: 8 }}>
      <h3 className="subheading">{title}</h3>
      <ul className="question-list">
        {items.map((item) => (
          <li key={item.id}>{item.text}</li>
        ))}
      </ul>
    </div>
  )
}
