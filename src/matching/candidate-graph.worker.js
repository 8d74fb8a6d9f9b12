import { enableCompileCache } from 'node:module'

// A worker thread has its own module loader: the compile cache (see cli.js) is enabled here too,
// and this entry is plain JavaScript so the thread never loads the TypeScript stripper.
enableCompileCache()
await import('./scan-worker.ts')
