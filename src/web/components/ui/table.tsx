import type { ReactNode } from 'react'

/** A scrollable table with a caption (visible or for screen readers only). */
export function Table({
  caption,
  isCaptionHidden = false,
  children,
  isBusy = false,
  className,
}: {
  caption: ReactNode
  isCaptionHidden?: boolean
  children: ReactNode
  isBusy?: boolean
  className?: string
}) {
  return (
    <section
      className="table-wrap"
      aria-label={typeof caption === 'string' ? caption : undefined}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling table must be reachable by keyboard (WCAG 2.1.1)
      tabIndex={0}
    >
      <table className={['table', className].filter(Boolean).join(' ')} aria-busy={isBusy || undefined}>
        <caption className={isCaptionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
        {children}
      </table>
    </section>
  )
}
