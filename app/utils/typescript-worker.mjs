// A worker thread's main script when its real entry is TypeScript run from source (vitest, tsx
// scripts, the dev server): tsx's hooks are registered in this thread (hooks given to the main
// thread, or `--import tsx` in a worker's execArgv, do not reach it on Node 20), then the entry
// is imported (one-shot-worker.server.ts).
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.typeScriptEntry)
