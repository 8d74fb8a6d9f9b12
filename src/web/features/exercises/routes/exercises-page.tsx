import { Card } from '#web/components/ui/card.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { useCoachingQuestions } from '../api/use-coaching-questions.ts'
import { useExercises } from '../api/use-exercises.ts'
import { AddExerciseForm } from '../components/add-exercise-form.tsx'
import { ExerciseCard } from '../components/exercise-card.tsx'
import { QuestionBank } from '../components/question-bank.tsx'

/** The exercise library: the five techniques of peer coaching and the question bank for the coach. */
export function ExercisesPage({ canManage }: { canManage: boolean }) {
  const exercises = useExercises()
  const questions = useCoachingQuestions()
  return (
    <div className="page-narrow stack-lg">
      <PageHeader
        title="Exercise library"
        description="Five peer-coaching techniques to run in a session, each with its purpose, steps and timing, prompts and worked scenarios, and a bank of questions for whoever coaches."
      />
      <section className="stack" aria-labelledby="exercises-heading">
        <h2 id="exercises-heading" style={{ margin: 0 }}>
          Exercises
        </h2>
        {exercises.isError ? (
          <ErrorState error={exercises.error} onRetry={() => exercises.refetch()} />
        ) : !exercises.data ? (
          <Card>
            <SkeletonRows rows={5} label="Loading the exercises…" />
          </Card>
        ) : (
          exercises.data.exercises.map((exercise) => (
            <ExerciseCard key={exercise.id} exercise={exercise} canManage={canManage} />
          ))
        )}
        {canManage ? <AddExerciseForm /> : null}
      </section>
      <section className="stack" aria-labelledby="questions-heading">
        <h2 id="questions-heading" style={{ margin: 0 }}>
          Question bank
        </h2>
        {questions.isError ? (
          <ErrorState error={questions.error} onRetry={() => questions.refetch()} />
        ) : !questions.data ? (
          <Card>
            <SkeletonRows rows={5} label="Loading the questions…" />
          </Card>
        ) : (
          <QuestionBank questions={questions.data.questions} canManage={canManage} />
        )}
      </section>
    </div>
  )
}
