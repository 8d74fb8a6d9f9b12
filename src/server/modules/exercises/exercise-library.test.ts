import { describe, expect, test } from 'vitest'
import { CoachingQuestionSchema, ExerciseSchema } from '#contracts/exercises.ts'
import { BUILT_IN_EXERCISES, BUILT_IN_QUESTIONS } from './exercise-library.ts'

const byTechnique = (technique: string) => BUILT_IN_EXERCISES.find((exercise) => exercise.technique === technique)!
const scenarioText = (technique: string) =>
  byTechnique(technique)
    .scenarios.map((scenario) => `${scenario.title} ${scenario.setup}`)
    .join('\n')
    .toLowerCase()

describe('the built-in exercise library', () => {
  test('has the five techniques of the concept, each with purpose, 4-6 timed steps (15-30 min), prompts and scenarios', () => {
    expect(BUILT_IN_EXERCISES.map((exercise) => exercise.technique)).toEqual([
      'role_play',
      'what_if',
      'empathy',
      'change_of_perspective',
      'collaborative_storytelling',
    ])
    for (const exercise of BUILT_IN_EXERCISES) {
      expect(ExerciseSchema.parse(exercise)).toEqual(exercise)
      expect(exercise.id).toBe(`builtin:${exercise.slug}`)
      expect(exercise.purpose.length).toBeGreaterThan(80)
      expect(exercise.steps.length).toBeGreaterThanOrEqual(4)
      expect(exercise.steps.length).toBeLessThanOrEqual(6)
      expect(exercise.durationMinutes).toBe(exercise.steps.reduce((sum, step) => sum + step.minutes, 0))
      expect(exercise.durationMinutes).toBeGreaterThanOrEqual(15)
      expect(exercise.durationMinutes).toBeLessThanOrEqual(30)
      expect(exercise.prompts.length).toBeGreaterThanOrEqual(5)
      expect(exercise.scenarios.length).toBeGreaterThanOrEqual(2)
    }
    expect(new Set(BUILT_IN_EXERCISES.map((exercise) => exercise.id)).size).toBe(BUILT_IN_EXERCISES.length)
  })

  test('carries the worked scenarios the design asks for', () => {
    expect(scenarioText('role_play')).toContain('difficult customer')
    expect(scenarioText('role_play')).toMatch(/raise|stakeholder/)
    expect(scenarioText('what_if')).toContain('plan a fails')
    expect(scenarioText('what_if')).toMatch(/resources (double|increase)/)
    expect(scenarioText('empathy')).toContain('conflict in the team')
    expect(scenarioText('empathy')).toMatch(/feel/)
    expect(scenarioText('empathy')).toMatch(/needs/)
    expect(scenarioText('change_of_perspective')).toContain('stakeholder')
    expect(scenarioText('collaborative_storytelling')).toContain('story')
    expect(scenarioText('collaborative_storytelling')).toContain('action steps')
  })
})

describe('the built-in question bank', () => {
  test('has at least 15 active-listening techniques and 20 powerful questions, with unique ids', () => {
    const listening = BUILT_IN_QUESTIONS.filter((question) => question.kind === 'active_listening')
    const powerful = BUILT_IN_QUESTIONS.filter((question) => question.kind === 'powerful')
    expect(listening.length).toBeGreaterThanOrEqual(15)
    expect(powerful.length).toBeGreaterThanOrEqual(20)
    for (const question of BUILT_IN_QUESTIONS) expect(CoachingQuestionSchema.parse(question)).toEqual(question)
    expect(new Set(BUILT_IN_QUESTIONS.map((question) => question.id)).size).toBe(BUILT_IN_QUESTIONS.length)
    const listeningText = listening.map((question) => question.text.toLowerCase()).join('\n')
    for (const technique of ['reflect', 'paraphrase', 'summarise', 'clarify'])
      expect(listeningText).toContain(technique)
  })
})
