import { type FormEvent, useState } from 'react'
import type { CoachingQuestion, QuestionKind } from '#contracts/exercises.ts'
import { CreateCoachingQuestionBodySchema } from '#contracts/exercises.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Announcement } from '#web/components/ui/announcement.tsx'
import { Badge } from '#web/components/ui/badge.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { SelectField } from '#web/components/ui/select-field.tsx'
import { TextAreaField } from '#web/components/ui/text-field.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { validateWith } from '#web/lib/forms.ts'
import { useCreateQuestion } from '../api/use-create-question.ts'
import { useDeleteQuestion } from '../api/use-delete-question.ts'

const kindTitles: Record<QuestionKind, { title: string; intro: string }> = {
  active_listening: {
    title: 'Active listening',
    intro: 'Moves that show you heard: reflect, paraphrase, summarise, clarify, and leave silence.',
  },
  powerful: {
    title: 'Powerful questions',
    intro: 'Open, thought-provoking questions that help your peer find their own answers.',
  },
}

/** The bank of questions for the coach, by kind; admins add and remove their organization's own. */
export function QuestionBank({ questions, canManage }: { questions: CoachingQuestion[]; canManage: boolean }) {
  return (
    <div className="stack">
      <div className="grid-2">
        {(['active_listening', 'powerful'] as const).map((kind) => (
          <QuestionColumn
            key={kind}
            kind={kind}
            questions={questions.filter((question) => question.kind === kind)}
            canManage={canManage}
          />
        ))}
      </div>
      {canManage ? <AddQuestionForm /> : null}
    </div>
  )
}

function QuestionColumn({
  kind,
  questions,
  canManage,
}: {
  kind: QuestionKind
  questions: CoachingQuestion[]
  canManage: boolean
}) {
  const remove = useDeleteQuestion()
  const headingId = `questions-${kind}-heading`
  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h3 id={headingId} className="card-title" style={{ margin: 0 }}>
        {kindTitles[kind].title} <span className="muted">({questions.length})</span>
      </h3>
      <p className="muted" style={{ margin: 0 }}>
        {kindTitles[kind].intro}
      </p>
      {remove.isError ? <Alert tone="error">{errorMessage(remove.error)}</Alert> : null}
      {questions.length === 0 ? (
        <p className="muted">No questions of this kind yet.</p>
      ) : (
        <ul className="question-list">
          {questions.map((question) => (
            <li key={question.id}>
              {question.text}
              {question.isBuiltIn ? null : (
                <>
                  {' '}
                  <Badge tone="success">Your organization’s</Badge>
                  {canManage ? (
                    <>
                      {' '}
                      <Button
                        variant="ghost"
                        size="small"
                        isLoading={remove.isPending && remove.variables === question.id}
                        onClick={() => remove.mutate(question.id)}
                        aria-label={`Delete the question: ${question.text}`}
                      >
                        Delete
                      </Button>
                    </>
                  ) : null}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function AddQuestionForm() {
  const create = useCreateQuestion()
  const [kind, setKind] = useState<QuestionKind>('powerful')
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [added, setAdded] = useState<string | null>(null)

  function submit(event: FormEvent) {
    event.preventDefault()
    setAdded(null)
    const result = validateWith(CreateCoachingQuestionBodySchema, { kind, text })
    if (result.errors)
      return setError(result.errors.text ? 'Write a question of at least 3 characters' : 'Check the question')
    setError(null)
    create.mutate(result.data, {
      onSuccess: () => {
        setAdded(`The question is in the bank under ${kindTitles[kind].title.toLowerCase()}.`)
        setText('')
      },
      onError: (failure) => setError(errorMessage(failure)),
    })
  }

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby="add-question-heading">
      <h3 id="add-question-heading" className="card-title" style={{ margin: 0 }}>
        Add a question
      </h3>
      <SelectField
        label="Kind"
        value={kind}
        options={[
          { value: 'active_listening', label: 'Active listening' },
          { value: 'powerful', label: 'Powerful question' },
        ]}
        onChange={(event) => setKind(event.target.value as QuestionKind)}
      />
      <TextAreaField
        label="Question"
        rows={2}
        maxLength={500}
        value={text}
        onChange={(event) => {
          setText(event.target.value)
          setError(null)
        }}
        error={error}
      />
      <div>
        <Button type="submit" isLoading={create.isPending}>
          Add the question
        </Button>
      </div>
      <Announcement message={added} />
    </form>
  )
}
