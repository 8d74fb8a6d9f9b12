import { type FormEvent, type ReactNode, useRef, useState } from 'react'
import {
  type CreateProgramBody,
  CreateProgramBodySchema,
  type ProgramDefaults,
  type ProgramType,
} from '#contracts/programs.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { SelectField } from '#web/components/ui/select-field.tsx'
import { TagInput } from '#web/components/ui/tag-input.tsx'
import { TextAreaField, TextField } from '#web/components/ui/text-field.tsx'
import { programTypeLabel } from '#web/lib/format.ts'
import { fieldMessage, useFormErrors, validateWith } from '#web/lib/forms.ts'
import { useSkillCatalogue } from '#web/lib/use-skill-catalogue.ts'
import { useThemes } from '#web/lib/use-themes.ts'
import { EligibilityFields } from './eligibility-fields.tsx'
import { EnrollmentQuestionsEditor } from './enrollment-questions-editor.tsx'
import { MatchingRulesFields } from './matching-rules-fields.tsx'
import { PersonPicker } from './person-picker.tsx'
import { type ProgramFormValues, toProgramBody, withTypeDefaults } from './program-form-values.ts'
import { ProgramTypeChoice } from './program-type-choice.tsx'

const knownFields = [
  'type',
  'name',
  'description',
  'themeId',
  'startsOn',
  'endsOn',
  'enrollmentClosesOn',
  'sessionCadenceDays',
  'targetSessionCount',
  'sessionMinutes',
  'focusSkills',
  'enrollmentQuestions',
  'confidentialityTerms',
  'eligibility',
  'supportContactId',
  'matchingRules',
]

function numberValue(value: number): string | number {
  return Number.isNaN(value) ? '' : value
}

function Section({ id, title, intro, children }: { id: string; title: string; intro: ReactNode; children: ReactNode }) {
  return (
    <section className="form-section" aria-labelledby={`${id}-heading`}>
      <div className="form-section-intro">
        <h2 id={`${id}-heading`}>{title}</h2>
        <p>{intro}</p>
      </div>
      <div className="form-section-fields">{children}</div>
    </section>
  )
}

