// Creates a migration with one name for both providers after a change to prisma/schema/,
// then regenerates both clients. Usage: npm run db:migrate -- --name add_something
// The development databases: data/migrate-dev.db and PostgreSQL database hongshen_migrate_dev.
import { execFileSync } from 'node:child_process'
import { deriveAll } from './prisma-derive.mjs'

const root = new URL('..', import.meta.url).pathname
const nameIndex = process.argv.indexOf('--name')
const name = nameIndex > 0 ? process.argv[nameIndex + 1] : undefined
if (!name) {
	console.error('用法：npm run db:migrate -- --name <迁移名称>')
	process.exit(2)
}
deriveAll()
const postgresBase = process.env.MIGRATE_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/hongshen_migrate_dev'
for (const url of ['file:./data/migrate-dev.db', postgresBase]) {
	execFileSync('npx', ['prisma', 'migrate', 'dev', '--name', name], { cwd: root, env: { ...process.env, DATABASE_URL: url }, stdio: 'inherit' })
}
