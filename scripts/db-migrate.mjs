// Writes a migration with one name for both providers after a change to prisma/schema/,
// then regenerates both clients. Usage: npm run db:migrate -- --name add_something
// It diffs the migration history against the schema (no interactive prompt, no dev
// database needed), so helpers and CI can run it unattended.
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { deriveAll } from './prisma-derive.mjs'

const root = new URL('..', import.meta.url).pathname
const nameIndex = process.argv.indexOf('--name')
const name = nameIndex > 0 ? process.argv[nameIndex + 1] : undefined
if (!name || !/^[a-z0-9_]+$/.test(name)) {
	console.error('用法：npm run db:migrate -- --name <迁移名称，小写字母、数字和下划线>')
	process.exit(2)
}
deriveAll()
const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)
const targets = [
	{ url: 'file:./data/migrate-diff.db', migrations: 'prisma/migrations', schema: 'prisma/schema' },
	{
		url: process.env.MIGRATE_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
		migrations: 'prisma/postgresql/migrations',
		schema: 'prisma/postgresql/schema',
	},
]
for (const target of targets) {
	const script = execFileSync(
		'npx',
		['prisma', 'migrate', 'diff', '--from-migrations', target.migrations, '--to-schema', target.schema, '--script'],
		{ cwd: root, env: { ...process.env, DATABASE_URL: target.url }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
	)
	const sql = script.replace(/^Loaded Prisma config.*\n/m, '').trim()
	if (!sql || sql === '-- This is an empty migration.') {
		console.log(`${target.migrations}: 无变化`)
		continue
	}
	const dir = join(root, target.migrations, `${stamp}_${name}`)
	mkdirSync(dir, { recursive: true })
	writeFileSync(join(dir, 'migration.sql'), `${sql}\n`)
	console.log(`已写入 ${dir}/migration.sql`)
}
execFileSync('node', ['scripts/prisma-generate.mjs'], { cwd: root, stdio: 'inherit' })
