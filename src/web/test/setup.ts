import { afterEach, beforeEach, expect, vi } from 'vitest'
import { takeInvalidAnswers, takeUnhandledRequests } from './fake-api.ts'

// No component test reads today's date (decision 018): the browser's Date starts at one fixed
// instant for every test and runs on from there (timers stay real). The tests' data is dated 2030,
// after this instant, as it is after the real date today. The run under faketime that the server
// tests get in .ci/run is not possible here: Chromium does not start under libfaketime.
export const COMPONENT_TESTS_START_AT = new Date('2027-04-01T00:00:00Z')
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: COMPONENT_TESTS_START_AT, shouldAdvanceTime: true })
})
afterEach(() => {
  vi.useRealTimers()
})

// A request no route of the test's fake API answers is a request the test did not expect: fail on it.
afterEach(() => {
  expect(takeUnhandledRequests(), 'requests no fake route answered').toEqual([])
  // An answer the server could not give (it checks its answers against the same contract schemas)
  // would make a test prove nothing about the real app: fail on it.
  expect(takeInvalidAnswers(), 'fake answers the contract schemas refuse').toEqual([])
})
