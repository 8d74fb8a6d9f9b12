import type { ProgramView } from '#contracts/programs.ts'
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

/** An enrolling peer-coaching program as a participant sees it (eligible, may enroll). */
export function buildProgramView(overrides: Partial<ProgramView> = {}): ProgramView {
  return {
    id: ids.program,
    type: 'peer_coaching',
    name: 'Spring peer coaching',
    description: 'Coach each other every two weeks.',
    themeId: null,
    themeName: null,
    status: 'enrolling',
    startsOn: '2030-03-01',
    endsOn: '2030-06-30',
    enrollmentClosesOn: '2030-02-20',
    sessionCadenceDays: 14,
    targetSessionCount: 6,
    sessionMinutes: 45,
    focusSkills: [],
    enrollmentQuestions: [],
    confidentialityTerms: 'What is said here stays here.',
    eligibility: { kind: 'everyone' },
    matchingRules: {
      weights: { complementarity: 40, seniority: 20, diversity: 20, overlap: 20 },
      objective: 'maxWeight',
      constraints: {
        excludeReportingChain: true,
        reportingChainDepth: null,
        excludeSameManagerPeers: false,
        requireSharedLanguage: true,
        minOverlapMinutes: 60,
        maxSeniorityGap: null,
        minPairScore: 0,
        avoidRepeatPartners: true,
      },
      mentoring: { defaultCapacity: 2, minSeniorityGap: null, maxSeniorityGap: null, idealSeniorityGap: 2 },
      circles: { minSize: 3, maxSize: 6, targetSize: 4 },
      candidateTopK: null,
      questionCriteria: [],
    },
    supportContactId: null,
    supportContactName: null,
    previousProgramId: null,
    cycleNumber: 1,
    createdAt: '2030-01-01T09:00:00.000Z',
    updatedAt: '2030-01-01T09:00:00.000Z',
    enrolledCount: null,
    isEnrolled: false,
    isEligible: true,
    canEnroll: true,
    ...overrides,
  }
}
