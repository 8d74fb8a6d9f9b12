import { useState } from 'react'
import { Alert } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { ConfirmDialog } from '#web/components/ui/dialog.tsx'
import { TextField } from '#web/components/ui/text-field.tsx'
import { errorMessage, isApiError } from '#web/lib/api-client.ts'
import { useErasePerson } from '../api/use-erase-person.ts'
import { useExportPersonData } from '../api/use-export-person-data.ts'

interface PersonRef {
  id: string
  name: string
  erasedAt: string | null
}

/** On a person's page (admin): their data export on request, and erasure after typing their name. */
export function PersonDataRightsActions({ person, isSelf }: { person: PersonRef; isSelf: boolean }) {
  const exportData = useExportPersonData(person.id)
  const erase = useErasePerson(person.id)
  const [isErasing, setIsErasing] = useState(false)
  const [typedName, setTypedName] = useState('')
  const [mismatch, setMismatch] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  const close = () => {
    setIsErasing(false)
    setTypedName('')
    setMismatch(null)
    erase.reset()
  }

  if (person.erasedAt) {
    return (
      <section className="stack" aria-labelledby="data-rights-heading">
        <h2 id="data-rights-heading" className="card-title">
          Personal data
        </h2>
        {notice ? <Alert tone="success">{notice}</Alert> : null}
        <p className="muted" style={{ margin: 0 }}>
          Erased: this former member's personal data and words were removed for good.
        </p>
      </section>
    )
  }

  const serverError = erase.isError
    ? isApiError(erase.error, 'erase_name_mismatch')
      ? null
      : errorMessage(erase.error)
    : null
  const fieldError =
    mismatch ?? (isApiError(erase.error, 'erase_name_mismatch') ? "The name you typed is not this person's name" : null)

  return (
    <section className="stack" aria-labelledby="data-rights-heading">
      <h2 id="data-rights-heading" className="card-title">
        Personal data
      </h2>
      <p className="muted" style={{ margin: 0 }}>
        When {person.name} asks for their data, download it for them: they are told, and it is recorded in the audit
        log. Your copy leaves out their private reflections, check-ins, answers, feedback, goals, sessions and notes;
        they download everything themselves from Your data.
      </p>
      {exportData.isSuccess ? <Alert tone="success">Download started: {exportData.data}.</Alert> : null}
      {exportData.isError ? <Alert tone="error">{errorMessage(exportData.error)}</Alert> : null}
      <div className="row">
        <Button variant="secondary" isLoading={exportData.isPending} onClick={() => exportData.mutate()}>
          Download their data
        </Button>
        {isSelf ? null : (
          <Button variant="danger" onClick={() => setIsErasing(true)}>
            Erase…
          </Button>
        )}
      </div>

      <ConfirmDialog
        isOpen={isErasing}
        title={`Erase ${person.name}?`}
        confirmLabel="Erase for good"
        tone="danger"
        isPending={erase.isPending}
        error={serverError}
        onClose={close}
        onConfirm={() => {
          if (typedName.trim() !== person.name.trim()) {
            setMismatch(`Type ${person.name} exactly to confirm`)
            return
          }
          erase.mutate(
            { confirmName: typedName },
            {
              onSuccess: () => {
                close()
                setNotice('Erased. They appear as "Former member" from now on.')
              },
            },
          )
        }}
      >
        <div className="stack">
          <p style={{ margin: 0 }}>
            Their profile, sign-in, private reflections and check-ins, notes, feedback text, goals' words, requests,
            notifications and email are deleted or anonymized; their partners keep their workspaces and program figures
            keep their counts, with "Former member" in their place. <strong>This cannot be undone.</strong>
          </p>
          <TextField
            label={`Type ${person.name} to confirm`}
            name="confirmName"
            autoComplete="off"
            value={typedName}
            onChange={(event) => {
              setTypedName(event.target.value)
              setMismatch(null)
            }}
            error={fieldError ?? undefined}
          />
        </div>
      </ConfirmDialog>
    </section>
  )
}
