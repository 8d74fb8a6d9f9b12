/** The sections of a program's page, in order; the router reads them from the URL (?tab=matching). */
export const PROGRAM_TABS = ['overview', 'enrollments', 'matching', 'follow-up', 'insights', 'settings'] as const
export type ProgramTab = (typeof PROGRAM_TABS)[number]
