import type { KyselyPlugin } from 'kysely'
import type { Db } from '#server/db/connect.ts'

/** The same database, counting every statement run through it (queries, raw SQL, inside transactions too). */
export function countingStatements(db: Db): { db: Db; count(): number; reset(): void } {
  let count = 0
  const plugin: KyselyPlugin = {
    transformQuery: ({ node }) => node,
    transformResult: async ({ result }) => {
      count++
      return result
    },
  }
  return {
    db: db.withPlugin(plugin),
    count: () => count,
    reset: () => {
      count = 0
    },
  }
}
