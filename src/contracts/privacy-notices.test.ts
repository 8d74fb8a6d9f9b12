import { expect, test } from 'vitest'
import { PRIVACY_QUESTIONS, privacyNotice } from './privacy-notices.ts'

test('every question says what the program manager sees: totals over the threshold, or that it is addressed to them', () => {
  for (const question of PRIVACY_QUESTIONS) {
    const notice = privacyNotice(question, 5, 'Ben Ortiz')
    expect(notice, question).toMatch(/program manager/)
    expect(notice, question).toMatch(/Ben Ortiz/)
  }
  // Answers that only ever reach a manager as totals say the threshold and "never" the answer.
  for (const question of ['fit', 'closing_survey', 'feedback', 'check_in'] as const) {
    expect(privacyNotice(question, 5), question).toMatch(/at least 5 people/)
    expect(privacyNotice(question, 7), question).toMatch(/at least 7 people/)
  }
  // Reasons a member writes to the managers say so, with their name.
  for (const question of ['repair_request', 'decline', 'end_match'] as const) {
    expect(privacyNotice(question, 5), question).toMatch(
      /addressed to your program managers: they read it with your name/,
    )
  }
  expect(privacyNotice('fit', null)).toMatch(/your organization's privacy threshold/)
})
