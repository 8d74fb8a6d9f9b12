import { type FormEvent, useState } from 'react'
import type { PairRuleKind } from '#contracts/matching.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { SelectField } from '#web/components/ui/select-field.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { useFocusWhenShown } from '#web/lib/focus.ts'
import { useCreatePairRule } from '../api/use-create-pair-rule.ts'
import { useDeletePairRule } from '../api/use-delete-pair-rule.ts'
import { usePairRules } from '../api/use-pair-rules.ts'

const kindWords: Record<PairRuleKind, string> = { never: 'Never pair', must: 'Must pair' }

/** "Never pair" and "must pair" rules: the list, removal, and a form to add one. */
export function PairRulesCard({
  programId,
  people,
  onChanged,
}: {
  programId: string
  people: { personId: string; name: string }[]
  onChanged: (message: string) => void
}) {
  const rules = usePairRules(programId)
  const create = useCreatePairRule(programId)
  const remove = useDeletePairRule(programId)
  const [kind, setKind] = useState<PairRuleKind>('never')
  const [first, setFirst] = useState('')
  const [second, setSecond] = useState('')
  const [localError, setLocalError] = useState<string | null>(null)
  const options = [...people]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((person) => ({ value: person.personId, label: person.name }))
  const nameOf = (id: string) => people.find((person) => person.personId === id)?.name ?? 'them'

  function submit(event: FormEvent) {
    event.preventDefault()
    if (!first || !second || first === second) {
      setLocalError('Choose two different people.')
      return
    }
    setLocalError(null)
    create.mutate(
      { kind, personIds: [first, second] },
      {
        onSuccess: (result) => {
          setFirst('')
          setSecond('')
          onChanged(
            `${kindWords[kind]}: ${nameOf(first)} and ${nameOf(second)}.${
              result.dissolvedMatchIds.length > 0 ? ' Their proposed match was dissolved.' : ''
            }`,
          )
        },
      },
    )
  }

  const error = localError ?? (create.isError ? errorMessage(create.error) : null)
  const errorRef = useFocusWhenShown<HTMLDivElement>(error)
  return (
    <Card title="Pair rules" labelledBy="pair-rules-heading" headingLevel={3}>
      <p className="muted">Rules every run follows, on top of the program's matching rules.</p>
      {rules.isError ? (
        <ErrorState error={rules.error} onRetry={() => rules.refetch()} />
      ) : !rules.data ? (
        <SkeletonRows rows={2} label="Loading pair rules…" />
      ) : rules.data.rules.length === 0 ? (
        <p className="muted">No pair rules yet.</p>
      ) : (
        <ul className="rule-list" aria-label="Pair rules">
          {rules.data.rules.map((rule) => {
            const text = `${kindWords[rule.kind]}: ${rule.people[0].name} and ${rule.people[1].name}`
            return (
              <li key={rule.id}>
                <span>{text}</span>
                <Button
                  variant="ghost"
                  size="small"
                  aria-label={`Remove rule: ${text}`}
                  isLoading={remove.isPending && remove.variables === rule.id}
                  onClick={() => remove.mutate(rule.id, { onSuccess: () => onChanged(`Rule removed: ${text}.`) })}
                >
                  Remove
                </Button>
              </li>
            )
          })}
        </ul>
      )}
      {remove.isError ? <Alert tone="error">{errorMessage(remove.error)}</Alert> : null}
      <form className="stack" onSubmit={submit} noValidate aria-label="Add a pair rule" style={{ marginTop: 16 }}>
        <h4 style={{ margin: 0 }}>Add a rule</h4>
        {error ? (
          <Alert tone="error" isErrorSummary ref={errorRef}>
            {error}
          </Alert>
        ) : null}
        <SelectField
          label="Rule"
          options={[
            { value: 'never', label: 'Never pair these two' },
            { value: 'must', label: 'Always pair these two' },
          ]}
          value={kind}
          onChange={(event) => setKind(event.target.value as PairRuleKind)}
        />
        <SelectField
          label="First person"
          placeholder="Choose a person"
          options={options}
          value={first}
          onChange={(event) => setFirst(event.target.value)}
        />
        <SelectField
          label="Second person"
          placeholder="Choose a person"
          options={options.filter((option) => option.value !== first)}
          value={second}
          onChange={(event) => setSecond(event.target.value)}
        />
        <div>
          <Button type="submit" variant="secondary" isLoading={create.isPending}>
            Add rule
          </Button>
        </div>
      </form>
    </Card>
  )
}
