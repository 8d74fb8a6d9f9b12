import type { FeedbackDue, FeedbackRatings } from '#contracts/feedback.ts'
import type { FeedbackTextField } from '#contracts/feedback-wording-types.ts'

// The feedback form's fields, in the order the form asks them and the lists show them.
export const TEXT_FIELDS: { field: FeedbackTextField; label: string; hint: string; isOptional: boolean }[] = [
  {
    field: 'whatWorked',
    label: 'What worked',
    hint: 'Something they did that helped you, and when.',
    isOptional: false,
  },
  {
    field: 'tryNext',
    label: 'What to try next',
    hint: 'One thing to do differently next session.',
    isOptional: false,
  },
  {
    field: 'situation',
    label: 'Situation',
    hint: 'When and where it happened, for example “In Tuesday’s role play”.',
    isOptional: true,
  },
  {
    field: 'behaviour',
    label: 'Behaviour',
    hint: 'What they did or said, as a camera would have seen it.',
    isOptional: true,
  },
  { field: 'impact', label: 'Impact', hint: 'What it changed for you.', isOptional: true },
]

export const RATINGS: { key: keyof FeedbackRatings; legend: string }[] = [
  { key: 'listening', legend: 'Listening' },
  { key: 'questions', legend: 'Questions' },
  { key: 'helpfulness', legend: 'Helpfulness' },
]

export const dueKey = (due: FeedbackDue) => `${due.sessionId}/${due.receiverId}`
