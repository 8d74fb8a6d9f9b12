import { createHash } from 'node:crypto'
import { type Filter, parse as parseFilter } from 'scim2-parse-filter'
import { z } from 'zod'
import { textField } from '#contracts/input.ts'

// The SCIM 2.0 wire format (RFC 7643/7644) as Tandem speaks it: resources, errors, filters, lists and
// the discovery documents. Pure: no database, no HTTP.

export const SCHEMA_USER = 'urn:ietf:params:scim:schemas:core:2.0:User'
export const SCHEMA_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group'
export const SCHEMA_ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
export const SCHEMA_LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse'
export const SCHEMA_PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'
export const SCHEMA_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error'
export const SCIM_CONTENT_TYPE = 'application/scim+json'

/** The largest page a list answers (ServiceProviderConfig says so). */
export const MAX_PAGE_SIZE = 200

export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive'

/** A refusal in SCIM's error shape. */
export class ScimError extends Error {
  readonly status: number
  readonly scimType: ScimType | undefined

  constructor(status: number, detail: string, scimType?: ScimType) {
    super(detail)
    this.status = status
    this.scimType = scimType
  }
}

export function scimErrorBody(status: number, detail: string, scimType?: ScimType) {
  return { schemas: [SCHEMA_ERROR], status: String(status), ...(scimType ? { scimType } : {}), detail }
}

export const invalidValue = (detail: string) => new ScimError(400, detail, 'invalidValue')
export const resourceNotFound = (what: 'User' | 'Group', id: string) =>
  new ScimError(404, `${what} ${id.slice(0, 100)} not found`)

// ---- input

const text = (max: number) => textField({ max })
/** Entra ID sends booleans as the strings "True" and "False". */
const Flag = z.union([
  z.boolean(),
  z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['true', 'false']))
    .transform((value) => value === 'true'),
])
/** The enterprise manager: `{ value }` (RFC 7643), a bare id (Entra ID's PATCH), or empty to remove it. */
const ManagerInput = z.union([
  text(100),
  z.looseObject({ value: text(100).nullish() }).transform((manager) => manager.value ?? ''),
])

/** A User as providers send it: unknown attributes (phone numbers, addresses) are ignored, not refused. */
export const ScimUserInputSchema = z.looseObject({
  userName: text(254).optional(),
  externalId: text(500).nullish(),
  displayName: text(200).nullish(),
  name: z
    .looseObject({ formatted: text(200).nullish(), givenName: text(200).nullish(), familyName: text(200).nullish() })
    .nullish(),
  title: text(200).nullish(),
  active: Flag.nullish(),
  emails: z
    .array(z.looseObject({ value: text(254).nullish(), type: text(50).nullish(), primary: Flag.nullish() }))
    .max(20)
    .nullish(),
  [SCHEMA_ENTERPRISE_USER]: z
    .looseObject({
      department: text(200).nullish(),
      employeeNumber: text(100).nullish(),
      manager: ManagerInput.nullish(),
    })
    .nullish(),
})
export type ScimUserInput = z.infer<typeof ScimUserInputSchema>

export const ScimGroupInputSchema = z.looseObject({
  displayName: text(200).pipe(z.string().min(1, 'must not be empty')),
  externalId: text(500).nullish(),
  members: z
    .array(z.looseObject({ value: text(100) }))
    .max(10_000)
    .nullish(),
})
export type ScimGroupInput = z.infer<typeof ScimGroupInputSchema>

export const PatchRequestSchema = z.looseObject({
  schemas: z.array(z.string()).optional(),
  Operations: z
    .array(
      z.looseObject({
        op: z
          .string()
          .trim()
          .toLowerCase()
          .pipe(z.enum(['add', 'remove', 'replace'], { error: 'must be add, remove or replace' })),
        path: text(500).optional(),
        value: z.unknown().optional(),
      }),
    )
    .min(1, 'must hold at least one operation')
    .max(1000),
})

/** Parses a body with a schema; a failure is SCIM's 400 naming the attribute. */
export function parseScim<T extends z.ZodType>(
  schema: T,
  body: unknown,
  scimType: ScimType = 'invalidValue',
): z.output<T> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ScimError(400, 'The body must be a JSON object', 'invalidSyntax')
  }
  const result = schema.safeParse(body)
  if (!result.success) {
    const issue = result.error.issues[0]
    const where = issue?.path.map(String).join('.') || 'body'
    throw new ScimError(400, `${where}: ${issue?.message ?? 'is invalid'}`, scimType)
  }
  return result.data
}

