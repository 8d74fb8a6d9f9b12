/** Every insights query starts with this key, so one invalidation refreshes the dashboards. */
export const insightsQueryKey = ['insights'] as const
