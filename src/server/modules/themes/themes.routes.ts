import {
  CreateThemeBodySchema,
  DeleteThemeResultSchema,
  ThemeListSchema,
  ThemeParamsSchema,
  ThemeSchema,
  UpdateThemeBodySchema,
} from '#contracts/themes.ts'
import type { ApiModule } from '#server/app.ts'
import { errorResponses } from '#server/http/error-responses.ts'
import { requireRole, requireViewer, viewerOf } from '#server/http/viewer.ts'
import { changeTheme, createTheme, listOrganizationThemes, removeTheme } from './themes.service.ts'

/** The organization's themes, its shared vision: everyone reads them, admins edit them. */
export const registerThemeRoutes: ApiModule = (api, { db }) => {
  api.get(
    '/themes',
    {
      schema: {
        tags: ['themes'],
        summary: "The organization's themes (its shared vision) that programs serve",
        response: { 200: ThemeListSchema, ...errorResponses() },
      },
      preValidation: requireViewer,
    },
    async (request) => ({ themes: await listOrganizationThemes(db, viewerOf(request)) }),
  )

  api.post(
    '/themes',
    {
      schema: {
        tags: ['themes'],
        summary: 'Add a theme (admin)',
        body: CreateThemeBodySchema,
        response: { 201: ThemeSchema, ...errorResponses(409) },
      },
      preValidation: requireRole('admin'),
    },
    async (request, reply) => reply.code(201).send(await createTheme(db, viewerOf(request), request.body)),
  )

  api.patch(
    '/themes/:themeId',
    {
      schema: {
        tags: ['themes'],
        summary: 'Rename or redescribe a theme (admin)',
        params: ThemeParamsSchema,
        body: UpdateThemeBodySchema,
        response: { 200: ThemeSchema, ...errorResponses(404, 409) },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => changeTheme(db, viewerOf(request), request.params.themeId, request.body),
  )

  api.delete(
    '/themes/:themeId',
    {
      schema: {
        tags: ['themes'],
        summary: 'Delete a theme; programs that served it are left without one (admin)',
        params: ThemeParamsSchema,
        response: { 200: DeleteThemeResultSchema, ...errorResponses(404) },
      },
      preValidation: requireRole('admin'),
    },
    async (request) => removeTheme(db, viewerOf(request), request.params.themeId),
  )
}
