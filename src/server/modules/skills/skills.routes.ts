import {
  CreateSkillBodySchema,
  DeleteSkillQuerySchema,
  DeleteSkillResultSchema,
  SkillListSchema,
  SkillParamsSchema,
  SkillSchema,
  UpdateSkillBodySchema,
} from '#contracts/skills.ts'
import type { ApiModule } from '#server/app.ts'
import { errorResponses } from '#server/http/error-responses.ts'
import { requireRole, requireViewer, viewerOf } from '#server/http/viewer.ts'
import { changeSkill, createSkill, listOrganizationSkills, removeSkill } from './skills.service.ts'

/** The organization's skill catalogue: everyone reads it, admins edit it. */
export const registerSkillRoutes: ApiModule = (api, { db }) => {
  api.get(
    '/skills',
    {
      schema: {
        tags: ['skills'],
        summary: "The organization's skill catalogue",
        response: { 200: SkillListSchema, ...errorResponses() },
      },
      preValidation: requireViewer,
    },
    async (request) => ({ skills: await listOrganizationSkills(db, viewerOf(request)) }),
  )

  api.post(
    '/skills',
    {
      schema: {
        tags: ['skills'],
        summary: 'Add a skill to the catalogue (admin)',
        body: CreateSkillBodySchema,
        response: { 201: SkillSchema, ...errorResponses(409) },
      },
      preValidation: requireRole('admin'),
    },
    async (request, reply) => reply.code(201).send(await createSkill(db, viewerOf(request), request.body)),
  )

  api.patch(
    '/skills/:skillId',
    {
      schema: {
        tags: ['skills'],
        summary: 'Rename a skill; a new slug is rewritten in every profile (admin)',
        params: SkillParamsSchema,
        body: UpdateSkillBodySchema,
        response: { 200: SkillSchema, ...errorResponses(404, 409) },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => changeSkill(db, viewerOf(request), request.params.skillId, request.body),
  )

  api.delete(
    '/skills/:skillId',
    {
      schema: {
        tags: ['skills'],
        summary: 'Delete a skill; refused while profiles list it unless force=true (admin)',
        params: SkillParamsSchema,
        querystring: DeleteSkillQuerySchema,
        response: { 200: DeleteSkillResultSchema, ...errorResponses(404, 409) },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => removeSkill(db, viewerOf(request), request.params.skillId, request.query),
  )
}
