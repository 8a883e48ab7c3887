// The engine stand-in end to end: the real Prisma CLI drives it against a real SQLite file
// and a real PostgreSQL database, as a developer or a deployment would from a clean clone.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, test } from 'vitest'
import { CLI_TEST_TIMEOUT, projectRoot as root, runCommand, runPrisma as prisma } from '#tests/cli.ts'
import { adminPostgresUrl, postgresUrlFor } from '#tests/setup/global-setup.ts'

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

// Each test drives the real CLI (several node processes and a wasm engine): the limit fits a
// busy 2-core machine, and the runs are asynchronous so vitest can still stop a hung one.
describe.each(targets)('Prisma CLI through the engine stand-in [$provider]', { timeout: CLI_TEST_TIMEOUT }, ({ url }) => {
	test('--version answers like the native engine', async () => {
		const { stdout } = await runCommand(process.execPath, [path.join(root, 'prisma/engine/schema-engine.mjs'), '--version'])
		expect(stdout).toMatch(/^schema-engine-cli [0-9a-f]{40}/)
	})

	test('migrate deploy creates the database and applies every migration', async () => {
		expect(await prisma(['migrate', 'deploy'], url)).toMatch(/successfully applied|No pending migrations/)
	})

	test('migrate status reports the schema up to date', async () => {
		expect(await prisma(['migrate', 'status'], url)).toContain('Database schema is up to date')
	})

	test('migrate dev finds nothing to do, twice in a row (no drift)', async () => {
		for (let i = 0; i < 2; i++) expect(await prisma(['migrate', 'dev', '--name', 'none'], url)).toContain('Already in sync')
	})

	test('migrate reset drops everything and reapplies the migrations', async () => {
		await prisma(['migrate', 'reset', '--force'], url)
		expect(await prisma(['migrate', 'status'], url)).toContain('Database schema is up to date')
	})
})
