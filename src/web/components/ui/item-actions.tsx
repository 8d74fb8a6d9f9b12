import { Button } from './button.tsx'

/** A catalogue row's two actions, each named with the item for screen readers ("Rename Public speaking"). */
export function ItemActions({
  itemName,
  editLabel = 'Edit',
  onEdit,
  onDelete,
}: {
  itemName: string
  editLabel?: string
  onEdit: () => void
  onDelete: () => void
}) {
  return (
    <span className="catalogue-item-actions">
      <Button variant="ghost" size="small" aria-label={`${editLabel} ${itemName}`} onClick={onEdit}>
        {editLabel}
      </Button>
      <Button variant="ghost" size="small" aria-label={`Delete ${itemName}`} onClick={onDelete}>
        Delete
      </Button>
    </span>
  )
}
