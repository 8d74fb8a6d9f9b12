import { useQueryClient } from '@tanstack/react-query'
import type { ProgramView } from '#contracts/programs.ts'
import { Card } from '#web/components/ui/card.tsx'
import { programDefaultsQueryOptions } from '../api/use-program-defaults.ts'
import { useUpdateProgram } from '../api/use-update-program.ts'
import { ProgramForm } from './program-form.tsx'
import { valuesFromProgram } from './program-form-values.ts'

/** The Settings tab: the program's form; the type is fixed once the program leaves draft. */
export function ProgramSettings({ program, onSaved }: { program: ProgramView; onSaved: () => void }) {
  const update = useUpdateProgram(program.id)
  const queryClient = useQueryClient()
  if (program.status === 'archived') {
    return <p className="muted">This program is archived: its settings can no longer change.</p>
  }
  return (
    <Card>
      <ProgramForm
        initialValues={valuesFromProgram(program)}
        isTypeLocked={program.status !== 'draft'}
        onTypeChange={(next) => queryClient.fetchQuery(programDefaultsQueryOptions(next)).catch(() => undefined)}
        submitLabel="Save settings"
        isSubmitting={update.isPending}
        onSubmit={(body, { onError }) => {
          const { type, ...rest } = body
          update.mutate(program.status === 'draft' ? body : rest, { onSuccess: onSaved, onError })
        }}
        onCancel={onSaved}
      />
    </Card>
  )
}
