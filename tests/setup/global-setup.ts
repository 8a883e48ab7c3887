// Builds one migrated template database per provider for this test run; each vitest worker
// then takes a fresh copy per test file (tests/db-utils.ts). The PostgreSQL databases are
// throwaway: named after the run and dropped at the end.
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'

const root = path.resolve(import.meta.dirname, '../..')

function migrate(url: string) {
	execFileSync('npx', ['prisma', 'migrate', 'deploy'], { cwd: root, env: { ...process.env, DATABASE_URL: url }, stdio: 'pipe' })
}

export function adminPostgresUrl() {
	return process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
}

export function postgresUrlFor(database: string) {
	const url = new URL(adminPostgresUrl())
	url.pathname = `/${database}`
	return url.toString()
}

export default async function setup() {
	const runId = `hs_test_${Date.now().toString(36)}_${process.pid}`
	// Each run keeps to its own folder: several runs may share a checkout at once.
	const tmpDir = path.join(root, 'tests/.tmp', runId)
	mkdirSync(tmpDir, { recursive: true })

	const sqliteTemplate = path.join(tmpDir, 'template.db')
	migrate(`file:${sqliteTemplate}`)
	migrate(postgresUrlFor(runId))

	process.env.TEST_SQLITE_TEMPLATE = sqliteTemplate
	process.env.TEST_PG_TEMPLATE_DB = runId

	return async function teardown() {
		const admin = new pg.Client({ connectionString: adminPostgresUrl() })
		await admin.connect()
		try {
			const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${runId}%`])
			for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`)
		} finally {
			await admin.end()
		}
		rmSync(tmpDir, { recursive: true, force: true })
	}
}
