import { useState } from 'react'
import type { EnrolledPerson, EnrollmentAnswer } from '#contracts/enrollments.ts'
import type { EnrollmentQuestion, ProgramView } from '#contracts/programs.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Badge } from '#web/components/ui/badge.tsx'
import { Bar } from '#web/components/ui/bar.tsx'
import { Button, buttonClassName } from '#web/components/ui/button.tsx'
import { Card } from '#web/components/ui/card.tsx'
import { ConfirmDialog } from '#web/components/ui/dialog.tsx'
import { EmptyState } from '#web/components/ui/empty-state.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { Pagination } from '#web/components/ui/pagination.tsx'
import { SelectField } from '#web/components/ui/select-field.tsx'
import { Table } from '#web/components/ui/table.tsx'
import { TextField } from '#web/components/ui/text-field.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { formatDate, formatNumber, plural } from '#web/lib/format.ts'
import { useProgramEnrollments } from '../api/use-program-enrollments.ts'
import { useRemoveEnrollment } from '../api/use-remove-enrollment.ts'
import { EnrollPeopleDialog } from './enroll-people-dialog.tsx'

const pageSize = 25

/** One answer in words: choices joined, a scale as "4 of 5", nothing as a dash. */
function answerWords(question: EnrollmentQuestion, answer: EnrollmentAnswer | undefined): string {
  if (answer === undefined || answer === '' || (Array.isArray(answer) && answer.length === 0)) return '—'
  if (Array.isArray(answer)) return answer.join(', ')
  if (typeof answer === 'number') return question.kind === 'scale' ? `${answer} of 5` : String(answer)
  return answer
}

/** A person's answers to the program's questions, folded until asked for (issue #17, point 3). */
function EnrollmentAnswers({ person, questions }: { person: EnrolledPerson; questions: EnrollmentQuestion[] }) {
  const answered = questions.filter((question) => answerWords(question, person.answers[question.id]) !== '—').length
  if (answered === 0) return <span className="muted">None</span>
  return (
    <details>
      {/* the visible words start the accessible name (axe: label-content-name-mismatch) */}
      <summary>
        {answered} of {questions.length}
        <span className="visually-hidden"> answers from {person.name}</span>
      </summary>
      <dl className="detail-list">
        {questions.map((question) => (
          <div key={question.id} style={{ display: 'contents' }}>
            <dt>{question.prompt}</dt>
            <dd>{answerWords(question, person.answers[question.id])}</dd>
          </div>
        ))}
      </dl>
    </details>
  )
}

