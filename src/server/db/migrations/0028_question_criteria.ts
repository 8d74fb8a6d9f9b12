import { type Kysely, sql } from 'kysely'

// Frozen once landed: never edit; add a new migration instead.
// Issue #17 point 3 (decision 045): a program's enrollment question can be a matching criterion
// (rule same, different or overlap, with a weight). The criteria live in the program's
// matching_rules (jsonb) as `questionCriteria: [{ questionId, rule, weight }]`, next to the
// built-in weights they add to. Every stored rule set gets the empty list, so the column holds the
// whole shape for anything reading it straight from SQL; a check keeps a stored list a list.
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    update programs
    set matching_rules = matching_rules || jsonb_build_object('questionCriteria', '[]'::jsonb)
    where jsonb_typeof(matching_rules) = 'object' and matching_rules -> 'questionCriteria' is null`.execute(db)
  await sql`
    alter table programs add constraint programs_question_criteria_is_list
    check (jsonb_typeof(coalesce(matching_rules -> 'questionCriteria', '[]'::jsonb)) = 'array')`.execute(db)
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table programs drop constraint programs_question_criteria_is_list`.execute(db)
  await sql`update programs set matching_rules = matching_rules - 'questionCriteria'`.execute(db)
}
