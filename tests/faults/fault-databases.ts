// The fault tests' databases: one migrated template per provider, made by the suite's global
// setup, and a fresh copy of it per test file. No app imports, so the global setup can use it.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'

const adminPostgresUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'

export function postgresUrlFor(database: string) {
	const url = new URL(adminPostgresUrl)
	url.pathname = `/${database}`
	return url.toString()
}

async function onPostgres<Row extends object = object>(statement: string, values: unknown[] = []) {
	const admin = new pg.Client({ connectionString: adminPostgresUrl })
	await admin.connect()
	try {
		return (await admin.query<Row>(statement, values)).rows
	} finally {
		await admin.end()
	}
}

export async function dropPostgresDatabase(name: string) {
	await onPostgres(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
}

/** The template and any copy a failed file left behind. */
export async function dropPostgresDatabasesOf(runId: string) {
	const rows = await onPostgres<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${runId}%`])
	for (const { datname } of rows) await dropPostgresDatabase(datname)
}

/** A fresh copy of the migrated template (tests/faults/global-setup.ts); `drop()` removes it. */
export async function prepareFaultDatabase(provider: 'sqlite' | 'postgresql', label: string) {
	const tag = `${label}_${Date.now().toString(36)}_${process.pid}`
	if (provider === 'sqlite') {
		const dir = path.join(tmpdir(), `hs_fault_${tag}`)
		mkdirSync(dir, { recursive: true })
		const file = path.join(dir, 'fault.db')
		copyFileSync(process.env.FAULTS_SQLITE_TEMPLATE!, file)
		return { url: `file:${file}`, file, drop: async () => rmSync(dir, { recursive: true, force: true }) }
	}
	const template = process.env.FAULTS_PG_TEMPLATE!
	const name = `${template}_${tag}`
	await onPostgres(`CREATE DATABASE "${name}" TEMPLATE "${template}"`)
	return { url: postgresUrlFor(name), file: null, drop: () => dropPostgresDatabase(name) }
}
