import { type FormEvent, useState } from 'react'
import { Alert } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { SelectField } from '#web/components/ui/select-field.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { useDataRetention } from '../api/use-data-retention.ts'
import { useUpdateDataRetention } from '../api/use-update-data-retention.ts'

const CHOICES = [
  { value: '', label: 'Keep them (off)' },
  { value: '3', label: '3 months after the match ends' },
  { value: '6', label: '6 months after the match ends' },
  { value: '12', label: '12 months after the match ends' },
  { value: '24', label: '24 months after the match ends' },
  { value: '36', label: '36 months after the match ends' },
]

function RetentionForm({ retentionMonths }: { retentionMonths: number | null }) {
  const update = useUpdateDataRetention()
  const [value, setValue] = useState(retentionMonths === null ? '' : String(retentionMonths))
  const [isSaved, setIsSaved] = useState(false)
  const options = CHOICES.some((c) => c.value === value)
    ? CHOICES
    : [...CHOICES, { value, label: `${value} months after the match ends` }]

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    setIsSaved(false)
    update.mutate({ retentionMonths: value === '' ? null : Number(value) }, { onSuccess: () => setIsSaved(true) })
  }

  return (
    <form className="stack" onSubmit={onSubmit} aria-label="Data retention">
      {update.isError ? <Alert tone="error">{errorMessage(update.error)}</Alert> : null}
      <SelectField
        label="Delete private reflections and check-in notes"
        name="retentionMonths"
        hint="Checked every night. A match ends when it is completed or dissolved; mood and stress numbers stay for the wellbeing figures."
        options={options}
        value={value}
        onChange={(event) => {
          setValue(event.target.value)
          setIsSaved(false)
        }}
      />
      <div className="form-actions" style={{ paddingTop: 0 }}>
        <Button type="submit" isLoading={update.isPending}>
          Save retention
        </Button>
        <div role="status" aria-live="polite">
          {isSaved ? (
            <Alert tone="success" isLive={false}>
              Retention saved.
            </Alert>
          ) : null}
        </div>
      </div>
    </form>
  )
}

/** Organization settings: how long private reflections and check-in notes are kept after a match ends. */
export function DataRetentionCard() {
  const retention = useDataRetention()
  return (
    <Card title="Data retention">
      {retention.isError ? (
        <ErrorState error={retention.error} onRetry={() => retention.refetch()} />
      ) : !retention.data ? (
        <SkeletonRows rows={2} label="Loading retention…" />
      ) : (
        <RetentionForm retentionMonths={retention.data.retentionMonths} />
      )}
    </Card>
  )
}
