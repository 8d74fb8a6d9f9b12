import { describe, expect, it } from 'vitest'
import { AUDIT_ACTIONS, actionsOfKind, auditActionLabel } from '#contracts/audit.ts'
import { actorLabel, detailsLabel, targetLabel } from './audit-words.ts'

describe('audit log words', () => {
  it('names the actions other branches record (export, erasure, admin reset, retention) in words', () => {
    expect(auditActionLabel('person.erased')).toBe('Person erased')
    expect(auditActionLabel('person.data_exported')).toBe('Personal data exported')
    expect(auditActionLabel('sign_in.reset_by_admin')).toBe('Sign-in reset by an admin')
    expect(auditActionLabel('retention.purged')).toBe('Old private notes deleted (retention)')
    expect(auditActionLabel('something.new')).toBe('something.new')
    expect(actionsOfKind('data_rights').sort()).toEqual(['person.data_exported', 'person.erased', 'retention.purged'])
    expect(Object.keys(AUDIT_ACTIONS).every((action) => /^[a-z_]+\.[a-z_]+$/.test(action))).toBe(true)
  })

  it('says who acted: a person, someone not signed in, or the system', () => {
    expect(actorLabel({ actor: { id: 'a', name: 'Ada' }, address: '10.0.0.1' })).toBe('Ada')
    expect(actorLabel({ actor: null, address: '10.0.0.1' })).toBe('Not signed in')
    expect(actorLabel({ actor: null, address: null })).toBe('System')
  })

  it('names the target, or says a person is no longer here', () => {
    expect(targetLabel({ targetType: 'person', targetId: 'x', targetName: 'Ben' })).toBe('Ben')
    expect(targetLabel({ targetType: 'person', targetId: 'x', targetName: null })).toBe('A person no longer here')
    expect(targetLabel({ targetType: 'person', targetId: null, targetName: null })).toBe('Unknown account')
    expect(targetLabel({ targetType: 'program', targetId: 'p', targetName: null })).toBe('Program')
  })

  it('puts reasons, role changes and changed settings in words', () => {
    expect(detailsLabel({ reason: 'wrong_password' })).toBe('wrong password')
    expect(detailsLabel({ from: 'participant', to: 'program_manager' })).toBe('Participant → Program manager')
    expect(detailsLabel({ changed: ['name', 'aggregateThreshold'], aggregateThreshold: { from: 5, to: 7 } })).toBe(
      'changed name, aggregateThreshold (5 → 7)',
    )
    expect(detailsLabel({ revoked: 2 })).toBe('')
  })
})
