import type { CoachingQuestion } from '#contracts/exercises.ts'
import type { GuideStep } from './guide-timer.ts'

// Questions that move towards a commitment: for an exercise's closing step.
const ACTION_WORDS = /\b(step|week|hold yourself|success|let go|regret|help)\b/i
// Listening moves that open a conversation up: for an exercise's first steps.
const OPENING_WORDS = /^(Clarify|Ask for an example|Invite more|Check your understanding|Reflect)/i

function rotate<T>(items: readonly T[], start: number, count: number): T[] {
  if (items.length <= count) return [...items]
  return Array.from({ length: count }, (_, index) => items[(start + index) % items.length] as T)
}

/**
 * A few questions from the bank that fit where the conversation is: opening listening moves and
 * open questions while the coachee describes, questions towards action on an exercise's closing
 * step, and a rotation through the rest in between so each step offers fresh ones.
 */
export function questionsForStep(
  questions: readonly CoachingQuestion[],
  step: Pick<GuideStep, 'stepIndex' | 'stepCount'>,
  position: number,
  count = 3,
): { listening: CoachingQuestion[]; powerful: CoachingQuestion[] } {
  const listening = questions.filter((question) => question.kind === 'active_listening')
  const powerful = questions.filter((question) => question.kind === 'powerful')
  const isFirst = step.stepIndex === 0
  const isLast = step.stepIndex === step.stepCount - 1 && step.stepCount > 1
  const preferred = <T extends CoachingQuestion>(items: T[], pattern: RegExp) => {
    const fitting = items.filter((item) => pattern.test(item.text))
    return fitting.length > 0 ? [...fitting, ...items.filter((item) => !pattern.test(item.text))] : items
  }
  return {
    listening: isFirst
      ? preferred(listening, OPENING_WORDS).slice(0, count)
      : rotate(listening, position * count, count),
    powerful: isLast ? preferred(powerful, ACTION_WORDS).slice(0, count) : rotate(powerful, position * count, count),
  }
}
