import type { Db } from '#server/db/connect.ts'
import type { WellbeingMoment } from '#server/db/schema.ts'

export interface CheckInValues {
  personId: string
  matchId: string
  sessionId: string | null
  moment: WellbeingMoment
  mood: number
  stress: number
  note: string | null
}

/** Undefined when the person already checked in at this session and moment (the unique index). */
export function insertCheckIn(db: Db, organizationId: string, values: CheckInValues) {
  return db
    .insertInto('wellbeing_checkins')
    .values({
      organization_id: organizationId,
      person_id: values.personId,
      match_id: values.matchId,
      session_id: values.sessionId,
      moment: values.moment,
      mood: values.mood,
      stress: values.stress,
      note: values.note,
    })
    .onConflict((oc) =>
      oc.columns(['session_id', 'person_id', 'moment']).where('session_id', 'is not', null).doNothing(),
    )
    .returning(['id'])
    .executeTakeFirst()
}

/** One person's own check-ins (every query here is keyed by the person: nobody reads another's). */
export function listCheckInsOfPerson(
  db: Db,
  organizationId: string,
  personId: string,
  options: { matchId?: string; limit: number },
) {
  let query = db
    .selectFrom('wellbeing_checkins as w')
    .leftJoin('coaching_sessions as s', 's.id', 'w.session_id')
    .select([
      'w.id',
      'w.match_id',
      'w.session_id',
      'w.moment',
      'w.mood',
      'w.stress',
      'w.note',
      'w.created_at',
      's.starts_at as session_starts_at',
    ])
    .where('w.organization_id', '=', organizationId)
    .where('w.person_id', '=', personId)
  if (options.matchId) query = query.where('w.match_id', '=', options.matchId)
  return query.orderBy('w.created_at', 'desc').orderBy('w.id', 'desc').limit(options.limit).execute()
}

export type CheckInRow = Awaited<ReturnType<typeof listCheckInsOfPerson>>[number]

export function findCheckIn(db: Db, organizationId: string, personId: string, checkInId: string) {
  return db
    .selectFrom('wellbeing_checkins as w')
    .leftJoin('coaching_sessions as s', 's.id', 'w.session_id')
    .select([
      'w.id',
      'w.match_id',
      'w.session_id',
      'w.moment',
      'w.mood',
      'w.stress',
      'w.note',
      'w.created_at',
      's.starts_at as session_starts_at',
    ])
    .where('w.organization_id', '=', organizationId)
    .where('w.person_id', '=', personId)
    .where('w.id', '=', checkInId)
    .executeTakeFirst()
}

export function insertSupportRequest(
  db: Db,
  organizationId: string,
  values: { personId: string; programId: string; matchId: string; contactId: string | null; message: string },
  now: Date,
) {
  return db
    .insertInto('support_requests')
    .values({
      organization_id: organizationId,
      person_id: values.personId,
      program_id: values.programId,
      match_id: values.matchId,
      contact_id: values.contactId,
      message: values.message,
      consented_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export function listSupportRequestsOfPerson(db: Db, organizationId: string, personId: string, matchId: string) {
  return db
    .selectFrom('support_requests')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('person_id', '=', personId)
    .where('match_id', '=', matchId)
    .orderBy('created_at', 'desc')
    .execute()
}

export function findProgramContacts(db: Db, organizationId: string, programId: string) {
  return db
    .selectFrom('programs')
    .select(['id', 'name', 'support_contact_id', 'created_by'])
    .where('organization_id', '=', organizationId)
    .where('id', '=', programId)
    .executeTakeFirst()
}
