import { afterEach, expect } from 'vitest'
import { takeInvalidAnswers, takeUnhandledRequests } from './fake-api.ts'

// A request no route of the test's fake API answers is a request the test did not expect: fail on it.
afterEach(() => {
  expect(takeUnhandledRequests(), 'requests no fake route answered').toEqual([])
  // An answer the server could not give (it checks its answers against the same contract schemas)
  // would make a test prove nothing about the real app: fail on it.
  expect(takeInvalidAnswers(), 'fake answers the contract schemas refuse').toEqual([])
})
