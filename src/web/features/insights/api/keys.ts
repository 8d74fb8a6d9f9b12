import { insightKeys } from '#web/lib/query-keys.ts'
/** Every insights query starts with this key, so one invalidation refreshes the dashboards. */
export const insightsQueryKey = insightKeys.all
