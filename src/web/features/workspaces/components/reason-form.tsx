import type { FormEvent, RefObject } from 'react'
import { FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { DialogActions } from '#web/components/ui/dialog.tsx'
import { TextAreaField } from '#web/components/ui/text-field.tsx'
import type { useFormErrors } from '#web/lib/forms.ts'

/** The form inside a dialog that asks a member for their reason (to be re-paired, to end the match). */
export function ReasonForm({
  formRef,
  errors,
  label,
  hint,
  reason,
  onReason,
  submitLabel,
  isDanger = false,
  isPending,
  onSubmit,
  onCancel,
}: {
  formRef: RefObject<HTMLFormElement | null>
  errors: ReturnType<typeof useFormErrors>
  label: string
  hint?: string
  reason: string
  onReason: (reason: string) => void
  submitLabel: string
  isDanger?: boolean
  isPending: boolean
  onSubmit: (event: FormEvent) => void
  onCancel: () => void
}) {
  return (
    <form ref={formRef} className="stack" onSubmit={onSubmit} noValidate>
      <TextAreaField
        label={label}
        hint={hint}
        rows={4}
        maxLength={2000}
        value={reason}
        error={errors.fieldErrors.reason}
        onChange={(event) => {
          onReason(event.target.value)
          errors.clearField('reason')
        }}
      />
      <FormErrorSummary message={errors.formError} />
      <DialogActions>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" variant={isDanger ? 'danger' : undefined} isLoading={isPending}>
          {submitLabel}
        </Button>
      </DialogActions>
    </form>
  )
}
