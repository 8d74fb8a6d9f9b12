import { QueryClient } from '@tanstack/react-query'
import { describe, expect, test } from 'vitest'
import { PAGE_ROUTES } from '#contracts/page-routes.ts'
import { createAppRouter } from './router.tsx'

describe('the pages the server serves the app for', () => {
  test('are exactly the pages of the router', () => {
    const router = createAppRouter(new QueryClient())
    // Every route with a path of its own (a layout's index shares its parent's path).
    const routerPaths = new Set(
      Object.keys(router.routesByPath).map((path) => (path.length > 1 ? path.replace(/\/$/, '') : path)),
    )
    expect([...routerPaths].sort()).toEqual([...PAGE_ROUTES].sort())
  })
})
