import { describe, expect, test } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import { fakeApi } from '#web/test/fake-api.ts'
import { renderUi } from '#web/test/render.tsx'
import { TermsToAccept } from './terms-to-accept.tsx'

const programId = '00000000-0000-4000-8000-0000000015a1'
const pending = {
  programId,
  programName: 'Design peers',
  confidentialityTerms: 'What is said in a session stays in the session.',
  enrolledByName: 'Ada Lovelace',
}

describe('terms to accept (issue #15)', () => {
  test('shows the terms of a program someone enrolled me in, and accepting them sends the acceptance', async () => {
    let isAccepted = false
    const api = fakeApi({
      'GET /api/me/terms-to-accept': () => ({ programs: isAccepted ? [] : [pending] }),
      [`POST /api/programs/${programId}/enrollment/accept-terms`]: () => {
        isAccepted = true
        return {
          id: '00000000-0000-4000-8000-0000000015a2',
          programId,
          personId: '00000000-0000-4000-8000-0000000015a3',
          status: 'enrolled',
          intent: '',
          skillsWanted: [],
          skillsOffered: [],
          mentoringRole: null,
          mentorCapacity: null,
          answers: {},
          selfAssessment: {},
          consentedAt: '2030-01-01T10:00:00.000Z',
          enrolledBy: '00000000-0000-4000-8000-0000000015a4',
          createdAt: '2030-01-01T09:00:00.000Z',
          updatedAt: '2030-01-01T10:00:00.000Z',
        }
      },
    })
    await renderUi(<TermsToAccept />)
    const prompt = page.getByRole('region', { name: 'Accept the confidentiality terms of Design peers' })
    await expect.element(prompt).toBeVisible()
    await expect.element(prompt.getByText('Ada Lovelace enrolled you in Design peers', { exact: false })).toBeVisible()
    await expect.element(prompt.getByText(pending.confidentialityTerms)).toBeVisible()
    await userEvent.click(page.getByRole('button', { name: 'Accept the terms of Design peers' }))
    await expect.element(prompt).not.toBeInTheDocument()
    expect(api.writes).toEqual([`POST /api/programs/${programId}/enrollment/accept-terms`])
  })
})
