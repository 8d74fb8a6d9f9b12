import { useMutation } from '@tanstack/react-query'
import { api } from '#web/lib/api-client.ts'

/** Reads an identity provider's SAML metadata XML into the form's fields (nothing is saved). */
export function useReadSamlMetadata() {
  return useMutation({
    mutationFn: (metadataXml: string) => api.post('/api/organization/saml/metadata', { body: { metadataXml } }),
  })
}
