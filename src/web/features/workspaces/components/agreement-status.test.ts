import { describe, expect, it } from 'vitest'
import type { Agreement } from '#contracts/workspaces.ts'
import { type AgreementMember, memberAcceptances, proposerName, stillToAccept } from './agreement-status.ts'

const me: AgreementMember = { personId: '00000000-0000-4000-8000-000000000001', name: 'Ana Lima', isMe: true }
const ben: AgreementMember = { personId: '00000000-0000-4000-8000-000000000002', name: 'Ben Ortiz', isMe: false }

function agreement(version: number, acceptances: Agreement['acceptances'], proposedBy = ben.personId): Agreement {
  return {
    id: '00000000-0000-4000-8000-00000000000a',
    focus: 'Giving difficult feedback to my team',
    groundRules: { confidentiality: 'Between us', cadence: 'Every two weeks, 45 minutes', feedback: 'SBI' },
    version,
    proposedBy,
    proposedAt: '2026-11-20T09:00:00.000Z',
    updatedAt: '2026-11-20T09:00:00.000Z',
    acceptances,
    isAgreed: false,
    isAcceptedByMe: false,
  }
}

describe('memberAcceptances', () => {
  it('lists me first, then who accepted the current version and who has not', () => {
    const result = memberAcceptances(
      agreement(2, [{ personId: ben.personId, version: 2, acceptedAt: '2026-11-21T10:00:00.000Z' }]),
      [ben, me],
    )
    expect(result).toEqual([
      { member: me, state: 'pending' },
      { member: ben, state: 'accepted', acceptedAt: '2026-11-21T10:00:00.000Z' },
    ])
    expect(stillToAccept(result)).toEqual(['you'])
  })

  it('says an acceptance of an earlier version is outdated: a change needs accepting again', () => {
    const result = memberAcceptances(
      agreement(3, [
        { personId: me.personId, version: 2, acceptedAt: '2026-11-21T10:00:00.000Z' },
        { personId: ben.personId, version: 3, acceptedAt: '2026-11-22T10:00:00.000Z' },
      ]),
      [me, ben],
    )
    expect(result[0]).toEqual({ member: me, state: 'outdated', acceptedVersion: 2 })
    expect(stillToAccept(result)).toEqual(['you'])
  })

  it('names the proposer, "You" for me, and copes with a proposer who left', () => {
    expect(proposerName(agreement(1, []), [me, ben])).toBe('Ben Ortiz')
    expect(proposerName(agreement(1, [], me.personId), [me, ben])).toBe('You')
    expect(proposerName(agreement(1, [], '00000000-0000-4000-8000-0000000000ff'), [me, ben])).toBe('A former member')
  })
})
