import type { Agreement } from '#contracts/workspaces.ts'

export interface AgreementMember {
  personId: string
  name: string
  isMe: boolean
}

export type MemberAcceptance =
  | { member: AgreementMember; state: 'accepted'; acceptedAt: string }
  /** Accepted an earlier version: the change since needs their acceptance again. */
  | { member: AgreementMember; state: 'outdated'; acceptedVersion: number }
  | { member: AgreementMember; state: 'pending' }

/** Where each member stands on the agreement's current version, me first. */
export function memberAcceptances(agreement: Agreement, members: AgreementMember[]): MemberAcceptance[] {
  const ordered = [...members].sort((a, b) => Number(b.isMe) - Number(a.isMe))
  return ordered.map((member) => {
    const mine = agreement.acceptances
      .filter((acceptance) => acceptance.personId === member.personId)
      .sort((a, b) => b.version - a.version)[0]
    if (!mine) return { member, state: 'pending' }
    if (mine.version === agreement.version) return { member, state: 'accepted', acceptedAt: mine.acceptedAt }
    return { member, state: 'outdated', acceptedVersion: mine.version }
  })
}

/** The people still to accept the current version, by name ("you" for me). */
export function stillToAccept(acceptances: MemberAcceptance[]): string[] {
  return acceptances
    .filter((item) => item.state !== 'accepted')
    .map((item) => (item.member.isMe ? 'you' : item.member.name))
}

/** Who proposed the current version, in words. */
export function proposerName(agreement: Agreement, members: AgreementMember[]): string {
  const proposer = members.find((member) => member.personId === agreement.proposedBy)
  if (!proposer) return 'A former member'
  return proposer.isMe ? 'You' : proposer.name
}
