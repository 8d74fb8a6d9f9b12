import { type FormEvent, useRef, useState } from 'react'
import { CreateExerciseBodySchema, type Technique } from '#contracts/exercises.ts'
import { Alert, FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Announcement } from '#web/components/ui/announcement.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { SelectField } from '#web/components/ui/select-field.tsx'
import { TextAreaField, TextField } from '#web/components/ui/text-field.tsx'
import { fieldMessage, useFormErrors, validateWith } from '#web/lib/forms.ts'
import { useCreateExercise } from '../api/use-create-exercise.ts'
import { linesOf, TECHNIQUES, techniqueLabels } from './technique-labels.ts'

interface StepDraft {
  key: number
  title: string
  instruction: string
  minutes: string
}

interface ScenarioDraft {
  key: number
  title: string
  setup: string
}

let nextKey = 1
const newStep = (): StepDraft => ({ key: nextKey++, title: '', instruction: '', minutes: '5' })
const newScenario = (): ScenarioDraft => ({ key: nextKey++, title: '', setup: '' })

/** An admin adds one of the organization's own exercises: steps with timing, prompts and scenarios. */
export function AddExerciseForm() {
  const create = useCreateExercise()
  const formRef = useRef<HTMLFormElement>(null)
  const { fieldErrors, formError, fail, failWith, clearField, clear } = useFormErrors(formRef)
  const [technique, setTechnique] = useState<Technique>('role_play')
  const [title, setTitle] = useState('')
  const [purpose, setPurpose] = useState('')
  const [steps, setSteps] = useState<StepDraft[]>([newStep()])
  const [prompts, setPrompts] = useState('')
  const [scenarios, setScenarios] = useState<ScenarioDraft[]>([])
  const [added, setAdded] = useState<string | null>(null)

  function changeStep(key: number, change: Partial<StepDraft>) {
    setSteps((current) => current.map((step) => (step.key === key ? { ...step, ...change } : step)))
  }
  function changeScenario(key: number, change: Partial<ScenarioDraft>) {
    setScenarios((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)))
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    setAdded(null)
    const result = validateWith(CreateExerciseBodySchema, {
      technique,
      title,
      purpose,
      steps: steps.map((step) => ({
        title: step.title,
        instruction: step.instruction,
        minutes: Number(step.minutes),
      })),
      prompts: linesOf(prompts),
      scenarios: scenarios
        .filter((item) => item.title.trim() || item.setup.trim())
        .map((item) => ({ title: item.title, setup: item.setup })),
    })
    if (result.errors) return fail(result.errors)
    create.mutate(result.data, {
      onSuccess: (exercise) => {
        clear()
        setAdded(`“${exercise.title}” is in the library.`)
        setTitle('')
        setPurpose('')
        setSteps([newStep()])
        setPrompts('')
        setScenarios([])
      },
      onError: (error) => {
        failWith(error, ['technique', 'title', 'slug', 'purpose', 'steps', 'prompts', 'scenarios'], {
          exercise_taken: 'title',
        })
      },
    })
  }

  return (
    <form ref={formRef} className="card stack" onSubmit={submit} noValidate aria-labelledby="add-exercise-heading">
      <h2 id="add-exercise-heading" className="card-title" style={{ margin: 0 }}>
        Add an exercise
      </h2>
      <p className="muted" style={{ margin: 0 }}>
        Your organization’s own exercises appear to everyone after the built-in ones, and in the session guide.
      </p>
      <FormErrorSummary message={formError} />
      <SelectField
        label="Technique"
        value={technique}
        options={TECHNIQUES.map((value) => ({ value, label: techniqueLabels[value] }))}
        onChange={(event) => setTechnique(event.target.value as Technique)}
        error={fieldMessage('Technique', fieldErrors.technique)}
      />
      <TextField
        label="Title"
        maxLength={120}
        value={title}
        onChange={(event) => {
          setTitle(event.target.value)
          clearField('title')
          clearField('slug')
        }}
        error={fieldMessage('Title', fieldErrors.title ?? fieldErrors.slug)}
      />
      <TextAreaField
        label="Purpose"
        hint="What the exercise helps with, and when to choose it."
        rows={3}
        maxLength={2000}
        value={purpose}
        onChange={(event) => {
          setPurpose(event.target.value)
          clearField('purpose')
        }}
        error={fieldMessage('Purpose', fieldErrors.purpose)}
      />
      <fieldset className="fieldset">
        <legend>Steps</legend>
        <div className="stack">
          {fieldErrors.steps && !Object.keys(fieldErrors).some((path) => path.startsWith('steps.')) ? (
            <Alert tone="error" isLive={false}>
              {fieldErrors.steps}
            </Alert>
          ) : null}
          {steps.map((step, index) => (
            <fieldset key={step.key} className="fieldset">
              <legend>Step {index + 1}</legend>
              <div className="stack">
                <TextField
                  label={`Step ${index + 1} title`}
                  maxLength={120}
                  value={step.title}
                  onChange={(event) => {
                    changeStep(step.key, { title: event.target.value })
                    clearField(`steps.${index}.title`)
                  }}
                  error={fieldMessage('Title', fieldErrors[`steps.${index}.title`])}
                />
                <TextAreaField
                  label={`Step ${index + 1} instruction`}
                  rows={2}
                  maxLength={2000}
                  value={step.instruction}
                  onChange={(event) => {
                    changeStep(step.key, { instruction: event.target.value })
                    clearField(`steps.${index}.instruction`)
                  }}
                  error={fieldMessage('Instruction', fieldErrors[`steps.${index}.instruction`])}
                />
                <div className="row" style={{ alignItems: 'end' }}>
                  <TextField
                    label={`Step ${index + 1} minutes`}
                    type="number"
                    min={1}
                    max={120}
                    inputMode="numeric"
                    value={step.minutes}
                    onChange={(event) => {
                      changeStep(step.key, { minutes: event.target.value })
                      clearField(`steps.${index}.minutes`)
                    }}
                    error={fieldMessage('Minutes', fieldErrors[`steps.${index}.minutes`])}
                    style={{ maxWidth: 120 }}
                  />
                  {steps.length > 1 ? (
                    <Button
                      variant="ghost"
                      size="small"
                      onClick={() => setSteps((current) => current.filter((item) => item.key !== step.key))}
                    >
                      Remove step {index + 1}
                    </Button>
                  ) : null}
                </div>
              </div>
            </fieldset>
          ))}
          {steps.length < 12 ? (
            <div>
              <Button variant="secondary" size="small" onClick={() => setSteps((current) => [...current, newStep()])}>
                Add a step
              </Button>
            </div>
          ) : null}
        </div>
      </fieldset>
      <TextAreaField
        label="Prompts for the coach"
        hint="One question or cue per line."
        isOptional
        rows={4}
        value={prompts}
        onChange={(event) => {
          setPrompts(event.target.value)
          clearField('prompts')
        }}
        error={fieldMessage('Prompts', fieldErrors.prompts)}
      />
      <fieldset className="fieldset">
        <legend>Worked scenarios (optional)</legend>
        <div className="stack">
          {scenarios.map((scenario, index) => (
            <div key={scenario.key} className="stack">
              <TextField
                label={`Scenario ${index + 1} title`}
                maxLength={120}
                value={scenario.title}
                onChange={(event) => changeScenario(scenario.key, { title: event.target.value })}
                error={fieldMessage('Title', fieldErrors[`scenarios.${index}.title`])}
              />
              <TextAreaField
                label={`Scenario ${index + 1} situation`}
                rows={3}
                maxLength={2000}
                value={scenario.setup}
                onChange={(event) => changeScenario(scenario.key, { setup: event.target.value })}
                error={fieldMessage('Situation', fieldErrors[`scenarios.${index}.setup`])}
              />
              <div>
                <Button
                  variant="ghost"
                  size="small"
                  onClick={() => setScenarios((current) => current.filter((item) => item.key !== scenario.key))}
                >
                  Remove scenario {index + 1}
                </Button>
              </div>
            </div>
          ))}
          {scenarios.length < 12 ? (
            <div>
              <Button
                variant="secondary"
                size="small"
                onClick={() => setScenarios((current) => [...current, newScenario()])}
              >
                Add a scenario
              </Button>
            </div>
          ) : null}
        </div>
      </fieldset>
      <div>
        <Button type="submit" isLoading={create.isPending}>
          Add the exercise
        </Button>
      </div>
      <Announcement message={added} />
    </form>
  )
}
