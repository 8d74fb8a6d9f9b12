import { describe, expect, test } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import type { EnrollmentList } from '#contracts/enrollments.ts'
import { buildProgramView, ids } from '#web/test/builders.ts'
import { fakeApi } from '#web/test/fake-api.ts'
import { buildViewer, renderUi } from '#web/test/render.tsx'
import { EnrollmentsPanel } from './enrollments-panel.tsx'

const program = buildProgramView({
  enrollmentQuestions: [
    { id: 'why', kind: 'short_text', prompt: 'What do you hope to get out of it?', isRequired: true },
    { id: 'topics', kind: 'multiple_choice', prompt: 'Topics', options: ['Feedback', 'Conflict'], isRequired: false },
    { id: 'confidence', kind: 'scale', prompt: 'How confident are you?', isRequired: false },
  ],
})

const list: EnrollmentList = {
  enrollments: [
    {
      enrollmentId: '00000000-0000-4000-8000-00000000e001',
      personId: ids.partner,
      name: 'Grace Hopper',
      email: 'grace@example.com',
      title: 'Engineer',
      department: 'Research',
      seniority: 4,
      mentoringRole: null,
      mentorCapacity: null,
      skillsWanted: [],
      skillsOffered: [],
      answers: { why: 'Lead my first team', topics: ['Feedback', 'Conflict'] },
      hasConsented: true,
      isEnrolledByManager: false,
      enrolledAt: '2030-02-01T10:00:00.000Z',
    },
  ],
  total: 1,
  limit: 25,
  offset: 0,
  counts: {
    enrolled: 1,
    byDepartment: [{ department: 'Research', count: 1 }],
    byMentoringRole: { mentor: 0, mentee: 0 },
  },
}

describe('enrollments panel', () => {
  test("a program manager reads each person's answers on demand, and downloads them all as CSV", async () => {
    fakeApi({ [`GET /api/programs/${ids.program}/enrollments`]: list })
    await renderUi(<EnrollmentsPanel program={program} />, { viewer: buildViewer({ role: 'program_manager' }) })
    const answers = page.getByText('2 of 3 answers from Grace Hopper')
    await expect.element(answers).toBeVisible()
    await expect.element(page.getByText('Lead my first team')).not.toBeVisible()
    await userEvent.click(answers)
    await expect.element(page.getByText('Lead my first team')).toBeVisible()
    await expect.element(page.getByText('Feedback, Conflict')).toBeVisible()
    // Not answered: a dash, not an empty cell.
    await expect.element(page.getByRole('definition').last()).toHaveTextContent('—')
    await expect
      .element(page.getByRole('link', { name: 'Download as CSV, with answers' }))
      .toHaveAttribute('href', `/api/programs/${ids.program}/enrollments.csv`)
  })
})
