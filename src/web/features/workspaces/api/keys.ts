import { workspaceKeys } from '#web/lib/query-keys.ts'
/** Query keys of one match's workspace (the factory is workspaceKeys in src/web/lib/query-keys.ts). */
export const workspaceQueryKey = workspaceKeys.match
