// `npm start`: generate, build when needed, migrate, seed an empty database with demo
// data, print the demo logins and serve. Rerunning it never overwrites data.
import 'dotenv/config'
import { execFileSync } from 'node:child_process'
import { ensureBuild, ensureClients, migrate } from './setup.mjs'

const root = new URL('..', import.meta.url).pathname
const isDev = process.argv.includes('--dev')
const databaseUrl = process.env.DATABASE_URL ?? 'file:./data/app.db'

ensureClients()
if (!isDev) ensureBuild()
migrate(databaseUrl)
execFileSync('npx', ['tsx', 'scripts/prepare-data.ts'], { cwd: root, stdio: 'inherit', env: { ...process.env, DATABASE_URL: databaseUrl } })
execFileSync('node', ['server.mjs', ...(isDev ? ['--dev'] : [])], { cwd: root, stdio: 'inherit', env: process.env })
