import { useMutation } from '@tanstack/react-query'
import { postForFile, saveFile } from '#web/lib/api-client.ts'

/** Downloads everything Tandem holds about the signed-in person (a zip: JSON and a readable page). */
export function useExportMyData() {
  return useMutation({
    mutationFn: async () => {
      const file = await postForFile('/api/me/data-export', 'tandem-data.zip')
      saveFile(file)
      return file.filename
    },
  })
}
