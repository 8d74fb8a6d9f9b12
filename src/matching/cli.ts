import { enableCompileCache } from 'node:module'

// The CLI is a short process that loads its TypeScript modules every time: Node's on-disk
// compile cache keeps their stripped and compiled code across runs (about 0.2 s of CPU per run on
// the 2-core machine). It must be on before those modules load, hence this entry and the import below.
enableCompileCache()
await import('./match-command.ts')
