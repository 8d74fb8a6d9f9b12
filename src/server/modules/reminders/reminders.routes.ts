import type { ApiModule } from '#server/app.ts'
import {
  DAILY_SWEEP_QUEUE,
  type DailySweepJob,
  runDailySweep,
  SESSION_ENDED_QUEUE,
  SESSION_REMINDER_QUEUE,
  type SessionEndedJob,
  type SessionReminderJob,
  sendSessionFollowUps,
  sendSessionReminder,
} from './reminders.service.ts'

/** Every day at 07:00 UTC: nudges, and on the first run of each ISO week the program digest. */
export const DAILY_SWEEP_CRON = '0 7 * * *'

/**
 * Scheduled notifications: no HTTP routes, only the job queues (reminders, after-session
 * follow-ups, the daily sweep). Each handler re-reads what it is about and delivers once per key.
 */
export const registerReminderRoutes: ApiModule = (_api, { db, mailer, config, jobs, clock }) => {
  const deps = { mailer, publicUrl: config.publicUrl }
  // 'short': one queued job per singleton key (a session scheduled twice in a row queues one reminder).
  const settings = { policy: 'short' as const, retryLimit: 5, retryDelay: 30, retryBackoff: true, retryDelayMax: 900 }
  jobs.define<SessionReminderJob>({
    queue: SESSION_REMINDER_QUEUE,
    settings,
    concurrency: 4,
    handler: async (data) => {
      await sendSessionReminder(db, deps, data, clock.now())
    },
  })
  jobs.define<SessionEndedJob>({
    queue: SESSION_ENDED_QUEUE,
    settings,
    handler: async (data) => {
      await sendSessionFollowUps(db, deps, data)
    },
  })
  jobs.define<DailySweepJob>({
    queue: DAILY_SWEEP_QUEUE,
    settings: { policy: 'short', retryLimit: 3, retryDelay: 300, retryBackoff: true },
    concurrency: 1,
    schedule: { cron: DAILY_SWEEP_CRON, timeZone: 'UTC', description: 'Nudges and the weekly program digest' },
    handler: async (data) => {
      await runDailySweep(db, deps, data.at ? new Date(data.at) : clock.now())
    },
  })
}
