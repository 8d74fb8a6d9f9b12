import {
  type Feedback,
  type FeedbackDue,
  type FeedbackSummary,
  type FeedbackTextsBody,
  FeedbackTextsSchema,
  type GiveFeedbackBody,
  GiveFeedbackBodySchema,
  type MatchFeedback,
  type WordingCheck,
  type WordingFlag,
  WordingFlagSchema,
} from '#contracts/feedback.ts'
import { checkFeedbackWording } from '#contracts/feedback-wording.ts'
import type { Db } from '#server/db/connect.ts'
import { toIso } from '#server/db/to-iso.ts'
import { AppError, notFound } from '#server/http/app-error.ts'
import { hasRole, type Viewer } from '#server/http/viewer.ts'
import { withholdBelowThreshold } from '#server/modules/insights/privacy-threshold.ts'
import { getOrganization } from '#server/modules/organizations/organizations.service.ts'
import { loadProgram } from '#server/modules/programs/programs.service.ts'
import { findSessionInOrganization, listStartedMatchSessions } from '#server/modules/sessions/sessions.service.ts'
import { listMatchMembers, memberMatch } from '#server/modules/workspaces/workspaces.service.ts'
import {
  type FeedbackRowWithNames,
  findFeedback,
  insertFeedbackOnce,
  listFeedbackOfPerson,
  summarizeProgramRatings,
} from './feedback.repository.ts'

/** Feedback opens once the session was held, or once a scheduled session has started. */
export function isFeedbackOpen(session: { status: string; starts_at: Date }, now: Date): boolean {
  return session.status === 'held' || (session.status === 'scheduled' && session.starts_at.getTime() <= now.getTime())
}

function readFlags(stored: unknown): WordingFlag[] {
  if (!Array.isArray(stored)) return []
  return stored.flatMap((flag) => {
    const parsed = WordingFlagSchema.safeParse(flag)
    return parsed.success ? [parsed.data] : []
  })
}

function toFeedback(row: FeedbackRowWithNames): Feedback {
  return {
    id: row.id,
    matchId: row.match_id,
    sessionId: row.session_id,
    sessionStartsAt: toIso(row.session_starts_at),
    giverId: row.giver_id,
    giverName: row.giver_name,
    receiverId: row.receiver_id,
    receiverName: row.receiver_name,
    whatWorked: row.what_worked,
    tryNext: row.try_next,
    situation: row.situation,
    behaviour: row.behaviour,
    impact: row.impact,
    ratings: {
      listening: row.rating_listening,
      questions: row.rating_questions,
      helpfulness: row.rating_helpfulness,
    },
    flags: readFlags(row.flags),
    createdAt: toIso(row.created_at),
  }
}

/** Runs the constructive-wording check for a member of the match; nothing is stored. */
export async function checkWording(
  db: Db,
  viewer: Viewer,
  matchId: string,
  input: FeedbackTextsBody,
): Promise<WordingCheck> {
  const texts = FeedbackTextsSchema.parse(input)
  await memberMatch(db, viewer, matchId)
  return { flags: checkFeedbackWording(texts) }
}

/**
 * A member gives another member feedback for a past session, once. Flagged wording is refused
 * (422 feedback_not_constructive) unless the author acknowledged the flags; then it is stored with them.
 */
