import { Button } from './button.tsx'

/** Previous and next for a list paged by cursor (no page numbers: a page costs the same at any depth). */
export function CursorPagination({
  summary,
  hasPrevious,
  hasNext,
  onPrevious,
  onNext,
  label = 'Pagination',
}: {
  summary: string
  hasPrevious: boolean
  hasNext: boolean
  onPrevious: () => void
  onNext: () => void
  label?: string
}) {
  return (
    <nav className="pagination" aria-label={label}>
      <p className="muted" style={{ margin: 0 }}>
        {summary}
      </p>
      <div className="pagination-buttons">
        <Button variant="secondary" size="small" disabled={!hasPrevious} onClick={onPrevious}>
          Previous page
        </Button>
        <Button variant="secondary" size="small" disabled={!hasNext} onClick={onNext}>
          Next page
        </Button>
      </div>
    </nav>
  )
}
