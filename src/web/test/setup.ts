import { afterEach, expect } from 'vitest'
import { takeUnhandledRequests } from './fake-api.ts'

// A request no route of the test's fake API answers is a request the test did not expect: fail on it.
afterEach(() => {
  expect(takeUnhandledRequests(), 'requests no fake route answered').toEqual([])
})
