// Derives the PostgreSQL schema and generates both clients (ADR 003).
import { execFileSync } from 'node:child_process'
import { deriveAll } from './prisma-derive.mjs'

const root = new URL('..', import.meta.url).pathname
deriveAll()
for (const url of ['file:./data/app.db', 'postgresql://localhost/unused']) {
	execFileSync('npx', ['prisma', 'generate'], { cwd: root, env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'ignore', 'inherit'] })
}
