import { expect, test } from 'vitest'
import { COMPONENT_TESTS_START_AT } from './setup.ts'

// The setup pins the browser's Date (decision 018): a component test never sees today's date.
test("the browser's Date starts at the fixed instant and runs on, whatever the real date", async () => {
  const start = COMPONENT_TESTS_START_AT.getTime()
  const first = Date.now()
  expect(first).toBeGreaterThanOrEqual(start)
  expect(first - start).toBeLessThan(60_000)
  expect(new Date().getUTCFullYear()).toBe(COMPONENT_TESTS_START_AT.getUTCFullYear())
  await new Promise((resolve) => setTimeout(resolve, 50))
  expect(Date.now()).toBeGreaterThan(first)
})
