import { Link } from '@tanstack/react-router'
import type { ReactNode } from 'react'
import type { Role } from '#contracts/people.ts'
import { Card } from '#web/components/ui/card.tsx'
import { PageHeader } from '#web/components/ui/page-header.tsx'

interface Step {
  title: string
  text: string
  link?: {
    to: '/profile' | '/people' | '/import' | '/skills' | '/organization' | '/programs' | '/programs/new'
    label: string
  }
}

function nextSteps(role: Role): Step[] {
  const profile: Step = {
    title: 'Complete your profile',
    text: 'Your skills, languages and working hours help Tandem pair you with the right peers.',
    link: { to: '/profile', label: 'Fill in your details' },
  }
  if (role === 'admin') {
    return [
      {
        title: 'Review the skill catalogue',
        text: 'The skills people offer and want to grow. Start from the defaults and make them yours.',
        link: { to: '/skills', label: 'Review the catalogue' },
      },
      {
        title: 'Bring your people in',
        text: 'Import everyone from a CSV file with their managers, or invite people one by one.',
        link: { to: '/import', label: 'Upload a CSV file' },
      },
      profile,
      {
        title: 'Check the organization settings',
        text: 'Your organization name and the privacy threshold for reports.',
        link: { to: '/organization', label: 'Review your settings' },
      },
    ]
  }
  if (role === 'program_manager') {
    return [
      profile,
      {
        title: 'Launch a program',
        text: 'Peer coaching, coaching circles or peer mentoring: start from sensible defaults and adjust.',
        link: { to: '/programs/new', label: 'Create a program' },
      },
      {
        title: 'Get to know the people',
        text: 'Browse the directory by department and role to plan who could take part.',
        link: { to: '/people', label: 'Browse the directory' },
      },
    ]
  }
  return [
    profile,
    {
      title: 'Join a program',
      text: 'Read what each open peer coaching, circles or mentoring program involves, and enroll in one that fits.',
      link: { to: '/programs', label: 'See the programs' },
    },
  ]
}

/** The first page after sign-in: a welcome and what to do next. */
export function HomePage({
  name,
  role,
  organizationName,
  myMatches,
  openPrograms,
  upcomingSessions,
  termsToAccept,
}: {
  /** Programs someone enrolled me in whose terms I must accept first (composed by the app from the programs feature). */
  termsToAccept?: ReactNode
  name: string
  role: Role
  organizationName: string
  /** My published matches (composed by the app from the matching feature). */
  myMatches: ReactNode
  /** Programs open to me (composed by the app from the programs feature). */
  openPrograms: ReactNode
  /** My next sessions across my matches (composed by the app from the workspaces feature). */
  upcomingSessions: ReactNode
}) {
  const firstName = name.split(/\s+/)[0] ?? name
  const steps = nextSteps(role)
  return (
    <div className="page">
      <div className="welcome">
        <div>
          <PageHeader title={`Welcome, ${firstName}`} documentTitle="Home" />
          <p>
            Tandem helps people at {organizationName} grow together: peers coach each other as equals, and mentors guide
            those who want to learn from their experience.
          </p>
        </div>
      </div>
      {termsToAccept}
      <section aria-labelledby="my-matches-heading" className="stack" style={{ marginBottom: 24 }}>
        <h2 id="my-matches-heading" style={{ margin: 0 }}>
          My matches
        </h2>
        {myMatches}
      </section>
      <div className="grid-2">
        <Card title="What's next" labelledBy="next-heading">
          <ol className="steps">
            {steps.map((step, index) => (
              <li key={step.title} className="step">
                <span className="step-marker" aria-hidden="true">
                  {index + 1}
                </span>
                <span className="step-text">
                  <strong>{step.title}</strong>
                  <span className="step-desc">{step.text}</span>
                  {step.link ? (
                    <>
                      {' '}
                      <Link to={step.link.to}>{step.link.label}</Link>
                    </>
                  ) : null}
                </span>
              </li>
            ))}
          </ol>
        </Card>
        <div className="stack">
          {openPrograms}
          <Card title="Upcoming sessions" labelledBy="sessions-heading">
            {upcomingSessions}
          </Card>
        </div>
      </div>
    </div>
  )
}
