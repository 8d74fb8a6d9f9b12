import { useState } from 'react'
import { describe, expect, test } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import { defaultProgramSettings, type MatchingRules } from '#contracts/programs.ts'
import { renderUi } from '#web/test/render.tsx'
import type { QuestionDraft } from './enrollment-questions-editor.tsx'
import { MatchingRulesFields } from './matching-rules-fields.tsx'

const question = (id: string, kind: QuestionDraft['kind'], prompt: string): QuestionDraft => ({
  id,
  kind,
  prompt,
  optionsText: kind.endsWith('choice') ? 'A\nB' : '',
  isRequired: false,
})

const questions = [
  question('mode', 'single_choice', 'Where do you work best?'),
  question('topics', 'multiple_choice', 'Topics'),
  question('why', 'short_text', 'Why do you join?'),
]

function Harness({
  onRules,
  errors = {},
}: {
  onRules: (rules: MatchingRules) => void
  errors?: Record<string, string>
}) {
  const [rules, setRules] = useState(defaultProgramSettings('peer_coaching').matchingRules)
  return (
    <MatchingRulesFields
      type="peer_coaching"
      rules={rules}
      questions={questions}
      errors={errors}
      onChange={(next) => {
        setRules(next)
        onRules(next)
      }}
    />
  )
}

describe('enrollment questions in the score (issue #17 point 3)', () => {
  test('offers only the rules a question kind allows, and a weight once a rule is chosen', async () => {
    let latest: MatchingRules | null = null
    await renderUi(<Harness onRules={(rules) => (latest = rules)} />)
    const mode = page.getByLabelText('How “Where do you work best?” counts in matching')
    await expect.element(mode).toBeVisible()
    const modeOptions = mode.element().querySelectorAll('option')
    expect([...modeOptions].map((o) => o.value)).toEqual(['', 'same', 'different'])
    const topicsOptions = page.getByLabelText('How “Topics” counts in matching').element().querySelectorAll('option')
    expect([...topicsOptions].map((o) => o.value)).toEqual(['', 'same', 'different', 'overlap'])
    await expect.element(page.getByText('“Why do you join?” is free text', { exact: false })).toBeVisible()

    await userEvent.selectOptions(page.getByLabelText('How “Topics” counts in matching'), 'overlap')
    const weight = page.getByLabelText('Weight of “Topics”')
    await userEvent.clear(weight)
    await userEvent.type(weight, '25')
    expect(latest!.questionCriteria).toEqual([{ questionId: 'topics', rule: 'overlap', weight: 25 }])
    await userEvent.selectOptions(page.getByLabelText('How “Topics” counts in matching'), '')
    expect(latest!.questionCriteria).toEqual([])
  })

  test("shows the server's refusal at the question it names", async () => {
    const errors = { 'matchingRules.questionCriteria.0.rule': 'a short list of words from the server' }
    await renderUi(<Harness onRules={() => {}} errors={errors} />)
    await userEvent.selectOptions(page.getByLabelText('How “Where do you work best?” counts in matching'), 'same')
    await expect.element(page.getByText('Rule a short list of words from the server')).toBeVisible()
  })
})
