import { Fragment, useState } from 'react'
import type { Feedback } from '#contracts/feedback.ts'
import { privacyNotice } from '#contracts/privacy-notices.ts'
import type { Workspace } from '#contracts/workspaces.ts'
import { Announcement } from '#web/components/ui/announcement.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { formatDateTime } from '#web/lib/format.ts'
import { useMatchFeedback } from '../api/use-match-feedback.ts'
import { usePrivacyThreshold } from '../api/use-privacy-threshold.ts'
import { dueKey, RATINGS, TEXT_FIELDS } from './feedback-fields.ts'
import { GiveFeedbackForm } from './give-feedback-form.tsx'
import { partnerWords } from './partner-words.ts'

/** Structured feedback after each session: give it with a wording check, read what you received. */
export function FeedbackSection({ matchId, workspace }: { matchId: string; workspace: Workspace }) {
  const threshold = usePrivacyThreshold()
  const feedback = useMatchFeedback(matchId)
  const [announcement, setAnnouncement] = useState<string | null>(null)

  return (
    <section className="card stack" aria-labelledby="feedback-heading">
      <h2 id="feedback-heading" className="card-title" style={{ margin: 0 }}>
        Feedback
      </h2>
      <p className="muted" style={{ margin: 0 }}>
        After each session, tell each other what worked and what to try next.{' '}
        <span data-privacy-notice="feedback">{privacyNotice('feedback', threshold, partnerWords(workspace))}</span>
      </p>
      <Announcement message={announcement} />
      {feedback.isError ? (
        <ErrorState
          error={feedback.error}
          onRetry={() => feedback.refetch()}
          title="The feedback could not be loaded"
        />
      ) : !feedback.data ? (
        <div aria-busy="true">
          <SkeletonRows rows={3} label="Loading the feedback…" />
        </div>
      ) : (
        <>
          {feedback.data.due.length === 0 ? (
            <p className="muted" style={{ margin: 0 }}>
              No session is waiting for your feedback. Feedback opens once a session has started or is marked held.
            </p>
          ) : (
            <GiveFeedbackForm
              key={feedback.data.due.map(dueKey).join(',')}
              matchId={matchId}
              due={feedback.data.due}
              onSent={(sent) => {
                setAnnouncement(`Your feedback for ${sent.receiverName} is sent.`)
                requestAnimationFrame(() => document.getElementById('feedback-received-heading')?.focus())
              }}
            />
          )}
          <FeedbackList
            id="feedback-received-heading"
            title="Feedback you received"
            empty="No feedback received yet."
            items={feedback.data.received}
            who={(item) => `From ${item.giverName ?? 'a former member'}`}
          />
          {feedback.data.given.length > 0 ? (
            <details>
              <summary>Feedback you gave ({feedback.data.given.length})</summary>
              <FeedbackList
                id="feedback-given-heading"
                title="Feedback you gave"
                empty=""
                items={feedback.data.given}
                who={(item) => `To ${item.receiverName}`}
              />
            </details>
          ) : null}
        </>
      )}
    </section>
  )
}

function FeedbackList({
  id,
  title,
  empty,
  items,
  who,
}: {
  id: string
  title: string
  empty: string
  items: Feedback[]
  who: (item: Feedback) => string
}) {
  return (
    <section className="stack" aria-labelledby={id}>
      <h3 id={id} className="subheading" tabIndex={-1}>
        {title}
      </h3>
      {items.length === 0 ? (
        <p className="muted" style={{ margin: 0 }}>
          {empty}
        </p>
      ) : (
        <ul className="plain-list stack">
          {items.map((item) => (
            <li key={item.id} className="card stack" style={{ gap: 8 }}>
              <p className="muted" style={{ margin: 0 }}>
                <strong>{who(item)}</strong> · session of {formatDateTime(item.sessionStartsAt)}
              </p>
              <dl className="detail-list">
                {TEXT_FIELDS.filter(({ field }) => item[field]).map(({ field, label }) => (
                  <Fragment key={field}>
                    <dt>{label}</dt>
                    <dd style={{ whiteSpace: 'pre-wrap' }}>{item[field]}</dd>
                  </Fragment>
                ))}
                {RATINGS.map(({ key, legend }) => (
                  <Fragment key={key}>
                    <dt>{legend}</dt>
                    <dd>{item.ratings[key]} out of 5</dd>
                  </Fragment>
                ))}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
