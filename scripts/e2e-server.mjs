// The server the browser tests talk to: the production build on a fresh SQLite database
// of its own (data/e2e.db), seeded with the demo data, so e2e never touches app.db.
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { readServerEnv } from '../server/env.mjs'
import { ensureBuild, ensureClients, migrate } from './setup.mjs'

const root = new URL('..', import.meta.url).pathname
const databaseUrl = process.env.E2E_DATABASE_URL ?? 'file:./data/e2e.db'
const env = { ...process.env, DATABASE_URL: databaseUrl, PORT: process.env.E2E_PORT ?? '3100', HOST: '127.0.0.1' }

if (databaseUrl.startsWith('file:')) {
	const file = databaseUrl.slice('file:'.length)
	for (const suffix of ['', '-wal', '-shm']) rmSync(`${root}/${file}${suffix}`, { force: true })
	// The audit checkpoints of the previous run's database would not fit the new one (ADR 006).
	rmSync(`${root}/${readServerEnv(env).auditCheckpointFile}`, { force: true })
}
ensureClients()
ensureBuild()
migrate(databaseUrl)
execFileSync('npx', ['tsx', 'scripts/prepare-data.ts'], { cwd: root, stdio: 'inherit', env })
execFileSync('node', ['server.mjs'], { cwd: root, stdio: 'inherit', env })
