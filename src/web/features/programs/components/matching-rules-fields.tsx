import {
  type MatchingRules,
  type ProgramType,
  type QuestionCriterionRule,
  RULES_BY_QUESTION_KIND,
} from '#contracts/programs.ts'
import { Checkbox } from '#web/components/ui/checkbox.tsx'
import { FieldError } from '#web/components/ui/field.tsx'
import { SelectField } from '#web/components/ui/select-field.tsx'
import { TextField } from '#web/components/ui/text-field.tsx'
import type { FieldErrors } from '#web/lib/forms.ts'
import { fieldMessage } from '#web/lib/forms.ts'
import type { QuestionDraft } from './enrollment-questions-editor.tsx'

type Weights = MatchingRules['weights']

const weightMeanings: { key: keyof Weights; label: string; hint: (type: ProgramType) => string }[] = [
  {
    key: 'complementarity',
    label: 'Skills weight',
    hint: () => 'One wants to grow a skill the other offers, in both directions.',
  },
  {
    key: 'seniority',
    label: 'Seniority weight',
    hint: (type) =>
      type === 'peer_mentoring'
        ? 'The mentor is more senior than the mentee, close to the ideal gap.'
        : 'Peers of similar seniority, so neither leads the other.',
  },
  { key: 'diversity', label: 'Cross-department weight', hint: () => 'People from different departments.' },
  { key: 'overlap', label: 'Shared hours weight', hint: () => 'More of the working day in common.' },
]

const gapOptions = [0, 1, 2, 3, 4, 5, 6, 7].map((gap) => ({ value: String(gap), label: gapLabel(gap) }))

function gapLabel(gap: number): string {
  return gap === 0 ? 'Same level (0)' : `${gap} ${gap === 1 ? 'level' : 'levels'}`
}

function toNumber(value: string): number {
  return value === '' ? Number.NaN : Number(value)
}

function shown(value: number): string | number {
  return Number.isNaN(value) ? '' : value
}

