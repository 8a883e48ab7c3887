// Where the full-text index lives, per provider, side by side (ADR 011). Both stay outside
// Prisma's view so `prisma migrate dev` sees no drift:
// - SQLite: an FTS5 table with the trigram tokenizer in a sibling file `<db>-search.db`.
// - PostgreSQL: a `search` schema in the same database, with pg_trgm GIN indexes; Prisma
//   only inspects `public`.
// Both answer the same question: which entries contain every term. Terms of one or two
// characters (most Chinese words) have no trigram, so they are matched with LIKE / ILIKE.
import path from 'node:path'
import Database from 'better-sqlite3'
import { type Db, providerOfDb } from '#app/utils/db-client.server.ts'
import type { SearchKind } from './search-kinds.ts'

export type { SearchKind }

export type SearchEntryKey = { kind: SearchKind; refId: string }
export type SearchEntry = SearchEntryKey & { hash: string; title: string; body: string }

export interface SearchStore {
	listKeys(): Promise<(SearchEntryKey & { hash: string })[]>
	upsert(entries: SearchEntry[]): Promise<void>
	remove(keys: SearchEntryKey[]): Promise<void>
	/** Entries containing every term (case-insensitive) in title or body. */
	match(terms: string[], kinds: readonly SearchKind[], limit: number): Promise<SearchEntry[]>
}

export const TRIGRAM = 3

