import { Link } from '@tanstack/react-router'
import type { Person } from '#contracts/people.ts'
import { Table } from '#web/components/ui/table.tsx'
import { initials } from '#web/lib/format.ts'
import { RoleBadge, StatusBadge } from './person-badges.tsx'

export function PeopleTable({ people, isBusy }: { people: Person[]; isBusy: boolean }) {
  return (
    <Table caption="People" isCaptionHidden isBusy={isBusy}>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Title</th>
          <th scope="col">Department</th>
          <th scope="col">Manager</th>
          <th scope="col">Role</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {people.map((person) => (
          <tr key={person.id}>
            <th scope="row" style={{ fontWeight: 'normal' }}>
              <span className="person-cell">
                <span className="avatar" aria-hidden="true">
                  {initials(person.name)}
                </span>
                <span className="person-cell-text">
                  <Link to="/people/$personId" params={{ personId: person.id }} className="row-link">
                    {person.name}
                  </Link>
                  <span className="muted">{person.email}</span>
                </span>
              </span>
            </th>
            <td>{person.title || <span className="cell-muted">—</span>}</td>
            <td>{person.department || <span className="cell-muted">—</span>}</td>
            <td>{person.managerName ?? <span className="cell-muted">—</span>}</td>
            <td className="cell-nowrap">
              <RoleBadge role={person.role} />
            </td>
            <td className="cell-nowrap">
              <StatusBadge access={person.access} />
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  )
}
