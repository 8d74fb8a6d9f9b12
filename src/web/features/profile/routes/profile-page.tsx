import type { Person } from '#contracts/people.ts'
import { Card } from '#web/components/ui/card.tsx'
import { ErrorState } from '#web/components/ui/error-state.tsx'
import { SkeletonRows } from '#web/components/ui/loading-state.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'
import { roleLabel } from '#web/lib/format.ts'
import { useSkillCatalogue } from '#web/lib/use-skill-catalogue.ts'
import { useMyProfile } from '../api/use-my-profile.ts'
import { ProfileForm } from '../components/profile-form.tsx'
import { SignInSecurity } from '../components/sign-in-security.tsx'

function OrganizationDetails({ person }: { person: Person }) {
  return (
    <Card title="Set by your organization" labelledBy="org-details-heading">
      <dl className="detail-list">
        <dt>Email</dt>
        <dd>{person.email}</dd>
        <dt>Department</dt>
        <dd>{person.department || 'Not set'}</dd>
        <dt>Manager</dt>
        <dd>{person.managerName ?? 'No manager'}</dd>
        <dt>Role</dt>
        <dd>{roleLabel(person.role)}</dd>
      </dl>
      <p className="muted" style={{ margin: '12px 0 0', fontSize: '0.875rem' }}>
        Something wrong here? Your Tandem administrator can change it.
      </p>
    </Card>
  )
}

export function ProfilePage() {
  const profile = useMyProfile()
  const catalogue = useSkillCatalogue()
  const isLoading = profile.isPending || catalogue.isPending
  const error = profile.error ?? catalogue.error

  return (
    <div className="page-narrow" aria-busy={isLoading || undefined}>
      <PageHeader
        title="My profile"
        description="Tell your peers what you bring and what you want to grow. Matching uses this to find the right people for you."
      />
      {error ? (
        <ErrorState
          error={error}
          onRetry={() => {
            profile.refetch()
            catalogue.refetch()
          }}
        />
      ) : !profile.data || !catalogue.data ? (
        <Card>
          <SkeletonRows rows={8} label="Loading your profile…" />
        </Card>
      ) : (
        <div className="stack-lg">
          <Card>
            <ProfileForm person={profile.data} skills={catalogue.data.skills} />
          </Card>
          <OrganizationDetails person={profile.data} />
          <SignInSecurity />
        </div>
      )}
    </div>
  )
}
