import { type FormEvent, Fragment, useRef, useState } from 'react'
import {
  FEEDBACK_TEXT_MAX,
  type Feedback,
  type FeedbackDue,
  type FeedbackRatings,
  GiveFeedbackBodySchema,
} from '#contracts/feedback.ts'
import {
  checkFeedbackWording,
  type FeedbackTextField,
  type WordingFlag,
  type WordingFlagKind,
} from '#contracts/feedback-wording.ts'
import { privacyNotice } from '#contracts/privacy-notices.ts'
import type { Workspace } from '#contracts/workspaces.ts'
import { Alert, FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Announcement } from '#web/components/ui/announcement.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { RatingGroup } from '#web/components/ui/rating-group.tsx'
import { SelectField } from '#web/components/ui/select-field.tsx'
import { TextAreaField } from '#web/components/ui/text-field.tsx'
import { isApiError } from '#web/lib/api-client.ts'
import { formatDateTime } from '#web/lib/format.ts'
import { fieldMessage, useFormErrors, validateWith } from '#web/lib/forms.ts'
import { useGiveFeedback } from '../api/use-give-feedback.ts'
import { useMatchFeedback } from '../api/use-match-feedback.ts'
import { usePrivacyThreshold } from '../api/use-privacy-threshold.ts'
import { partnerWords } from './partner-words.ts'

const TEXT_FIELDS: { field: FeedbackTextField; label: string; hint: string; isOptional: boolean }[] = [
  {
    field: 'whatWorked',
    label: 'What worked',
    hint: 'Something they did that helped you, and when.',
    isOptional: false,
  },
  {
    field: 'tryNext',
    label: 'What to try next',
    hint: 'One thing to do differently next session.',
    isOptional: false,
  },
  {
    field: 'situation',
    label: 'Situation',
    hint: 'When and where it happened, for example “In Tuesday’s role play”.',
    isOptional: true,
  },
  {
    field: 'behaviour',
    label: 'Behaviour',
    hint: 'What they did or said, as a camera would have seen it.',
    isOptional: true,
  },
  { field: 'impact', label: 'Impact', hint: 'What it changed for you.', isOptional: true },
]

const RATINGS: { key: keyof FeedbackRatings; legend: string }[] = [
  { key: 'listening', legend: 'Listening' },
  { key: 'questions', legend: 'Questions' },
  { key: 'helpfulness', legend: 'Helpfulness' },
]

const kindWords: Record<WordingFlagKind, string> = {
  absolute: 'Absolute',
  person_judgement: 'About the person',
  vague: 'Vague',
}

const dueKey = (due: FeedbackDue) => `${due.sessionId}/${due.receiverId}`

/** Structured feedback after each session: give it with a wording check, read what you received. */
export function FeedbackSection({ matchId, workspace }: { matchId: string; workspace: Workspace }) {
  const threshold = usePrivacyThreshold()
  const feedback = useMatchFeedback(matchId)
  const [announcement, setAnnouncement] = useState<string | null>(null)

  return (
    <section className="card stack" aria-labelledby="feedback-heading">
      <h2 id="feedback-heading" className="card-title" style={{ margin: 0 }}>
        Feedback
      </h2>
      <p className="muted" style={{ margin: 0 }}>
        After each session, tell each other what worked and what to try next.{' '}
        <span data-privacy-notice="feedback">{privacyNotice('feedback', threshold, partnerWords(workspace))}</span>
      </p>
      <Announcement message={announcement} />
      {feedback.isError ? (
        <ErrorState
          error={feedback.error}
          onRetry={() => feedback.refetch()}
          title="The feedback could not be loaded"
        />
      ) : !feedback.data ? (
        <div aria-busy="true">
          <SkeletonRows rows={3} label="Loading the feedback…" />
        </div>
      ) : (
        <>
          {feedback.data.due.length === 0 ? (
            <p className="muted" style={{ margin: 0 }}>
              No session is waiting for your feedback. Feedback opens once a session has started or is marked held.
            </p>
          ) : (
            <GiveFeedbackForm
              key={feedback.data.due.map(dueKey).join(',')}
              matchId={matchId}
              due={feedback.data.due}
              onSent={(sent) => {
                setAnnouncement(`Your feedback for ${sent.receiverName} is sent.`)
                requestAnimationFrame(() => document.getElementById('feedback-received-heading')?.focus())
              }}
            />
          )}
          <FeedbackList
            id="feedback-received-heading"
            title="Feedback you received"
            empty="No feedback received yet."
            items={feedback.data.received}
            who={(item) => `From ${item.giverName ?? 'a former member'}`}
          />
          {feedback.data.given.length > 0 ? (
            <details>
              <summary>Feedback you gave ({feedback.data.given.length})</summary>
              <FeedbackList
                id="feedback-given-heading"
                title="Feedback you gave"
                empty=""
                items={feedback.data.given}
                who={(item) => `To ${item.receiverName}`}
              />
            </details>
          ) : null}
        </>
      )}
    </section>
  )
}

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

function GiveFeedbackForm({
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
    const found = checkFeedbackWording(texts)
    setFlags(found)
    requestAnimationFrame(() => document.getElementById('feedback-check-result')?.focus())
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
            setFlags(checkFeedbackWording(texts))
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

function FeedbackList({
  id,
  title,
  empty,
  items,
  who,
}: {
  id: string
  title: string
  empty: string
  items: Feedback[]
  who: (item: Feedback) => string
}) {
  return (
    <section className="stack" aria-labelledby={id}>
      <h3 id={id} className="subheading" tabIndex={-1}>
        {title}
      </h3>
      {items.length === 0 ? (
        <p className="muted" style={{ margin: 0 }}>
          {empty}
        </p>
      ) : (
        <ul className="plain-list stack">
          {items.map((item) => (
            <li key={item.id} className="card stack" style={{ gap: 8 }}>
              <p className="muted" style={{ margin: 0 }}>
                <strong>{who(item)}</strong> · session of {formatDateTime(item.sessionStartsAt)}
              </p>
              <dl className="detail-list">
                {TEXT_FIELDS.filter(({ field }) => item[field]).map(({ field, label }) => (
                  <Fragment key={field}>
                    <dt>{label}</dt>
                    <dd style={{ whiteSpace: 'pre-wrap' }}>{item[field]}</dd>
                  </Fragment>
                ))}
                {RATINGS.map(({ key, legend }) => (
                  <Fragment key={key}>
                    <dt>{legend}</dt>
                    <dd>{item.ratings[key]} out of 5</dd>
                  </Fragment>
                ))}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
