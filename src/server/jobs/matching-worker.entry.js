import { enableCompileCache } from 'node:module'

// The worker thread of a matching run. A worker has its own module loader: without the compile
// cache it strips and compiles the engine's TypeScript modules on every run (~0.3 s of CPU), and a
// `.ts` entry would load the TypeScript stripper itself. So this entry is plain JavaScript and
// enables the cache before loading the worker's code.
enableCompileCache()
await import('./matching-worker.ts')
