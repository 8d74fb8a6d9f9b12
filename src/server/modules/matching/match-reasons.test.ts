import { describe, expect, it } from 'vitest'
import {
  explainInWords,
  formatMinutes,
  listInWords,
  type StoredExplanation,
  summarizeReasons,
} from './match-reasons.ts'

const people = new Map([
  ['a', { name: 'Ana Lima', department: 'Sales', seniority: 6 }],
  ['b', { name: 'Ben Ortiz', department: 'Design', seniority: 4 }],
  ['c', { name: 'Cy Chen', department: 'Sales', seniority: 3 }],
])

const criterion = (detail: Record<string, unknown>, num = 0, den = 1) => ({ points: 0, num, den, value: 0, detail })

describe('explainInWords', () => {
  it('peer pairs: skills both ways, seniority, departments and shared hours', () => {
    const explanation: StoredExplanation = {
      memberIds: ['a', 'b'],
      criteria: {
        complementarity: criterion(
          { aWantsBOffers: ['negotiation', 'public-speaking'], bWantsAOffers: ['storytelling'] },
          3,
          4,
        ),
        seniority: criterion({ a: 6, b: 4, gap: 2 }),
        diversity: criterion({ a: 'Sales', b: 'Design' }),
        overlap: criterion({ overlapMinutes: 150 }),
      },
      pairScores: null,
    }
    const reasons = explainInWords('peer_coaching', explanation, people)
    expect(reasons).toEqual([
      'Ana wants negotiation and public speaking and Ben offers them',
      'Ben wants storytelling and Ana offers it',
      'similar seniority (gap 2)',
      'different departments (Sales, Design)',
      '2 h 30 min of shared working day',
    ])
    expect(summarizeReasons(['similar seniority (gap 1)', 'same department (Sales)'])).toBe(
      'Similar seniority (gap 1); same department (Sales)',
    )
  })

  it('mentoring: what the mentee wants from the mentor and the gap against the ideal', () => {
    const reasons = explainInWords(
      'peer_mentoring',
      {
        memberIds: ['a', 'c'],
        criteria: {
          complementarity: criterion({ menteeWantsMentorOffers: [] }, 0, 2),
          seniority: criterion({ mentor: 6, mentee: 3, gap: 3, ideal: 3 }),
          diversity: criterion({ a: 'Sales', b: 'Sales' }),
          overlap: criterion({ overlapMinutes: 0 }),
        },
        pairScores: null,
        source: 'must_pair',
      },
      people,
    )
    expect(reasons).toEqual([
      'a must-pair rule of the program',
      'Ana offers none of the skills Cy wants',
      'Ana is 3 levels more senior than Cy, the ideal gap',
      'same department (Sales)',
      'no shared working hours',
    ])
  })

  it('circles: departments, seniority range and pair scores', () => {
    const reasons = explainInWords(
      'coaching_circle',
      {
        memberIds: ['a', 'b', 'c'],
        criteria: null,
        pairScores: [
          { personIds: ['a', 'b'], score: 4000 },
          { personIds: ['a', 'c'], score: 2500 },
          { personIds: ['b', 'c'], score: 6100 },
        ],
      },
      people,
    )
    expect(reasons).toEqual([
      '3 members from 2 departments (Design, Sales)',
      'seniority levels 3 to 6',
      'pair scores from 2500 to 6100',
    ])
  })

  it('formats minutes and lists', () => {
    expect([formatMinutes(45), formatMinutes(180), formatMinutes(61)]).toEqual(['45 min', '3 h', '1 h 1 min'])
    expect([listInWords(['a']), listInWords(['a', 'b']), listInWords(['a', 'b', 'c'])]).toEqual([
      'a',
      'a and b',
      'a, b and c',
    ])
  })
})
