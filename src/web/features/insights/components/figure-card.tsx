import type { ReactNode } from 'react'
import type { InsightFigure } from '#contracts/insights.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { buttonClassName } from '#web/components/ui/button.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { insightCsvUrl } from './insight-words.ts'

export interface Privacy {
  people: number
  isHidden: boolean
  hiddenReason: string | null
}

/** One figure of the dashboard: what it measures, the figure or why it is hidden, and its CSV. */
export function FigureCard({
  programId,
  figure,
  title,
  description,
  privacy,
  children,
}: {
  programId: string
  figure: InsightFigure
  title: string
  description: ReactNode
  /** Null for lists that are not aggregates (the at-risk matches). */
  privacy: Privacy | null
  children: ReactNode
}) {
  const headingId = `insight-${figure}-heading`
  return (
    <Card title={title} labelledBy={headingId} className="insight-card">
      <p className="muted" style={{ margin: 0 }}>
        {description}
      </p>
      {privacy?.isHidden ? (
        <Alert
          tone="info"
          title={privacy.people === 0 ? 'Nothing to show yet' : 'Hidden to protect privacy'}
          isLive={false}
        >
          <p>{privacy.hiddenReason}</p>
        </Alert>
      ) : (
        children
      )}
      <div className="row" style={{ justifyContent: 'space-between', gap: 8 }}>
        {privacy && !privacy.isHidden ? (
          <span className="muted" style={{ fontSize: '0.8125rem' }}>
            Counts {privacy.people === 1 ? '1 person' : `${privacy.people} people`}
          </span>
        ) : (
          <span />
        )}
        <a href={insightCsvUrl(programId, figure)} className={buttonClassName('secondary', { size: 'small' })} download>
          Download CSV<span className="visually-hidden"> of {title.toLowerCase()}</span>
        </a>
      </div>
    </Card>
  )
}

/** The figure people read first, large, with what it means beside it. */
export function Headline({ value, children }: { value: string; children: ReactNode }) {
  return (
    <p className="insight-headline" style={{ margin: 0 }}>
      <strong style={{ fontSize: '2rem', lineHeight: 1.1, marginRight: 8 }}>{value}</strong>
      <span>{children}</span>
    </p>
  )
}
