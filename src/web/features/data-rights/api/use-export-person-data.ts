import { useMutation } from '@tanstack/react-query'
import { postForFile, saveFile } from '#web/lib/api-client.ts'

/** An admin downloads a person's data on their request (audited; the person is told). */
export function useExportPersonData(personId: string) {
  return useMutation({
    mutationFn: async () => {
      const file = await postForFile('/api/people/:personId/data-export', 'tandem-data.zip', { params: { personId } })
      saveFile(file)
      return file.filename
    },
  })
}
