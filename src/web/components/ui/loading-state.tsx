import { Spinner } from './spinner.tsx'

/** A polite live region saying what is loading; use inside a region marked aria-busy. */
export function LoadingState({ label = 'Loading…', isPage = false }: { label?: string; isPage?: boolean }) {
  return (
    <div className={isPage ? 'loading-state loading-page' : 'loading-state'} role="status" aria-live="polite">
      <span className="row">
        <Spinner />
        <span>{label}</span>
      </span>
    </div>
  )
}

/** Grey placeholder lines while a list loads. */
export function SkeletonRows({ rows = 5, label = 'Loading…' }: { rows?: number; label?: string }) {
  return (
    <div className="skeleton-rows" role="status" aria-live="polite">
      <span className="visually-hidden">{label}</span>
      {Array.from({ length: rows }, (_, index) => (
        <span
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
          key={index}
          className="skeleton"
          style={{ width: `${90 - ((index * 17) % 40)}%` }}
          aria-hidden="true"
        />
      ))}
    </div>
  )
}
