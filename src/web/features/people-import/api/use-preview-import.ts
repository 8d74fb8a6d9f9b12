import { useMutation } from '@tanstack/react-query'
import type { CreatePeopleImportBody } from '#contracts/people-import.ts'
import { api } from '#web/lib/api-client.ts'

/** Uploads a CSV and returns what each row would do, with its errors; nothing changes yet. */
export function usePreviewImport() {
  return useMutation({
    mutationFn: (body: CreatePeopleImportBody) => api.post('/api/people/imports', { body }),
  })
}
