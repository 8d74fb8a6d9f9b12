import { type FormEvent, useRef, useState } from 'react'
import { type Invitation, InvitationBodySchema } from '#contracts/auth.ts'
import { ROLES } from '#contracts/people.ts'
import { FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Dialog, DialogActions } from '#web/components/ui/dialog.tsx'
import { SelectField } from '#web/components/ui/select-field.tsx'
import { TextField } from '#web/components/ui/text-field.tsx'
import { roleLabel } from '#web/lib/format.ts'
import { fieldMessage, useFormErrors, validateWith } from '#web/lib/forms.ts'
import { useInvitePerson } from '../api/use-invite-person.ts'

const roleOptions = [...ROLES].reverse().map((role) => ({ value: role, label: roleLabel(role) }))

export function InvitePersonDialog({
  isOpen,
  onClose,
  onInvited,
}: {
  isOpen: boolean
  onClose: () => void
  onInvited: (invitation: Invitation) => void
}) {
  return (
    <Dialog
      isOpen={isOpen}
      title="Invite a person"
      description="They get an email with a link to set their password. The link works once."
      onClose={onClose}
    >
      {isOpen ? <InviteForm onCancel={onClose} onInvited={onInvited} /> : null}
    </Dialog>
  )
}

function InviteForm({ onCancel, onInvited }: { onCancel: () => void; onInvited: (invitation: Invitation) => void }) {
  const invite = useInvitePerson()
  const formRef = useRef<HTMLFormElement>(null)
  const { fieldErrors, formError, fail, failWith, clearField } = useFormErrors(formRef)
  const [values, setValues] = useState({ name: '', email: '', role: 'participant' })

  function update(name: keyof typeof values, value: string) {
    setValues((current) => ({ ...current, [name]: value }))
    clearField(name)
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    const result = validateWith(InvitationBodySchema, values)
    if (result.errors) return fail(result.errors)
    invite.mutate(result.data, {
      onSuccess: onInvited,
      onError: (error) => {
        failWith(error, ['name', 'email', 'role'], { email_taken: 'email' })
      },
    })
  }

  return (
    <form ref={formRef} className="stack" onSubmit={onSubmit} noValidate>
      <FormErrorSummary message={formError} />
      <TextField
        label="Name"
        name="name"
        autoComplete="off"
        value={values.name}
        onChange={(event) => update('name', event.target.value)}
        error={fieldMessage('Name', fieldErrors.name)}
        required
      />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="off"
        value={values.email}
        onChange={(event) => update('email', event.target.value)}
        error={fieldMessage('Email', fieldErrors.email)}
        required
      />
      <SelectField
        label="Role"
        name="role"
        hint="Program managers run programs; admins also manage people and settings."
        options={roleOptions}
        value={values.role}
        onChange={(event) => update('role', event.target.value)}
        error={fieldMessage('Role', fieldErrors.role)}
      />
      <DialogActions>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" isLoading={invite.isPending}>
          Send invitation
        </Button>
      </DialogActions>
    </form>
  )
}
