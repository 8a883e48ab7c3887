// Real databases for integration tests: a fresh copy of the migrated template per test file
// and provider. `describeEachProvider` runs a suite against SQLite and PostgreSQL alike.
import { copyFileSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe } from 'vitest'
import { createDb, type Db, type DbProvider } from '#app/utils/db-client.server.ts'
import { adminPostgresUrl, postgresUrlFor } from './setup/global-setup.ts'

export const PROVIDERS: DbProvider[] = ['sqlite', 'postgresql']

const workerId = process.env.VITEST_POOL_ID ?? '0'
const clients = new Map<DbProvider, Promise<{ db: Db; url: string }>>()

async function createPostgresCopy(name: string, template: string) {
	const admin = new pg.Client({ connectionString: adminPostgresUrl() })
	await admin.connect()
	try {
		await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
		// Two workers copying one template at once get "source database is being accessed".
		for (let attempt = 0; ; attempt++) {
			try {
				await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`)
				return
			} catch (error) {
				if (attempt > 20) throw error
				await new Promise((r) => setTimeout(r, 100 + Math.random() * 200))
			}
		}
	} finally {
		await admin.end()
	}
}

async function openTestDb(provider: DbProvider) {
	const fileTag = `${workerId}_${Math.random().toString(36).slice(2, 8)}`
	if (provider === 'sqlite') {
		const template = process.env.TEST_SQLITE_TEMPLATE!
		const file = path.join(path.dirname(template), `w${fileTag}.db`)
		copyFileSync(template, file)
		const url = `file:${file}`
		return { db: createDb(url), url }
	}
	const template = process.env.TEST_PG_TEMPLATE_DB!
	const name = `${template}_w${fileTag}`
	await createPostgresCopy(name, template)
	const url = postgresUrlFor(name)
	return { db: createDb(url), url }
}

/** The database for this test file (created on first use, disconnected after the file). */
export async function getTestDb(provider: DbProvider): Promise<Db> {
	return (await getTestDbWithUrl(provider)).db
}

export function getTestDbWithUrl(provider: DbProvider) {
	let entry = clients.get(provider)
	if (!entry) {
		entry = openTestDb(provider)
		clients.set(provider, entry)
	}
	return entry
}

afterAll(async () => {
	for (const entry of clients.values()) await (await entry).db.$disconnect()
	clients.clear()
})

/** Runs the suite once per provider; `getDb()` gives that provider's fresh database. */
export function describeEachProvider(name: string, suite: (getDb: () => Promise<Db>, provider: DbProvider) => void) {
	for (const provider of PROVIDERS) {
		describe(`${name} [${provider}]`, () => suite(() => getTestDb(provider), provider))
	}
}
