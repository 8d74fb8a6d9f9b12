import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { formatSpan } from '#contracts/date-format.ts'
import type { Exercise } from '#contracts/exercises.ts'
import type { Session } from '#contracts/sessions.ts'
import type { Workspace } from '#contracts/workspaces.ts'
import { Button } from '#web/components/ui/button.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { LoadingState } from '#web/components/ui/loading-state.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { isApiError } from '#web/lib/api-client.ts'
import { currentReader } from '#web/lib/format.ts'
import { useViewer } from '#web/lib/session.ts'
import { useExerciseLibrary } from '../api/use-exercise-library.ts'
import { useGuideSession } from '../api/use-guide-session.ts'
import { useQuestionBank } from '../api/use-question-bank.ts'
import { useWorkspace } from '../api/use-workspace.ts'
import { GuideRunner } from '../components/guide-runner.tsx'
import { namesList } from '../components/workspace-words.ts'

const techniqueOrder = ['role_play', 'what_if', 'empathy', 'change_of_perspective', 'collaborative_storytelling']

function BackToWorkspace({ matchId }: { matchId: string }) {
  return (
    <Link to="/matches/$matchId" params={{ matchId }} className="back-link">
      ← Back to the workspace
    </Link>
  )
}

/** "Tue, 24 Nov 2026, 14:00–14:45 (Europe/Paris)" in my own zone, from the session's local times. */
function whenForMe(session: Session, viewerId: string): string {
  const mine = session.localTimes.find((item) => item.personId === viewerId) ?? session.localTimes[0]
  const zone = mine?.timeZone ?? session.timeZone
  return `${formatSpan(session.startsAt, session.endsAt, { locale: currentReader().locale, timeZone: zone })} (${zone})`
}

/**
 * The guided session: who coaches and who is coached, the agreed focus, then each chosen
 * exercise's steps one at a time with a timer, its prompts, and questions for the coach.
 */
export function SessionGuidePage({
  matchId,
  sessionId,
  exerciseId,
  onChooseExercise,
}: {
  matchId: string
  sessionId: string
  /** An exercise picked here for a session that has none on its agenda. */
  exerciseId?: string
  onChooseExercise: (exerciseId: string) => void
}) {
  const session = useGuideSession(sessionId)
  const workspace = useWorkspace(matchId)
  const library = useExerciseLibrary()
  const questions = useQuestionBank()

  const failed = [session, workspace, library, questions].find((query) => query.isError)
  if (failed?.isError) {
    const isMissing = isApiError(failed.error, 'not_found')
    return (
      <div className="page-narrow stack">
        <BackToWorkspace matchId={matchId} />
        <PageHeader
          title={isMissing ? 'Session not found' : 'Session guide'}
          description={isMissing ? 'This session does not exist or is not one of your match’s.' : undefined}
        />
        {isMissing ? null : <ErrorState error={failed.error} onRetry={() => failed.refetch()} />}
      </div>
    )
  }
  if (!session.data || !workspace.data || !library.data || !questions.data) {
    return (
      <div className="page-narrow" aria-busy="true">
        <Card>
          <LoadingState label="Loading the session guide…" />
        </Card>
      </div>
    )
  }
  if (session.data.matchId !== matchId) {
    return (
      <div className="page-narrow stack">
        <BackToWorkspace matchId={matchId} />
        <PageHeader title="Session not found" description="This session belongs to another match." />
      </div>
    )
  }
  return (
    <LoadedGuide
      matchId={matchId}
      session={session.data}
      workspace={workspace.data}
      exercises={library.data.exercises}
      questions={questions.data.questions}
      exerciseId={exerciseId}
      onChooseExercise={onChooseExercise}
    />
  )
}

