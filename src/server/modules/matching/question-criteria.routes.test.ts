import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ProgramSchema } from '#contracts/programs.ts'
import { createTestApp, type TestApp } from '#server/test/test-app.ts'
import { enrollPerson, errorOf, matchOf, reviewMatches, runMatching, setUpProgram } from './matching.fixture.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => {
  await t.jobs.drain()
  await t.close()
})

const questions = [
  { id: 'mode', kind: 'single_choice', prompt: 'Where do you work best?', options: ['Remote', 'Office'] },
  { id: 'topics', kind: 'multiple_choice', prompt: 'Topics', options: ['Career', 'Craft', 'Change'] },
  { id: 'why', kind: 'short_text', prompt: 'Why do you join?' },
  { id: 'energy', kind: 'scale', prompt: 'Energy' },
]

async function patchProgram(setup: Awaited<ReturnType<typeof setUpProgram>>, payload: Record<string, unknown>) {
  return t.app.inject({
    method: 'PATCH',
    url: `/api/programs/${setup.program.id}`,
    headers: setup.managerHeaders,
    payload,
  })
}

describe('enrollment questions as matching criteria', () => {
  test('a program manager marks questions as criteria; rules the question kind does not allow are refused by name', async () => {
    const setup = await setUpProgram(t)
    const criteria = (questionCriteria: unknown[]) =>
      patchProgram(setup, { enrollmentQuestions: questions, matchingRules: { questionCriteria } })

    const unknown = await criteria([{ questionId: 'ghost', rule: 'same', weight: 10 }])
    expect(unknown.statusCode).toBe(400)
    expect(errorOf(unknown)).toMatchObject({
      code: 'validation_failed',
      details: [
        {
          path: 'body.matchingRules.questionCriteria.0.questionId',
          message: `is not one of the program's enrollment questions ("ghost")`,
        },
      ],
    })
    const freeText = await criteria([{ questionId: 'why', rule: 'same', weight: 10 }])
    expect(errorOf(freeText).details).toEqual([
      {
        path: 'body.matchingRules.questionCriteria.0.rule',
        message: 'a short_text question cannot be a matching criterion (free text is not compared)',
      },
    ])
    const overlapOfOne = await criteria([{ questionId: 'mode', rule: 'overlap', weight: 10 }])
    expect(errorOf(overlapOfOne).details[0]).toEqual({
      path: 'body.matchingRules.questionCriteria.0.rule',
      message: '"overlap" does not fit a single_choice question (use same or different)',
    })
    const twice = await criteria([
      { questionId: 'mode', rule: 'same', weight: 10 },
      { questionId: 'mode', rule: 'different', weight: 5 },
    ])
    expect(errorOf(twice).details[0].path).toBe('body.matchingRules.questionCriteria.1.questionId')
    const negative = await criteria([{ questionId: 'mode', rule: 'same', weight: -1 }])
    expect(negative.statusCode).toBe(400)
    expect(errorOf(negative).details[0].path).toContain('questionCriteria.0.weight')

    const ok = await criteria([
      { questionId: 'mode', rule: 'same', weight: 30 },
      { questionId: 'topics', rule: 'overlap', weight: 10 },
      { questionId: 'energy', rule: 'different', weight: 0 },
    ])
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ProgramSchema.parse(ok.json()).matchingRules.questionCriteria).toEqual([
      { questionId: 'mode', rule: 'same', weight: 30 },
      { questionId: 'topics', rule: 'overlap', weight: 10 },
      { questionId: 'energy', rule: 'different', weight: 0 },
    ])

    // removing a question that is a criterion needs the criterion removed in the same change
    const orphan = await patchProgram(setup, { enrollmentQuestions: questions.filter((q) => q.id !== 'topics') })
    expect(orphan.statusCode).toBe(400)
    expect(errorOf(orphan).details[0].path).toBe('body.matchingRules.questionCriteria.1.questionId')
  })

  test('a run scores the answers: same answers pair up, the reason and the points show in the match card', async () => {
    const setup = await setUpProgram(t, { rules: { constraints: { minOverlapMinutes: 0 } } })
    const updated = await patchProgram(setup, {
      enrollmentQuestions: questions,
      matchingRules: {
        weights: { complementarity: 0, seniority: 10, diversity: 0, overlap: 0 },
        questionCriteria: [
          { questionId: 'mode', rule: 'same', weight: 30 },
          { questionId: 'topics', rule: 'overlap', weight: 20 },
        ],
      },
    })
    expect(updated.statusCode, updated.body).toBe(200)
    // without the questions Ana and Cy (same seniority) would pair; with them, the answers decide
    const ana = await enrollPerson(
      setup,
      { name: 'Ana Lima', seniority: 4 },
      {
        answers: JSON.stringify({ mode: 'Remote', topics: ['Career', 'Craft'], why: 'private words' }),
      },
    )
    const ben = await enrollPerson(
      setup,
      { name: 'Ben Ortiz', seniority: 5 },
      {
        answers: JSON.stringify({ mode: 'Remote', topics: ['Craft', 'Change'] }),
      },
    )
    const cy = await enrollPerson(
      setup,
      { name: 'Cy Park', seniority: 4 },
      { answers: JSON.stringify({ mode: 'Office' }) },
    )
    const di = await enrollPerson(
      setup,
      { name: 'Di Roy', seniority: 5 },
      { answers: JSON.stringify({ mode: 'Office' }) },
    )

    const { run } = await runMatching(setup)
    expect(run.status).toBe('succeeded')
    const review = await reviewMatches(setup)
    const remote = matchOf(review.matches, ana.id, ben.id)!
    expect(matchOf(review.matches, cy.id, di.id)).toBeDefined()
    expect(remote.explanation.reasons).toContain('both answered “Remote” to “Where do you work best?”')
    expect(remote.explanation.reasons).toContain('both chose “Craft” for “Topics” (1 of 3 choices shared)')
    expect(remote.explanation.questionCriteria).toEqual([
      expect.objectContaining({
        questionId: 'mode',
        prompt: 'Where do you work best?',
        rule: 'same',
        points: 3000,
        num: 1,
        den: 1,
      }),
      expect.objectContaining({ questionId: 'topics', rule: 'overlap', points: 667, num: 1, den: 3 }),
    ])
    expect(JSON.stringify(remote)).not.toContain('private words')
    // seniority gap 1 of 7: 857; the best pair scores (10 + 30 + 20) x 100
    expect(remote.score).toBe(857 + 3000 + 667)
    expect(remote.fitPercent).toBe(Math.round((100 * remote.score) / 6000))
    const office = matchOf(review.matches, cy.id, di.id)!
    expect(office.explanation.reasons).toContain('both answered “Office” to “Where do you work best?”')
    expect(office.explanation.reasons).toContain('neither answered “Topics”')
  })
})