// ---- filters

export interface UserFilter {
  id?: string
  userName?: string
  externalId?: string
}
export interface GroupFilter {
  id?: string
  displayName?: string
  externalId?: string
  memberId?: string
}

const unsupportedFilter = (what: string) =>
  new ScimError(
    400,
    `${what}: Tandem filters with eq on userName, externalId, id or emails.value (Users) and displayName, externalId, id or members.value (Groups), joined with and`,
    'invalidFilter',
  )

/** The attribute each filterable (lower-cased) attribute path stands for. */
const USER_ATTRIBUTES: Record<string, keyof UserFilter> = {
  id: 'id',
  username: 'userName',
  externalid: 'externalId',
  emails: 'userName',
  'emails.value': 'userName',
  [`${SCHEMA_USER.toLowerCase()}:username`]: 'userName',
}
const GROUP_ATTRIBUTES: Record<string, keyof GroupFilter> = {
  id: 'id',
  displayname: 'displayName',
  externalid: 'externalId',
  members: 'memberId',
  'members.value': 'memberId',
}

/**
 * Translates a filter into equality conditions (`null`: it can match nothing, two different values for
 * one attribute). What providers send (Entra ID, Okta) is an eq or an and of eqs; anything else is refused.
 */
function equalities<K extends string>(query: string, attributes: Record<string, K>): Partial<Record<K, string>> | null {
  if (query.length > 2000) throw new ScimError(400, 'The filter is too long', 'invalidFilter')
  let filter: Filter
  try {
    filter = parseFilter(query)
  } catch {
    throw new ScimError(400, `The filter is not valid SCIM filter syntax: ${query.slice(0, 200)}`, 'invalidFilter')
  }
  const found: Partial<Record<K, string>> = {}
  let isEmpty = false
  const visit = (node: Filter) => {
    if (node.op === 'and' && 'filters' in node) {
      for (const inner of node.filters) visit(inner)
      return
    }
    if (node.op === '[]' && 'valFilter' in node) {
      // members[value eq "id"], emails[value eq "a@b"]: the same as members.value eq "id".
      const inner = node.valFilter
      if (inner.op === 'eq' && 'attrPath' in inner && 'compValue' in inner) {
        visit({ ...inner, attrPath: `${node.attrPath}.${inner.attrPath}` })
        return
      }
      throw unsupportedFilter(query.slice(0, 200))
    }
    if (node.op !== 'eq' || !('attrPath' in node) || !('compValue' in node))
      throw unsupportedFilter(query.slice(0, 200))
    const attribute = attributes[node.attrPath.toLowerCase()]
    if (!attribute || typeof node.compValue !== 'string') throw unsupportedFilter(query.slice(0, 200))
    const previous = found[attribute]
    if (previous !== undefined && previous.toLowerCase() !== node.compValue.toLowerCase()) isEmpty = true
    found[attribute] = node.compValue
  }
  visit(filter)
  return isEmpty ? null : found
}

export const parseUserFilter = (query: string) => equalities(query, USER_ATTRIBUTES)
export const parseGroupFilter = (query: string) => equalities(query, GROUP_ATTRIBUTES)

/** A SCIM id Tandem hands out is a UUID: anything else names no resource. */
export const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)

// ---- lists

const PageQuerySchema = z.looseObject({
  filter: z.string().max(2000).optional(),
  startIndex: z.coerce.number().int().optional(),
  count: z.coerce.number().int().optional(),
  excludedAttributes: z.string().max(1000).optional(),
  attributes: z.string().max(1000).optional(),
})

export interface ListQuery {
  filter: string | undefined
  offset: number
  limit: number
  startIndex: number
  isMembersExcluded: boolean
}

