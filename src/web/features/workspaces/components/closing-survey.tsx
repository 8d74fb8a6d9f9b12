import { type FormEvent, useRef, useState } from 'react'
import type { FitAndExits, YesNoUnsure } from '#contracts/fit-and-exits.ts'
import { FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { TextAreaField } from '#web/components/ui/text-field.tsx'
import { formatDate } from '#web/lib/format.ts'
import { useFormErrors } from '#web/lib/forms.ts'
import { useAnswerClosingSurvey } from '../api/use-answer-closing-survey.ts'
import { ChoiceGroup, scaleChoices } from './choice-group.tsx'
import { type Done, RECOMMEND_CHOICES, SATISFACTION_WORDS, SKILL_WORDS, YES_NO_UNSURE } from './exit-words.ts'

/** The closing survey once the match has ended: satisfaction, skill before and after, recommend. */
export function ClosingSurvey({
  matchId,
  state,
  notice,
  onDone,
}: {
  matchId: string
  state: FitAndExits
  notice: string
  onDone: Done
}) {
  const answer = useAnswerClosingSurvey(matchId)
  const formRef = useRef<HTMLFormElement>(null)
  const errors = useFormErrors(formRef)
  const [satisfaction, setSatisfaction] = useState<string | undefined>()
  const [recommend, setRecommend] = useState<string | undefined>()
  const [skills, setSkills] = useState<Record<string, string>>({})
  const [intent, setIntent] = useState<string | undefined>()
  const [comment, setComment] = useState('')

  if (state.myClosingSurvey) {
    return (
      <div className="stack" style={{ gap: 8 }}>
        <h3 className="subheading">Closing survey</h3>
        <p style={{ margin: 0 }}>
          Thank you: you answered the closing survey on {formatDate(state.myClosingSurvey.answeredAt)}.
        </p>
      </div>
    )
  }
  if (!state.isClosingSurveyOpen) return null

  async function submit(event: FormEvent) {
    event.preventDefault()
    const missing: Record<string, string> = {}
    if (!satisfaction) missing.satisfaction = 'Choose how satisfied you are'
    if (!recommend) missing.wouldRecommend = 'Choose a number from 0 to 10'
    for (const skill of state.focusSkills) {
      if (!skills[skill.slug]) missing[`selfAssessment.${skill.slug}`] = `Rate your ${skill.name.toLowerCase()} now`
    }
    if (Object.keys(missing).length > 0) return errors.fail(missing)
    errors.clear()
    try {
      await answer.mutateAsync({
        satisfaction: Number(satisfaction),
        wouldRecommend: Number(recommend),
        selfAssessment: Object.fromEntries(state.focusSkills.map((s) => [s.slug, Number(skills[s.slug])])),
        intentToStay: (intent as YesNoUnsure | undefined) ?? null,
        comment,
      })
      onDone('Thank you for answering the closing survey.')
    } catch (error) {
      errors.failWith(error, [
        'satisfaction',
        'wouldRecommend',
        'intentToStay',
        'comment',
        ...state.focusSkills.map((s) => `selfAssessment.${s.slug}`),
      ])
    }
  }

  return (
    <form ref={formRef} className="stack" onSubmit={submit} noValidate aria-labelledby="closing-survey-heading">
      <h3 id="closing-survey-heading" className="subheading">
        Closing survey
      </h3>
      <p className="muted" style={{ margin: 0 }}>
        A few questions on how the match went.
      </p>
      <p className="muted" style={{ margin: 0 }} data-privacy-notice="closing_survey">
        {notice}
      </p>
      <ChoiceGroup
        legend="How satisfied are you with this match?"
        options={scaleChoices(SATISFACTION_WORDS)}
        value={satisfaction}
        error={errors.fieldErrors.satisfaction}
        onChange={(value) => {
          setSatisfaction(value)
          errors.clearField('satisfaction')
        }}
      />
      <ChoiceGroup
        legend="How likely are you to recommend this program to a colleague?"
        hint="0 is not at all likely, 10 is extremely likely."
        options={RECOMMEND_CHOICES}
        value={recommend}
        error={errors.fieldErrors.wouldRecommend}
        onChange={(value) => {
          setRecommend(value)
          errors.clearField('wouldRecommend')
        }}
      />
      {state.focusSkills.length > 0 ? (
        <div className="stack" style={{ gap: 12 }}>
          <h4 className="subheading">Your focus skills now</h4>
          {state.focusSkills.map((skill) => (
            <ChoiceGroup
              key={skill.slug}
              legend={skill.name}
              options={scaleChoices(SKILL_WORDS)}
              value={skills[skill.slug]}
              error={errors.fieldErrors[`selfAssessment.${skill.slug}`]}
              onChange={(value) => {
                setSkills((current) => ({ ...current, [skill.slug]: value }))
                errors.clearField(`selfAssessment.${skill.slug}`)
              }}
            />
          ))}
        </div>
      ) : null}
      <ChoiceGroup
        legend="Do you intend to stay with the organization?"
        isOptional
        options={YES_NO_UNSURE}
        value={intent}
        error={errors.fieldErrors.intentToStay}
        onChange={setIntent}
      />
      <TextAreaField
        label="Anything else you would like to tell us?"
        isOptional
        rows={3}
        maxLength={2000}
        value={comment}
        error={errors.fieldErrors.comment}
        onChange={(event) => setComment(event.target.value)}
      />
      <FormErrorSummary message={errors.formError} />
      <div>
        <Button type="submit" isLoading={answer.isPending}>
          Send the closing survey
        </Button>
      </div>
    </form>
  )
}
