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
import { errorResponses } from '#server/http/error-responses.ts'
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

/** The people directory, profiles, and admin changes to people. */
export const registerPeopleRoutes: ApiModule = (api, context) => {
  const { db, clock } = context

  api.get(
    '/people',
    {
      config: { apiTokenScope: 'people:read' },
      schema: {
        tags: ['people'],
        summary: 'The people directory: search, filters, pages sorted by name (admin, program manager)',
        querystring: PeopleListQuerySchema,
        response: { 200: PeopleListSchema, ...errorResponses() },
      },
      preValidation: requireRole('program_manager'),
    },
    async (request) => listDirectory(db, viewerOf(request), request.query, clock.now()),
  )

  api.get(
    '/people/facets',
    {
      config: { apiTokenScope: 'people:read' },
      schema: {
        tags: ['people'],
        summary: "Departments, locations and managers for the directory's filters (admin, program manager)",
        response: { 200: PeopleFacetsSchema, ...errorResponses() },
      },
      preValidation: requireRole('program_manager'),
    },
    async (request) => listDirectoryFacets(db, viewerOf(request)),
  )

  api.get(
    '/people/:personId',
    {
      config: { apiTokenScope: 'people:read' },
      schema: {
        tags: ['people'],
        summary: 'A person of the organization (admin, program manager; a participant: only themselves)',
        params: PersonParamsSchema,
        response: { 200: PersonSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => getPerson(db, viewerOf(request), request.params.personId, clock.now()),
  )

  api.patch(
    '/people/:personId',
    {
      config: { apiTokenScope: 'people:write' },
      schema: {
        tags: ['people'],
        summary: 'Change a person, role and reporting line included (admin)',
        params: PersonParamsSchema,
        body: UpdatePersonBodySchema,
        response: { 200: PersonSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => updatePersonAsAdmin(db, viewerOf(request), request.params.personId, request.body, clock.now()),
  )

  api.post(
    '/people/:personId/deactivate',
    {
      config: { apiTokenScope: 'people:write' },
      schema: {
        tags: ['people'],
        summary: 'Mark a person as left: history kept, sessions revoked, no more sign-in (admin)',
        params: PersonParamsSchema,
        body: DeactivatePersonBodySchema,
        response: { 200: PersonSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => deactivatePerson(db, viewerOf(request), request.params.personId, request.body, clock.now()),
  )

  api.post(
    '/people/:personId/reactivate',
    {
      config: { apiTokenScope: 'people:write' },
      schema: {
        tags: ['people'],
        summary: 'Bring a deactivated person back (admin)',
        params: PersonParamsSchema,
        response: { 200: PersonSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => reactivatePerson(db, viewerOf(request), request.params.personId, clock.now()),
  )

  api.get(
    '/me/profile',
    {
      schema: {
        tags: ['people'],
        summary: 'My own profile',
        response: { 200: PersonSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => getOwnProfile(db, viewerOf(request), clock.now()),
  )

  api.patch(
    '/me/profile',
    {
      schema: {
        tags: ['people'],
        summary: 'Edit my own profile (not my role, status, email, employee id, manager or department)',
        body: UpdateOwnProfileBodySchema,
        response: { 200: PersonSchema, ...errorResponses(404, 409, 422) },
      },
      preValidation: requireViewer,
    },
    async (request) => updateOwnProfile(db, viewerOf(request), request.body, clock.now()),
  )
}
