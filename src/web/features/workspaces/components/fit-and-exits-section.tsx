import { useState } from 'react'
import type { FitAndExits } from '#contracts/fit-and-exits.ts'
import { privacyNotice } from '#contracts/privacy-notices.ts'
import type { Workspace } from '#contracts/workspaces.ts'
import { Announcement } from '#web/components/ui/announcement.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { LoadingState } from '#web/components/ui/loading-state.tsx'
import { formatDate } from '#web/lib/format.ts'
import { useFitAndExits } from '../api/use-fit-and-exits.ts'
import { usePrivacyThreshold } from '../api/use-privacy-threshold.ts'
import { ClosingSurvey } from './closing-survey.tsx'
import { EndTheMatch } from './end-the-match.tsx'
import { FitQuestion, Repairing } from './fit-question.tsx'
import { partnerWords } from './partner-words.ts'

/** Pairing fit, re-pairing, completing or ending the match, and the closing survey: the viewer's own answers only. */
export function FitAndExitsSection({ matchId, workspace }: { matchId: string; workspace: Workspace }) {
  const state = useFitAndExits(matchId)
  const threshold = usePrivacyThreshold()
  const [announcement, setAnnouncement] = useState<string | null>(null)
  return (
    <section className="card stack" aria-labelledby="fit-and-exits-heading">
      <h2 id="fit-and-exits-heading" className="card-title">
        How the pairing is going
      </h2>
      <Announcement message={announcement} />
      {state.isError ? (
        <ErrorState error={state.error} onRetry={() => state.refetch()} />
      ) : !state.data ? (
        <LoadingState label="Loading…" />
      ) : (
        <>
          <MatchEnd state={state.data} />
          <FitQuestion
            matchId={matchId}
            state={state.data}
            notice={privacyNotice('fit', threshold, partnerWords(workspace))}
            onDone={setAnnouncement}
          />
          <Repairing matchId={matchId} state={state.data} partner={partnerWords(workspace)} onDone={setAnnouncement} />
          <EndTheMatch
            matchId={matchId}
            state={state.data}
            partner={partnerWords(workspace)}
            onDone={setAnnouncement}
          />
          <ClosingSurvey
            matchId={matchId}
            state={state.data}
            notice={privacyNotice('closing_survey', threshold, partnerWords(workspace))}
            onDone={setAnnouncement}
          />
        </>
      )}
    </section>
  )
}

function MatchEnd({ state }: { state: FitAndExits }) {
  if (state.matchStatus === 'completed') {
    return <p style={{ margin: 0 }}>This match was completed on {formatDate(state.endedAt)}.</p>
  }
  if (state.matchStatus === 'dissolved') {
    return <p style={{ margin: 0 }}>This match ended on {formatDate(state.endedAt)}.</p>
  }
  if (state.matchStatus === 'published') {
    return (
      <p className="muted" style={{ margin: 0 }}>
        Once everyone has accepted the match, you can tell us how it fits, ask to be re-paired or end it here.
      </p>
    )
  }
  return null
}
