// The engine stand-in end to end: the real Prisma CLI drives it against a real SQLite file
// and a real PostgreSQL database, as a developer or a deployment would from a clean clone.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, test } from 'vitest'
import { adminPostgresUrl, postgresUrlFor } from '#tests/setup/global-setup.ts'

const root = path.resolve(import.meta.dirname, '../..')

function prisma(args: string[], databaseUrl: string) {
	return execFileSync('npx', ['prisma', ...args], {
		cwd: root,
		env: { ...process.env, DATABASE_URL: databaseUrl },
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	})
}

const tmp = mkdtempSync(path.join(tmpdir(), 'hs-engine-'))
const pgName = `hs_engine_test_${process.pid}_${Date.now().toString(36)}`
const targets = [
	{ provider: 'sqlite', url: `file:${path.join(tmp, 'engine.db')}` },
	{ provider: 'postgresql', url: postgresUrlFor(pgName) },
]

afterAll(async () => {
	rmSync(tmp, { recursive: true, force: true })
	const admin = new pg.Client({ connectionString: adminPostgresUrl() })
	await admin.connect()
	await admin.query(`DROP DATABASE IF EXISTS "${pgName}" WITH (FORCE)`)
	await admin.end()
})

describe.each(targets)('Prisma CLI through the engine stand-in [$provider]', ({ url }) => {
	test('--version answers like the native engine', () => {
		const out = execFileSync(process.execPath, [path.join(root, 'prisma/engine/schema-engine.mjs'), '--version'], { encoding: 'utf8' })
		expect(out).toMatch(/^schema-engine-cli [0-9a-f]{40}/)
	})

	test('migrate deploy creates the database and applies every migration', () => {
		expect(prisma(['migrate', 'deploy'], url)).toMatch(/successfully applied|No pending migrations/)
	})

	test('migrate status reports the schema up to date', () => {
		expect(prisma(['migrate', 'status'], url)).toContain('Database schema is up to date')
	})

	test('migrate dev finds nothing to do, twice in a row (no drift)', () => {
		for (let i = 0; i < 2; i++) expect(prisma(['migrate', 'dev', '--name', 'none'], url)).toContain('Already in sync')
	})

	test('migrate reset drops everything and reapplies the migrations', () => {
		prisma(['migrate', 'reset', '--force'], url)
		expect(prisma(['migrate', 'status'], url)).toContain('Database schema is up to date')
	})
})
