import { type FormEvent, useCallback, useRef, useState } from 'react'
import { type Person, ROLES, type Role } from '#contracts/people.ts'
import { Alert, FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { SelectField } from '#web/components/ui/select-field.tsx'
import { TextField } from '#web/components/ui/text-field.tsx'
import { isApiError } from '#web/lib/api-client.ts'
import { roleLabel } from '#web/lib/format.ts'
import { fieldMessage, useFormErrors } from '#web/lib/forms.ts'
import { useUpdatePerson } from '../api/use-update-person.ts'
import { ManagerPicker, managerOptionLabel } from './manager-picker.tsx'

const roleOptions = [...ROLES].reverse().map((role) => ({ value: role, label: roleLabel(role) }))

/** What belongs to the organization rather than the person: role, department, reporting line. */
export function PersonAdminForm({ person }: { person: Person }) {
  const update = useUpdatePerson(person.id)
  const formRef = useRef<HTMLFormElement>(null)
  const { fieldErrors, formError, fail, failWith, clearField, clear } = useFormErrors(formRef)
  const initialManagerText = person.managerName ?? ''
  const [role, setRole] = useState<Role>(person.role)
  const [department, setDepartment] = useState(person.department)
  const [managerText, setManagerText] = useState(initialManagerText)
  const [isSaved, setIsSaved] = useState(false)
  const seen = useRef(new Map<string, string>())
  const onSeen = useCallback((people: Person[]) => {
    for (const candidate of people) seen.current.set(managerOptionLabel(candidate), candidate.id)
  }, [])

  function resolveManager(): { id: string | null } | { error: string } | null {
    const text = managerText.trim()
    if (text === initialManagerText.trim()) return null
    if (!text) return { id: null }
    const id = seen.current.get(text)
    return id ? { id } : { error: 'Choose a manager from the suggestions, or leave the field empty.' }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    setIsSaved(false)
    const manager = resolveManager()
    if (manager && 'error' in manager) return fail({ managerId: manager.error })
    clear()
    update.mutate(
      { role, department: department.trim(), ...(manager ? { managerId: manager.id } : {}) },
      {
        onSuccess: (saved) => {
          setManagerText(saved.managerName ?? '')
          setIsSaved(true)
        },
        onError: (error) => {
          if (isApiError(error, 'invalid_manager') || isApiError(error, 'reporting_cycle')) {
            return fail({ managerId: error.message })
          }
          if (isApiError(error, 'last_admin')) return fail({ role: error.message })
          failWith(error, ['role', 'department', 'managerId'])
        },
      },
    )
  }

  return (
    <form ref={formRef} className="stack" onSubmit={onSubmit} noValidate aria-labelledby="admin-form-heading">
      <h2 id="admin-form-heading" className="card-title">
        Role and reporting line
      </h2>
      <FormErrorSummary message={formError} />
      <SelectField
        label="Role"
        name="role"
        options={roleOptions}
        value={role}
        onChange={(event) => {
          setRole(event.target.value as Role)
          clearField('role')
          setIsSaved(false)
        }}
        error={fieldMessage('Role', fieldErrors.role)}
      />
      <TextField
        label="Department"
        name="department"
        value={department}
        onChange={(event) => {
          setDepartment(event.target.value)
          clearField('department')
          setIsSaved(false)
        }}
        error={fieldMessage('Department', fieldErrors.department)}
      />
      <ManagerPicker
        value={managerText}
        excludeId={person.id}
        onSeen={onSeen}
        onChange={(text) => {
          setManagerText(text)
          clearField('managerId')
          setIsSaved(false)
        }}
        error={fieldMessage('Manager', fieldErrors.managerId)}
      />
      <div className="form-actions" style={{ paddingTop: 0 }}>
        <Button type="submit" isLoading={update.isPending}>
          Save changes
        </Button>
        <div role="status" aria-live="polite">
          {isSaved ? (
            <Alert tone="success" isLive={false}>
              Changes saved.
            </Alert>
          ) : null}
        </div>
      </div>
    </form>
  )
}