/** startIndex is 1-based (below 1 counts as 1), count at most MAX_PAGE_SIZE (negative counts as 0). */
export function parseListQuery(query: unknown): ListQuery {
  const parsed = PageQuerySchema.safeParse(query ?? {})
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new ScimError(400, `${issue?.path.join('.') || 'query'}: ${issue?.message ?? 'is invalid'}`, 'invalidValue')
  }
  const startIndex = Math.max(1, parsed.data.startIndex ?? 1)
  const limit = Math.min(MAX_PAGE_SIZE, Math.max(0, parsed.data.count ?? 100))
  const excluded = (parsed.data.excludedAttributes ?? '')
    .toLowerCase()
    .split(',')
    .map((name) => name.trim())
  return {
    filter: parsed.data.filter,
    offset: Math.min(startIndex - 1, 1_000_000_000),
    limit,
    startIndex,
    isMembersExcluded: excluded.includes('members'),
  }
}

export function listResponse(resources: unknown[], total: number, startIndex: number) {
  return {
    schemas: [SCHEMA_LIST],
    totalResults: total,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  }
}

// ---- versions

/** A resource's version (meta.version, the ETag): a weak tag of everything it shows. */
export function versionOf(resource: object): string {
  return `W/"${createHash('sha256').update(JSON.stringify(resource)).digest('base64url').slice(0, 22)}"`
}

/** Refuses a write whose If-Match names another version than the current one (412). */
export function assertIfMatch(ifMatch: string | undefined, version: string) {
  if (ifMatch === undefined) return
  const tags = ifMatch.split(',').map((tag) => tag.trim())
  if (tags.includes('*') || tags.includes(version) || tags.includes(version.slice(2))) return
  throw new ScimError(412, 'The resource changed since that version (If-Match): read it again and retry')
}

// ---- discovery

export function serviceProviderConfig(baseUrl: string, documentationUrl: string) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    documentationUri: documentationUrl,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_PAGE_SIZE },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: 'The organization SCIM token an admin creates under Administration > Sign-in and provisioning',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
  }
}

export function resourceTypes(baseUrl: string) {
  return [
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'A person of the organization',
      schema: SCHEMA_USER,
      schemaExtensions: [{ schema: SCHEMA_ENTERPRISE_USER, required: false }],
      meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/User` },
    },
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'A group pushed by the identity provider',
      schema: SCHEMA_GROUP,
      meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/Group` },
    },
  ]
}

const attribute = (
  name: string,
  options: { type?: string; required?: boolean; multiValued?: boolean; mutability?: string; uniqueness?: string } & {
    subAttributes?: object[]
    description?: string
  } = {},
) => ({
  name,
  type: options.type ?? 'string',
  multiValued: options.multiValued ?? false,
  description: options.description ?? name,
  required: options.required ?? false,
  caseExact: false,
  mutability: options.mutability ?? 'readWrite',
  returned: 'default',
  uniqueness: options.uniqueness ?? 'none',
  ...(options.subAttributes ? { subAttributes: options.subAttributes } : {}),
})

export function schemaDocuments(baseUrl: string) {
  const documents = [
    {
      id: SCHEMA_USER,
      name: 'User',
      description: 'A person: userName is their email address',
      attributes: [
        attribute('userName', { required: true, uniqueness: 'server', description: 'The email address' }),
        attribute('name', {
          type: 'complex',
          subAttributes: [attribute('formatted'), attribute('givenName'), attribute('familyName')],
        }),
        attribute('displayName'),
        attribute('title'),
        attribute('active', { type: 'boolean', description: 'false: the person left (deactivated, signed out)' }),
        attribute('emails', {
          type: 'complex',
          multiValued: true,
          subAttributes: [attribute('value'), attribute('type'), attribute('primary', { type: 'boolean' })],
        }),
      ],
    },
    {
      id: SCHEMA_ENTERPRISE_USER,
      name: 'EnterpriseUser',
      description: 'Department, employee number and manager (the reporting line)',
      attributes: [
        attribute('employeeNumber'),
        attribute('department'),
        attribute('manager', {
          type: 'complex',
          subAttributes: [
            attribute('value', { description: 'The id of the manager (a User)' }),
            attribute('displayName', { mutability: 'readOnly' }),
          ],
        }),
      ],
    },
    {
      id: SCHEMA_GROUP,
      name: 'Group',
      description: 'A group of people',
      attributes: [
        attribute('displayName', { required: true }),
        attribute('members', {
          type: 'complex',
          multiValued: true,
          subAttributes: [
            attribute('value', { mutability: 'immutable' }),
            attribute('display', { mutability: 'readOnly' }),
          ],
        }),
      ],
    },
  ]
  return documents.map((document) => ({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
    ...document,
    meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${document.id}` },
  }))
}
