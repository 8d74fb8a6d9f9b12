import { useEffect, useState } from 'react'
import type { Theme } from '#contracts/themes.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { ConfirmDialog } from '#web/components/ui/dialog.tsx'
import { EmptyState } from '#web/components/ui/empty-state.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { ItemActions } from '#web/components/ui/item-actions.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { focusPageHeading } from '#web/lib/focus.ts'
import { plural } from '#web/lib/format.ts'
import { useThemes } from '#web/lib/use-themes.ts'
import { useDeleteTheme } from '../api/use-delete-theme.ts'
import { AddThemeForm } from '../components/add-theme-form.tsx'
import { EditThemeDialog } from '../components/edit-theme-dialog.tsx'

function servedBy(count: number): string {
  return count === 0 ? 'No program serves it yet.' : `Served by ${plural(count, 'program', 'programs')}.`
}

/**
 * The organization's themes, its shared vision, which programs serve. Everyone who runs programs
 * reads them; only admins add, edit and delete them (the API's rule).
 */
export function ThemesPage({ canManage }: { canManage: boolean }) {
  const themes = useThemes()
  const remove = useDeleteTheme()
  const [editing, setEditing] = useState<Theme | null>(null)
  const [deleting, setDeleting] = useState<Theme | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [deletedId, setDeletedId] = useState<string | null>(null)
  const list = themes.data?.themes ?? []

  // The deleted theme's button had focus; once it leaves the list, focus goes back to the page's heading.
  useEffect(() => {
    if (!deletedId || themes.data?.themes.some((theme) => theme.id === deletedId)) return
    setDeletedId(null)
    focusPageHeading()
  }, [deletedId, themes.data])

  function closeDelete() {
    setDeleting(null)
    remove.reset()
  }

  function confirmDelete() {
    if (!deleting) return
    const theme = deleting
    remove.mutate(theme.id, {
      onSuccess: (result) => {
        closeDelete()
        setDeletedId(theme.id)
        setNotice(
          result.programsDetached > 0
            ? `${theme.name} is deleted. ${plural(result.programsDetached, 'program no longer serves', 'programs no longer serve')} a theme.`
            : `${theme.name} is deleted.`,
        )
      },
    })
  }

  const listing = (
    <div className="stack" aria-busy={themes.isPending || undefined}>
      {/* Opening a dialog clears the notice, so each new one mounts and is announced. */}
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {themes.isError ? (
        <ErrorState error={themes.error} onRetry={() => themes.refetch()} />
      ) : !themes.data ? (
        <Card>
          <SkeletonRows rows={5} label="Loading themes…" />
        </Card>
      ) : list.length === 0 ? (
        <Card>
          <EmptyState title="No themes yet">
            <p>
              {canManage
                ? 'Add the first theme with the form. Program managers then choose the theme each program serves.'
                : 'An admin adds the themes; you then choose the theme each program serves.'}
            </p>
          </EmptyState>
        </Card>
      ) : (
        <Card isFlush>
          <ul className="catalogue-list" aria-label="Themes">
            {list.map((theme) => (
              <li key={theme.id} className="catalogue-item" style={{ alignItems: 'flex-start', padding: '12px 16px' }}>
                <article className="stack" style={{ gap: 4, minWidth: 0 }} aria-labelledby={`theme-${theme.id}`}>
                  <h2 id={`theme-${theme.id}`} className="subheading">
                    {theme.name}
                  </h2>
                  {theme.description ? <p style={{ margin: 0, whiteSpace: 'pre-line' }}>{theme.description}</p> : null}
                  <p className="muted" style={{ margin: 0 }}>
                    {servedBy(theme.programCount)}
                  </p>
                </article>
                {canManage ? (
                  <ItemActions
                    itemName={theme.name}
                    onEdit={() => {
                      setNotice(null)
                      setEditing(theme)
                    }}
                    onDelete={() => {
                      setNotice(null)
                      setDeleting(theme)
                    }}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  )

  return (
    <div className="page">
      <PageHeader
        title="Themes"
        description={
          canManage
            ? "Your organization's shared vision. Each program serves one theme, and the organization overview shows the programs and goals behind each."
            : "Your organization's shared vision, set by its admins. Each program serves one theme."
        }
      />
      {canManage ? (
        <div className="sidebar-layout">
          {listing}
          <Card>
            <AddThemeForm />
          </Card>
        </div>
      ) : (
        listing
      )}

      <EditThemeDialog
        theme={editing}
        onClose={() => setEditing(null)}
        onSaved={(theme) => {
          setEditing(null)
          setNotice(`${theme.name} is saved.`)
        }}
      />
      <ConfirmDialog
        isOpen={deleting !== null}
        title={`Delete ${deleting?.name ?? 'theme'}?`}
        confirmLabel="Delete theme"
        tone="danger"
        isPending={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : null}
        onClose={closeDelete}
        onConfirm={confirmDelete}
      >
        {deleting && deleting.programCount > 0 ? (
          <Alert tone="warning" title="Programs serve this theme" isLive={false}>
            <p style={{ margin: 0 }}>
              {plural(deleting.programCount, 'program serves', 'programs serve')} it. Deleting the theme leaves{' '}
              {deleting.programCount === 1 ? 'it' : 'them'} without one; they keep running. This cannot be undone.
            </p>
          </Alert>
        ) : (
          <p style={{ margin: 0 }}>No program serves it. This cannot be undone.</p>
        )}
      </ConfirmDialog>
    </div>
  )
}
