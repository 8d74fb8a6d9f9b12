import { useQueryClient } from '@tanstack/react-query'
import { Link, useNavigate } from '@tanstack/react-router'
import { useEffect, useState } from 'react'
import type { ProgramType } from '#contracts/programs.ts'
import { Card } from '#web/components/ui/card.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { LoadingState } from '#web/components/ui/loading-state.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { useCreateProgram } from '../api/use-create-program.ts'
import { programDefaultsQueryOptions, useProgramDefaults } from '../api/use-program-defaults.ts'
import { ProgramForm } from '../components/program-form.tsx'
import { valuesFromDefaults } from '../components/program-form-values.ts'
import { ProgramTypeChoice } from '../components/program-type-choice.tsx'

/** Create a program: the type first, then its defaults to adjust. */
export function NewProgramPage() {
  const [type, setType] = useState<ProgramType | null>(null)
  const defaults = useProgramDefaults(type)
  const create = useCreateProgram()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const isFormShown = type !== null && defaults.data !== undefined

  // The type choice is replaced by the whole form: keep the keyboard where it was, on the chosen type.
  useEffect(() => {
    if (isFormShown) document.querySelector<HTMLInputElement>('input[name="program-type"]:checked')?.focus()
  }, [isFormShown])

  return (
    <div className="page">
      <Link to="/programs" className="back-link">
        ← Back to programs
      </Link>
      <PageHeader
        title="New program"
        description="Choose the type first: it fills in sensible defaults you can adjust. The program stays a draft until you open enrollment."
      />
      {type === null ? (
        <Card>
          <ProgramTypeChoice value={type} onChange={setType} />
        </Card>
      ) : defaults.isError ? (
        <ErrorState error={defaults.error} onRetry={() => defaults.refetch()} />
      ) : !defaults.data ? (
        <Card>
          <LoadingState label="Loading the defaults…" />
        </Card>
      ) : (
        <Card>
          <ProgramForm
            initialValues={valuesFromDefaults(defaults.data)}
            isTypeLocked={false}
            onTypeChange={(next) => queryClient.fetchQuery(programDefaultsQueryOptions(next)).catch(() => undefined)}
            submitLabel="Create program"
            isSubmitting={create.isPending}
            onSubmit={(body, { onError }) =>
              create.mutate(body, {
                onSuccess: (program) => navigate({ to: '/programs/$programId', params: { programId: program.id } }),
                onError,
              })
            }
            onCancel={() => navigate({ to: '/programs' })}
          />
        </Card>
      )}
    </div>
  )
}
