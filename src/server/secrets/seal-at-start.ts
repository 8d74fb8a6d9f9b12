import type { FastifyInstance } from 'fastify'

/**
 * At each start, seals the stored secrets of one kind that are in the clear (kept before decision
 * 047) or under SECRET_KEY_PREVIOUS. A failure (the database busy at start) is logged and tried again
 * at the next start: a value in the clear still opens meanwhile.
 */
export function sealStoredSecretsAtStart(app: FastifyInstance, what: string, seal: () => Promise<number>) {
  app.addHook('onReady', async () => {
    const sealed = await seal().catch((error) => {
      app.log.warn({ err: error }, `stored ${what} could not be sealed; they are tried again at the next start`)
      return 0
    })
    if (sealed > 0) app.log.info({ sealed }, `stored ${what} sealed under the current secret key`)
  })
}
