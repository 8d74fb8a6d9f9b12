import { describe, expect, test, vi } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import type { Enrollment, MyEnrollment } from '#contracts/enrollments.ts'
import { buildProgramView, ids } from '#web/test/builders.ts'
import { apiError, fakeApi } from '#web/test/fake-api.ts'
import { renderUi } from '#web/test/render.tsx'
import { EnrollmentForm } from './enrollment-form.tsx'

const enrollmentPath = `/api/programs/${ids.program}/enrollment`
const skills = {
  skills: [
    {
      id: '00000000-0000-4000-8000-00000000c001',
      slug: 'public-speaking',
      name: 'Public speaking',
      category: 'Communication',
    },
  ],
}

const program = buildProgramView({
  enrollmentQuestions: [
    {
      id: 'timezone-ok',
      kind: 'single_choice',
      prompt: 'Can you meet in working hours?',
      options: ['Yes', 'No'],
      isRequired: true,
    },
    { id: 'hopes', kind: 'short_text', prompt: 'Anything else?', isRequired: false },
  ],
})

const notEnrolled: MyEnrollment = {
  isEnrolled: false,
  enrollment: null,
  draft: {
    intent: '',
    skillsWanted: ['public-speaking'],
    skillsOffered: [],
    mentoringRole: null,
    mentorCapacity: null,
    answers: {},
    selfAssessment: {},
  },
  canEnroll: true,
  reason: null,
}

function buildEnrollment(): Enrollment {
  return {
    id: '00000000-0000-4000-8000-00000000e001',
    programId: ids.program,
    personId: ids.viewer,
    status: 'enrolled',
    intent: 'Speak with confidence',
    skillsWanted: ['public-speaking'],
    skillsOffered: [],
    mentoringRole: null,
    mentorCapacity: null,
    answers: { 'timezone-ok': 'Yes' },
    selfAssessment: {},
    consentedAt: '2030-01-10T10:00:00.000Z',
    enrolledBy: ids.viewer,
    createdAt: '2030-01-10T10:00:00.000Z',
    updatedAt: '2030-01-10T10:00:00.000Z',
  }
}

describe('enrolling in a program', () => {
  test('missing intent, a required question and consent are marked, and nothing is sent', async () => {
    const api = fakeApi({ 'GET /api/skills': skills })
    await renderUi(<EnrollmentForm program={program} mine={notEnrolled} onSaved={() => {}} />)
    await userEvent.click(page.getByRole('button', { name: 'Enroll' }))
    await expect.element(page.getByText('Some answers need your attention. They are marked below.')).toBeVisible()
    await expect
      .element(page.getByRole('textbox', { name: 'What do you want from this program?' }))
      .toHaveAttribute('aria-invalid', 'true')
    await expect.element(page.getByRole('radio', { name: 'Yes' })).toHaveAttribute('aria-invalid', 'true')
    await expect
      .element(page.getByRole('checkbox', { name: 'I accept the confidentiality terms' }))
      .toHaveAttribute('aria-invalid', 'true')
    expect(api.writes).toEqual([])
  })

  test('a complete form sends the intent, skills, answered questions and consent', async () => {
    const api = fakeApi({ 'GET /api/skills': skills, [`PUT ${enrollmentPath}`]: buildEnrollment() })
    const onSaved = vi.fn()
    await renderUi(<EnrollmentForm program={program} mine={notEnrolled} onSaved={onSaved} />)
    await expect.element(page.getByText('What is said here stays here.')).toBeVisible()
    await userEvent.fill(
      page.getByRole('textbox', { name: 'What do you want from this program?' }),
      'Speak with confidence',
    )
    await userEvent.click(page.getByRole('radio', { name: 'Yes' }))
    await userEvent.click(page.getByRole('checkbox', { name: 'I accept the confidentiality terms' }))
    await userEvent.click(page.getByRole('button', { name: 'Enroll' }))

    await expect.poll(() => onSaved.mock.calls).toEqual([['You are enrolled in Spring peer coaching.']])
    expect(api.callsTo(`PUT ${enrollmentPath}`)[0].body).toEqual({
      hasConsented: true,
      intent: 'Speak with confidence',
      skillsWanted: ['public-speaking'],
      skillsOffered: [],
      // The optional question left blank is not sent.
      answers: { 'timezone-ok': 'Yes' },
      selfAssessment: {},
    })
  })

  test("the server's field errors are shown on their fields", async () => {
    fakeApi({
      'GET /api/skills': skills,
      [`PUT ${enrollmentPath}`]: apiError(422, 'validation_failed', 'Check the form', [
        { path: 'intent', message: 'is too vague' },
      ]),
    })
    const onSaved = vi.fn()
    await renderUi(<EnrollmentForm program={program} mine={notEnrolled} onSaved={onSaved} />)
    await userEvent.fill(page.getByRole('textbox', { name: 'What do you want from this program?' }), 'Things')
    await userEvent.click(page.getByRole('radio', { name: 'Yes' }))
    await userEvent.click(page.getByRole('checkbox', { name: 'I accept the confidentiality terms' }))
    await userEvent.click(page.getByRole('button', { name: 'Enroll' }))
    await expect.element(page.getByText('Is too vague')).toBeVisible()
    await expect
      .element(page.getByRole('textbox', { name: 'What do you want from this program?' }))
      .toHaveAttribute('aria-invalid', 'true')
    expect(onSaved).not.toHaveBeenCalled()
  })

  test('an enrolled person can withdraw after confirming', async () => {
    const api = fakeApi({
      'GET /api/skills': skills,
      [`DELETE ${enrollmentPath}`]: { status: 'withdrawn' },
    })
    const onSaved = vi.fn()
    const enrolled = { ...notEnrolled, isEnrolled: true, enrollment: buildEnrollment() }
    await renderUi(<EnrollmentForm program={program} mine={enrolled} onSaved={onSaved} />)
    await expect.element(page.getByRole('button', { name: 'Save my enrollment' })).toBeVisible()
    await userEvent.click(page.getByRole('button', { name: 'Withdraw from the program' }))
    await expect.element(page.getByRole('dialog', { name: 'Withdraw from the program?' })).toBeVisible()
    await userEvent.click(page.getByRole('button', { name: 'Withdraw', exact: true }))
    await expect.poll(() => onSaved.mock.calls).toEqual([['You withdrew from Spring peer coaching.']])
    expect(api.writes).toEqual([`DELETE ${enrollmentPath}`])
  })
})
