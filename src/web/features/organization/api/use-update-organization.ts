import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { UpdateOrganizationBody } from '#contracts/organizations.ts'
import { api } from '#web/lib/api-client.ts'
import { sessionQueryKey } from '#web/lib/session.ts'
import { organizationQueryKey } from './use-organization.ts'

export function useUpdateOrganization() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: UpdateOrganizationBody) => api.patch('/api/organization', { body }),
    onSuccess: (organization) => {
      queryClient.setQueryData(organizationQueryKey, organization)
      // The header shows the organization's name.
      queryClient.invalidateQueries({ queryKey: sessionQueryKey })
    },
  })
}
