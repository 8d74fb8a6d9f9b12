import type { ReactNode } from 'react'

export function EmptyState({
  title,
  children,
  action,
  icon,
  headingLevel = 2,
}: {
  title: string
  children?: ReactNode
  action?: ReactNode
  icon?: ReactNode
  headingLevel?: 2 | 3
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <div className="empty-state">
      {icon ? (
        <span className="empty-state-icon" aria-hidden="true">
          {icon}
        </span>
      ) : null}
      <Heading>{title}</Heading>
      {children ? <div>{children}</div> : null}
      {action}
    </div>
  )
}
