// Builds a Prisma client for either provider, chosen by the URL's scheme (ADR 003).
// Plain TypeScript with no Remix import, so domain tests and scripts share it.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { PrismaClient as PostgresPrismaClient } from '#app/generated/prisma/postgresql/client.ts'
import { PrismaClient as SqlitePrismaClient, type Prisma } from '#app/generated/prisma/sqlite/client.ts'
import { readServerEnv } from '../../server/env.mjs'

export type Db = SqlitePrismaClient
export type DbProvider = 'sqlite' | 'postgresql'
/** The client inside `db.$transaction(async (tx) => …)`; domain functions accept either. */
export type DbTx = Prisma.TransactionClient
export type DbOrTx = Db | DbTx

export const SQLITE_BUSY_TIMEOUT_MS = 5000

export function providerOf(url: string): DbProvider {
	return /^postgres(ql)?:\/\//.test(url) ? 'postgresql' : 'sqlite'
}

export function sqliteFilePath(url: string) {
	return resolve(process.cwd(), url.replace(/^file:/, '').split('?')[0]!)
}

/**
 * SQLite's synchronous setting: NORMAL unless the URL says `?synchronous=full`. In WAL mode
 * NORMAL survives a crash of the server process, but a power loss or an operating-system crash
 * can take the commits since the last checkpoint; FULL syncs every commit, which this
 * machine's disk allows ~135 times a second, far below the save capacity the app needs.
 * ADR 031 records the measurement and the loss window (bench/capacity.bench.ts repeats it).
 */
export function sqliteSynchronous(url: string): 'FULL' | 'NORMAL' {
	const query = url.split('?')[1] ?? ''
	return new URLSearchParams(query).get('synchronous')?.toLowerCase() === 'full' ? 'FULL' : 'NORMAL'
}

// better-sqlite3 opens one connection per client: it is the single writer the save path
// relies on. Pragmas are per connection, so they run as soon as it opens.
function sqliteAdapterFactory(url: string): SqlDriverAdapterFactory {
	const file = sqliteFilePath(url)
	const synchronous = sqliteSynchronous(url)
	mkdirSync(dirname(file), { recursive: true })
	const inner = new PrismaBetterSqlite3({ url: file, timeout: SQLITE_BUSY_TIMEOUT_MS })
	return {
		provider: 'sqlite',
		adapterName: inner.adapterName,
		async connect(): Promise<SqlDriverAdapter> {
			const adapter = await inner.connect()
			await adapter.executeScript(
				`PRAGMA journal_mode = WAL; PRAGMA synchronous = ${synchronous}; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS};`,
			)
			return adapter
		},
	}
}

function postgresAdapterFactory(url: string) {
	const parsed = new URL(url)
	const schema = parsed.searchParams.get('schema') ?? undefined
	return new PrismaPg(
		{ connectionString: url, max: readServerEnv().databasePoolSize },
		schema ? { schema } : undefined,
	)
}

const providers = new WeakMap<Db, DbProvider>()

export function createDb(url: string): Db {
	const provider = providerOf(url)
	const db =
		provider === 'postgresql'
			? // Both generated clients expose the same model API; the SQLite one is the shared type.
				(new PostgresPrismaClient({ adapter: postgresAdapterFactory(url) }) as unknown as Db)
			: new SqlitePrismaClient({ adapter: sqliteAdapterFactory(url) })
	providers.set(db, provider)
	return db
}

/** Whether `db` is a client made by createDb, rather than the client of an open transaction. */
export function isClient(db: DbOrTx): db is Db {
	return providers.has(db as Db)
}

/**
 * Independent reads at once on a client (a PostgreSQL pool answers them on several connections);
 * one after the other in a transaction, which is one connection where node-postgres would queue
 * them anyway and warn.
 */
export async function readTogether<A, B>(db: DbOrTx, first: () => Promise<A>, second: () => Promise<B>): Promise<[A, B]> {
	if (isClient(db)) return Promise.all([first(), second()])
	const a = await first()
	return [a, await second()]
}

/** Which database a client made by `createDb` talks to, for the few places whose SQL differs. */
export function providerOfDb(db: Db): DbProvider {
	const provider = providers.get(db)
	if (!provider) throw new Error('providerOfDb: this client was not made by createDb')
	return provider
}
