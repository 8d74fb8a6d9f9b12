import { useMemo, useState } from 'react'
import type { Skill } from '#contracts/skills.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { ConfirmDialog } from '#web/components/ui/dialog.tsx'
import { EmptyState } from '#web/components/ui/empty-state.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { ItemActions } from '#web/components/ui/item-actions.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { errorMessage, isApiError } from '#web/lib/api-client.ts'
import { plural } from '#web/lib/format.ts'
import { useDeleteSkill } from '../api/use-delete-skill.ts'
import { useSkills } from '../api/use-skills.ts'
import { AddSkillForm } from '../components/add-skill-form.tsx'
import { RenameSkillDialog } from '../components/rename-skill-dialog.tsx'

function byCategory(skills: Skill[]): [string, Skill[]][] {
  const groups = new Map<string, Skill[]>()
  for (const skill of skills) groups.set(skill.category, [...(groups.get(skill.category) ?? []), skill])
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([category, items]) => [category, items.sort((a, b) => a.name.localeCompare(b.name))])
}

/** The organization's skill catalogue, which profiles and programs choose from. */
export function SkillsPage() {
  const skills = useSkills()
  const remove = useDeleteSkill()
  const [renaming, setRenaming] = useState<Skill | null>(null)
  const [deleting, setDeleting] = useState<Skill | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const groups = useMemo(() => byCategory(skills.data?.skills ?? []), [skills.data])
  const isInUse = isApiError(remove.error, 'skill_in_use')

  function closeDelete() {
    setDeleting(null)
    remove.reset()
  }

  function confirmDelete() {
    if (!deleting) return
    const skill = deleting
    remove.mutate(
      { skillId: skill.id, force: isInUse },
      {
        onSuccess: (result) => {
          closeDelete()
          setNotice(
            result.removedFromProfiles > 0
              ? `${skill.name} is deleted and removed from ${plural(result.removedFromProfiles, 'profile', 'profiles')}.`
              : `${skill.name} is deleted.`,
          )
        },
      },
    )
  }

  return (
    <div className="page">
      <PageHeader
        title="Skills"
        description="The skills people offer and want to grow. Matching pairs people on them, so keep the list short and clear."
      />
      <div className="sidebar-layout">
        <div className="stack" aria-busy={skills.isPending || undefined}>
          {notice ? <Alert tone="success">{notice}</Alert> : null}
          {skills.isError ? (
            <ErrorState error={skills.error} onRetry={() => skills.refetch()} />
          ) : !skills.data ? (
            <Card>
              <SkeletonRows rows={8} label="Loading skills…" />
            </Card>
          ) : groups.length === 0 ? (
            <Card>
              <EmptyState title="No skills yet">
                <p>Add the first skill with the form. People choose from this list on their profile.</p>
              </EmptyState>
            </Card>
          ) : (
            groups.map(([category, items]) => (
              <Card key={category} isFlush className="catalogue-group">
                <div>
                  <h2 className="card-title" style={{ padding: '16px 16px 0', marginBottom: 8 }}>
                    {category}{' '}
                    <span className="muted" style={{ fontWeight: 400 }}>
                      ({items.length})
                    </span>
                  </h2>
                  <ul className="catalogue-list">
                    {items.map((skill) => (
                      <li key={skill.id} className="catalogue-item">
                        <span>{skill.name}</span>
                        <ItemActions
                          itemName={skill.name}
                          editLabel="Rename"
                          onEdit={() => setRenaming(skill)}
                          onDelete={() => setDeleting(skill)}
                        />
                      </li>
                    ))}
                  </ul>
                </div>
              </Card>
            ))
          )}
        </div>
        <Card>
          <AddSkillForm categories={groups.map(([category]) => category)} />
        </Card>
      </div>

      <RenameSkillDialog
        skill={renaming}
        onClose={() => {
          const name = renaming?.name
          setRenaming(null)
          if (name) setNotice(null)
        }}
      />
      <ConfirmDialog
        isOpen={deleting !== null}
        title={`Delete ${deleting?.name ?? 'skill'}?`}
        confirmLabel={isInUse ? 'Delete anyway' : 'Delete'}
        tone="danger"
        isPending={remove.isPending}
        error={remove.isError && !isInUse ? errorMessage(remove.error) : null}
        onClose={closeDelete}
        onConfirm={confirmDelete}
      >
        {isInUse ? (
          <Alert tone="warning" title="This skill is on people's profiles">
            <p>{errorMessage(remove.error)} Deleting it anyway removes it from those profiles.</p>
          </Alert>
        ) : (
          <p style={{ margin: 0 }}>It disappears from the catalogue. This cannot be undone.</p>
        )}
      </ConfirmDialog>
    </div>
  )
}
