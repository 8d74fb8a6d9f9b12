import type { EnrollmentQuestion, QuestionKind } from '#contracts/programs.ts'
import { Button } from '#web/components/ui/button.tsx'
import { Checkbox } from '#web/components/ui/checkbox.tsx'
import { SelectField } from '#web/components/ui/select-field.tsx'
import { TextAreaField, TextField } from '#web/components/ui/text-field.tsx'
import type { FieldErrors } from '#web/lib/forms.ts'
import { fieldMessage } from '#web/lib/forms.ts'

/** A question as the editor holds it: choices as typed, one per line. */
export interface QuestionDraft {
  id: string
  kind: QuestionKind
  prompt: string
  optionsText: string
  isRequired: boolean
}

const kindOptions: { value: QuestionKind; label: string }[] = [
  { value: 'short_text', label: 'Short text' },
  { value: 'single_choice', label: 'Single choice' },
  { value: 'multiple_choice', label: 'Multiple choice' },
  { value: 'scale', label: 'Scale from 1 to 5' },
]

const isChoice = (kind: QuestionKind) => kind === 'single_choice' || kind === 'multiple_choice'

export function toQuestionDrafts(questions: EnrollmentQuestion[]): QuestionDraft[] {
  return questions.map((question) => ({
    id: question.id,
    kind: question.kind,
    prompt: question.prompt,
    optionsText: (question.options ?? []).join('\n'),
    isRequired: question.isRequired,
  }))
}

export function toQuestions(drafts: QuestionDraft[]): EnrollmentQuestion[] {
  return drafts.map((draft) => {
    const options = draft.optionsText
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
    return {
      id: draft.id,
      kind: draft.kind,
      prompt: draft.prompt,
      isRequired: draft.isRequired,
      ...(isChoice(draft.kind) ? { options } : {}),
    }
  })
}

function nextId(drafts: QuestionDraft[]): string {
  let n = drafts.length + 1
  while (drafts.some((draft) => draft.id === `q${n}`)) n += 1
  return `q${n}`
}

/** Questions people answer when they enroll: add, reword, reorder, remove. */
export function EnrollmentQuestionsEditor({
  questions,
  onChange,
  errors,
}: {
  questions: QuestionDraft[]
  onChange: (questions: QuestionDraft[]) => void
  errors: FieldErrors
}) {
  const update = (index: number, patch: Partial<QuestionDraft>) =>
    onChange(questions.map((question, i) => (i === index ? { ...question, ...patch } : question)))
  const move = (index: number, by: number) => {
    const next = [...questions]
    const [item] = next.splice(index, 1)
    if (item) next.splice(index + by, 0, item)
    onChange(next)
  }
  const err = (index: number, field: string, label: string) =>
    fieldMessage(label, errors[`enrollmentQuestions.${index}.${field}`])

  return (
    <div className="stack">
      {questions.length === 0 ? (
        <p className="field-hint">No questions: people enroll with their intent, skills and self-assessment only.</p>
      ) : (
        <ol className="question-list">
          {questions.map((question, index) => {
            const number = index + 1
            return (
              <li key={question.id}>
                <fieldset className="fieldset question">
                  <legend>Question {number}</legend>
                  <div className="stack">
                    <TextField
                      label={`Question ${number} text`}
                      value={question.prompt}
                      onChange={(event) => update(index, { prompt: event.target.value })}
                      error={err(index, 'prompt', 'The question')}
                    />
                    <SelectField
                      label={`Question ${number} answer type`}
                      options={kindOptions}
                      value={question.kind}
                      onChange={(event) => update(index, { kind: event.target.value as QuestionKind })}
                      error={err(index, 'kind', 'The answer type')}
                    />
                    {isChoice(question.kind) ? (
                      <TextAreaField
                        label={`Question ${number} choices`}
                        hint="One choice per line, at least two."
                        rows={4}
                        value={question.optionsText}
                        onChange={(event) => update(index, { optionsText: event.target.value })}
                        error={err(index, 'options', 'The choices')}
                        style={{ minHeight: 96 }}
                      />
                    ) : null}
                    <Checkbox
                      label={`Question ${number} requires an answer`}
                      checked={question.isRequired}
                      onChange={(event) => update(index, { isRequired: event.target.checked })}
                    />
                    <div className="row">
                      <Button
                        variant="ghost"
                        size="small"
                        disabled={index === 0}
                        onClick={() => move(index, -1)}
                        aria-label={`Move up: question ${number}`}
                      >
                        Move up
                      </Button>
                      <Button
                        variant="ghost"
                        size="small"
                        disabled={index === questions.length - 1}
                        onClick={() => move(index, 1)}
                        aria-label={`Move down: question ${number}`}
                      >
                        Move down
                      </Button>
                      <Button
                        variant="ghost"
                        size="small"
                        onClick={() => onChange(questions.filter((_, i) => i !== index))}
                        aria-label={`Remove: question ${number}`}
                      >
                        Remove
                      </Button>
                    </div>
                  </div>
                </fieldset>
              </li>
            )
          })}
        </ol>
      )}
      <div>
        <Button
          variant="secondary"
          disabled={questions.length >= 30}
          onClick={() =>
            onChange([
              ...questions,
              { id: nextId(questions), kind: 'short_text', prompt: '', optionsText: '', isRequired: false },
            ])
          }
        >
          Add a question
        </Button>
      </div>
    </div>
  )
}
