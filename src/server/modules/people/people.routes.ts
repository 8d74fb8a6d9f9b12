import { ErrorResponseSchema } from '#contracts/errors.ts'
import {
  DeactivatePersonBodySchema,
  PeopleFacetsSchema,
  PeopleListQuerySchema,
  PeopleListSchema,
  PersonParamsSchema,
  PersonSchema,
  UpdateOwnProfileBodySchema,
  UpdatePersonBodySchema,
} from '#contracts/people.ts'
import type { ApiModule } from '#server/app.ts'
import { requireRole, requireViewer, viewerOf } from '#server/http/viewer.ts'
import {
  deactivatePerson,
  getOwnProfile,
  getPerson,
  listDirectory,
  listDirectoryFacets,
  reactivatePerson,
  updateOwnProfile,
  updatePersonAsAdmin,
} from './people.service.ts'

const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema }
const withPerson = { ...errors, 404: ErrorResponseSchema, 409: ErrorResponseSchema, 422: ErrorResponseSchema }

/** The people directory, profiles, and admin changes to people. */
export const registerPeopleRoutes: ApiModule = (api, context) => {
  const { db, clock } = context

  api.get(
    '/people',
    {
      schema: {
        tags: ['people'],
        summary: 'The people directory: search, filters, pages sorted by name (admin, program manager)',
        querystring: PeopleListQuerySchema,
        response: { 200: PeopleListSchema, ...errors },
      },
      preValidation: requireRole('program_manager'),
    },
    async (request) => listDirectory(db, viewerOf(request), request.query),
  )

  api.get(
    '/people/facets',
    {
      schema: {
        tags: ['people'],
        summary: "Departments, locations and managers for the directory's filters (admin, program manager)",
        response: { 200: PeopleFacetsSchema, ...errors },
      },
      preValidation: requireRole('program_manager'),
    },
    async (request) => listDirectoryFacets(db, viewerOf(request)),
  )

  api.get(
    '/people/:personId',
    {
      schema: {
        tags: ['people'],
        summary: 'A person of the organization (admin, program manager; a participant: only themselves)',
        params: PersonParamsSchema,
        response: { 200: PersonSchema, ...withPerson },
      },
      preValidation: requireViewer,
    },
    async (request) => getPerson(db, viewerOf(request), request.params.personId),
  )

  api.patch(
    '/people/:personId',
    {
      schema: {
        tags: ['people'],
        summary: 'Change a person, role and reporting line included (admin)',
        params: PersonParamsSchema,
        body: UpdatePersonBodySchema,
        response: { 200: PersonSchema, ...withPerson },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => updatePersonAsAdmin(db, viewerOf(request), request.params.personId, request.body, clock.now()),
  )

  api.post(
    '/people/:personId/deactivate',
    {
      schema: {
        tags: ['people'],
        summary: 'Mark a person as left: history kept, sessions revoked, no more sign-in (admin)',
        params: PersonParamsSchema,
        body: DeactivatePersonBodySchema,
        response: { 200: PersonSchema, ...withPerson },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => deactivatePerson(db, viewerOf(request), request.params.personId, request.body, clock.now()),
  )

  api.post(
    '/people/:personId/reactivate',
    {
      schema: {
        tags: ['people'],
        summary: 'Bring a deactivated person back (admin)',
        params: PersonParamsSchema,
        response: { 200: PersonSchema, ...withPerson },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => reactivatePerson(db, viewerOf(request), request.params.personId, clock.now()),
  )

  api.get(
    '/me/profile',
    {
      schema: { tags: ['people'], summary: 'My own profile', response: { 200: PersonSchema, ...withPerson } },
      preValidation: requireViewer,
    },
    async (request) => getOwnProfile(db, viewerOf(request)),
  )

  api.patch(
    '/me/profile',
    {
      schema: {
        tags: ['people'],
        summary: 'Edit my own profile (not my role, status, email, employee id, manager or department)',
        body: UpdateOwnProfileBodySchema,
        response: { 200: PersonSchema, ...withPerson },
      },
      preValidation: requireViewer,
    },
    async (request) => updateOwnProfile(db, viewerOf(request), request.body, clock.now()),
  )
}
