import type { YesNoUnsure } from '#contracts/fit-and-exits.ts'
import type { Choice } from './choice-group.tsx'

// The words of the pairing-fit question and the closing survey (fit-and-exits-section.tsx and its parts).
export const FIT_WORDS = ['Poor fit', 'Weak fit', 'Fair fit', 'Good fit', 'Great fit'] as const
export const SATISFACTION_WORDS = [
  'Very dissatisfied',
  'Dissatisfied',
  'Neutral',
  'Satisfied',
  'Very satisfied',
] as const
export const SKILL_WORDS = ['Beginner', 'Developing', 'Capable', 'Strong', 'Expert'] as const
export const YES_NO_UNSURE: Choice[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'unsure', label: 'Not sure' },
]
export const RECOMMEND_CHOICES: Choice[] = Array.from({ length: 11 }, (_, n) => ({
  value: String(n),
  label: String(n),
}))
export const answerWord = (value: YesNoUnsure) => YES_NO_UNSURE.find((c) => c.value === value)?.label ?? value

/** Tells the section what just happened, to announce it. */
export type Done = (message: string) => void
