import { Link } from '@tanstack/react-router'
import { type FormEvent, useState } from 'react'
import type { EmailCategory, EmailPreferences } from '#contracts/notifications.ts'
import { FormErrorSummary } from '#web/components/ui/alert.tsx'
import { Announcement } from '#web/components/ui/announcement.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { useEmailPreferences } from '../api/use-email-preferences.ts'
import { useUpdateEmailPreferences } from '../api/use-update-email-preferences.ts'

function PreferencesForm({ preferences }: { preferences: EmailPreferences }) {
  const update = useUpdateEmailPreferences()
  const [enabled, setEnabled] = useState<Record<EmailCategory, boolean>>(
    () =>
      Object.fromEntries(preferences.categories.map((c) => [c.category, c.isEnabled])) as Record<
        EmailCategory,
        boolean
      >,
  )
  const [announcement, setAnnouncement] = useState<string | null>(null)

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    setAnnouncement(null)
    update.mutate(
      { categories: preferences.categories.map((c) => ({ category: c.category, isEnabled: enabled[c.category] })) },
      {
        onSuccess: () => setAnnouncement('Your email preferences are saved.'),
      },
    )
  }

  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <FormErrorSummary message={update.isError ? errorMessage(update.error) : null} />
      <fieldset className="fieldset">
        <legend>Email me about</legend>
        <ul className="stack" style={{ listStyle: 'none', padding: 0, margin: 0, gap: 12 }}>
          {preferences.categories.map((c) => {
            const inputId = `email-category-${c.category}`
            const hintId = `${inputId}-hint`
            return (
              <li key={c.category}>
                <label className="checkbox" htmlFor={inputId}>
                  <input
                    type="checkbox"
                    id={inputId}
                    name={c.category}
                    checked={enabled[c.category]}
                    aria-describedby={hintId}
                    onChange={(event) => {
                      setAnnouncement(null)
                      setEnabled((current) => ({ ...current, [c.category]: event.target.checked }))
                    }}
                  />
                  <span>{c.label}</span>
                </label>
                <p id={hintId} className="field-hint" style={{ marginLeft: 26 }}>
                  {c.description}
                </p>
              </li>
            )
          })}
        </ul>
      </fieldset>
      <p className="field-hint">
        Notifications inside Tandem always arrive. Invitations and password resets are always emailed.
      </p>
      <div className="row">
        <Button type="submit" isLoading={update.isPending}>
          Save email preferences
        </Button>
      </div>
      <Announcement message={announcement} />
    </form>
  )
}

/** Each person chooses which emails Tandem sends them. */
export function EmailPreferencesPage() {
  const preferences = useEmailPreferences()
  return (
    <div className="page-narrow" aria-busy={preferences.isPending || undefined}>
      <PageHeader
        title="Email preferences"
        description="Choose which emails Tandem sends you. Every email also has a link to stop emails like it."
      />
      <Card>
        {preferences.isError ? (
          <ErrorState error={preferences.error} onRetry={() => preferences.refetch()} />
        ) : !preferences.data ? (
          <SkeletonRows rows={6} label="Loading your email preferences…" />
        ) : (
          <PreferencesForm preferences={preferences.data} />
        )}
      </Card>
      <p style={{ marginTop: 16 }}>
        <Link to="/notifications">Back to notifications</Link>
      </p>
    </div>
  )
}