/** Who enrolled, with counts by department and role; enroll people on their behalf or remove them. */
export function EnrollmentsPanel({ program }: { program: ProgramView }) {
  const [q, setQ] = useState('')
  const [department, setDepartment] = useState('')
  const [role, setRole] = useState<'' | 'mentor' | 'mentee'>('')
  const [page, setPage] = useState(1)
  const [isEnrollOpen, setIsEnrollOpen] = useState(false)
  const [toRemove, setToRemove] = useState<EnrolledPerson | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const remove = useRemoveEnrollment(program.id)
  const isMentoring = program.type === 'peer_mentoring'
  const hasQuestions = program.enrollmentQuestions.length > 0
  const canChange = program.status !== 'archived' && program.status !== 'completed'
  const list = useProgramEnrollments(program.id, {
    q: q.trim() || undefined,
    department: department || undefined,
    mentoringRole: role || undefined,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  })
  const counts = list.data?.counts

  return (
    <div className="stack">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h2 style={{ margin: 0 }}>Enrollments</h2>
        <div className="row">
          <a
            className={buttonClassName('secondary')}
            href={`/api/programs/${encodeURIComponent(program.id)}/enrollments.csv`}
            download
          >
            Download as CSV{hasQuestions ? ', with answers' : ''}
          </a>
          {canChange ? <Button onClick={() => setIsEnrollOpen(true)}>Enroll people</Button> : null}
        </div>
      </div>
      <div role="status" aria-live="polite">
        {notice ? (
          <Alert tone="success" isLive={false}>
            {notice}
          </Alert>
        ) : null}
      </div>
      {counts ? (
        <div className="grid-2">
          <Card title="By department" labelledBy="by-department-heading" headingLevel={3}>
            {counts.byDepartment.length === 0 ? (
              <p className="muted">No one yet.</p>
            ) : (
              <dl className="bar-list">
                {counts.byDepartment.map((item) => (
                  <div key={item.department}>
                    <dt>{item.department || 'No department'}</dt>
                    <dd>
                      <Bar value={item.count} max={counts.enrolled} />
                      {formatNumber(item.count)}
                    </dd>
                  </div>
                ))}
              </dl>
            )}
          </Card>
          <Card title="In numbers" labelledBy="enrolled-numbers-heading" headingLevel={3}>
            <dl className="counts">
              <div className="count">
                <dt>Enrolled</dt>
                <dd>{formatNumber(counts.enrolled)}</dd>
              </div>
              {isMentoring ? (
                <>
                  <div className="count">
                    <dt>Mentors</dt>
                    <dd>{formatNumber(counts.byMentoringRole.mentor)}</dd>
                  </div>
                  <div className="count">
                    <dt>Mentees</dt>
                    <dd>{formatNumber(counts.byMentoringRole.mentee)}</dd>
                  </div>
                </>
              ) : null}
            </dl>
          </Card>
        </div>
      ) : null}
      <div className="toolbar">
        <TextField
          label="Search enrolled people"
          type="search"
          value={q}
          onChange={(event) => {
            setQ(event.target.value)
            setPage(1)
          }}
        />
        <SelectField
          label="Department"
          placeholder="Any department"
          options={(counts?.byDepartment ?? []).map((item) => ({ value: item.department, label: item.department }))}
          value={department}
          onChange={(event) => {
            setDepartment(event.target.value)
            setPage(1)
          }}
        />
        {isMentoring ? (
          <SelectField
            label="Role"
            placeholder="Mentors and mentees"
            options={[
              { value: 'mentor', label: 'Mentors' },
              { value: 'mentee', label: 'Mentees' },
            ]}
            value={role}
            onChange={(event) => {
              setRole(event.target.value as '' | 'mentor' | 'mentee')
              setPage(1)
            }}
          />
        ) : null}
      </div>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : !list.data ? (
        <Card>
          <SkeletonRows rows={5} label="Loading enrollments…" />
        </Card>
      ) : list.data.total === 0 ? (
        <Card>
          <EmptyState
            title={counts?.enrolled ? 'No one matches these filters' : 'No one has enrolled yet'}
            headingLevel={3}
            icon={<span>◎</span>}
          >
            <p>
              {program.status === 'draft'
                ? 'Open enrollment so people can join, or enroll people yourself.'
                : 'People who enroll appear here. You can also enroll people on their behalf.'}
            </p>
          </EmptyState>
        </Card>
      ) : (
        <>
          <Table caption={`People enrolled in ${program.name}`} isCaptionHidden isBusy={list.isPlaceholderData}>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Department</th>
                {isMentoring ? <th scope="col">Role</th> : null}
                {hasQuestions ? <th scope="col">Answers</th> : null}
                <th scope="col">Consent</th>
                <th scope="col">Enrolled</th>
                {canChange ? (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {list.data.enrollments.map((person) => (
                <tr key={person.enrollmentId}>
                  <th scope="row">
                    <span className="person-cell-text">
                      <span className="cell-strong">{person.name}</span>
                      <span className="muted">{person.title}</span>
                    </span>
                  </th>
                  <td>{person.department}</td>
                  {isMentoring ? (
                    <td>
                      {person.mentoringRole === 'mentor'
                        ? `Mentor (up to ${person.mentorCapacity ?? program.matchingRules.mentoring.defaultCapacity})`
                        : person.mentoringRole === 'mentee'
                          ? 'Mentee'
                          : '—'}
                    </td>
                  ) : null}
                  {hasQuestions ? (
                    <td>
                      <EnrollmentAnswers person={person} questions={program.enrollmentQuestions} />
                    </td>
                  ) : null}
                  <td>
                    {person.hasConsented ? (
                      <Badge tone="success">Accepted</Badge>
                    ) : (
                      <Badge tone="warning">Not yet</Badge>
                    )}
                  </td>
                  <td className="cell-nowrap">
                    {formatDate(person.enrolledAt)}
                    {person.isEnrolledByManager ? <div className="cell-muted">by a program manager</div> : null}
                  </td>
                  {canChange ? (
                    <td>
                      <Button
                        variant="ghost"
                        size="small"
                        onClick={() => setToRemove(person)}
                        aria-label={`Remove ${person.name}`}
                      >
                        Remove
                      </Button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination
            page={page}
            pageSize={pageSize}
            total={list.data.total}
            onPageChange={setPage}
            label="Enrollment pages"
          />
        </>
      )}
      <EnrollPeopleDialog
        program={program}
        isOpen={isEnrollOpen}
        onClose={() => setIsEnrollOpen(false)}
        onEnrolled={(result) => {
          setIsEnrollOpen(false)
          setNotice(
            `${plural(result.enrolled, 'person', 'people')} enrolled${
              result.alreadyEnrolled ? `; ${plural(result.alreadyEnrolled, 'was', 'were')} already enrolled` : ''
            }${
              result.invited
                ? `. ${plural(result.invited, 'person has', 'people have')} not signed up yet: each was sent one email that invites them and names the program`
                : ''
            }.`,
          )
        }}
      />
      <ConfirmDialog
        isOpen={toRemove !== null}
        title={`Remove ${toRemove?.name ?? ''}?`}
        confirmLabel="Remove from the program"
        tone="danger"
        isPending={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : null}
        onClose={() => {
          setToRemove(null)
          remove.reset()
        }}
        onConfirm={() => {
          const person = toRemove
          if (!person) return
          remove.mutate(person.personId, {
            onSuccess: () => {
              setToRemove(null)
              setNotice(`${person.name} was removed from the program.`)
            },
          })
        }}
      >
        <p>They will not be matched in this program. They can be enrolled again later.</p>
      </ConfirmDialog>
    </div>
  )
}
