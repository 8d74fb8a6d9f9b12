import { DEFAULT_LOCALE, formatMoment } from '#contracts/date-format.ts'
import { DAY, MINUTE } from '#contracts/durations.ts'
import type { AtRiskMatch } from '#contracts/insights.ts'
import { workspacePath } from '#contracts/workspaces.ts'
import type { Db } from '#server/db/connect.ts'
import { inTransaction } from '#server/db/transaction.ts'
import type { Viewer } from '#server/http/viewer.ts'
import type { JobData, JobRunner } from '#server/jobs/job-runner.ts'
import { getProgramInsights } from '#server/modules/insights/insights.service.ts'
import {
  deliverNotifications,
  deliverNotificationsOnce,
  type NotificationToSend,
  type NotifyDeps,
} from '#server/modules/notifications/notifications.service.ts'
import { listActiveProgramManagers } from '#server/modules/people/people.service.ts'
import { type ReminderLead, upcomingReminderTimes } from './reminder-time.ts'
import {
  findSessionForReminder,
  listActiveMatchesWithLastSession,
  listActivePrograms,
  listFeedbackPairsOfSession,
  listReachableMembers,
  listSurveyRespondents,
} from './reminders.repository.ts'

/** What scheduled notifications need: the mailer and public address, and the job queue. */
export interface ReminderDeps extends NotifyDeps {
  jobs: JobRunner
}

export const SESSION_REMINDER_QUEUE = 'session-reminder'
export const SESSION_ENDED_QUEUE = 'session-ended'
export const DAILY_SWEEP_QUEUE = 'daily-sweep'

export interface SessionReminderJob extends JobData {
  organizationId: string
  sessionId: string
  personId: string
  lead: ReminderLead
  /** The start the reminder was queued for: a session moved since has newer jobs. */
  startsAt: string
}

export interface SessionEndedJob extends JobData {
  organizationId: string
  sessionId: string
  /** The end the job was queued for. */
  endsAt: string
}

export interface DailySweepJob extends JobData {
  /** The moment the sweep is for; the moment it runs when absent (the cron's jobs). */
  at?: string
}

export type Outcome = 'sent' | 'already_sent' | 'skipped'

/** Matches whose members are still working on them (a completed match gets no reminders). */
const RUNNING_MATCH = ['published', 'active']

const joinNames = (names: string[]) =>
  names.length <= 1 ? (names[0] ?? 'your partner') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`

/** "10 Mar 2027, 20:30 (Europe/London)": in the member's own zone and locale, as pages write it. */
function formatWhen(instant: Date, member: { time_zone: string; locale: string | null }): string {
  return `${formatMoment(instant, { locale: member.locale ?? DEFAULT_LOCALE, timeZone: member.time_zone })} (${member.time_zone})`
}

const hello = (name: string) => `Hi ${name.split(' ')[0]},`

/**
 * A person's notice and its email: the email greets them, says what `paragraphs` say, and ends on
 * the action with its link (`Schedule a session: https://…/matches/m1`); empty paragraphs are left out.
 */
