import { type FormEvent, useRef, useState } from 'react'
import type { PeopleImport } from '#contracts/people-import.ts'
import { MAX_IMPORT_CSV_LENGTH, PEOPLE_CSV_COLUMNS, REQUIRED_PEOPLE_CSV_COLUMNS } from '#contracts/people-import.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { describedBy, FieldShell, useFieldIds } from '#web/components/ui/field.tsx'
import { TextAreaField } from '#web/components/ui/text-field.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { useFormErrors } from '#web/lib/forms.ts'
import { usePreviewImport } from '../api/use-preview-import.ts'

/** Choose a file (or paste the text) and get the preview report. */
export function ImportUploadForm({
  hasPreview,
  onPreview,
}: {
  hasPreview: boolean
  onPreview: (preview: PeopleImport) => void
}) {
  const preview = usePreviewImport()
  const formRef = useRef<HTMLFormElement>(null)
  const fileRef = useRef<HTMLInputElement>(null)
  const { fieldErrors, fail, clearField, clear } = useFormErrors(formRef)
  const [file, setFile] = useState<File | null>(null)
  const [text, setText] = useState('')
  const fileIds = useFieldIds('import-file')

  async function onSubmit(event: FormEvent) {
    event.preventDefault()
    let csv = text
    let fileName = 'pasted.csv'
    if (file) {
      if (file.size > MAX_IMPORT_CSV_LENGTH)
        return fail({ file: 'The file is larger than 5 MB. Split it into smaller files.' })
      csv = await file.text()
      fileName = file.name
    }
    if (!csv.trim()) return fail({ file: 'Choose a CSV file, or paste the CSV text below.' })
    clear()
    preview.mutate(
      { fileName, csv },
      {
        onSuccess: (result) => {
          onPreview(result)
          // The same file, fixed, can be chosen again.
          if (fileRef.current) fileRef.current.value = ''
          setFile(null)
        },
        onError: (error) => fail({ file: errorMessage(error) }),
      },
    )
  }

  const fileError = fieldErrors.file
  const fileHint = `Columns: ${PEOPLE_CSV_COLUMNS.join(', ')}. Only ${REQUIRED_PEOPLE_CSV_COLUMNS.join(' and ')} are required; lists are separated by semicolons.`
  return (
    <form ref={formRef} className="stack" onSubmit={onSubmit} noValidate aria-labelledby="upload-heading">
      <h2 id="upload-heading" className="card-title">
        {hasPreview ? 'Fix the file and upload again' : 'Upload people'}
      </h2>
      <p className="muted" style={{ margin: 0 }}>
        People are matched by email (or employee ID): existing people are updated, new people are added as invited.
        Nothing changes until you apply the import. Skills may be written as the Skills page names them, languages by
        their English name or code.{' '}
        <a href="/api/people/import-template.csv" download>
          Download a template CSV
        </a>{' '}
        with every column and an example row.
      </p>
      <FieldShell {...fileIds} label="CSV file" hint={fileHint} error={fileError}>
        <input
          ref={fileRef}
          id={fileIds.controlId}
          className="input"
          type="file"
          name="file"
          accept=".csv,text/csv"
          aria-invalid={fileError ? true : undefined}
          aria-describedby={describedBy(fileIds, fileHint, fileError)}
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null)
            if (event.target.files?.[0]) setText('')
            clearField('file')
          }}
        />
      </FieldShell>
      <TextAreaField
        label="Or paste CSV text"
        name="csv"
        isCode
        rows={5}
        isOptional
        placeholder={`${PEOPLE_CSV_COLUMNS.slice(0, 5).join(',')},...`}
        value={text}
        onChange={(event) => {
          setText(event.target.value)
          if (event.target.value && fileRef.current) {
            fileRef.current.value = ''
            setFile(null)
          }
          clearField('file')
        }}
      />
      {preview.isError && !fileError ? <Alert tone="error">{errorMessage(preview.error)}</Alert> : null}
      <div>
        <Button type="submit" isLoading={preview.isPending}>
          Preview import
        </Button>
      </div>
    </form>
  )
}
