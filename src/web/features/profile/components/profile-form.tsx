import { type FormEvent, useMemo, useRef, useState } from 'react'
import { formatMoment, SUPPORTED_LOCALES } from '#contracts/date-format.ts'
import { LANGUAGES } from '#contracts/languages.ts'
import { type Person, type UpdateOwnProfileBody, UpdateOwnProfileBodySchema } from '#contracts/people.ts'
import type { Skill } from '#contracts/skills.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { FieldError } from '#web/components/ui/field.tsx'
import { SelectField } from '#web/components/ui/select-field.tsx'
import { TagInput } from '#web/components/ui/tag-input.tsx'
import { TextField } from '#web/components/ui/text-field.tsx'
import { seniorityLabels, timeZones, weekdays } from '#web/lib/format.ts'
import { fieldMessage, useFormErrors, validateWith } from '#web/lib/forms.ts'
import { useUpdateMyProfile } from '../api/use-update-my-profile.ts'

interface Values {
  name: string
  title: string
  location: string
  timeZone: string
  /** '' when not chosen: the browser's. */
  locale: string
  languages: string[]
  seniority: string
  skillsOffered: string[]
  skillsWanted: string[]
  workingHoursStart: string
  workingHoursEnd: string
  workingDays: number[]
}

function toValues(person: Person): Values {
  return {
    name: person.name,
    title: person.title,
    location: person.location,
    timeZone: person.timeZone,
    locale: person.locale ?? '',
    languages: person.languages,
    seniority: String(person.seniority),
    skillsOffered: person.skillsOffered,
    skillsWanted: person.skillsWanted,
    workingHoursStart: person.workingHours.start,
    workingHoursEnd: person.workingHours.end,
    workingDays: person.workingHours.days,
  }
}

const languageOptions = Object.entries(LANGUAGES)
  .map(([value, label]) => ({ value, label }))
  .sort((a, b) => a.label.localeCompare(b.label))

// Each choice shows a sample, the same moment written its way.
const sample = new Date(Date.UTC(2027, 2, 10, 14, 30))
const localeOptions = [
  { value: '', label: `As your browser writes them (${formatMoment(sample, { timeZone: 'UTC' })})` },
  ...SUPPORTED_LOCALES.map((locale) => ({
    value: locale.tag,
    label: `${locale.label}: ${formatMoment(sample, { locale: locale.tag, timeZone: 'UTC' })}`,
  })),
]

const seniorityOptions = Object.entries(seniorityLabels).map(([value, label]) => ({
  value,
  label: `${value} · ${label}`,
}))

const knownFields = [
  'name',
  'title',
  'location',
  'timeZone',
  'locale',
  'languages',
  'seniority',
  'skillsOffered',
  'skillsWanted',
  'workingHours',
  'workingHours.start',
  'workingHours.end',
  'workingHours.days',
]

