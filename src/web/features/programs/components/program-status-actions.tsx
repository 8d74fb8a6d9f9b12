import { useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import { PROGRAM_TRANSITIONS } from '#contracts/allowed-values.ts'
import type { ProgramStatus, ProgramView } from '#contracts/programs.ts'
import { Button } from '#web/components/ui/button.tsx'
import { ConfirmDialog } from '#web/components/ui/dialog.tsx'
import { errorMessage } from '#web/lib/api-client.ts'
import { plural } from '#web/lib/format.ts'
import { useStartNextCycle } from '../api/use-start-next-cycle.ts'
import { useTransitionProgram } from '../api/use-transition-program.ts'

interface Move {
  label: string
  title: string
  text: (program: ProgramView) => string
  tone: 'primary' | 'danger'
}

function moveTo(from: ProgramStatus, to: ProgramStatus): Move {
  switch (to) {
    case 'enrolling':
      return from === 'matching'
        ? {
            label: 'Reopen enrollment',
            title: 'Reopen enrollment?',
            text: () =>
              'People can enroll, change or withdraw again. Proposed matches stay until you run matching again.',
            tone: 'primary',
          }
        : {
            label: 'Open enrollment',
            title: 'Open enrollment?',
            text: () =>
              'Everyone who may enroll sees the program on their Programs page and can enroll until enrollment closes.',
            tone: 'primary',
          }
    case 'matching':
      return {
        label: 'Close enrollment and start matching',
        title: 'Close enrollment and start matching?',
        text: (program) =>
          `${plural(program.enrolledCount ?? 0, 'person is', 'people are')} enrolled. People can no longer enroll themselves; you can still add people. Then run matching and review the proposals before publishing.`,
        tone: 'primary',
      }
    case 'active':
      return {
        label: 'Start the program',
        title: 'Start the program?',
        text: () => 'The program becomes active. Late enrollees can still be matched into it.',
        tone: 'primary',
      }
    case 'completed':
      return {
        label: 'Mark completed',
        title: 'Mark the program completed?',
        text: () =>
          'Matches end and the program moves to its results. Peer coaching programs can then start a next cycle.',
        tone: 'primary',
      }
    case 'archived':
      return {
        label: 'Archive',
        title: 'Archive the program?',
        text: () => 'An archived program can no longer change. This cannot be undone.',
        tone: 'danger',
      }
    default:
      return { label: to, title: to, text: () => '', tone: 'primary' }
  }
}

/** The moves the program may make next, each behind a confirmation; a refusal shows the API's reason. */
export function ProgramStatusActions({ program }: { program: ProgramView }) {
  const transition = useTransitionProgram(program.id)
  const nextCycle = useStartNextCycle(program.id)
  const navigate = useNavigate()
  const [pending, setPending] = useState<ProgramStatus | 'next-cycle' | null>(null)
  const moves = PROGRAM_TRANSITIONS[program.status]
  const canStartNextCycle =
    program.type !== 'peer_mentoring' && (program.status === 'completed' || program.status === 'archived')
  const move = pending && pending !== 'next-cycle' ? moveTo(program.status, pending) : null

  function close() {
    setPending(null)
    transition.reset()
    nextCycle.reset()
  }

  if (moves.length === 0 && !canStartNextCycle) {
    return <p className="muted">This program is archived: it can no longer change.</p>
  }

  return (
    <>
      <div className="row">
        {moves.map((to) => {
          const item = moveTo(program.status, to)
          return (
            <Button key={to} variant={to === 'archived' ? 'secondary' : 'primary'} onClick={() => setPending(to)}>
              {item.label}
            </Button>
          )
        })}
        {canStartNextCycle ? (
          <Button variant="primary" onClick={() => setPending('next-cycle')}>
            Start next cycle
          </Button>
        ) : null}
      </div>
      <ConfirmDialog
        isOpen={move !== null}
        title={move?.title ?? ''}
        confirmLabel={move?.label ?? ''}
        tone={move?.tone ?? 'primary'}
        isPending={transition.isPending}
        error={transition.isError ? errorMessage(transition.error) : null}
        onClose={close}
        onConfirm={() => {
          if (pending && pending !== 'next-cycle') transition.mutate(pending, { onSuccess: close })
        }}
      >
        <p>{move?.text(program)}</p>
      </ConfirmDialog>
      <ConfirmDialog
        isOpen={pending === 'next-cycle'}
        title="Start the next cycle?"
        confirmLabel="Start next cycle"
        isPending={nextCycle.isPending}
        error={nextCycle.isError ? errorMessage(nextCycle.error) : null}
        onClose={close}
        onConfirm={() =>
          nextCycle.mutate(undefined, {
            onSuccess: (created) => {
              close()
              navigate({ to: '/programs/$programId', params: { programId: created.id } })
            },
          })
        }
      >
        <p>
          A new draft program with the same settings. Matching avoids the partners people had before, so everyone meets
          new peers. You open its enrollment when ready.
        </p>
      </ConfirmDialog>
    </>
  )
}
