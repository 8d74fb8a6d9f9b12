import { formatNumber } from '#web/lib/format.ts'
import { Button } from './button.tsx'

export function Pagination({
  page,
  pageSize,
  total,
  onPageChange,
  label = 'Pagination',
}: {
  page: number
  pageSize: number
  total: number
  onPageChange: (page: number) => void
  label?: string
}) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize))
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1
  const last = Math.min(total, page * pageSize)
  return (
    <nav className="pagination" aria-label={label}>
      <p className="muted" style={{ margin: 0 }}>
        Showing {formatNumber(first)}–{formatNumber(last)} of {formatNumber(total)} · Page {page} of {pageCount}
      </p>
      <div className="pagination-buttons">
        <Button variant="secondary" size="small" disabled={page <= 1} onClick={() => onPageChange(page - 1)}>
          Previous page
        </Button>
        <Button variant="secondary" size="small" disabled={page >= pageCount} onClick={() => onPageChange(page + 1)}>
          Next page
        </Button>
      </div>
    </nav>
  )
}
