import { describe, expect, test } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import type { Agreement, Workspace } from '#contracts/workspaces.ts'
import { buildWorkspace, ids } from '#web/test/builders.ts'
import { type ApiCall, apiError, fakeApi } from '#web/test/fake-api.ts'
import { renderUi } from '#web/test/render.tsx'
import { useWorkspace } from '../api/use-workspace.ts'
import { AgreementSection } from './agreement-section.tsx'

const workspacePath = `/api/matches/${ids.match}/workspace`
const agreementPath = `/api/matches/${ids.match}/agreement`

const rules = {
  confidentiality: 'Names stay here',
  cadence: 'Every two weeks, 45 minutes',
  feedback: 'After each session',
}

function buildAgreement(overrides: Partial<Agreement> = {}): Agreement {
  return {
    id: '00000000-0000-4000-8000-00000000a901',
    focus: 'Leading my first team',
    groundRules: rules,
    version: 1,
    proposedBy: ids.partner,
    proposedAt: '2030-01-05T10:00:00.000Z',
    updatedAt: '2030-01-05T10:00:00.000Z',
    acceptances: [{ personId: ids.partner, version: 1, acceptedAt: '2030-01-05T10:00:00.000Z' }],
    isAgreed: false,
    isAcceptedByMe: false,
    ...overrides,
  }
}

/** The section as the workspace page shows it: fed by the workspace query, which writes update. */
function WorkspaceAgreement() {
  const workspace = useWorkspace(ids.match)
  return workspace.data ? <AgreementSection matchId={ids.match} workspace={workspace.data} /> : null
}

/** A server holding one workspace: a proposal stores a new version, an acceptance records the viewer. */
function serve(initial: Workspace) {
  let workspace = initial
  return fakeApi({
    [`GET ${workspacePath}`]: () => workspace,
    [`PUT ${agreementPath}`]: (call: ApiCall) => {
      const body = call.body as Pick<Agreement, 'focus' | 'groundRules'>
      const version = (workspace.agreement?.version ?? 0) + 1
      const agreement = buildAgreement({
        ...body,
        version,
        proposedBy: ids.viewer,
        acceptances: [{ personId: ids.viewer, version, acceptedAt: '2030-01-06T10:00:00.000Z' }],
        isAcceptedByMe: true,
      })
      workspace = { ...workspace, agreement }
      return agreement
    },
    [`POST ${agreementPath}/accept`]: () => {
      const current = workspace.agreement ?? buildAgreement()
      const agreement = {
        ...current,
        acceptances: [
          ...current.acceptances,
          { personId: ids.viewer, version: current.version, acceptedAt: '2030-01-06T10:00:00.000Z' },
        ],
        isAcceptedByMe: true,
        isAgreed: true,
      }
      workspace = { ...workspace, agreement }
      return agreement
    },
  })
}

describe('the agreement', () => {
  test('proposing one: every field is required, then it is sent and waits for the partner', async () => {
    const api = serve(buildWorkspace())
    await renderUi(<WorkspaceAgreement />)
    await expect.element(page.getByText('What is said here stays here.')).toBeVisible()
    await userEvent.click(page.getByRole('button', { name: 'Propose an agreement' }))
    await userEvent.click(page.getByRole('button', { name: 'Propose the agreement' }))
    for (const label of ['Focus', 'Confidentiality', 'Cadence', 'How we give feedback']) {
      await expect.element(page.getByRole('textbox', { name: label })).toHaveAttribute('aria-invalid', 'true')
    }
    expect(api.writes).toEqual([])

    await userEvent.fill(page.getByRole('textbox', { name: 'Focus' }), 'Leading my first team')
    await userEvent.fill(page.getByRole('textbox', { name: 'Confidentiality' }), rules.confidentiality)
    await userEvent.fill(page.getByRole('textbox', { name: 'Cadence' }), rules.cadence)
    await userEvent.fill(page.getByRole('textbox', { name: 'How we give feedback' }), rules.feedback)
    await userEvent.click(page.getByRole('button', { name: 'Propose the agreement' }))

    await expect
      .element(page.getByText('The agreement is saved as version 1. Grace Hopper needs to accept it.'))
      .toBeInTheDocument()
    expect(api.callsTo(`PUT ${agreementPath}`)[0].body).toEqual({ focus: 'Leading my first team', groundRules: rules })
    await expect.element(page.getByText('Waiting for Grace Hopper · version 1')).toBeVisible()
    const accepted = page.getByRole('list', { name: 'Who accepted the agreement' })
    await expect.element(accepted.getByText('Grace Hopper: not yet accepted version 1')).toBeVisible()
  })

  test("accepting the partner's proposal makes it agreed by everyone", async () => {
    const api = serve(buildWorkspace({ agreement: buildAgreement() }))
    await renderUi(<WorkspaceAgreement />)
    await expect.element(page.getByText('Grace Hopper proposed this agreement: it needs your acceptance')).toBeVisible()
    await expect.element(page.getByText('Leading my first team')).toBeVisible()
    await userEvent.click(page.getByRole('button', { name: 'Accept version 1' }))
    await expect
      .element(page.getByText('You accepted version 1. The agreement is agreed by everyone.'))
      .toBeInTheDocument()
    expect(api.callsTo(`POST ${agreementPath}/accept`)[0].body).toEqual({ version: 1 })
    await expect.element(page.getByRole('button', { name: 'Accept version 1' })).not.toBeInTheDocument()
  })

  test('an acceptance refused because the agreement changed says so and shows the new version', async () => {
    const api = serve(buildWorkspace({ agreement: buildAgreement() }))
    api.on(`POST ${agreementPath}/accept`, () => {
      api.on(
        `GET ${workspacePath}`,
        buildWorkspace({ agreement: buildAgreement({ version: 2, focus: 'Leading a remote team' }) }),
      )
      return apiError(409, 'agreement_changed', 'The agreement changed')
    })
    await renderUi(<WorkspaceAgreement />)
    await userEvent.click(page.getByRole('button', { name: 'Accept version 1' }))
    await expect.element(page.getByText('The agreement changed while you were reading')).toBeVisible()
    await expect.element(page.getByText('Leading a remote team')).toBeVisible()
    await expect.element(page.getByRole('button', { name: 'Accept version 2' })).toBeVisible()
  })

  test('changing it starts from the current text and cancelling sends nothing', async () => {
    const api = serve(buildWorkspace({ agreement: buildAgreement({ isAgreed: true, isAcceptedByMe: true }) }))
    await renderUi(<WorkspaceAgreement />)
    await userEvent.click(page.getByRole('button', { name: 'Change the agreement' }))
    await expect.element(page.getByRole('heading', { name: 'Change the agreement (version 1)' })).toBeVisible()
    await expect.element(page.getByRole('textbox', { name: 'Focus' })).toHaveValue('Leading my first team')
    await userEvent.click(page.getByRole('button', { name: 'Cancel' }))
    await expect.element(page.getByRole('button', { name: 'Change the agreement' })).toBeVisible()
    expect(api.writes).toEqual([])
  })
})
