import { useState } from 'react'
import { Button } from '#web/components/ui/button.tsx'

/**
 * A "Delete" button that asks once more in place ("Yes, delete" / "Keep it") instead of a browser
 * confirm box; focus moves to the question and back to "Delete" when kept.
 */
export function ConfirmDelete({
  id,
  label,
  question,
  isPending,
  onConfirm,
}: {
  /** The "Delete" button's id (focus returns to it). */
  id: string
  /** Accessible name of the "Delete" button, naming what it deletes. */
  label: string
  question: string
  isPending: boolean
  onConfirm: () => void
}) {
  const [isAsking, setIsAsking] = useState(false)
  if (!isAsking) {
    return (
      <Button id={id} variant="ghost" size="small" aria-label={label} onClick={() => setIsAsking(true)}>
        Delete
      </Button>
    )
  }
  return (
    <div className="row">
      <span id={`${id}-question`}>{question}</span>
      <Button variant="danger" size="small" autoFocus isLoading={isPending} onClick={onConfirm}>
        Yes, delete
      </Button>
      <Button
        variant="secondary"
        size="small"
        onClick={() => {
          setIsAsking(false)
          requestAnimationFrame(() => document.getElementById(id)?.focus())
        }}
      >
        Keep it
      </Button>
    </div>
  )
}
