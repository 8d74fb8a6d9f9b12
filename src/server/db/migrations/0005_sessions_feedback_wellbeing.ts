import { type ColumnDefinitionBuilder as Column, type Kysely, sql } from 'kysely'

// Frozen once landed: never edit; add a new migration instead.
// The rest of the coaching workspace (issue #5): sessions, notes, reflections, action items,
// feedback, wellbeing check-ins, support requests, surveys and re-pair requests.
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  const id = (c: Column) => c.primaryKey().defaultTo(sql`gen_random_uuid()`)
  const org = (c: Column) => c.notNull().references('organizations.id').onDelete('cascade')
  const match = (c: Column) => c.notNull().references('matches.id').onDelete('cascade')
  const now = (c: Column) => c.notNull().defaultTo(sql`now()`)

  // Emails may carry files (a session's .ics invitation): [{ filename, contentType, content }].
  await db.schema
    .alterTable('outbox_emails')
    .addColumn('attachments', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute()

  // "coaching_sessions", not "sessions": auth_sessions already holds sign-in sessions.
  await db.schema
    .createTable('coaching_sessions')
    .addColumn('id', 'uuid', id)
    .addColumn('organization_id', 'uuid', org)
    .addColumn('match_id', 'uuid', match)
    .addColumn('series_id', 'uuid')
    .addColumn('organizer_id', 'uuid', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    // The organizer's IANA zone when it was scheduled: the .ics is written in it.
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('video_url', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('scheduled'))
    .addColumn('coach_id', 'uuid', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('coachee_id', 'uuid', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('focus', 'text', (c) => c.notNull().defaultTo(''))
    // Exercise ids from the library ('builtin:<slug>' or an organization exercise's uuid).
    .addColumn('exercise_ids', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('agenda', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('ics_uid', 'text', (c) => c.notNull().unique())
    // Bumped at every change, so calendar programs replace the event they hold.
    .addColumn('ics_sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cancel_reason', 'text')
    .addColumn('status_changed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addCheckConstraint('coaching_sessions_status_check', sql`status in ('scheduled', 'held', 'cancelled', 'missed')`)
    .addCheckConstraint('coaching_sessions_duration_check', sql`duration_minutes between 5 and 480`)
    .execute()
  await db.schema
    .createIndex('coaching_sessions_match_idx')
    .on('coaching_sessions')
    .columns(['match_id', 'starts_at'])
    .execute()
  await db.schema
    .createIndex('coaching_sessions_org_starts_idx')
    .on('coaching_sessions')
    .columns(['organization_id', 'status', 'starts_at'])
    .execute()

  // Shared notes: every member of the match reads them; each entry is edited by its author.
  await db.schema
    .createTable('session_notes')
    .addColumn('id', 'uuid', id)
    .addColumn('organization_id', 'uuid', org)
    .addColumn('match_id', 'uuid', match)
    .addColumn('session_id', 'uuid', (c) => c.references('coaching_sessions.id').onDelete('cascade'))
    .addColumn('author_id', 'uuid', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .execute()
  await db.schema
    .createIndex('session_notes_match_idx')
    .on('session_notes')
    .columns(['match_id', 'created_at'])
    .execute()

  // Private reflections: the author alone, ever.
  await db.schema
    .createTable('reflections')
    .addColumn('id', 'uuid', id)
    .addColumn('organization_id', 'uuid', org)
    .addColumn('match_id', 'uuid', match)
    .addColumn('session_id', 'uuid', (c) => c.references('coaching_sessions.id').onDelete('set null'))
    .addColumn('author_id', 'uuid', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .execute()
  await db.schema
    .createIndex('reflections_author_idx')
    .on('reflections')
    .columns(['author_id', 'match_id', 'created_at'])
    .execute()

  await db.schema
    .createTable('action_items')
    .addColumn('id', 'uuid', id)
    .addColumn('organization_id', 'uuid', org)
    .addColumn('match_id', 'uuid', match)
    .addColumn('session_id', 'uuid', (c) => c.references('coaching_sessions.id').onDelete('set null'))
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('created_by', 'uuid', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('due_on', 'date')
    .addColumn('done_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .execute()
  await db.schema.createIndex('action_items_match_idx').on('action_items').columns(['match_id', 'created_at']).execute()

  // One piece of structured feedback per session, giver and receiver.
  await db.schema
    .createTable('feedback')
    .addColumn('id', 'uuid', id)
    .addColumn('organization_id', 'uuid', org)
    .addColumn('match_id', 'uuid', match)
    .addColumn('session_id', 'uuid', (c) => c.notNull().references('coaching_sessions.id').onDelete('cascade'))
    .addColumn('giver_id', 'uuid', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('receiver_id', 'uuid', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('what_worked', 'text', (c) => c.notNull())
    .addColumn('try_next', 'text', (c) => c.notNull())
    .addColumn('situation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('behaviour', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('impact', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('rating_listening', 'integer', (c) => c.notNull())
    .addColumn('rating_questions', 'integer', (c) => c.notNull())
    .addColumn('rating_helpfulness', 'integer', (c) => c.notNull())
    // What the constructive-wording check flagged when it was sent (the author chose to send anyway).
    .addColumn('flags', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_at', 'timestamptz', now)
    .addUniqueConstraint('feedback_once_per_session', ['session_id', 'giver_id', 'receiver_id'])
    .addCheckConstraint(
      'feedback_ratings_check',
      sql`rating_listening between 1 and 5 and rating_questions between 1 and 5 and rating_helpfulness between 1 and 5`,
    )
    .execute()
  await db.schema.createIndex('feedback_receiver_idx').on('feedback').columns(['receiver_id', 'created_at']).execute()
  await db.schema.createIndex('feedback_match_idx').on('feedback').column('match_id').execute()

  // Mood and stress before and after a session: private to the person.
  await db.schema
    .createTable('wellbeing_checkins')
    .addColumn('id', 'uuid', id)
    .addColumn('organization_id', 'uuid', org)
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('match_id', 'uuid', match)
    .addColumn('session_id', 'uuid', (c) => c.references('coaching_sessions.id').onDelete('set null'))
    .addColumn('moment', 'text', (c) => c.notNull())
    .addColumn('mood', 'integer', (c) => c.notNull())
    .addColumn('stress', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'timestamptz', now)
    .addCheckConstraint('wellbeing_checkins_moment_check', sql`moment in ('before', 'after', 'anytime')`)
    .addCheckConstraint('wellbeing_checkins_scale_check', sql`mood between 1 and 5 and stress between 1 and 5`)
    .execute()
  await db.schema
    .createIndex('wellbeing_checkins_person_idx')
    .on('wellbeing_checkins')
    .columns(['person_id', 'created_at'])
    .execute()
  await db.schema
    .createIndex('wellbeing_checkins_once_idx')
    .on('wellbeing_checkins')
    .columns(['session_id', 'person_id', 'moment'])
    .unique()
    .where(sql.ref('session_id'), 'is not', null)
    .execute()

  // "I'd like support": stored and sent only with the person's consent, with the message they chose.
  await db.schema
    .createTable('support_requests')
    .addColumn('id', 'uuid', id)
    .addColumn('organization_id', 'uuid', org)
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('program_id', 'uuid', (c) => c.notNull().references('programs.id').onDelete('cascade'))
    .addColumn('match_id', 'uuid', (c) => c.references('matches.id').onDelete('set null'))
    .addColumn('contact_id', 'uuid', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('consented_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', now)
    .execute()

  // Pairing fit (after the first session), pulse and closing surveys: one answer per member and kind.
  await db.schema
    .createTable('match_surveys')
    .addColumn('id', 'uuid', id)
    .addColumn('organization_id', 'uuid', org)
    .addColumn('match_id', 'uuid', match)
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('answers', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', now)
    .addUniqueConstraint('match_surveys_once', ['match_id', 'person_id', 'kind'])
    .addCheckConstraint('match_surveys_kind_check', sql`kind in ('fit', 'pulse', 'closing')`)
    .execute()

  // A member asks to be re-paired; the reason is for the program manager only.
  await db.schema
    .createTable('repair_requests')
    .addColumn('id', 'uuid', id)
    .addColumn('organization_id', 'uuid', org)
    .addColumn('match_id', 'uuid', match)
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('resolved_by', 'uuid', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', now)
    .addCheckConstraint('repair_requests_status_check', sql`status in ('open', 'resolved', 'withdrawn')`)
    .execute()
  await db.schema
    .createIndex('repair_requests_open_idx')
    .on('repair_requests')
    .columns(['match_id', 'person_id'])
    .unique()
    .where(sql.ref('status'), '=', 'open')
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'repair_requests',
    'match_surveys',
    'support_requests',
    'wellbeing_checkins',
    'feedback',
    'action_items',
    'reflections',
    'session_notes',
    'coaching_sessions',
  ]) {
    await db.schema.dropTable(table).execute()
  }
  await db.schema.alterTable('outbox_emails').dropColumn('attachments').execute()
}
