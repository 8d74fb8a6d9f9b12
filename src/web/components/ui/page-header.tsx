import { type ReactNode, useEffect, useRef } from 'react'
import { takePendingHeadingFocus } from '#web/lib/focus.ts'

/** The page's one <h1>; it takes focus after a navigation so screen readers start at the new page. */
export function PageHeader({
  title,
  description,
  actions,
  documentTitle,
}: {
  title: string
  description?: ReactNode
  actions?: ReactNode
  /** Defaults to the title. */
  documentTitle?: string
}) {
  const headingRef = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (takePendingHeadingFocus()) headingRef.current?.focus()
  }, [])
  const pageTitle = documentTitle ?? title
  useEffect(() => {
    document.title = `${pageTitle} · Tandem`
  }, [pageTitle])
  return (
    <div className="page-header">
      <div className="page-header-text">
        <h1 ref={headingRef} tabIndex={-1}>
          {title}
        </h1>
        {description ? <p>{description}</p> : null}
      </div>
      {actions ? <div className="page-header-actions">{actions}</div> : null}
    </div>
  )
}
