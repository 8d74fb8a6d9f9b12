// `npm start`: build the web app when it is missing or older than its sources and the build tool
// is installed, then serve (the server migrates the database at start). A production install
// (`npm ci --omit=dev`, the container image) has no vite: it serves the web build it was given.
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ConfigError, loadConfig } from '../src/server/config.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const builtIndex = path.join(root, 'dist/web/index.html')

function newestSourceTime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(full) : statSync(full).mtimeMs)
  }
  return newest
}

function needsBuild(): boolean {
  try {
    const builtAt = statSync(builtIndex).mtimeMs
    const sources = Math.max(
      newestSourceTime(path.join(root, 'src/web')),
      newestSourceTime(path.join(root, 'src/contracts')),
    )
    return sources > builtAt
  } catch {
    return true
  }
}

// A bad setting is told at once, not after a build (the server checks the rest in its first seconds).
try {
  loadConfig()
} catch (error) {
  if (!(error instanceof ConfigError)) throw error
  console.error(error.message)
  process.exit(2)
}

async function importVite(): Promise<typeof import('vite') | null> {
  try {
    return await import('vite')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return null
    throw error
  }
}

if (needsBuild()) {
  const vite = await importVite()
  if (vite) {
    console.log('Building the web app...')
    await vite.build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' })
  } else if (!existsSync(builtIndex)) {
    console.error(
      'The web app is not built, and this install has no build tool: run `npm run build` with the dev dependencies first.',
    )
    process.exit(2)
  }
}
await import('../src/server/main.ts')
