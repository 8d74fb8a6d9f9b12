/** A program form's values, and how they come from a program or a type's defaults and go to the API. */
import type {
  CreateProgramBody,
  Eligibility,
  MatchingRules,
  Program,
  ProgramDefaults,
  ProgramType,
} from '#contracts/programs.ts'
import type { EligibilityDraft } from './eligibility-fields.tsx'
import { type QuestionDraft, toQuestionDrafts, toQuestions } from './enrollment-questions-editor.tsx'
import type { PickedPerson } from './person-picker.tsx'

export interface ProgramFormValues {
  type: ProgramType
  name: string
  description: string
  themeId: string
  startsOn: string
  endsOn: string
  enrollmentClosesOn: string
  sessionCadenceDays: number
  targetSessionCount: number
  sessionMinutes: number
  focusSkills: string[]
  questions: QuestionDraft[]
  confidentialityTerms: string
  supportContact: PickedPerson | null
  eligibility: EligibilityDraft
  matchingRules: MatchingRules
}

function toEligibilityDraft(eligibility: Eligibility, names: Map<string, string> = new Map()): EligibilityDraft {
  return {
    kind: eligibility.kind,
    departments: eligibility.kind === 'departments' ? eligibility.departments : [],
    people:
      eligibility.kind === 'people'
        ? eligibility.personIds.map((id) => ({ id, name: names.get(id) ?? 'A person chosen earlier' }))
        : [],
  }
}

function toEligibility(draft: EligibilityDraft): Eligibility {
  if (draft.kind === 'departments') return { kind: 'departments', departments: draft.departments }
  if (draft.kind === 'people') return { kind: 'people', personIds: draft.people.map((person) => person.id) }
  return { kind: 'everyone' }
}

/** A new program's values: the type's defaults, nothing else chosen yet. */
export function valuesFromDefaults(defaults: ProgramDefaults): ProgramFormValues {
  return {
    type: defaults.type,
    name: '',
    description: '',
    themeId: '',
    startsOn: '',
    endsOn: '',
    enrollmentClosesOn: '',
    sessionCadenceDays: defaults.sessionCadenceDays,
    targetSessionCount: defaults.targetSessionCount,
    sessionMinutes: defaults.sessionMinutes,
    focusSkills: [],
    questions: toQuestionDrafts(defaults.enrollmentQuestions),
    confidentialityTerms: defaults.confidentialityTerms,
    supportContact: null,
    eligibility: toEligibilityDraft(defaults.eligibility),
    matchingRules: defaults.matchingRules,
  }
}

export function valuesFromProgram(program: Program): ProgramFormValues {
  return {
    type: program.type,
    name: program.name,
    description: program.description,
    themeId: program.themeId ?? '',
    startsOn: program.startsOn ?? '',
    endsOn: program.endsOn ?? '',
    enrollmentClosesOn: program.enrollmentClosesOn ?? '',
    sessionCadenceDays: program.sessionCadenceDays,
    targetSessionCount: program.targetSessionCount,
    sessionMinutes: program.sessionMinutes,
    focusSkills: program.focusSkills,
    questions: toQuestionDrafts(program.enrollmentQuestions),
    confidentialityTerms: program.confidentialityTerms,
    supportContact:
      program.supportContactId && program.supportContactName
        ? { id: program.supportContactId, name: program.supportContactName }
        : null,
    eligibility: toEligibilityDraft(program.eligibility),
    matchingRules: program.matchingRules,
  }
}

/** The type's defaults replace the settings that depend on the type; what the manager wrote stays. */
export function withTypeDefaults(values: ProgramFormValues, defaults: ProgramDefaults): ProgramFormValues {
  return {
    ...values,
    type: defaults.type,
    sessionCadenceDays: defaults.sessionCadenceDays,
    targetSessionCount: defaults.targetSessionCount,
    sessionMinutes: defaults.sessionMinutes,
    matchingRules: defaults.matchingRules,
  }
}

export function toProgramBody(values: ProgramFormValues): CreateProgramBody {
  return {
    type: values.type,
    name: values.name,
    description: values.description,
    themeId: values.themeId || null,
    startsOn: values.startsOn || null,
    endsOn: values.endsOn || null,
    enrollmentClosesOn: values.enrollmentClosesOn || null,
    sessionCadenceDays: values.sessionCadenceDays,
    targetSessionCount: values.targetSessionCount,
    sessionMinutes: values.sessionMinutes,
    focusSkills: values.focusSkills,
    enrollmentQuestions: toQuestions(values.questions),
    confidentialityTerms: values.confidentialityTerms,
    eligibility: toEligibility(values.eligibility),
    supportContactId: values.supportContact?.id ?? null,
    // a question taken out of the form takes its matching criterion with it
    matchingRules: {
      ...values.matchingRules,
      questionCriteria: values.matchingRules.questionCriteria.filter((criterion) =>
        values.questions.some((question) => question.id === criterion.questionId),
      ),
    },
  }
}
