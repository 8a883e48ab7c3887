// What a ranking build read, kept for the next build of the same database (ADR 072): each round's
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
import { isClient, type DbOrTx, type DbProvider } from '#app/utils/db-client.server.ts'

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

/** Buckets of papers kept per database: 8 per round; a season has four rounds, an admin compares a few seasons. */
const MAX_PAPER_SCOPES = 24 * 8

export type CachedEntry<T> = { key: string; value: T }

export type InputCache = {
	/** `round:<id>:<bucket>` → those papers as read, least recently used first. */
	papers: Map<string, CachedEntry<unknown>>
	directory: CachedEntry<unknown> | null
	/** Who is eligible, by a key of the directory's version, the unit tree and the rounds' rules. */
	eligible: Map<string, unknown>
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
		state = { enabled: triggersInPlace(db, provider).catch(() => false), cache: { papers: new Map(), directory: null, eligible: new Map() } }
		states.set(db, state)
	}
	return (await state.enabled) ? state.cache : null
}

/** Forget everything read from this database (e.g. when a publication found its draft out of date). */
export function clearInputCache(db: DbOrTx) {
	const state = states.get(db)
	if (state) state.cache = { papers: new Map(), directory: null, eligible: new Map() }
}

/** Every version row, one cheap statement: scope (`round:<id>:<bucket>`, `directory`) → version. */
export async function readInputVersions(db: DbOrTx): Promise<Map<string, string>> {
	const rows = await db.$queryRawUnsafe<{ scope: string; version: bigint | number | string }[]>(`SELECT "scope", "version" FROM "RankingInputVersion"`)
	return new Map(rows.map((row) => [row.scope, String(row.version)]))
}

/** `scope=version,…` as a statement reads it alongside its rows. */
export function parseVersions(text: string | null): Map<string, string> {
	const versions = new Map<string, string>()
	for (const part of text ? text.split(',') : []) {
		const at = part.lastIndexOf('=')
		versions.set(part.slice(0, at), part.slice(at + 1))
	}
	return versions
}

/** What was kept for `scope` if it was read at `version` ('' when the database has no row for it yet). */
export function cachedPapers<T>(cache: InputCache, scope: string, version: string): T | null {
	const entry = cache.papers.get(scope)
	if (!entry || entry.key !== version) return null
	// Most recently used last, so the first entry is the one to drop.
	cache.papers.delete(scope)
	cache.papers.set(scope, entry)
	return entry.value as T
}

export function keepPapers<T>(cache: InputCache, scope: string, version: string, value: T) {
	cache.papers.delete(scope)
	cache.papers.set(scope, { key: version, value })
	while (cache.papers.size > MAX_PAPER_SCOPES) cache.papers.delete(cache.papers.keys().next().value!)
}

/** Sets of eligible people kept per database: a few rankings (rounds, a season) at a time. */
const MAX_ELIGIBLE_SETS = 8

export function cachedEligible(cache: InputCache, key: string): ReadonlySet<string> | null {
	return (cache.eligible.get(key) as ReadonlySet<string> | undefined) ?? null
}

export function keepEligible(cache: InputCache, key: string, eligible: ReadonlySet<string>) {
	cache.eligible.delete(key)
	cache.eligible.set(key, eligible)
	while (cache.eligible.size > MAX_ELIGIBLE_SETS) cache.eligible.delete(cache.eligible.keys().next().value!)
}