/** The "Matching rules" section: what the score favours and the rules no match may break. */
export function MatchingRulesFields({
  type,
  rules,
  questions,
  onChange,
  errors,
}: {
  type: ProgramType
  rules: MatchingRules
  questions: QuestionDraft[]
  onChange: (rules: MatchingRules) => void
  errors: FieldErrors
}) {
  const { weights, constraints, mentoring, circles } = rules
  const total = weights.complementarity + weights.seniority + weights.diversity + weights.overlap
  const err = (path: string, label: string) => fieldMessage(label, errors[`matchingRules.${path}`])
  const setWeights = (patch: Partial<Weights>) => onChange({ ...rules, weights: { ...weights, ...patch } })
  const setConstraints = (patch: Partial<MatchingRules['constraints']>) =>
    onChange({ ...rules, constraints: { ...constraints, ...patch } })
  const setMentoring = (patch: Partial<MatchingRules['mentoring']>) =>
    onChange({ ...rules, mentoring: { ...mentoring, ...patch } })
  const setCircles = (patch: Partial<MatchingRules['circles']>) =>
    onChange({ ...rules, circles: { ...circles, ...patch } })
  const weightsError = errors['matchingRules.weights']

  return (
    <div className="stack">
      <fieldset className="fieldset" aria-describedby={weightsError ? 'weights-error' : 'weights-hint'}>
        <legend>What the score favours</legend>
        <p className="field-hint" id="weights-hint">
          Each weight is the number of points a perfect fit on that criterion adds to a match. Set one to 0 to ignore
          it.
        </p>
        <div className="weights">
          {weightMeanings.map((item) => {
            const value = weights[item.key]
            const share = total > 0 && !Number.isNaN(value) ? Math.round((value / total) * 100) : 0
            return (
              <div key={item.key} className="weight">
                <TextField
                  label={item.label}
                  hint={item.hint(type)}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={1000}
                  value={shown(value)}
                  onChange={(event) => setWeights({ [item.key]: toNumber(event.target.value) })}
                  error={err(`weights.${item.key}`, item.label)}
                />
                <div className="weight-bar" aria-hidden="true">
                  <span className="bar-fill" style={{ width: `${share}%` }} />
                </div>
                <p className="field-hint">{share}% of the score</p>
              </div>
            )
          })}
        </div>
        {weightsError ? (
          <FieldError id="weights-error" message={fieldMessage('Weights', weightsError) ?? weightsError} />
        ) : null}
      </fieldset>

      <QuestionCriteriaFields rules={rules} questions={questions} onChange={onChange} errors={errors} />

      <fieldset className="fieldset">
        <legend>How matches are chosen</legend>
        <div className="stack" style={{ gap: 8 }}>
          <label className="checkbox">
            <input
              type="radio"
              name="objective"
              checked={rules.objective === 'maxWeight'}
              onChange={() => onChange({ ...rules, objective: 'maxWeight' })}
            />
            <span>The best total score, even if a few more people stay unmatched</span>
          </label>
          <label className="checkbox">
            <input
              type="radio"
              name="objective"
              checked={rules.objective === 'maxCardinalityThenWeight'}
              onChange={() => onChange({ ...rules, objective: 'maxCardinalityThenWeight' })}
            />
            <span>As many people matched as possible, then the best score</span>
          </label>
        </div>
      </fieldset>

      <fieldset className="fieldset">
        <legend>Rules no match may break</legend>
        <div className="stack">
          <Checkbox
            label="Never match people in the same reporting chain"
            checked={constraints.excludeReportingChain}
            onChange={(event) => setConstraints({ excludeReportingChain: event.target.checked })}
          />
          {constraints.excludeReportingChain ? (
            <SelectField
              label="How far up the reporting chain"
              hint="A person is never matched with their manager; choose whether that reaches further up."
              options={[
                { value: '', label: 'The whole chain, up to the top' },
                { value: '1', label: 'The direct manager only' },
                ...[2, 3, 4, 5].map((depth) => ({ value: String(depth), label: `${depth} levels up` })),
              ]}
              value={constraints.reportingChainDepth === null ? '' : String(constraints.reportingChainDepth)}
              onChange={(event) =>
                setConstraints({ reportingChainDepth: event.target.value === '' ? null : Number(event.target.value) })
              }
              error={err('constraints.reportingChainDepth', 'Depth')}
            />
          ) : null}
          {type !== 'peer_mentoring' ? (
            <Checkbox
              label="Never match two people who report to the same manager"
              checked={constraints.excludeSameManagerPeers}
              onChange={(event) => setConstraints({ excludeSameManagerPeers: event.target.checked })}
            />
          ) : null}
          <Checkbox
            label="Require a shared language"
            checked={constraints.requireSharedLanguage}
            onChange={(event) => setConstraints({ requireSharedLanguage: event.target.checked })}
          />
          <Checkbox
            label="Avoid partners people had in earlier cycles"
            checked={constraints.avoidRepeatPartners}
            onChange={(event) => setConstraints({ avoidRepeatPartners: event.target.checked })}
          />
          <div className="grid-2">
            <TextField
              label="Minimum shared working hours (minutes a day)"
              hint="0 allows any time zones."
              type="number"
              inputMode="numeric"
              min={0}
              max={1440}
              step={15}
              value={shown(constraints.minOverlapMinutes)}
              onChange={(event) => setConstraints({ minOverlapMinutes: toNumber(event.target.value) })}
              error={err('constraints.minOverlapMinutes', 'Minimum shared working hours')}
            />
            {type !== 'peer_mentoring' ? (
              <SelectField
                label="Largest seniority gap between peers"
                options={[{ value: '', label: 'Any gap' }, ...gapOptions]}
                value={constraints.maxSeniorityGap === null ? '' : String(constraints.maxSeniorityGap)}
                onChange={(event) =>
                  setConstraints({ maxSeniorityGap: event.target.value === '' ? null : Number(event.target.value) })
                }
                error={err('constraints.maxSeniorityGap', 'Largest seniority gap')}
              />
            ) : null}
          </div>
        </div>
      </fieldset>

      {type === 'peer_mentoring' ? (
        <fieldset className="fieldset">
          <legend>Mentoring</legend>
          <div className="grid-2">
            <SelectField
              label="Mentees per mentor (default capacity)"
              hint="Used when a mentor does not say how many they can take."
              options={[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) }))}
              value={String(mentoring.defaultCapacity)}
              onChange={(event) => setMentoring({ defaultCapacity: Number(event.target.value) })}
              error={err('mentoring.defaultCapacity', 'Mentees per mentor')}
            />
            <SelectField
              label="Ideal seniority gap"
              hint="How many levels above the mentee the mentor ideally is."
              options={gapOptions}
              value={String(mentoring.idealSeniorityGap)}
              onChange={(event) => setMentoring({ idealSeniorityGap: Number(event.target.value) })}
              error={err('mentoring.idealSeniorityGap', 'Ideal seniority gap')}
            />
            <SelectField
              label="Smallest seniority gap"
              options={[{ value: '', label: 'No minimum' }, ...gapOptions]}
              value={mentoring.minSeniorityGap === null ? '' : String(mentoring.minSeniorityGap)}
              onChange={(event) =>
                setMentoring({ minSeniorityGap: event.target.value === '' ? null : Number(event.target.value) })
              }
              error={err('mentoring.minSeniorityGap', 'Smallest seniority gap')}
            />
            <SelectField
              label="Largest seniority gap"
              options={[{ value: '', label: 'No maximum' }, ...gapOptions]}
              value={mentoring.maxSeniorityGap === null ? '' : String(mentoring.maxSeniorityGap)}
              onChange={(event) =>
                setMentoring({ maxSeniorityGap: event.target.value === '' ? null : Number(event.target.value) })
              }
              error={err('mentoring.maxSeniorityGap', 'Largest seniority gap')}
            />
          </div>
        </fieldset>
      ) : null}

      {type === 'coaching_circle' ? (
        <fieldset className="fieldset">
          <legend>Circle sizes</legend>
          <div className="grid-3">
            {(
              [
                ['minSize', 'Smallest circle'],
                ['targetSize', 'Ideal circle size'],
                ['maxSize', 'Largest circle'],
              ] as const
            ).map(([key, label]) => (
              <TextField
                key={key}
                label={label}
                type="number"
                inputMode="numeric"
                min={2}
                max={12}
                value={shown(circles[key])}
                onChange={(event) => setCircles({ [key]: toNumber(event.target.value) })}
                error={err(`circles.${key}`, label)}
              />
            ))}
          </div>
        </fieldset>
      ) : null}
    </div>
  )
}