function noticeTo(
  person: { personId: string; name: string; email: string },
  notice: { kind: NotificationToSend['kind']; title: string; body: string; link: string },
  email: { paragraphs: string[]; action: string; publicUrl: string },
): NotificationToSend {
  return {
    personId: person.personId,
    kind: notice.kind,
    title: notice.title,
    body: notice.body,
    link: notice.link,
    email: {
      to: person.email,
      subject: notice.title,
      text: [hello(person.name), ...email.paragraphs, `${email.action}: ${email.publicUrl}${notice.link}`]
        .filter(Boolean)
        .join('\n\n'),
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Queuing, inside the transaction that schedules or moves a session

export function reminderKey(data: Pick<SessionReminderJob, 'sessionId' | 'personId' | 'lead' | 'startsAt'>) {
  return `session-reminder:${data.sessionId}:${data.personId}:${data.lead}:${data.startsAt}`
}

/**
 * Queues a session's reminders (a day and an hour before, in each member's zone) and its
 * end-of-session job, in the caller's transaction. Reminders whose time has passed are left out.
 */
export async function queueSessionJobs(
  trx: Db,
  deps: Pick<ReminderDeps, 'jobs'>,
  organizationId: string,
  session: { id: string; starts_at: Date; duration_minutes: number },
  members: { person_id: string; time_zone: string }[],
  now: Date,
): Promise<void> {
  const startsAt = session.starts_at.toISOString()
  if (session.starts_at.getTime() > now.getTime()) {
    for (const member of members) {
      for (const time of upcomingReminderTimes(session.starts_at, member.time_zone, now)) {
        const data: SessionReminderJob = {
          organizationId,
          description: `Session reminder (${time.lead} before)`,
          sessionId: session.id,
          personId: member.person_id,
          lead: time.lead,
          startsAt,
        }
        await deps.jobs.send(SESSION_REMINDER_QUEUE, data, {
          db: trx,
          startAfter: time.at,
          singletonKey: reminderKey(data),
        })
      }
    }
  }
  const endsAt = new Date(session.starts_at.getTime() + session.duration_minutes * MINUTE)
  const ended: SessionEndedJob = {
    organizationId,
    description: 'Feedback and survey invitations after a session',
    sessionId: session.id,
    endsAt: endsAt.toISOString(),
  }
  await deps.jobs.send(SESSION_ENDED_QUEUE, ended, {
    db: trx,
    startAfter: endsAt,
    singletonKey: `session-ended:${session.id}:${ended.endsAt}`,
  })
}

// ---------------------------------------------------------------------------------------------
// Jobs

/**
 * Sends one member's reminder unless the session was cancelled, moved (its new time has its own
 * jobs), held, or already started; once per delivery key, whoever runs the job and however often.
 */
export async function sendSessionReminder(
  db: Db,
  deps: NotifyDeps,
  data: SessionReminderJob,
  now: Date,
): Promise<Outcome> {
  return inTransaction(db, async (trx) => {
    const session = await findSessionForReminder(trx, data.organizationId, data.sessionId)
    if (
      session?.status !== 'scheduled' ||
      !RUNNING_MATCH.includes(session.match_status) ||
      session.starts_at.toISOString() !== data.startsAt ||
      session.starts_at.getTime() <= now.getTime()
    ) {
      return 'skipped'
    }
    const members = await listReachableMembers(trx, data.organizationId, session.match_id)
    const member = members.find((m) => m.person_id === data.personId)
    if (!member) return 'skipped'
    const partners = joinNames(members.filter((m) => m.person_id !== member.person_id).map((m) => m.name))
    const when = formatWhen(session.starts_at, member)
    const isDayBefore = data.lead === '24h'
    const title = isDayBefore
      ? `Your coaching session with ${partners} is tomorrow`
      : `Your coaching session with ${partners} starts in an hour`
    const link = workspacePath(session.match_id, 'sessions')
    const text = [
      hello(member.name),
      `${isDayBefore ? 'A friendly reminder: you meet' : 'You meet'} ${partners} on ${when}, for ${session.duration_minutes} minutes.`,
      [
        session.location ? `Where: ${session.location}` : '',
        session.video_url ? `Video call: ${session.video_url}` : '',
        session.focus ? `Focus: ${session.focus}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
      `Your agenda and notes are in your workspace: ${deps.publicUrl}${link}`,
    ]
      .filter(Boolean)
      .join('\n\n')
    const isSent = await deliverNotificationsOnce(trx, deps, data.organizationId, reminderKey(data), [
      {
        personId: member.person_id,
        kind: 'session_reminder',
        title,
        body: `${when}, ${session.duration_minutes} minutes, in "${session.program_name}".`,
        link,
        email: { to: member.email, subject: title, text },
      },
    ])
    return isSent ? 'sent' : 'already_sent'
  })
}

/**
 * After a session ended (unless it was cancelled, missed or moved): feedback_due to members who
 * still owe a partner feedback for it, and, as it was a session of the match, the pairing-fit
 * question to members who have not answered it.
 */
export async function sendSessionFollowUps(
  db: Db,
  deps: NotifyDeps,
  data: SessionEndedJob,
): Promise<{ feedbackDue: number; fitSurveys: number }> {
  return inTransaction(db, async (trx) => {
    const counts = { feedbackDue: 0, fitSurveys: 0 }
    const session = await findSessionForReminder(trx, data.organizationId, data.sessionId)
    if (!session || (session.status !== 'scheduled' && session.status !== 'held')) return counts
    const endsAt = new Date(session.starts_at.getTime() + session.duration_minutes * MINUTE)
    if (endsAt.toISOString() !== data.endsAt || !RUNNING_MATCH.includes(session.match_status)) return counts
    const members = await listReachableMembers(trx, data.organizationId, session.match_id)
    const given = await listFeedbackPairsOfSession(trx, data.organizationId, session.id)
    const link = workspacePath(session.match_id, 'feedback')
    for (const member of members) {
      const owed = members.filter(
        (other) =>
          other.person_id !== member.person_id &&
          !given.some((g) => g.giver_id === member.person_id && g.receiver_id === other.person_id),
      )
      if (owed.length === 0) continue
      const names = joinNames(owed.map((m) => m.name))
      const title = `How did your session with ${names} go?`
      const isSent = await deliverNotificationsOnce(
        trx,
        deps,
        data.organizationId,
        `feedback-due:${session.id}:${member.person_id}`,
        [
          noticeTo(
            { personId: member.person_id, name: member.name, email: member.email },
            {
              kind: 'feedback_due',
              title,
              body: `Give ${names} a few words of feedback on the session of ${formatWhen(session.starts_at, member)}.`,
              link,
            },
            {
              paragraphs: [
                `Thank you for meeting ${names}. A few words on what worked and what to try next help them grow; it takes two minutes.`,
              ],
              action: 'Give your feedback',
              publicUrl: deps.publicUrl,
            },
          ),
        ],
      )
      if (isSent) counts.feedbackDue++
    }
    const answered = new Set(await listSurveyRespondents(trx, data.organizationId, session.match_id, 'fit'))
    for (const member of members.filter((m) => !answered.has(m.person_id))) {
      const partners = joinNames(members.filter((m) => m.person_id !== member.person_id).map((m) => m.name))
      const title = `Is ${partners} a good fit for you?`
      const isSent = await deliverNotificationsOnce(
        trx,
        deps,
        data.organizationId,
        `fit-survey:${session.match_id}:${member.person_id}`,
        [
          noticeTo(
            { personId: member.person_id, name: member.name, email: member.email },
            {
              kind: 'fit_survey_due',
              title,
              body: 'After your first session: one quick question on how the pairing works for you.',
              link: workspacePath(session.match_id, 'pairing'),
            },
            {
              paragraphs: [
                `You had your first session with ${partners}. How is the pairing working for you? One quick question, and only the program team sees your answer.`,
              ],
              action: 'Answer it here',
              publicUrl: deps.publicUrl,
            },
          ),
        ],
      )
      if (isSent) counts.fitSurveys++
    }
    return counts
  })
}

// ---------------------------------------------------------------------------------------------
// Immediate notifications, in the transaction of the change

/** The other members are asked to read and accept the agreement a member proposed or changed. */
export async function notifyAgreementToAccept(
  trx: Db,
  deps: NotifyDeps,
  viewer: Viewer,
  matchId: string,
  options: { isChange: boolean },
): Promise<void> {
  const members = await listReachableMembers(trx, viewer.organizationId, matchId)
  const link = `/matches/${matchId}`
  const title = options.isChange
    ? `${viewer.name} changed your coaching agreement`
    : `${viewer.name} proposed your coaching agreement`
  await deliverNotifications(
    trx,
    deps,
    viewer.organizationId,
    members
      .filter((m) => m.person_id !== viewer.personId)
      .map(
        (member): NotificationToSend => ({
          personId: member.person_id,
          kind: 'agreement_to_accept',
          title,
          body: 'Read it, and accept it when it works for you too.',
          link,
          email: {
            to: member.email,
            subject: title,
            text: [
              hello(member.name),
              `${title}: what you focus on and how you work together. Read it, and accept it when it works for you too; if something should change, propose your version.`,
              `Open the agreement: ${deps.publicUrl}${link}`,
            ].join('\n\n'),
          },
        }),
      ),
  )
}

/** Every member who has not answered the closing survey is invited to it, once per match. */
export async function inviteToClosingSurvey(
  trx: Db,
  deps: NotifyDeps,
  organizationId: string,
  match: { id: string; programName: string },
): Promise<number> {
  const members = await listReachableMembers(trx, organizationId, match.id)
  const answered = new Set(await listSurveyRespondents(trx, organizationId, match.id, 'closing'))
  const link = workspacePath(match.id, 'pairing')
  const title = `How did your match in ${match.programName} go?`
  let invited = 0
  for (const member of members.filter((m) => !answered.has(m.person_id))) {
    const isSent = await deliverNotificationsOnce(
      trx,
      deps,
      organizationId,
      `closing-survey:${match.id}:${member.person_id}`,
      [
        noticeTo(
          { personId: member.person_id, name: member.name, email: member.email },
          {
            kind: 'closing_survey_due',
            title,
            body: 'Your match has ended. Five short questions help the next pairs.',
            link,
          },
          {
            paragraphs: [
              `Your match in ${match.programName} has ended. Thank you for the time you gave it. Five short questions on how it went help the program and the next pairs.`,
            ],
            action: 'Answer the closing survey',
            publicUrl: deps.publicUrl,
          },
        ),
      ],
    )
    if (isSent) invited++
  }
  return invited
}

// ---------------------------------------------------------------------------------------------
// The daily sweep: nudges, and the weekly digest

/**
 * match_nudge to the members of each active match with no held or scheduled session for a cadence
 * period: once per match per period without a session (each further period nudges again).
 */
export async function sendMatchNudges(db: Db, deps: NotifyDeps, now: Date): Promise<number> {
  let nudged = 0
  for (const match of await listActiveMatchesWithLastSession(db)) {
    const lastSessionAt = match.last_session_at ? new Date(match.last_session_at) : null
    const since = lastSessionAt ?? match.published_at ?? match.created_at
    const cadence = match.session_cadence_days * DAY
    const elapsed = now.getTime() - since.getTime()
    if (cadence <= 0 || elapsed < cadence) continue
    const period = Math.floor(elapsed / cadence)
    const days = Math.floor(elapsed / DAY)
    const isSent = await inTransaction(db, async (trx) => {
      const members = await listReachableMembers(trx, match.organization_id, match.match_id)
      const link = workspacePath(match.match_id, 'sessions')
      return deliverNotificationsOnce(
        trx,
        deps,
        match.organization_id,
        `match-nudge:${match.match_id}:${since.toISOString()}:${period}`,
        members.map((member): NotificationToSend => {
          const partners = joinNames(members.filter((m) => m.person_id !== member.person_id).map((m) => m.name))
          const title = `Time to meet ${partners} again?`
          const gap = lastSessionAt
            ? `Your last session with ${partners} was ${days} days ago`
            : `You and ${partners} have not had a session yet, ${days} days after your match started`
          const body = `${gap}; "${match.program_name}" suggests meeting every ${match.session_cadence_days} days.`
          return noticeTo(
            { personId: member.person_id, name: member.name, email: member.email },
            { kind: 'match_nudge', title, body, link },
            {
              paragraphs: [`${body} Pick a time that suits you both; Tandem suggests times inside your working hours.`],
              action: 'Schedule a session',
              publicUrl: deps.publicUrl,
            },
          )
        }),
      )
    })
    if (isSent) nudged++
  }
  return nudged
}

/** '2026-W48': the ISO week of an instant (in UTC). */
export function isoWeekOf(instant: Date): string {
  const date = new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()))
  const weekday = date.getUTCDay() || 7
  date.setUTCDate(date.getUTCDate() + 4 - weekday) // the Thursday of the week names its year
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1)
  const week = Math.ceil(((date.getTime() - yearStart) / DAY + 1) / 7)
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`
}

function describeAtRisk(match: AtRiskMatch): string {
  const names = joinNames(match.members.map((m) => m.name))
  const reasons = match.reasons.map((r) => `${r.label} (${r.actionLabel.toLowerCase()})`).join('; ')
  return `- ${names}: ${reasons}`
}

/**
 * program_digest to the program managers (and admins) of each active program: its at-risk matches
 * and a link to its insights, once per person per program per ISO week.
 */
export async function sendProgramDigests(db: Db, deps: NotifyDeps, now: Date): Promise<number> {
  const week = isoWeekOf(now)
  let sent = 0
  for (const program of await listActivePrograms(db)) {
    const managers = await listActiveProgramManagers(db, program.organization_id)
    if (managers.length === 0) continue
    // The figures are the same for every manager: computed once, with the first one's rights.
    const first = managers[0]
    const viewer: Viewer = {
      personId: first.id,
      organizationId: program.organization_id,
      role: first.role,
      name: first.name,
      email: first.email,
      sessionId: '',
      csrfToken: '',
      address: null,
    }
    const insights = await getProgramInsights(db, viewer, program.id, now)
    const link = `/programs/${program.id}?tab=insights`
    const count = insights.atRiskPaging.total
    const title = `Your week in ${program.name}: ${count === 0 ? 'no match needs attention' : `${count} ${count === 1 ? 'match needs' : 'matches need'} attention`}`
    for (const manager of managers) {
      const isSent = await inTransaction(db, (trx) =>
        deliverNotificationsOnce(
          trx,
          deps,
          program.organization_id,
          `program-digest:${program.id}:${manager.id}:${week}`,
          [
            noticeTo(
              { personId: manager.id, name: manager.name, email: manager.email },
              {
                kind: 'program_digest',
                title,
                body:
                  count === 0
                    ? 'Every match met recently and nobody asked for help.'
                    : insights.atRisk
                        .slice(0, 3)
                        .map((m) => joinNames(m.members.map((p) => p.name)))
                        .join('; ') + (count > 3 ? ` and ${count - 3} more` : ''),
                link,
              },
              {
                paragraphs: [
                  count === 0
                    ? `Good news from ${program.name}: every match met recently and nobody asked for help this week.`
                    : `In ${program.name}, ${count === 1 ? 'this match needs' : 'these matches need'} your attention:`,
                  insights.atRisk.map(describeAtRisk).join('\n') +
                    (count > insights.atRisk.length ? `\n…and ${count - insights.atRisk.length} more` : ''),
                ],
                action: "See the program's insights",
                publicUrl: deps.publicUrl,
              },
            ),
          ],
        ),
      )
      if (isSent) sent++
    }
  }
  return sent
}

/** The daily sweep: nudges, and the weekly digest (its first run of each ISO week sends it). */
export async function runDailySweep(db: Db, deps: NotifyDeps, now: Date): Promise<{ nudges: number; digests: number }> {
  return { nudges: await sendMatchNudges(db, deps, now), digests: await sendProgramDigests(db, deps, now) }
}
