// What a ranking build read, kept for the next build of the same database (ADR 071): each round's
// closed papers and the user directory, each under the version the database holds for it. The
// versions live in RankingInputVersion and are bumped by triggers on Attempt, User and UserRole
// (the migration 20261201183024_ranking_input_versions), so every write path, raw SQL included,
// makes the next build read again; nothing in the application has to remember to invalidate.
// Safe by construction:
// - A version and the rows it stands for are read by ONE statement, so they are one snapshot.
// - Only a build outside a transaction reads or fills the cache: a transaction may see its own
//   uncommitted writes (a version that a rollback would give back). Publishing builds inside its
//   transaction, so a published snapshot is always made from fresh reads.
// - A version row starts at a random number, so a database emptied and seeded again does not
//   repeat versions this process has seen.
// - The triggers are checked once per client; if any is missing (e.g. a later SQLite migration
//   redefined the table and dropped them) the cache is off and says so.
import { isClient, type DbOrTx, type DbProvider } from '#app/utils/db-client.ts'

/** The triggers the migration creates: the same nine names on both databases. */
export const RANKING_INPUT_TRIGGERS = [
	'ranking_input_attempt_insert',
	'ranking_input_attempt_update',
	'ranking_input_attempt_delete',
	'ranking_input_user_insert',
	'ranking_input_user_update',
	'ranking_input_user_delete',
	'ranking_input_role_insert',
	'ranking_input_role_update',
	'ranking_input_role_delete',
] as const

/** Rounds kept per database: a season has four, an admin compares a few seasons. */
const MAX_ROUNDS = 24

export type CachedEntry<T> = { key: string; value: T }

export type InputCache = {
	/** roundId → that round's papers as read, least recently used first. */
	rounds: Map<string, CachedEntry<unknown>>
	directory: CachedEntry<unknown> | null
}

type ClientState = { enabled: Promise<boolean>; cache: InputCache }
const states = new WeakMap<object, ClientState>()

async function triggersInPlace(db: DbOrTx, provider: DbProvider): Promise<boolean> {
	const rows =
		provider === 'postgresql'
			? await db.$queryRawUnsafe<{ name: string }[]>(`SELECT tgname AS name FROM pg_trigger WHERE tgname LIKE 'ranking_input_%' AND NOT tgisinternal`)
			: await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'ranking_input_%'`)
	const present = new Set(rows.map((row) => row.name))
	const missing = RANKING_INPUT_TRIGGERS.filter((name) => !present.has(name))
	if (missing.length) console.error(`排名缓存已停用：数据库缺少触发器 ${missing.join('、')}，每次排名都将重新读取全部答卷。`)
	return missing.length === 0
}

/** The cache of this database's client, or null: inside a transaction, or when the triggers are missing. */
export async function inputCacheOf(db: DbOrTx, provider: DbProvider): Promise<InputCache | null> {
	if (!isClient(db)) return null
	let state = states.get(db)
	if (!state) {
		state = { enabled: triggersInPlace(db, provider).catch(() => false), cache: { rounds: new Map(), directory: null } }
		states.set(db, state)
	}
	return (await state.enabled) ? state.cache : null
}

/** Forget everything read from this database (e.g. when a publication found its draft out of date). */
export function clearInputCache(db: DbOrTx) {
	const state = states.get(db)
	if (state) state.cache = { rounds: new Map(), directory: null }
}

/** Every version row, one cheap statement: `round:<id>` → its buckets' versions as one key; `directory` → its version. */
export async function readInputVersions(db: DbOrTx): Promise<Map<string, string>> {
	const rows = await db.$queryRawUnsafe<{ scope: string; version: bigint | number | string }[]>(`SELECT "scope", "version" FROM "RankingInputVersion"`)
	const parts = new Map<string, string[]>()
	for (const row of rows) {
		const bucketAt = row.scope.startsWith('round:') ? row.scope.lastIndexOf(':') : row.scope.length
		const scope = row.scope.slice(0, bucketAt)
		const list = parts.get(scope) ?? []
		list.push(`${row.scope}=${String(row.version)}`)
		parts.set(scope, list)
	}
	return new Map([...parts].map(([scope, list]) => [scope, versionKey(list)]))
}

/** The same key whatever order the database listed the rows in. */
export function versionKey(rows: readonly string[]) {
	return [...rows].sort().join(',')
}

export function cachedRound<T>(cache: InputCache, roundId: string, key: string): T | null {
	const entry = cache.rounds.get(roundId)
	if (!entry || entry.key !== key) return null
	// Most recently used last, so the first entry is the one to drop.
	cache.rounds.delete(roundId)
	cache.rounds.set(roundId, entry)
	return entry.value as T
}

export function keepRound<T>(cache: InputCache, roundId: string, key: string, value: T) {
	cache.rounds.delete(roundId)
	cache.rounds.set(roundId, { key, value })
	while (cache.rounds.size > MAX_ROUNDS) cache.rounds.delete(cache.rounds.keys().next().value!)
}
