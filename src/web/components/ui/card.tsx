import type { ReactNode } from 'react'

export function Card({
  title,
  children,
  isFlush = false,
  headingLevel = 2,
  className,
  labelledBy,
}: {
  title?: ReactNode
  children: ReactNode
  isFlush?: boolean
  headingLevel?: 2 | 3
  className?: string
  labelledBy?: string
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <section
      className={['card', isFlush ? 'card-flush' : '', className].filter(Boolean).join(' ')}
      aria-labelledby={labelledBy}
    >
      {title ? (
        <Heading className="card-title" id={labelledBy}>
          {title}
        </Heading>
      ) : null}
      {children}
    </section>
  )
}