function LoadedGuide({
  matchId,
  session,
  workspace,
  exercises,
  questions,
  exerciseId,
  onChooseExercise,
}: {
  matchId: string
  session: Session
  workspace: Workspace
  exercises: Exercise[]
  questions: Parameters<typeof GuideRunner>[0]['questions']
  exerciseId?: string
  onChooseExercise: (exerciseId: string) => void
}) {
  const viewer = useViewer()
  const byId = new Map(exercises.map((exercise) => [exercise.id, exercise]))
  const chosenIds = session.exerciseIds.length > 0 ? session.exerciseIds : exerciseId ? [exerciseId] : []
  const chosen = chosenIds.map((id) => byId.get(id)).filter((exercise): exercise is Exercise => Boolean(exercise))
  const missing = chosenIds.length - chosen.length
  const nameOf = (personId: string | null) => {
    if (!personId) return null
    if (personId === viewer.id) return 'You'
    return (
      session.localTimes.find((item) => item.personId === personId)?.name ??
      workspace.partners.find((partner) => partner.personId === personId)?.name ??
      'A former member'
    )
  }
  const coach = nameOf(session.coachId)
  const coachee = nameOf(session.coacheeId)
  const isCoach = session.coachId === viewer.id
  const focus = session.focus.trim() || workspace.agreement?.focus || ''
  const partnerNames = namesList(workspace.partners.map((partner) => partner.name))

  return (
    <div className="page stack">
      <BackToWorkspace matchId={matchId} />
      <PageHeader
        title={`Session guide with ${partnerNames}`}
        documentTitle={`Session guide with ${partnerNames}`}
        description={whenForMe(session, viewer.id)}
      />
      <section className="card" aria-labelledby="guide-session-heading">
        <h2 id="guide-session-heading" className="card-title">
          This session
        </h2>
        <dl className="detail-list">
          <dt>Coach</dt>
          <dd>{coach ?? 'Not set'}</dd>
          <dt>Coached</dt>
          <dd>{coachee ?? 'Not set'}</dd>
          <dt>Focus</dt>
          <dd style={{ whiteSpace: 'pre-wrap' }}>
            {focus || 'No focus agreed yet: agree one in the workspace, or name one together now.'}
            {!session.focus.trim() && workspace.agreement?.focus ? (
              <span className="muted"> (from your agreement)</span>
            ) : null}
          </dd>
          {session.agenda.trim() ? (
            <>
              <dt>Agenda</dt>
              <dd style={{ whiteSpace: 'pre-wrap' }}>{session.agenda}</dd>
            </>
          ) : null}
        </dl>
        <p className="muted" style={{ marginBottom: 0 }}>
          {isCoach
            ? 'You coach this time: listen more than you speak, ask open questions, and leave the answers to your partner.'
            : session.coacheeId === viewer.id
              ? 'You are coached this time: bring a real situation and say what you want from the session.'
              : 'Take turns: the coach listens and asks, the coached person explores and decides.'}
        </p>
      </section>
      {missing > 0 ? (
        <p className="muted" style={{ margin: 0 }}>
          {missing === 1 ? 'One exercise' : `${missing} exercises`} on the agenda no longer exist in the library.
        </p>
      ) : null}
      {chosen.length === 0 ? (
        <ExercisePicker exercises={exercises} onChoose={onChooseExercise} />
      ) : (
        <GuideRunner
          key={chosen.map((exercise) => exercise.id).join(',')}
          matchId={matchId}
          exercises={chosen}
          questions={questions}
          isCoach={isCoach}
        />
      )}
    </div>
  )
}

function ExercisePicker({ exercises, onChoose }: { exercises: Exercise[]; onChoose: (exerciseId: string) => void }) {
  const ordered = [...exercises].sort(
    (a, b) =>
      (techniqueOrder.indexOf(a.technique) + 1 || 99) - (techniqueOrder.indexOf(b.technique) + 1 || 99) ||
      Number(b.isBuiltIn) - Number(a.isBuiltIn),
  )
  const [picked, setPicked] = useState(ordered[0]?.id ?? '')
  return (
    <section className="card stack" aria-labelledby="guide-pick-heading">
      <h2 id="guide-pick-heading" className="card-title" style={{ margin: 0 }}>
        Choose an exercise
      </h2>
      <p style={{ margin: 0 }}>
        This session has no exercise on its agenda. Pick one to be guided through it step by step; role playing is a
        good start when the coached person has a conversation ahead of them.
      </p>
      {ordered.length === 0 ? (
        <p className="muted">The exercise library is empty.</p>
      ) : (
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault()
            if (picked) onChoose(picked)
          }}
        >
          <fieldset className="fieldset">
            <legend>Exercise</legend>
            <div className="stack" style={{ gap: 12 }}>
              {ordered.map((exercise) => (
                <label key={exercise.id} className="checkbox" style={{ alignItems: 'flex-start' }}>
                  <input
                    type="radio"
                    name="exercise"
                    value={exercise.id}
                    checked={picked === exercise.id}
                    onChange={() => setPicked(exercise.id)}
                  />
                  <span>
                    <strong>{exercise.title}</strong> <span className="muted">· {exercise.durationMinutes} min</span>
                    <br />
                    <span className="muted">{exercise.purpose}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <div>
            <Button type="submit">Start the guide</Button>
          </div>
        </form>
      )}
    </section>
  )
}
