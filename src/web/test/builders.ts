import type { Workspace } from '#contracts/workspaces.ts'

// Valid API answers for component tests, with one call and overrides (like src/server/test's build*).

export const ids = {
  viewer: '00000000-0000-4000-8000-000000000001',
  partner: '00000000-0000-4000-8000-000000000002',
  match: '00000000-0000-4000-8000-0000000090aa',
  program: '00000000-0000-4000-8000-0000000000b1',
  organization: '00000000-0000-4000-8000-0000000000a1',
}

/** A peer-coaching workspace of the viewer (Ada) and one partner (Grace), no agreement and no goals yet. */
export function buildWorkspace(overrides: Partial<Workspace> = {}): Workspace {
  return {
    match: { id: ids.match, status: 'active', publishedAt: '2030-01-01T09:00:00.000Z' },
    myRole: 'peer',
    partners: [
      {
        personId: ids.partner,
        name: 'Grace Hopper',
        title: 'Engineer',
        department: 'Research',
        timeZone: 'America/New_York',
        role: 'peer',
      },
    ],
    program: {
      id: ids.program,
      name: 'Spring peer coaching',
      type: 'peer_coaching',
      confidentialityTerms: 'What is said here stays here.',
    },
    agreement: null,
    canOwnGoals: true,
    goals: [],
    ...overrides,
  }
}

export const organization = { id: ids.organization, name: 'Example Org', slug: 'example', aggregateThreshold: 5 }
