import { type FormEvent, useRef, useState } from 'react'
import {
  FEEDBACK_TEXT_MAX,
  type Feedback,
  type FeedbackDue,
  type FeedbackRatings,
  GiveFeedbackBodySchema,
} from '#contracts/feedback.ts'
import type { FeedbackTextField, WordingFlag, WordingFlagKind } from '#contracts/feedback-wording-types.ts'
import { Alert, FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { RatingGroup } from '#web/components/ui/rating-group.tsx'
import { SelectField } from '#web/components/ui/select-field.tsx'
import { TextAreaField } from '#web/components/ui/text-field.tsx'
import { isApiError } from '#web/lib/api-client.ts'
import { formatDateTime } from '#web/lib/format.ts'
import { fieldMessage, useFormErrors, validateWith } from '#web/lib/forms.ts'
import { useGiveFeedback } from '../api/use-give-feedback.ts'
import { dueKey, RATINGS, TEXT_FIELDS } from './feedback-fields.ts'

const kindWords: Record<WordingFlagKind, string> = {
  absolute: 'Absolute',
  person_judgement: 'About the person',
  vague: 'Vague',
  offensive: 'Hurtful',
}

// The check carries a word list, so it loads when someone first checks their wording, not with the page.
const loadCheck = () => import('#contracts/feedback-wording.ts').then((module) => module.checkFeedbackWording)

function FlagList({ id, flags }: { id: string; flags: WordingFlag[] }) {
  return (
    <ul id={id} className="plain-list stack" style={{ gap: 4 }} aria-label="Wording to reconsider">
      {flags.map((flag) => (
        <li key={`${flag.kind}-${flag.start}`} className="alert alert-warning" style={{ margin: 0 }}>
          <div className="alert-body">
            <p style={{ margin: 0 }}>
              <strong>
                {kindWords[flag.kind]}: “{flag.match}”
              </strong>
            </p>
            <p style={{ margin: 0 }}>{flag.suggestion}</p>
          </div>
        </li>
      ))}
    </ul>
  )
}

type Texts = Record<FeedbackTextField, string>
const emptyTexts: Texts = { whatWorked: '', tryNext: '', situation: '', behaviour: '', impact: '' }

/** Give feedback for a past session: the texts and ratings, the wording check, then send. */
export function GiveFeedbackForm({
  matchId,
  due,
  onSent,
}: {
  matchId: string
  due: FeedbackDue[]
  onSent: (feedback: Feedback) => void
}) {
  const give = useGiveFeedback(matchId)
  const formRef = useRef<HTMLFormElement>(null)
  const { fieldErrors, formError, fail, failWith, clear, clearField } = useFormErrors(formRef)
  const [choice, setChoice] = useState(dueKey(due[0]))
  const [texts, setTexts] = useState<Texts>(emptyTexts)
  const [ratings, setRatings] = useState<Partial<FeedbackRatings>>({})
  // The flags of the last check; null until the wording is checked (again, after any edit).
  const [flags, setFlags] = useState<WordingFlag[] | null>(null)
  const selected = due.find((d) => dueKey(d) === choice) ?? due[0]

  function body(acknowledgeFlags: boolean) {
    return { ...texts, receiverId: selected.receiverId, ratings, acknowledgeFlags }
  }

  function check(event: FormEvent) {
    event.preventDefault()
    const result = validateWith(GiveFeedbackBodySchema, body(false))
    if (result.errors) {
      setFlags(null)
      return fail(result.errors)
    }
    clear()
    void loadCheck().then((checkFeedbackWording) => {
      setFlags(checkFeedbackWording(texts))
      requestAnimationFrame(() => document.getElementById('feedback-check-result')?.focus())
    })
  }

  function send(acknowledgeFlags: boolean) {
    const result = validateWith(GiveFeedbackBodySchema, body(acknowledgeFlags))
    if (result.errors) return fail(result.errors)
    give.mutate(
      { sessionId: selected.sessionId, body: result.data },
      {
        onSuccess: (sent) => onSent(sent),
        onError: (error) => {
          if (isApiError(error, 'feedback_not_constructive')) {
            void loadCheck().then((checkFeedbackWording) => setFlags(checkFeedbackWording(texts)))
            return fail({}, error.message)
          }
          failWith(error, ['whatWorked', 'tryNext', 'situation', 'behaviour', 'impact', 'ratings'])
        },
      },
    )
  }

  function edit(field: FeedbackTextField, value: string) {
    setTexts((current) => ({ ...current, [field]: value }))
    clearField(field)
    if (flags !== null) setFlags(null)
  }

  const flagsOf = (field: FeedbackTextField) => (flags ?? []).filter((flag) => flag.field === field)

  return (
    <form ref={formRef} className="stack card" onSubmit={check} noValidate aria-labelledby="feedback-form-heading">
      <h3 id="feedback-form-heading" className="subheading">
        Give feedback
      </h3>
      <FormErrorSummary message={formError} />
      <SelectField
        label="Session"
        hint="A past session you have not given feedback on yet."
        options={due.map((d) => ({
          value: dueKey(d),
          label: `${formatDateTime(d.sessionStartsAt)}, feedback for ${d.receiverName}`,
        }))}
        value={choice}
        onChange={(event) => setChoice(event.target.value)}
      />
      {TEXT_FIELDS.map(({ field, label, hint, isOptional }) => {
        const fieldFlags = flagsOf(field)
        const id = `feedback-${field}`
        return (
          <div key={field} className="stack" style={{ gap: 6 }}>
            <TextAreaField
              id={id}
              label={label}
              hint={hint}
              isOptional={isOptional}
              rows={field === 'whatWorked' || field === 'tryNext' ? 3 : 2}
              maxLength={FEEDBACK_TEXT_MAX}
              value={texts[field]}
              onChange={(event) => edit(field, event.target.value)}
              error={fieldMessage(label, fieldErrors[field])}
              aria-describedby={
                [fieldErrors[field] ? `${id}-error` : null, `${id}-hint`, fieldFlags.length ? `${id}-flags` : null]
                  .filter(Boolean)
                  .join(' ') || undefined
              }
            />
            {fieldFlags.length ? <FlagList id={`${id}-flags`} flags={fieldFlags} /> : null}
          </div>
        )
      })}
      {RATINGS.map(({ key, legend }) => (
        <RatingGroup
          key={key}
          id={`feedback-rating-${key}`}
          legend={legend}
          lowLabel="Not yet"
          highLabel="Excellent"
          value={ratings[key]}
          error={fieldErrors[`ratings.${key}`] ? 'Choose a rating from 1 to 5' : undefined}
          onChange={(value) => {
            setRatings((current) => ({ ...current, [key]: value }))
            clearField(`ratings.${key}`)
            clearField('ratings')
          }}
        />
      ))}
      <div id="feedback-check-result" tabIndex={-1} role="status" aria-live="polite">
        {flags === null ? null : flags.length === 0 ? (
          <Alert tone="success" isLive={false}>
            The wording looks constructive. You can send it.
          </Alert>
        ) : (
          <Alert
            tone="warning"
            isLive={false}
            title={`The check found ${flags.length} thing${flags.length === 1 ? '' : 's'} to reconsider`}
          >
            <p style={{ margin: 0 }}>
              The suggestions are next to the fields. Edit and check again, or send it as it is: you decide.
            </p>
          </Alert>
        )}
      </div>
      <div className="row">
        {flags === null ? (
          <Button type="submit">Check wording</Button>
        ) : flags.length === 0 ? (
          <Button isLoading={give.isPending} onClick={() => send(false)}>
            Send feedback
          </Button>
        ) : (
          <>
            <Button type="submit" variant="secondary">
              Check again
            </Button>
            <Button isLoading={give.isPending} onClick={() => send(true)}>
              Send anyway
            </Button>
          </>
        )}
      </div>
    </form>
  )
}
