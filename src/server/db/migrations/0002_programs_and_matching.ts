import { type Kysely, sql } from 'kysely'

// Frozen once landed: never edit; add a new migration instead.
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('themes')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organization_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('themes_organization_name_unique', ['organization_id', 'name'])
    .execute()

  await db.schema
    .createTable('programs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organization_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('theme_id', 'uuid', (c) => c.references('themes.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('starts_on', 'date')
    .addColumn('ends_on', 'date')
    .addColumn('enrollment_closes_on', 'date')
    .addColumn('session_cadence_days', 'integer', (c) => c.notNull())
    .addColumn('target_session_count', 'integer', (c) => c.notNull())
    .addColumn('session_minutes', 'integer', (c) => c.notNull().defaultTo(45))
    .addColumn('focus_skills', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('enrollment_questions', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('confidentiality_terms', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('eligibility', 'jsonb', (c) => c.notNull().defaultTo(sql`'{"kind":"everyone"}'::jsonb`))
    .addColumn('matching_rules', 'jsonb', (c) => c.notNull())
    .addColumn('support_contact_id', 'uuid', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('previous_program_id', 'uuid', (c) => c.references('programs.id').onDelete('set null'))
    .addColumn('cycle_number', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'uuid', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('programs_type_check', sql`type in ('peer_coaching', 'coaching_circle', 'peer_mentoring')`)
    .addCheckConstraint(
      'programs_status_check',
      sql`status in ('draft', 'enrolling', 'matching', 'active', 'completed', 'archived')`,
    )
    .execute()
  await db.schema
    .createIndex('programs_organization_idx')
    .on('programs')
    .columns(['organization_id', 'status'])
    .execute()

  await db.schema
    .createTable('enrollments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organization_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('program_id', 'uuid', (c) => c.notNull().references('programs.id').onDelete('cascade'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('enrolled'))
    .addColumn('intent', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('skills_wanted', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('skills_offered', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('mentoring_role', 'text')
    .addColumn('mentor_capacity', 'integer')
    .addColumn('answers', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('self_assessment', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('consented_at', 'timestamptz')
    .addColumn('enrolled_by', 'uuid', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('enrollments_program_person_unique', ['program_id', 'person_id'])
    .addCheckConstraint('enrollments_status_check', sql`status in ('enrolled', 'withdrawn', 'removed')`)
    .addCheckConstraint('enrollments_role_check', sql`mentoring_role is null or mentoring_role in ('mentor', 'mentee')`)
    .execute()
  await db.schema.createIndex('enrollments_person_idx').on('enrollments').column('person_id').execute()

  await db.schema
    .createTable('matching_runs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organization_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('program_id', 'uuid', (c) => c.notNull().references('programs.id').onDelete('cascade'))
    .addColumn('run_number', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('settings', 'jsonb', (c) => c.notNull())
    .addColumn('summary', 'jsonb')
    .addColumn('result', 'jsonb')
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('started_by', 'uuid', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addUniqueConstraint('matching_runs_program_number_unique', ['program_id', 'run_number'])
    .addCheckConstraint('matching_runs_status_check', sql`status in ('queued', 'running', 'succeeded', 'failed')`)
    .execute()

  await db.schema
    .createTable('matches')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organization_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('program_id', 'uuid', (c) => c.notNull().references('programs.id').onDelete('cascade'))
    .addColumn('run_id', 'uuid', (c) => c.references('matching_runs.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('proposed'))
    .addColumn('origin', 'text', (c) => c.notNull().defaultTo('engine'))
    .addColumn('score', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('explanation', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('is_locked', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('published_at', 'timestamptz')
    .addColumn('ended_at', 'timestamptz')
    .addColumn('end_reason', 'text')
    .addColumn('created_by', 'uuid', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'matches_status_check',
      sql`status in ('proposed', 'published', 'active', 'completed', 'dissolved', 'declined')`,
    )
    .addCheckConstraint('matches_origin_check', sql`origin in ('engine', 'manual')`)
    .execute()
  await db.schema.createIndex('matches_program_idx').on('matches').columns(['program_id', 'status']).execute()

  await db.schema
    .createTable('match_members')
    .addColumn('match_id', 'uuid', (c) => c.notNull().references('matches.id').onDelete('cascade'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('organization_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('peer'))
    .addColumn('response', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('response_reason', 'text')
    .addColumn('responded_at', 'timestamptz')
    .addPrimaryKeyConstraint('match_members_pk', ['match_id', 'person_id'])
    .addCheckConstraint('match_members_role_check', sql`role in ('peer', 'mentor', 'mentee', 'member')`)
    .addCheckConstraint('match_members_response_check', sql`response in ('pending', 'accepted', 'declined')`)
    .execute()
  await db.schema.createIndex('match_members_person_idx').on('match_members').column('person_id').execute()

  await db.schema
    .createTable('pair_rules')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organization_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('program_id', 'uuid', (c) => c.notNull().references('programs.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('person_a_id', 'uuid', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('person_b_id', 'uuid', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('created_by', 'uuid', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('pair_rules_pair_unique', ['program_id', 'person_a_id', 'person_b_id'])
    .addCheckConstraint('pair_rules_kind_check', sql`kind in ('must', 'never')`)
    // Stored once per pair, the smaller id first, so (a, b) and (b, a) cannot both exist.
    .addCheckConstraint('pair_rules_order_check', sql`person_a_id < person_b_id`)
    .execute()

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organization_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('link', 'text')
    .addColumn('read_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema
    .createIndex('notifications_person_idx')
    .on('notifications')
    .columns(['person_id', 'created_at'])
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'notifications',
    'pair_rules',
    'match_members',
    'matches',
    'matching_runs',
    'enrollments',
    'programs',
    'themes',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
