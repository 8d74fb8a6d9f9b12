import { sql } from 'kysely'
import type { Db } from '#server/db/connect.ts'

export interface NewFeedback {
  matchId: string
  sessionId: string
  giverId: string
  receiverId: string
  whatWorked: string
  tryNext: string
  situation: string
  behaviour: string
  impact: string
  ratings: { listening: number; questions: number; helpfulness: number }
  flags: unknown[]
}

/** Stores the feedback; nothing (undefined) when the giver already gave it for this session and receiver. */
export function insertFeedbackOnce(db: Db, organizationId: string, values: NewFeedback) {
  return db
    .insertInto('feedback')
    .values({
      organization_id: organizationId,
      match_id: values.matchId,
      session_id: values.sessionId,
      giver_id: values.giverId,
      receiver_id: values.receiverId,
      what_worked: values.whatWorked,
      try_next: values.tryNext,
      situation: values.situation,
      behaviour: values.behaviour,
      impact: values.impact,
      rating_listening: values.ratings.listening,
      rating_questions: values.ratings.questions,
      rating_helpfulness: values.ratings.helpfulness,
      flags: JSON.stringify(values.flags),
    })
    .onConflict((oc) => oc.constraint('feedback_once_per_session').doNothing())
    .returning('id')
    .executeTakeFirst()
}

function feedbackQuery(db: Db, organizationId: string) {
  return db
    .selectFrom('feedback as f')
    .innerJoin('coaching_sessions as s', 's.id', 'f.session_id')
    .innerJoin('people as r', 'r.id', 'f.receiver_id')
    .leftJoin('people as g', 'g.id', 'f.giver_id')
    .select([
      'f.id',
      'f.match_id',
      'f.session_id',
      's.starts_at as session_starts_at',
      'f.giver_id',
      'g.name as giver_name',
      'f.receiver_id',
      'r.name as receiver_name',
      'f.what_worked',
      'f.try_next',
      'f.situation',
      'f.behaviour',
      'f.impact',
      'f.rating_listening',
      'f.rating_questions',
      'f.rating_helpfulness',
      'f.flags',
      'f.created_at',
    ])
    .where('f.organization_id', '=', organizationId)
}

export type FeedbackRowWithNames = NonNullable<Awaited<ReturnType<typeof findFeedback>>>

export function findFeedback(db: Db, organizationId: string, feedbackId: string) {
  return feedbackQuery(db, organizationId).where('f.id', '=', feedbackId).executeTakeFirst()
}

/** Feedback of the match that the person gave or received, latest session first. */
export function listFeedbackOfPerson(db: Db, organizationId: string, matchId: string, personId: string) {
  return feedbackQuery(db, organizationId)
    .where('f.match_id', '=', matchId)
    .where((eb) => eb.or([eb('f.giver_id', '=', personId), eb('f.receiver_id', '=', personId)]))
    .orderBy('s.starts_at', 'desc')
    .orderBy('f.created_at', 'desc')
    .execute()
}

/** Ratings of the program's feedback: counts and averages only, never text or names. */
export function summarizeProgramRatings(db: Db, organizationId: string, programId: string) {
  return db
    .selectFrom('feedback as f')
    .innerJoin('matches as m', 'm.id', 'f.match_id')
    .select([
      sql<string>`count(*)`.as('feedback_count'),
      sql<string>`count(distinct f.giver_id)`.as('giver_count'),
      sql<string | null>`avg(f.rating_listening)`.as('listening'),
      sql<string | null>`avg(f.rating_questions)`.as('questions'),
      sql<string | null>`avg(f.rating_helpfulness)`.as('helpfulness'),
    ])
    .where('f.organization_id', '=', organizationId)
    .where('m.organization_id', '=', organizationId)
    .where('m.program_id', '=', programId)
    .executeTakeFirstOrThrow()
}
