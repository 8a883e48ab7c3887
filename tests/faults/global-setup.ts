// Before any fault test file starts: the production build (unless build/ is newer than the
// sources) and one migrated template database per provider, which each file copies. Migrating
// once here rather than in every file saves a Prisma CLI run per file, and the migrations do
// not compete with the files' seeding and server start-ups for the two cores.
import { mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { ensureBuild } from '../../scripts/setup.mjs'
import { runPrisma } from '#tests/cli.ts'
import { dropPostgresDatabasesOf, postgresUrlFor } from './fault-databases.ts'

export default async function setup() {
	ensureBuild()
	const runId = `hs_fault_${Date.now().toString(36)}_${process.pid}`
	const dir = path.join(tmpdir(), runId)
	mkdirSync(dir, { recursive: true })
	const sqliteTemplate = path.join(dir, 'template.db')
	await Promise.all([runPrisma(['migrate', 'deploy'], `file:${sqliteTemplate}`), runPrisma(['migrate', 'deploy'], postgresUrlFor(runId))])
	process.env.FAULTS_SQLITE_TEMPLATE = sqliteTemplate
	process.env.FAULTS_PG_TEMPLATE = runId
	return async function teardown() {
		await dropPostgresDatabasesOf(runId)
		rmSync(dir, { recursive: true, force: true })
	}
}