export async function giveFeedback(
  db: Db,
  viewer: Viewer,
  sessionId: string,
  input: GiveFeedbackBody,
  now: Date,
): Promise<Feedback> {
  const body = GiveFeedbackBodySchema.parse(input)
  const session = await findSessionInOrganization(db, viewer.organizationId, sessionId)
  if (!session) throw notFound('Session')
  try {
    await memberMatch(db, viewer, session.match_id)
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') throw notFound('Session')
    throw error
  }
  const members = await listMatchMembers(db, viewer.organizationId, [session.match_id])
  if (body.receiverId === viewer.personId || !members.some((m) => m.person_id === body.receiverId)) {
    throw new AppError('not_match_member', 'receiverId must be another member of this match')
  }
  if (!isFeedbackOpen(session, now)) {
    throw new AppError(
      'feedback_not_open',
      session.status === 'scheduled'
        ? 'Feedback opens when the session starts'
        : `The session was ${session.status}: there is nothing to give feedback on`,
    )
  }
  const flags = checkFeedbackWording(body)
  if (flags.length > 0 && !body.acknowledgeFlags) {
    throw new AppError(
      'feedback_not_constructive',
      'Some wording may not land as constructive: rephrase it, or send it anyway with acknowledgeFlags',
      flags.map((flag) => ({ path: `body.${flag.field}`, message: `${flag.kind}: ${flag.suggestion}` })),
    )
  }
  const stored = await insertFeedbackOnce(db, viewer.organizationId, {
    matchId: session.match_id,
    sessionId,
    giverId: viewer.personId,
    receiverId: body.receiverId,
    whatWorked: body.whatWorked,
    tryNext: body.tryNext,
    situation: body.situation,
    behaviour: body.behaviour,
    impact: body.impact,
    ratings: body.ratings,
    flags,
  })
  if (!stored) {
    throw new AppError('feedback_already_given', 'You already gave this person feedback for this session')
  }
  return toFeedback((await findFeedback(db, viewer.organizationId, stored.id))!)
}

/** What a member received and gave in the match, and the feedback they still owe for past sessions. */
export async function getMatchFeedback(db: Db, viewer: Viewer, matchId: string, now: Date): Promise<MatchFeedback> {
  await memberMatch(db, viewer, matchId)
  const rows = (await listFeedbackOfPerson(db, viewer.organizationId, matchId, viewer.personId)).map(toFeedback)
  const given = rows.filter((f) => f.giverId === viewer.personId)
  const partners = (await listMatchMembers(db, viewer.organizationId, [matchId])).filter(
    (m) => m.person_id !== viewer.personId,
  )
  const done = new Set(given.map((f) => `${f.sessionId}/${f.receiverId}`))
  const due: FeedbackDue[] = []
  for (const session of await listStartedMatchSessions(db, viewer.organizationId, matchId, now)) {
    for (const partner of partners) {
      if (done.has(`${session.id}/${partner.person_id}`)) continue
      due.push({
        sessionId: session.id,
        sessionStartsAt: toIso(session.starts_at),
        receiverId: partner.person_id,
        receiverName: partner.name,
      })
    }
  }
  return { received: rows.filter((f) => f.receiverId === viewer.personId), given, due }
}

const round2 = (value: string | null) => (value === null ? null : Math.round(Number(value) * 100) / 100)

/**
 * A program's feedback ratings for program managers and admins: averages and counts, never text or
 * names; hidden below the organization's privacy threshold. Participants and other organizations get 404.
 */
export async function getFeedbackSummary(db: Db, viewer: Viewer, programId: string): Promise<FeedbackSummary> {
  if (!hasRole(viewer, 'program_manager')) throw notFound('Program')
  await loadProgram(db, viewer.organizationId, programId)
  const threshold = (await getOrganization(db, viewer)).aggregateThreshold
  const row = await summarizeProgramRatings(db, viewer.organizationId, programId)
  const giverCount = Number(row.giver_count)
  // The same rule as every insight: averages over fewer givers than the threshold are withheld.
  const figure = withholdBelowThreshold(
    giverCount,
    threshold,
    { listening: round2(row.listening), questions: round2(row.questions), helpfulness: round2(row.helpfulness) },
    { listening: null, questions: null, helpfulness: null },
  )
  return {
    programId,
    threshold,
    feedbackCount: Number(row.feedback_count),
    giverCount,
    isHidden: figure.isHidden,
    hiddenReason: figure.isHidden
      ? `Averages appear once at least ${threshold} people have given feedback (${giverCount} so far), so no one's ratings can be singled out.`
      : null,
    averages: { listening: figure.listening, questions: figure.questions, helpfulness: figure.helpfulness },
  }
}
