import { type FormEvent, useRef, useState } from 'react'
import { type EnrollBody, EnrollBodySchema, type MyEnrollment } from '#contracts/enrollments.ts'
import type { ProgramView } from '#contracts/programs.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Checkbox } from '#web/components/ui/checkbox.tsx'
import { ConfirmDialog } from '#web/components/ui/dialog.tsx'
import { FieldError } from '#web/components/ui/field.tsx'
import { RatingGroup } from '#web/components/ui/rating-group.tsx'
import { SelectField } from '#web/components/ui/select-field.tsx'
import { TagInput } from '#web/components/ui/tag-input.tsx'
import { TextAreaField } from '#web/components/ui/text-field.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { type FieldErrors, fieldMessage, useFormErrors, validateWith } from '#web/lib/forms.ts'
import { useSkillCatalogue } from '#web/lib/use-skill-catalogue.ts'
import { useEnroll } from '../api/use-enroll.ts'
import { useWithdraw } from '../api/use-withdraw.ts'
import { type Answer, QuestionField } from './enrollment-question-field.tsx'
import { useSkillName } from './program-facts.tsx'

interface Values {
  intent: string
  skillsWanted: string[]
  skillsOffered: string[]
  mentoringRole: 'mentor' | 'mentee' | ''
  mentorCapacity: string
  answers: Record<string, Answer>
  selfAssessment: Record<string, number>
  hasConsented: boolean
}

const knownFields = [
  'intent',
  'skillsWanted',
  'skillsOffered',
  'mentoringRole',
  'mentorCapacity',
  'answers',
  'selfAssessment',
  'hasConsented',
]

/** 'say in a sentence ...' -> 'Say in a sentence ...' (messages that read well without the field name). */
function sentence(message: string | undefined): string | undefined {
  return message ? message[0]?.toUpperCase() + message.slice(1) : undefined
}

function isBlank(answer: Answer | undefined): boolean {
  return answer === undefined || answer === '' || (Array.isArray(answer) && answer.length === 0)
}

