import { Link } from '@tanstack/react-router'
import type { ReactNode } from 'react'
import { EMAIL_CATEGORY_LABELS, type EmailCategory } from '#contracts/notifications.ts'
import { Alert } from '#web/components/ui/alert.tsx'
import { Button } from '#web/components/ui/button.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { LoadingState } from '#web/components/ui/loading-state.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { errorMessage, isApiError } from '#web/lib/api-client.ts'
import { useUnsubscribe } from '../api/use-unsubscribe.ts'
import { useUnsubscribeInfo } from '../api/use-unsubscribe-info.ts'

function isDeadLink(error: unknown) {
  return isApiError(error, 'not_found') || isApiError(error, 'validation_failed')
}

function ManageLink() {
  return (
    <p>
      <Link to="/me/email-preferences">Sign in to choose exactly which emails you get</Link>
    </p>
  )
}

/**
 * The page an email's unsubscribe link opens, signed out: the link's token is the credential. With
 * `category` (the email's own kind) it offers to stop just those emails first.
 */
export function UnsubscribePage({ token, category }: { token: string; category?: EmailCategory }) {
  const info = useUnsubscribeInfo(token)
  const unsubscribe = useUnsubscribe(token)
  const categoryLabel = category ? EMAIL_CATEGORY_LABELS[category].label : null

  let content: ReactNode
  if (info.isPending) {
    content = <LoadingState label="Checking your unsubscribe link…" />
  } else if (info.isError) {
    content = isDeadLink(info.error) ? (
      <div className="stack">
        <Alert tone="warning" title="This unsubscribe link does not work">
          <p>
            It may have been copied incompletely. Open the link from the email again, or sign in to choose which emails
            you get.
          </p>
        </Alert>
        <ManageLink />
      </div>
    ) : (
      <ErrorState error={info.error} onRetry={() => info.refetch()} />
    )
  } else {
    const categories = info.data.categories
    const isAllOff = categories.every((c) => !c.isEnabled)
    const isCategoryOff = category ? categories.some((c) => c.category === category && !c.isEnabled) : false
    const justDone = unsubscribe.isSuccess ? unsubscribe.variables : undefined
    content = (
      <div className="stack">
        <p>
          Emails to <strong>{info.data.maskedEmail}</strong>
        </p>
        {justDone ? (
          <Alert tone="success" title="You are unsubscribed">
            <p>
              {'all' in justDone
                ? 'Tandem will send you no more notification emails. Invitations and password resets still arrive.'
                : `Tandem will send you no more "${EMAIL_CATEGORY_LABELS[justDone.category].label}" emails.`}{' '}
              Notifications inside Tandem still arrive.
            </p>
          </Alert>
        ) : isAllOff ? (
          <Alert tone="info" title="You get no notification emails">
            <p>Every kind of notification email is already turned off for this address.</p>
          </Alert>
        ) : isCategoryOff && categoryLabel ? (
          <Alert tone="info" title={`You get no "${categoryLabel}" emails`}>
            <p>They are already turned off for this address.</p>
          </Alert>
        ) : null}
        {unsubscribe.isError ? (
          <Alert tone="error" title="That did not work">
            <p>{errorMessage(unsubscribe.error)}</p>
          </Alert>
        ) : null}
        <div className="stack" style={{ gap: 8 }}>
          {category && categoryLabel && !isCategoryOff ? (
            <Button
              isBlock
              isLoading={unsubscribe.isPending && 'category' in (unsubscribe.variables ?? {})}
              disabled={unsubscribe.isPending}
              onClick={() => unsubscribe.mutate({ category })}
            >
              Unsubscribe from {categoryLabel}
            </Button>
          ) : null}
          {!isAllOff ? (
            <Button
              variant={category && !isCategoryOff ? 'secondary' : 'primary'}
              isBlock
              isLoading={unsubscribe.isPending && 'all' in (unsubscribe.variables ?? {})}
              disabled={unsubscribe.isPending}
              onClick={() => unsubscribe.mutate({ all: true })}
            >
              Unsubscribe from all Tandem emails
            </Button>
          ) : null}
        </div>
        <ManageLink />
      </div>
    )
  }

  return (
    <div className="public-card" aria-busy={info.isPending || undefined}>
      <PageHeader title="Unsubscribe" documentTitle="Unsubscribe from Tandem emails" />
      {content}
    </div>
  )
}
