import { enableCompileCache } from 'node:module'

// The CLI is a short process that loads its TypeScript modules every time: Node's on-disk compile
// cache keeps their stripped and compiled code across runs. It must be on before those modules load,
// hence this entry and the import below. The entry itself is plain JavaScript: a `.ts` entry makes
// Node load its TypeScript stripper (amaro, a WebAssembly module: ~0.1 s of CPU) on every run, even
// when every other module comes from the cache.
enableCompileCache()
await import('./match-command.ts')