/** A person's own profile: what matching uses to find good peers. */
export function ProfileForm({ person, skills }: { person: Person; skills: Skill[] }) {
  const update = useUpdateMyProfile()
  const formRef = useRef<HTMLFormElement>(null)
  const { fieldErrors, formError, fail, failWith, clearField, clear } = useFormErrors(formRef)
  const [values, setValues] = useState<Values>(() => toValues(person))
  const [savedAt, setSavedAt] = useState<number | null>(null)

  const zoneOptions = useMemo(() => {
    const zones = timeZones()
    const all = zones.includes(values.timeZone) ? zones : [values.timeZone, ...zones]
    return all.map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') }))
  }, [values.timeZone])
  const skillOptions = useMemo(
    () =>
      [...skills]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((skill) => ({ value: skill.slug, label: skill.name })),
    [skills],
  )

  function set<K extends keyof Values>(key: K, value: Values[K], errorKey: string = key) {
    setValues((current) => ({ ...current, [key]: value }))
    setSavedAt(null)
    clearField(errorKey)
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    setSavedAt(null)
    const body = {
      name: values.name,
      title: values.title,
      location: values.location,
      timeZone: values.timeZone,
      locale: (values.locale || null) as UpdateOwnProfileBody['locale'],
      languages: values.languages,
      seniority: Number(values.seniority),
      skillsOffered: values.skillsOffered,
      skillsWanted: values.skillsWanted,
      workingHours: { start: values.workingHoursStart, end: values.workingHoursEnd, days: values.workingDays },
    }
    const result = validateWith(UpdateOwnProfileBodySchema, body)
    if (result.errors) return fail(result.errors)
    clear()
    update.mutate(body, {
      onSuccess: (saved) => {
        setValues(toValues(saved))
        setSavedAt(Date.now())
      },
      onError: (error) => failWith(error, knownFields),
    })
  }

  const daysError = fieldErrors['workingHours.days']
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-label="Profile">
      {formError ? (
        <div style={{ marginBottom: 16 }}>
          <Alert tone="error" isErrorSummary>
            {formError}
          </Alert>
        </div>
      ) : null}

      <section className="form-section" aria-labelledby="about-heading">
        <div className="form-section-intro">
          <h2 id="about-heading">About you</h2>
          <p>How peers see you in Tandem.</p>
        </div>
        <div className="form-section-fields">
          <TextField
            label="Name"
            name="name"
            autoComplete="name"
            value={values.name}
            onChange={(event) => set('name', event.target.value)}
            error={fieldMessage('Name', fieldErrors.name)}
          />
          <TextField
            label="Title"
            name="title"
            autoComplete="organization-title"
            hint="Your job title, for example Product designer."
            value={values.title}
            onChange={(event) => set('title', event.target.value)}
            error={fieldMessage('Title', fieldErrors.title)}
          />
          <SelectField
            label="Seniority"
            name="seniority"
            hint="Peer coaching pairs people of similar seniority; mentoring looks for a gap."
            options={seniorityOptions}
            value={values.seniority}
            onChange={(event) => set('seniority', event.target.value)}
            error={fieldMessage('Seniority', fieldErrors.seniority)}
          />
        </div>
      </section>

      <section className="form-section" aria-labelledby="where-heading">
        <div className="form-section-intro">
          <h2 id="where-heading">Where and when</h2>
          <p>Tandem only pairs people whose working hours overlap and who share a language.</p>
        </div>
        <div className="form-section-fields">
          <TextField
            label="Location"
            name="location"
            hint="City or office, for example Lisbon."
            value={values.location}
            onChange={(event) => set('location', event.target.value)}
            error={fieldMessage('Location', fieldErrors.location)}
          />
          <SelectField
            label="Time zone"
            name="timeZone"
            options={zoneOptions}
            value={values.timeZone}
            onChange={(event) => set('timeZone', event.target.value)}
            error={fieldMessage('Time zone', fieldErrors.timeZone)}
          />
          <SelectField
            label="Dates and times"
            name="locale"
            hint="How Tandem writes dates and times for you, on its pages and in its emails."
            options={localeOptions}
            value={values.locale}
            onChange={(event) => set('locale', event.target.value)}
            error={fieldMessage('Dates and times', fieldErrors.locale)}
          />
          <TagInput
            label="Languages"
            hint="Languages you can hold a coaching conversation in. Type a language, then press Enter."
            values={values.languages}
            options={languageOptions}
            isRestricted
            onChange={(languages) => set('languages', languages)}
            error={fieldMessage('Languages', fieldErrors.languages)}
          />
          <div className="grid-2">
            <TextField
              label="Working hours start"
              name="workingHoursStart"
              type="time"
              value={values.workingHoursStart}
              onChange={(event) => set('workingHoursStart', event.target.value, 'workingHours.start')}
              error={fieldMessage('Working hours start', fieldErrors['workingHours.start'])}
            />
            <TextField
              label="Working hours end"
              name="workingHoursEnd"
              type="time"
              value={values.workingHoursEnd}
              onChange={(event) => set('workingHoursEnd', event.target.value, 'workingHours.end')}
              error={fieldMessage('Working hours end', fieldErrors['workingHours.end'])}
            />
          </div>
          <fieldset className="fieldset" aria-describedby={daysError ? 'working-days-error' : undefined}>
            <legend>Working days</legend>
            <div className="chip-group">
              {weekdays.map((day) => (
                <label key={day.value} className="chip-toggle">
                  <input
                    type="checkbox"
                    name="workingDays"
                    aria-label={day.long}
                    aria-invalid={daysError ? true : undefined}
                    checked={values.workingDays.includes(day.value)}
                    onChange={(event) =>
                      set(
                        'workingDays',
                        event.target.checked
                          ? [...values.workingDays, day.value].sort((a, b) => a - b)
                          : values.workingDays.filter((item) => item !== day.value),
                        'workingHours.days',
                      )
                    }
                  />
                  <span aria-hidden="true">{day.short}</span>
                </label>
              ))}
            </div>
            {daysError ? (
              <FieldError id="working-days-error" message={fieldMessage('Working days', daysError) ?? daysError} />
            ) : null}
          </fieldset>
        </div>
      </section>

      <section className="form-section" aria-labelledby="skills-heading">
        <div className="form-section-intro">
          <h2 id="skills-heading">Skills</h2>
          <p>Tandem pairs people who want to grow a skill with peers who offer it, in both directions.</p>
        </div>
        <div className="form-section-fields">
          <TagInput
            label="Skills offered"
            hint="Skills you could help a peer with. Type to search the catalogue, then press Enter."
            values={values.skillsOffered}
            options={skillOptions}
            isRestricted
            onChange={(slugs) => set('skillsOffered', slugs)}
            error={fieldMessage('Skills offered', fieldErrors.skillsOffered)}
          />
          <TagInput
            label="Skills wanted"
            hint="Skills you would like to grow. Type to search the catalogue, then press Enter."
            values={values.skillsWanted}
            options={skillOptions}
            isRestricted
            onChange={(slugs) => set('skillsWanted', slugs)}
            error={fieldMessage('Skills wanted', fieldErrors.skillsWanted)}
          />
        </div>
      </section>

      <div className="form-actions">
        <Button type="submit" isLoading={update.isPending}>
          Save profile
        </Button>
        <div aria-live="polite" role="status">
          {savedAt ? (
            <Alert tone="success" isLive={false}>
              Your profile is saved.
            </Alert>
          ) : null}
        </div>
      </div>
    </form>
  )
}
