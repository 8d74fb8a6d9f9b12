import { PageHeader } from '#web/components/ui/page-header.tsx'
import { MyMatchesList } from '../components/my-matches-list.tsx'

/** Everyone I am matched with, across programs. */
export function MyMatchesPage() {
  return (
    <div className="page-narrow">
      <PageHeader
        title="My matches"
        description="Your partners, why Tandem matched you, and your answer. Accept to start, or decline with a reason only the program manager sees."
      />
      <MyMatchesList headingLevel={2} />
    </div>
  )
}
