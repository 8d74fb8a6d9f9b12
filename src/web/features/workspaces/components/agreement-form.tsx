import { type FormEvent, useRef, useState } from 'react'
import { type Agreement, ProposeAgreementBodySchema } from '#contracts/workspaces.ts'
import { Alert, FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { TextAreaField } from '#web/components/ui/text-field.tsx'
import { fieldMessage, useFormErrors, validateWith } from '#web/lib/forms.ts'
import { useProposeAgreement } from '../api/use-propose-agreement.ts'

/** Propose the agreement, or change it (a new version everyone accepts again). */
export function AgreementForm({
  matchId,
  agreement,
  onCancel,
  onSaved,
}: {
  matchId: string
  agreement: Agreement | null
  onCancel: () => void
  onSaved: (agreement: Agreement) => void
}) {
  const propose = useProposeAgreement(matchId)
  const formRef = useRef<HTMLFormElement>(null)
  const { fieldErrors, formError, fail, failWith, clearField } = useFormErrors(formRef)
  const [focus, setFocus] = useState(agreement?.focus ?? '')
  const [confidentiality, setConfidentiality] = useState(agreement?.groundRules.confidentiality ?? '')
  const [cadence, setCadence] = useState(agreement?.groundRules.cadence ?? '')
  const [feedback, setFeedback] = useState(agreement?.groundRules.feedback ?? '')
  const isChange = agreement !== null

  function submit(event: FormEvent) {
    event.preventDefault()
    const result = validateWith(ProposeAgreementBodySchema, {
      focus,
      groundRules: { confidentiality, cadence, feedback },
    })
    if (result.errors) return fail(result.errors)
    propose.mutate(result.data, {
      onSuccess: onSaved,
      onError: (error) =>
        failWith(error, ['focus', 'groundRules.confidentiality', 'groundRules.cadence', 'groundRules.feedback']),
    })
  }

  return (
    <form ref={formRef} className="stack" onSubmit={submit} noValidate aria-labelledby="agreement-form-heading">
      <h3 id="agreement-form-heading" className="subheading">
        {isChange ? `Change the agreement (version ${agreement.version})` : 'Propose an agreement'}
      </h3>
      {isChange ? (
        <Alert tone="info" isLive={false}>
          <p style={{ margin: 0 }}>A change becomes a new version that every other member has to accept again.</p>
        </Alert>
      ) : null}
      <FormErrorSummary message={formError} />
      <TextAreaField
        label="Focus"
        hint="The issue or challenge you agree to explore together, in a sentence or two."
        rows={3}
        maxLength={2000}
        value={focus}
        onChange={(event) => {
          setFocus(event.target.value)
          clearField('focus')
        }}
        error={fieldMessage('Focus', fieldErrors.focus)}
      />
      <TextAreaField
        label="Confidentiality"
        hint="What stays between you, in your own words, within the program's terms above."
        rows={3}
        maxLength={2000}
        value={confidentiality}
        onChange={(event) => {
          setConfidentiality(event.target.value)
          clearField('groundRules.confidentiality')
        }}
        error={fieldMessage('Confidentiality', fieldErrors['groundRules.confidentiality'])}
      />
      <TextAreaField
        label="Cadence"
        hint="How often and how long you meet, for example every two weeks for 45 minutes."
        rows={2}
        maxLength={500}
        value={cadence}
        onChange={(event) => {
          setCadence(event.target.value)
          clearField('groundRules.cadence')
        }}
        error={fieldMessage('Cadence', fieldErrors['groundRules.cadence'])}
      />
      <TextAreaField
        label="How we give feedback"
        hint="For example: after each session, about behaviour rather than the person, with one thing to try next."
        rows={3}
        maxLength={2000}
        value={feedback}
        onChange={(event) => {
          setFeedback(event.target.value)
          clearField('groundRules.feedback')
        }}
        error={fieldMessage('How we give feedback', fieldErrors['groundRules.feedback'])}
      />
      <div className="row">
        <Button type="submit" isLoading={propose.isPending}>
          {isChange ? 'Save the change' : 'Propose the agreement'}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  )
}
