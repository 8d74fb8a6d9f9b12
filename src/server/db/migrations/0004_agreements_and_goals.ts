import { type Kysely, sql } from 'kysely'

// Frozen once landed: never edit; add a new migration instead.
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('agreements')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organization_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('match_id', 'uuid', (c) => c.notNull().unique().references('matches.id').onDelete('cascade'))
    .addColumn('focus', 'text', (c) => c.notNull())
    .addColumn('ground_rules', 'jsonb', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('proposed_by', 'uuid', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('proposed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('agreements_version_check', sql`version >= 1`)
    .execute()

  await db.schema
    .createTable('agreement_acceptances')
    .addColumn('agreement_id', 'uuid', (c) => c.notNull().references('agreements.id').onDelete('cascade'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('accepted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('agreement_acceptances_pk', ['agreement_id', 'person_id'])
    .execute()

  await db.schema
    .createTable('goals')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organization_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('match_id', 'uuid', (c) => c.notNull().references('matches.id').onDelete('cascade'))
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('goals_status_check', sql`status in ('active', 'achieved', 'dropped')`)
    .addCheckConstraint('goals_progress_check', sql`progress between 0 and 100`)
    .execute()
  await db.schema.createIndex('goals_match_idx').on('goals').columns(['match_id', 'created_at']).execute()

  await db.schema
    .createTable('goal_milestones')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('goal_id', 'uuid', (c) => c.notNull().references('goals.id').onDelete('cascade'))
    .addColumn('organization_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('due_on', 'date')
    .addColumn('done_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('goal_milestones_goal_idx').on('goal_milestones').column('goal_id').execute()

  await db.schema
    .createTable('goal_updates')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('goal_id', 'uuid', (c) => c.notNull().references('goals.id').onDelete('cascade'))
    .addColumn('organization_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('author_id', 'uuid', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('progress', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('goal_updates_kind_check', sql`kind in ('progress', 'comment')`)
    .addCheckConstraint(
      'goal_updates_progress_check',
      sql`(kind = 'progress' and progress between 0 and 100) or (kind = 'comment' and progress is null)`,
    )
    .execute()
  await db.schema.createIndex('goal_updates_goal_idx').on('goal_updates').columns(['goal_id', 'created_at']).execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('goal_updates').execute()
  await db.schema.dropTable('goal_milestones').execute()
  await db.schema.dropTable('goals').execute()
  await db.schema.dropTable('agreement_acceptances').execute()
  await db.schema.dropTable('agreements').execute()
}