const ruleLabels: Record<QuestionCriterionRule, string> = {
  same: 'Same answer scores',
  different: 'Different answers score',
  overlap: 'Shared choices score (the more options in common, the more points)',
}

/**
 * "Enrollment questions in the score": each question whose answers can be compared may count, with
 * the rules its kind allows (free text never does) and a weight like the ones above.
 */
function QuestionCriteriaFields({
  rules,
  questions,
  onChange,
  errors,
}: {
  rules: MatchingRules
  questions: QuestionDraft[]
  onChange: (rules: MatchingRules) => void
  errors: FieldErrors
}) {
  const criteria = rules.questionCriteria
  const setCriterion = (questionId: string, next: { rule: QuestionCriterionRule; weight: number } | null) => {
    // a criterion keeps its place, so an error's index still names it
    const updated =
      next === null
        ? criteria.filter((c) => c.questionId !== questionId)
        : criteria.some((c) => c.questionId === questionId)
          ? criteria.map((c) => (c.questionId === questionId ? { questionId, ...next } : c))
          : [...criteria, { questionId, ...next }]
    onChange({ ...rules, questionCriteria: updated })
  }
  const answered = questions.filter((q) => q.prompt.trim() !== '')
  return (
    <fieldset className="fieldset">
      <legend>Enrollment questions in the score</legend>
      {answered.length === 0 ? (
        <p className="field-hint">Add enrollment questions above to let their answers count in matching.</p>
      ) : (
        <div className="stack">
          {answered.map((question) => {
            const allowed = RULES_BY_QUESTION_KIND[question.kind]
            const index = criteria.findIndex((c) => c.questionId === question.id)
            const criterion = index >= 0 ? criteria[index] : null
            const path = (field: string) => `matchingRules.questionCriteria.${index}.${field}`
            const label = `How “${question.prompt.trim()}” counts in matching`
            if (allowed.length === 0) {
              return (
                <p key={question.id} className="field-hint">
                  “{question.prompt.trim()}” is free text: it is shown to program managers but not compared in matching.
                </p>
              )
            }
            return (
              <div key={question.id} className="grid-2">
                <SelectField
                  label={label}
                  options={[
                    { value: '', label: 'Not used in matching' },
                    ...allowed.map((rule) => ({ value: rule, label: ruleLabels[rule] })),
                  ]}
                  value={criterion?.rule ?? ''}
                  onChange={(event) => {
                    const rule = event.target.value as QuestionCriterionRule | ''
                    setCriterion(question.id, rule === '' ? null : { rule, weight: criterion?.weight ?? 10 })
                  }}
                  error={
                    index >= 0
                      ? (fieldMessage('Rule', errors[path('rule')]) ??
                        fieldMessage('Question', errors[path('questionId')]))
                      : undefined
                  }
                />
                {criterion ? (
                  <TextField
                    label={`Weight of “${question.prompt.trim()}”`}
                    hint="Points a pair gets at a perfect fit on this question, like the weights above."
                    type="number"
                    inputMode="numeric"
                    min={0}
                    max={1000}
                    value={shown(criterion.weight)}
                    onChange={(event) =>
                      setCriterion(question.id, { rule: criterion.rule, weight: toNumber(event.target.value) })
                    }
                    error={fieldMessage('Weight', errors[path('weight')])}
                  />
                ) : null}
              </div>
            )
          })}
        </div>
      )}
    </fieldset>
  )
}
