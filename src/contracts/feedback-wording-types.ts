// The shapes of the constructive-wording check (./feedback-wording.ts), apart from the check itself:
// the contracts and the web's forms need these, and only the check carries the word list.

export const FEEDBACK_TEXT_FIELDS = ['whatWorked', 'tryNext', 'situation', 'behaviour', 'impact'] as const
export type FeedbackTextField = (typeof FEEDBACK_TEXT_FIELDS)[number]
export type FeedbackTexts = Partial<Record<FeedbackTextField, string>>

export const WORDING_FLAG_KINDS = ['absolute', 'person_judgement', 'vague', 'offensive'] as const
export type WordingFlagKind = (typeof WORDING_FLAG_KINDS)[number]

export interface WordingFlag {
  field: FeedbackTextField
  kind: WordingFlagKind
  /** The words as written. */
  match: string
  /** Where they start in the field's text (0-based, UTF-16 index). */
  start: number
  /** How to rephrase, in plain words. */
  suggestion: string
}
