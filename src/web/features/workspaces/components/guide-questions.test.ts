import { describe, expect, it } from 'vitest'
import type { CoachingQuestion } from '#contracts/exercises.ts'
import { questionsForStep } from './guide-questions.ts'

const question = (kind: CoachingQuestion['kind'], text: string, index: number): CoachingQuestion => ({
  id: `builtin:${kind === 'powerful' ? 'powerful' : 'listening'}-${index}`,
  kind,
  text,
  isBuiltIn: true,
})

const bank: CoachingQuestion[] = [
  question('active_listening', 'Summarise: "Let me check I have followed you."', 1),
  question('active_listening', 'Use silence: wait a few seconds.', 2),
  question('active_listening', 'Clarify: "When you say it went badly, what happened?"', 3),
  question('active_listening', 'Paraphrase: "So what you are saying is ..."', 4),
  question('active_listening', 'Invite more: "Tell me more about that."', 5),
  question('powerful', 'What would you do if you knew you could not fail?', 1),
  question('powerful', 'What is really the challenge here for you?', 2),
  question('powerful', 'What is the smallest step that would still be progress?', 3),
  question('powerful', 'What are you assuming that might not be true?', 4),
  question('powerful', 'How will you hold yourself to it?', 5),
]
const texts = (items: CoachingQuestion[]) => items.map((item) => item.text)

describe('questionsForStep', () => {
  it('opens an exercise with listening moves that open the conversation up', () => {
    const { listening, powerful } = questionsForStep(bank, { stepIndex: 0, stepCount: 4 }, 0)
    expect(texts(listening)).toEqual([
      'Clarify: "When you say it went badly, what happened?"',
      'Invite more: "Tell me more about that."',
      'Summarise: "Let me check I have followed you."',
    ])
    expect(powerful).toHaveLength(3)
  })

  it('closes an exercise with questions towards action', () => {
    const { powerful } = questionsForStep(bank, { stepIndex: 3, stepCount: 4 }, 3)
    expect(texts(powerful).slice(0, 2)).toEqual([
      'What is the smallest step that would still be progress?',
      'How will you hold yourself to it?',
    ])
  })

  it('offers fresh questions from one middle step to the next, only of each kind', () => {
    const first = questionsForStep(bank, { stepIndex: 1, stepCount: 4 }, 1)
    const second = questionsForStep(bank, { stepIndex: 2, stepCount: 4 }, 2)
    expect(texts(first.powerful)).not.toEqual(texts(second.powerful))
    expect(first.listening.every((item) => item.kind === 'active_listening')).toBe(true)
    expect(second.powerful.every((item) => item.kind === 'powerful')).toBe(true)
  })

  it('copes with a small or empty bank', () => {
    expect(questionsForStep([], { stepIndex: 0, stepCount: 1 }, 0)).toEqual({ listening: [], powerful: [] })
    expect(questionsForStep(bank.slice(0, 2), { stepIndex: 1, stepCount: 3 }, 5).listening).toHaveLength(2)
  })
})