function escapeLike(term: string) {
	return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

type SqliteRow = { kind: SearchKind; ref_id: string; hash: string; title: string; body: string }
const toEntry = (row: SqliteRow): SearchEntry => ({ kind: row.kind, refId: row.ref_id, hash: row.hash, title: row.title, body: row.body })

class SqliteSearchStore implements SearchStore {
	private readonly db: Database.Database

	constructor(file: string) {
		this.db = new Database(file)
		this.db.pragma('journal_mode = WAL')
		this.db.pragma('busy_timeout = 5000')
		this.db.exec(`
			CREATE TABLE IF NOT EXISTS search_entry (
				id INTEGER PRIMARY KEY, kind TEXT NOT NULL, ref_id TEXT NOT NULL, hash TEXT NOT NULL,
				title TEXT NOT NULL, body TEXT NOT NULL, UNIQUE (kind, ref_id));
			CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
				title, body, content = 'search_entry', content_rowid = 'id', tokenize = 'trigram');
			CREATE TRIGGER IF NOT EXISTS search_entry_ai AFTER INSERT ON search_entry BEGIN
				INSERT INTO search_fts (rowid, title, body) VALUES (new.id, new.title, new.body); END;
			CREATE TRIGGER IF NOT EXISTS search_entry_ad AFTER DELETE ON search_entry BEGIN
				INSERT INTO search_fts (search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body); END;
			CREATE TRIGGER IF NOT EXISTS search_entry_au AFTER UPDATE ON search_entry BEGIN
				INSERT INTO search_fts (search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
				INSERT INTO search_fts (rowid, title, body) VALUES (new.id, new.title, new.body); END;
		`)
	}

	async listKeys() {
		const rows = this.db.prepare('SELECT kind, ref_id, hash FROM search_entry').all() as SqliteRow[]
		return rows.map((row) => ({ kind: row.kind, refId: row.ref_id, hash: row.hash }))
	}

	async upsert(entries: SearchEntry[]) {
		const statement = this.db.prepare(
			`INSERT INTO search_entry (kind, ref_id, hash, title, body) VALUES (@kind, @refId, @hash, @title, @body)
			 ON CONFLICT (kind, ref_id) DO UPDATE SET hash = excluded.hash, title = excluded.title, body = excluded.body`,
		)
		this.db.transaction(() => entries.forEach((entry) => statement.run(entry)))()
	}

	async remove(keys: SearchEntryKey[]) {
		const statement = this.db.prepare('DELETE FROM search_entry WHERE kind = ? AND ref_id = ?')
		this.db.transaction(() => keys.forEach((key) => statement.run(key.kind, key.refId)))()
	}

	async match(terms: string[], kinds: readonly SearchKind[], limit: number) {
		const long = terms.filter((term) => [...term].length >= TRIGRAM)
		const short = terms.filter((term) => [...term].length < TRIGRAM)
		const params: unknown[] = []
		const where: string[] = [`e.kind IN (${kinds.map(() => '?').join(', ')})`]
		params.push(...kinds)
		for (const term of short) {
			where.push(`(e.title LIKE ? ESCAPE '\\' OR e.body LIKE ? ESCAPE '\\')`)
			params.push(escapeLike(term), escapeLike(term))
		}
		let from = 'search_entry e'
		if (long.length) {
			from = 'search_fts JOIN search_entry e ON e.id = search_fts.rowid'
			where.unshift('search_fts MATCH ?')
			params.unshift(long.map((term) => `"${term.replace(/"/g, '""')}"`).join(' AND '))
		}
		const rows = this.db.prepare(`SELECT e.kind, e.ref_id, e.hash, e.title, e.body FROM ${from} WHERE ${where.join(' AND ')} LIMIT ?`).all(...params, limit) as SqliteRow[]
		return rows.map(toEntry)
	}

	close() {
		this.db.close()
	}
}

class PostgresSearchStore implements SearchStore {
	private ready: Promise<void> | null = null

	constructor(private readonly db: Db) {}

	private ensureSchema() {
		this.ready ??= this.db.$transaction(async (tx) => {
			// Two processes creating the schema at once would collide on the catalog.
			await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext('hongshen_search_schema'))`)
			await tx.$executeRawUnsafe('CREATE SCHEMA IF NOT EXISTS search')
			await tx.$executeRawUnsafe('CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA search')
			const [extension] = await tx.$queryRawUnsafe<{ schema: string }[]>(
				`SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'`,
			)
			const ops = `"${extension!.schema}".gin_trgm_ops`
			await tx.$executeRawUnsafe(
				`CREATE TABLE IF NOT EXISTS search.entry (kind text NOT NULL, ref_id text NOT NULL, hash text NOT NULL,
				 title text NOT NULL, body text NOT NULL, PRIMARY KEY (kind, ref_id))`,
			)
			await tx.$executeRawUnsafe(`CREATE INDEX IF NOT EXISTS entry_title_trgm ON search.entry USING gin (title ${ops})`)
			await tx.$executeRawUnsafe(`CREATE INDEX IF NOT EXISTS entry_body_trgm ON search.entry USING gin (body ${ops})`)
		})
		this.ready.catch(() => (this.ready = null))
		return this.ready
	}

	async listKeys() {
		await this.ensureSchema()
		const rows = await this.db.$queryRawUnsafe<SqliteRow[]>('SELECT kind, ref_id, hash FROM search.entry')
		return rows.map((row) => ({ kind: row.kind, refId: row.ref_id, hash: row.hash }))
	}

	async upsert(entries: SearchEntry[]) {
		await this.ensureSchema()
		await this.db.$transaction(
			entries.map((entry) =>
				this.db.$executeRawUnsafe(
					`INSERT INTO search.entry (kind, ref_id, hash, title, body) VALUES ($1, $2, $3, $4, $5)
					 ON CONFLICT (kind, ref_id) DO UPDATE SET hash = excluded.hash, title = excluded.title, body = excluded.body`,
					entry.kind,
					entry.refId,
					entry.hash,
					entry.title,
					entry.body,
				),
			),
		)
	}

	async remove(keys: SearchEntryKey[]) {
		await this.ensureSchema()
		await this.db.$transaction(keys.map((key) => this.db.$executeRawUnsafe('DELETE FROM search.entry WHERE kind = $1 AND ref_id = $2', key.kind, key.refId)))
	}

	async match(terms: string[], kinds: readonly SearchKind[], limit: number) {
		await this.ensureSchema()
		const params: unknown[] = [[...kinds]]
		const where = ['kind = ANY($1::text[])']
		for (const term of terms) {
			params.push(escapeLike(term))
			where.push(`(title ILIKE $${params.length} OR body ILIKE $${params.length})`)
		}
		params.push(limit)
		const rows = await this.db.$queryRawUnsafe<SqliteRow[]>(
			`SELECT kind, ref_id, hash, title, body FROM search.entry WHERE ${where.join(' AND ')} LIMIT $${params.length}`,
			...params,
		)
		return rows.map(toEntry)
	}
}

const sqliteStores = new Map<string, SqliteSearchStore>()
const postgresStores = new WeakMap<Db, PostgresSearchStore>()

export async function sqliteSearchFileFor(db: Db) {
	const [main] = await db.$queryRawUnsafe<{ file: string }[]>(`SELECT file FROM pragma_database_list WHERE name = 'main'`)
	if (!main?.file) return ':memory:'
	const parsed = path.parse(main.file)
	return path.join(parsed.dir, `${parsed.name}-search.db`)
}

/** The search store beside this database (opened once per process). */
export async function searchStoreFor(db: Db): Promise<SearchStore> {
	if (providerOfDb(db) === 'postgresql') {
		let store = postgresStores.get(db)
		if (!store) postgresStores.set(db, (store = new PostgresSearchStore(db)))
		return store
	}
	const file = await sqliteSearchFileFor(db)
	let store = sqliteStores.get(file)
	if (!store) sqliteStores.set(file, (store = new SqliteSearchStore(file)))
	return store
}
