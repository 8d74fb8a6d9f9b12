import { readFile } from 'node:fs/promises'
import { expect, test } from 'vitest'
import { apiRoutesFile, renderApiRoutes } from './generate-api-routes.ts'

// Builds the real app once on PGlite to read the routes it registers: ~5 s on an idle machine
// (the app's start-up and every contract module's import), which no smaller test can stand in for.
test('src/contracts/api-routes.ts matches the routes the server registers (else: npm run generate:api-routes)', async () => {
  const committed = await readFile(apiRoutesFile, 'utf8')
  expect(await renderApiRoutes()).toBe(committed)
}, 30_000)
