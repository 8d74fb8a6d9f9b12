import { useEffect, useRef } from 'react'
import type { UnmatchedPerson } from '#contracts/matching.ts'
import { Button } from '#web/components/ui/button.tsx'
import { Card } from '#web/components/ui/card.tsx'

/** The people left unmatched, with why, a page at a time ("Show more" moves focus to the first added). */
export function UnmatchedCard({
  unmatched,
  total,
  isLoadingMore,
  isPlaceholderData,
  onShowMore,
}: {
  unmatched: UnmatchedPerson[]
  total: number
  isLoadingMore: boolean
  /** True while the list shown is not yet the one asked for (loading, or the previous page kept). */
  isPlaceholderData: boolean
  /** Asks for the next page after the `shown` people. */
  onShowMore: (shown: number) => void
}) {
  // After "Show more", focus goes to the first person added (the button may be gone by then).
  const firstAddedIndex = useRef<number | null>(null)
  useEffect(() => {
    const index = firstAddedIndex.current
    if (index === null || isPlaceholderData) return
    firstAddedIndex.current = null
    const added = unmatched[index]
    if (added) document.getElementById(`unmatched-${added.personId}`)?.focus()
  }, [unmatched, isPlaceholderData])

  return (
    <Card title={`Unmatched (${total})`} labelledBy="unmatched-heading" headingLevel={3}>
      {unmatched.length === 0 ? (
        <p className="muted">Everyone enrolled is matched or proposed.</p>
      ) : (
        <ul className="unmatched-list" aria-label="Unmatched people">
          {unmatched.map((person) => (
            <li key={person.personId} id={`unmatched-${person.personId}`} tabIndex={-1}>
              <span className="match-member-name">{person.name}</span>
              <span className="muted"> · {[person.title, person.department].filter(Boolean).join(' · ')}</span>
              <span className="unmatched-reason">{person.reasonText}</span>
            </li>
          ))}
        </ul>
      )}
      {unmatched.length < total ? (
        <div className="row" style={{ marginTop: 12 }}>
          <span className="muted" id="unmatched-shown">
            Showing {unmatched.length} of {total}
          </span>
          <Button
            variant="secondary"
            aria-describedby="unmatched-shown"
            isLoading={isLoadingMore}
            onClick={() => {
              firstAddedIndex.current = unmatched.length
              onShowMore(unmatched.length)
            }}
          >
            Show more
          </Button>
        </div>
      ) : null}
    </Card>
  )
}