/** Every setting of a program; used to create one (from the type's defaults) and to edit one. */
export function ProgramForm({
  initialValues,
  isTypeLocked,
  onTypeChange,
  submitLabel,
  isSubmitting,
  onSubmit,
  onCancel,
}: {
  initialValues: ProgramFormValues
  isTypeLocked: boolean
  /** Fetches the new type's defaults; resolves with them so the settings follow the type. */
  onTypeChange?: (type: ProgramType) => Promise<ProgramDefaults | undefined>
  submitLabel: string
  isSubmitting: boolean
  onSubmit: (body: CreateProgramBody, callbacks: { onError: (error: unknown) => void }) => void
  onCancel: () => void
}) {
  const formRef = useRef<HTMLFormElement>(null)
  const { fieldErrors, formError, fail, failWith, clearField } = useFormErrors(formRef)
  const [values, setValues] = useState(initialValues)
  const [typeNotice, setTypeNotice] = useState<string | null>(null)
  const themes = useThemes()
  const catalogue = useSkillCatalogue()
  const skillOptions = (catalogue.data?.skills ?? []).map((skill) => ({ value: skill.slug, label: skill.name }))

  function set<K extends keyof ProgramFormValues>(name: K, value: ProgramFormValues[K], errorKey: string = name) {
    setValues((current) => ({ ...current, [name]: value }))
    clearField(errorKey)
  }

  async function changeType(type: ProgramType) {
    set('type', type)
    const defaults = await onTypeChange?.(type)
    if (defaults) {
      setValues((current) => withTypeDefaults(current, defaults))
      setTypeNotice(`Sessions and matching rules now follow the defaults for ${programTypeLabel(type).toLowerCase()}.`)
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    const body = toProgramBody(values)
    const result = validateWith(CreateProgramBodySchema, body)
    if (result.errors) return fail(result.errors, 'Some settings need your attention. They are marked below.')
    onSubmit(body, { onError: (error) => failWith(error, knownFields) })
  }

  const err = (path: string, label: string) => fieldMessage(label, fieldErrors[path])

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label="Program settings">
      {formError ? (
        <div style={{ marginBottom: 16 }}>
          <Alert tone="error" isErrorSummary>
            {formError}
          </Alert>
        </div>
      ) : null}

      <Section id="type" title="Type" intro="What kind of program this is. It sets sensible defaults for the rest.">
        <ProgramTypeChoice
          value={values.type}
          onChange={changeType}
          isDisabled={isTypeLocked}
          hint={isTypeLocked ? 'The type can only change while the program is a draft.' : undefined}
        />
        <div role="status">{typeNotice ? <p className="field-hint">{typeNotice}</p> : null}</div>
      </Section>

      <Section id="about" title="About" intro="What people see when they decide whether to enroll.">
        <TextField
          label="Name"
          value={values.name}
          onChange={(event) => set('name', event.target.value)}
          error={err('name', 'Name')}
          required
        />
        <TextAreaField
          label="Description"
          hint="What the program is for and what taking part involves."
          value={values.description}
          onChange={(event) => set('description', event.target.value)}
          error={err('description', 'Description')}
          isOptional
        />
        <SelectField
          label="Theme it serves"
          hint="Part of your organization's shared vision."
          options={(themes.data?.themes ?? []).map((theme) => ({ value: theme.id, label: theme.name }))}
          placeholder="No theme"
          value={values.themeId}
          onChange={(event) => set('themeId', event.target.value)}
          error={err('themeId', 'Theme')}
        />
        <TagInput
          label="Focus skills"
          hint="The skills the program helps people grow; participants rate themselves on each when they enroll."
          values={values.focusSkills}
          options={skillOptions}
          isRestricted
          onChange={(slugs) => set('focusSkills', slugs)}
          error={err('focusSkills', 'Focus skills')}
        />
      </Section>

      <Section id="schedule" title="Dates and sessions" intro="When the program runs and how often peers meet.">
        <div className="grid-3">
          <TextField
            label="Starts on"
            type="date"
            value={values.startsOn}
            onChange={(event) => set('startsOn', event.target.value)}
            error={err('startsOn', 'Start date')}
            isOptional
          />
          <TextField
            label="Ends on"
            type="date"
            value={values.endsOn}
            onChange={(event) => set('endsOn', event.target.value)}
            error={err('endsOn', 'End date')}
            isOptional
          />
          <TextField
            label="Enrollment closes on"
            type="date"
            value={values.enrollmentClosesOn}
            onChange={(event) => set('enrollmentClosesOn', event.target.value)}
            error={err('enrollmentClosesOn', 'Enrollment close date')}
            isOptional
          />
        </div>
        <div className="grid-3">
          <TextField
            label="Days between sessions"
            type="number"
            inputMode="numeric"
            min={1}
            max={365}
            value={numberValue(values.sessionCadenceDays)}
            onChange={(event) => set('sessionCadenceDays', Number(event.target.value || Number.NaN))}
            error={err('sessionCadenceDays', 'Days between sessions')}
          />
          <TextField
            label="Target number of sessions"
            type="number"
            inputMode="numeric"
            min={1}
            max={100}
            value={numberValue(values.targetSessionCount)}
            onChange={(event) => set('targetSessionCount', Number(event.target.value || Number.NaN))}
            error={err('targetSessionCount', 'Target number of sessions')}
          />
          <TextField
            label="Session length (minutes)"
            type="number"
            inputMode="numeric"
            min={10}
            max={480}
            step={5}
            value={numberValue(values.sessionMinutes)}
            onChange={(event) => set('sessionMinutes', Number(event.target.value || Number.NaN))}
            error={err('sessionMinutes', 'Session length')}
          />
        </div>
      </Section>

      <Section
        id="enrollment"
        title="Enrollment"
        intro="Who may enroll, what they are asked, and the terms they accept."
      >
        <EligibilityFields
          value={values.eligibility}
          onChange={(eligibility) => set('eligibility', eligibility, 'eligibility')}
          errors={fieldErrors}
        />
        <div className="stack" style={{ gap: 8 }}>
          <h3 className="subheading">Enrollment questions</h3>
          <EnrollmentQuestionsEditor
            questions={values.questions}
            onChange={(questions) => set('questions', questions, 'enrollmentQuestions')}
            errors={fieldErrors}
          />
        </div>
        <TextAreaField
          label="Confidentiality terms"
          hint="People accept these when they enroll."
          rows={10}
          value={values.confidentialityTerms}
          onChange={(event) => set('confidentialityTerms', event.target.value)}
          error={err('confidentialityTerms', 'Confidentiality terms')}
        />
        <div className="stack" style={{ gap: 8 }}>
          <p className="field-label" style={{ margin: 0 }} id="support-contact-label">
            Support contact
          </p>
          {values.supportContact ? (
            <div className="row">
              <span>{values.supportContact.name}</span>
              <Button
                variant="ghost"
                size="small"
                onClick={() => set('supportContact', null, 'supportContactId')}
                aria-label={`Remove ${values.supportContact.name} as support contact`}
              >
                Remove
              </Button>
            </div>
          ) : (
            <PersonPicker
              label="Find a support contact"
              hint="Who people can turn to if they need support (HR or a coach). Optional."
              actionLabel="Choose"
              onPick={(person) => set('supportContact', { id: person.id, name: person.name }, 'supportContactId')}
              error={err('supportContactId', 'Support contact')}
            />
          )}
        </div>
      </Section>

      <Section
        id="matching-rules"
        title="Matching rules"
        intro="What makes a good match in this program, and the rules no match may break. You can preview runs before publishing."
      >
        <MatchingRulesFields
          type={values.type}
          rules={values.matchingRules}
          questions={values.questions}
          onChange={(rules) => set('matchingRules', rules, 'matchingRules')}
          errors={fieldErrors}
        />
      </Section>

      <div className="form-actions">
        <Button type="submit" isLoading={isSubmitting}>
          {submitLabel}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  )
}