/** Enroll in a program, or change or withdraw my enrollment while enrollment is open. */
export function EnrollmentForm({
  program,
  mine,
  onSaved,
}: {
  program: ProgramView
  mine: MyEnrollment
  onSaved: (message: string) => void
}) {
  const enroll = useEnroll(program.id)
  const withdraw = useWithdraw(program.id)
  const catalogue = useSkillCatalogue()
  const skillName = useSkillName()
  const formRef = useRef<HTMLFormElement>(null)
  const { fieldErrors, formError, fail, failWith, clearField } = useFormErrors(formRef)
  const [isWithdrawOpen, setIsWithdrawOpen] = useState(false)
  const isMentoring = program.type === 'peer_mentoring'
  const { draft } = mine
  const [values, setValues] = useState<Values>({
    intent: draft.intent,
    skillsWanted: draft.skillsWanted,
    skillsOffered: draft.skillsOffered,
    mentoringRole: draft.mentoringRole ?? '',
    mentorCapacity: String(draft.mentorCapacity ?? program.matchingRules.mentoring.defaultCapacity),
    answers: draft.answers,
    selfAssessment: draft.selfAssessment,
    hasConsented: mine.isEnrolled && mine.enrollment?.consentedAt != null,
  })
  const skillOptions = (catalogue.data?.skills ?? []).map((skill) => ({ value: skill.slug, label: skill.name }))

  function set<K extends keyof Values>(name: K, value: Values[K], errorKey: string = name) {
    setValues((current) => ({ ...current, [name]: value }))
    clearField(errorKey)
  }
  const setAnswer = (id: string, answer: Answer) => {
    setValues((current) => ({ ...current, answers: { ...current.answers, [id]: answer } }))
    clearField(`answers.${id}`)
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    const body: EnrollBody = {
      hasConsented: values.hasConsented as true,
      intent: values.intent,
      skillsWanted: values.skillsWanted,
      skillsOffered: values.skillsOffered,
      answers: Object.fromEntries(Object.entries(values.answers).filter(([, answer]) => !isBlank(answer))),
      selfAssessment: values.selfAssessment,
      ...(isMentoring && values.mentoringRole ? { mentoringRole: values.mentoringRole } : {}),
      ...(isMentoring && values.mentoringRole === 'mentor' ? { mentorCapacity: Number(values.mentorCapacity) } : {}),
    }
    const errors: FieldErrors = {}
    const result = validateWith(EnrollBodySchema, body)
    if (result.errors) Object.assign(errors, result.errors)
    if (isMentoring && !values.mentoringRole) errors.mentoringRole = 'choose whether you join as a mentor or a mentee'
    for (const question of program.enrollmentQuestions) {
      if (question.isRequired && isBlank(values.answers[question.id])) {
        errors[`answers.${question.id}`] = 'needs an answer'
      }
    }
    if (Object.keys(errors).length > 0) return fail(errors, 'Some answers need your attention. They are marked below.')
    // A promise, not mutate()'s callbacks: saving refetches the enrollment, the page remounts this
    // form with the new data, and TanStack Query drops per-call callbacks of an unmounted component.
    const savedMessage = mine.isEnrolled ? 'Your enrollment is updated.' : `You are enrolled in ${program.name}.`
    enroll.mutateAsync(body).then(
      () => onSaved(savedMessage),
      (error: unknown) => failWith(error, knownFields),
    )
  }

  const err = (path: string, label: string) => fieldMessage(label, fieldErrors[path])
  const consentError = sentence(fieldErrors.hasConsented)

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={mine.isEnrolled ? 'Your enrollment' : 'Enroll'}>
      {formError ? (
        <div style={{ marginBottom: 16 }}>
          <Alert tone="error" isErrorSummary>
            {formError}
          </Alert>
        </div>
      ) : null}
      <section className="form-section" aria-labelledby="intent-heading">
        <div className="form-section-intro">
          <h2 id="intent-heading">Your goals</h2>
          <p>Your partner sees these, and Tandem uses your skills to find a good match.</p>
        </div>
        <div className="form-section-fields">
          <TextAreaField
            label="What do you want from this program?"
            hint="A sentence or two: the challenge you want to work on, or what you hope to give."
            value={values.intent}
            rows={4}
            onChange={(event) => set('intent', event.target.value)}
            error={sentence(fieldErrors.intent)}
            required
          />
          <TagInput
            label="Skills you want to grow"
            hint="From your profile; adjust them for this program. Type to search, then press Enter."
            values={values.skillsWanted}
            options={skillOptions}
            isRestricted
            onChange={(slugs) => set('skillsWanted', slugs)}
            error={err('skillsWanted', 'Skills you want to grow')}
          />
          <TagInput
            label="Skills you can offer"
            hint="From your profile; adjust them for this program. Type to search, then press Enter."
            values={values.skillsOffered}
            options={skillOptions}
            isRestricted
            onChange={(slugs) => set('skillsOffered', slugs)}
            error={err('skillsOffered', 'Skills you can offer')}
          />
        </div>
      </section>

      {isMentoring ? (
        <section className="form-section" aria-labelledby="role-heading">
          <div className="form-section-intro">
            <h2 id="role-heading">Your role</h2>
            <p>Mentors guide; mentees learn from their experience. A mentor may take more than one mentee.</p>
          </div>
          <div className="form-section-fields">
            <fieldset
              className="fieldset"
              aria-describedby={fieldErrors.mentoringRole ? 'mentoring-role-error' : undefined}
            >
              <legend>Join as</legend>
              <div className="stack" style={{ gap: 8 }}>
                {(['mentee', 'mentor'] as const).map((role) => (
                  <label key={role} className="checkbox">
                    <input
                      type="radio"
                      name="mentoringRole"
                      checked={values.mentoringRole === role}
                      aria-invalid={fieldErrors.mentoringRole ? true : undefined}
                      onChange={() => set('mentoringRole', role)}
                    />
                    <span>{role === 'mentor' ? 'Mentor' : 'Mentee'}</span>
                  </label>
                ))}
              </div>
              {fieldErrors.mentoringRole ? (
                <FieldError id="mentoring-role-error" message={err('mentoringRole', 'Your role') ?? ''} />
              ) : null}
            </fieldset>
            {values.mentoringRole === 'mentor' ? (
              <SelectField
                label="How many mentees can you take?"
                options={[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) }))}
                value={values.mentorCapacity}
                onChange={(event) => set('mentorCapacity', event.target.value)}
                error={err('mentorCapacity', 'Mentees')}
              />
            ) : null}
          </div>
        </section>
      ) : null}

      {program.enrollmentQuestions.length > 0 ? (
        <section className="form-section" aria-labelledby="questions-heading">
          <div className="form-section-intro">
            <h2 id="questions-heading">Questions</h2>
            <p>
              The program managers ask these to plan the program and read your answers; your match partners do not see
              them.
            </p>
          </div>
          <div className="form-section-fields">
            {program.enrollmentQuestions.map((question) => (
              <QuestionField
                key={question.id}
                question={question}
                value={values.answers[question.id]}
                onChange={(answer) => setAnswer(question.id, answer)}
                error={err(`answers.${question.id}`, 'This question')}
              />
            ))}
          </div>
        </section>
      ) : null}

      {program.focusSkills.length > 0 ? (
        <section className="form-section" aria-labelledby="assessment-heading">
          <div className="form-section-intro">
            <h2 id="assessment-heading">Where you stand today</h2>
            <p>Rate yourself on each focus skill. Only you and the program's anonymous reports use it.</p>
          </div>
          <div className="form-section-fields">
            {program.focusSkills.map((slug) => (
              <RatingGroup
                key={slug}
                id={`self-assessment-${slug}`}
                legend={`${skillName(slug)}: how would you rate yourself today?`}
                value={values.selfAssessment[slug]}
                onChange={(rating) => {
                  set('selfAssessment', { ...values.selfAssessment, [slug]: rating }, `selfAssessment.${slug}`)
                }}
                error={err(`selfAssessment.${slug}`, 'Your rating')}
              />
            ))}
          </div>
        </section>
      ) : null}

      <section className="form-section" aria-labelledby="consent-heading">
        <div className="form-section-intro">
          <h2 id="consent-heading">Confidentiality</h2>
          <p>What is shared, with whom, and what stays private.</p>
        </div>
        <div className="form-section-fields">
          <div className="terms">{program.confidentialityTerms}</div>
          <div className="field">
            <Checkbox
              label="I accept the confidentiality terms"
              checked={values.hasConsented}
              onChange={(event) => set('hasConsented', event.target.checked)}
              aria-invalid={consentError ? true : undefined}
              aria-describedby={consentError ? 'consent-error' : undefined}
            />
            {consentError ? <FieldError id="consent-error" message={consentError} /> : null}
          </div>
        </div>
      </section>

      <div className="form-actions">
        <Button type="submit" isLoading={enroll.isPending}>
          {mine.isEnrolled ? 'Save my enrollment' : 'Enroll'}
        </Button>
        {mine.isEnrolled ? (
          <Button variant="secondary" onClick={() => setIsWithdrawOpen(true)}>
            Withdraw from the program
          </Button>
        ) : null}
      </div>
      <ConfirmDialog
        isOpen={isWithdrawOpen}
        title="Withdraw from the program?"
        confirmLabel="Withdraw"
        tone="danger"
        isPending={withdraw.isPending}
        error={withdraw.isError ? errorMessage(withdraw.error) : null}
        onClose={() => {
          setIsWithdrawOpen(false)
          withdraw.reset()
        }}
        onConfirm={() =>
          withdraw.mutateAsync(undefined).then(
            () => {
              setIsWithdrawOpen(false)
              onSaved(`You withdrew from ${program.name}.`)
            },
            () => {
              // The dialog shows withdraw.error.
            },
          )
        }
      >
        <p>You will not be matched in {program.name}. You can enroll again while enrollment is open.</p>
      </ConfirmDialog>
    </form>
  )
}
