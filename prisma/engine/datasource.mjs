// Driver-adapter factories for the engine stand-in, with the fixes each quirk of the wasm
// engine and the adapters needs (numbered as in docs/prisma-engine-stand-in.md).
import { existsSync, mkdirSync, writeFileSync, rmSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import Database from 'better-sqlite3'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import { ColumnTypeEnum } from '@prisma/driver-adapter-utils'

class EngineError extends Error {
	constructor(code, message) {
		super(message)
		this.code = code
	}
}

export function isPostgresUrl(url) {
	return /^postgres(ql)?:\/\//.test(url)
}

export function sqlitePath(url) {
	const path = url.replace(/^file:/, '').split('?')[0]
	return resolve(process.cwd(), path)
}

// Quirk 7: a connection string cannot be overridden field by field, so always pass parts.
export function pgConnectionParts(url) {
	const parsed = new URL(url)
	return {
		host: decodeURIComponent(parsed.hostname) || 'localhost',
		port: Number(parsed.port || 5432),
		user: decodeURIComponent(parsed.username) || process.env.USER || 'postgres',
		password: decodeURIComponent(parsed.password) || undefined,
		database: decodeURIComponent(parsed.pathname.slice(1)) || 'postgres',
		schema: parsed.searchParams.get('schema') ?? undefined,
	}
}

function pgConfig(parts, database = parts.database) {
	const { schema, ...rest } = parts
	// Quirk 8: `?schema=` must also be the session's search_path.
	return { ...rest, database, options: schema ? `-c search_path="${schema}"` : undefined, max: 4 }
}

// Quirk 5: adapter-pg refuses pg_catalog types such as "char" that the engine's
// introspection queries return. The driver reports them as text (so adapter-pg accepts
// them) and the adapter's answer is then corrected: "char" is the engine's Character type.
const SUPPORTED_PG_TYPES = new Set([16, 17, 19, 20, 21, 23, 25, 26, 114, 142, 143, 199, 650, 651, 700, 701, 790, 791, 869, 1000, 1001, 1002, 1005, 1007, 1009, 1014, 1015, 1016, 1021, 1022, 1028, 1041, 1042, 1043, 1082, 1083, 1114, 1115, 1182, 1183, 1184, 1185, 1231, 1266, 1560, 1561, 1562, 1563, 1700, 2950, 2951, 3802, 3807])
const PG_CHAR_OID = 18
const TEXT_OID = 25
const originalTypesByRows = new WeakMap()
let pgTypesPatched = false
function patchPgTypes() {
	if (pgTypesPatched) return
	pgTypesPatched = true
	// Pool.query reaches Client.query through a callback, so both are wrapped.
	for (const proto of [pg.Client.prototype, pg.Pool.prototype]) {
		const originalQuery = proto.query
		proto.query = function queryReportingUnknownTypesAsText(...args) {
			const result = originalQuery.apply(this, args)
			return result && typeof result.then === 'function' ? result.then(reportUnknownTypesAsText) : result
		}
	}
}

function reportUnknownTypesAsText(res) {
	const originalTypes = (res?.fields ?? []).map((field) => field.dataTypeID)
	let changed = false
	for (const field of res?.fields ?? []) {
		if (field.dataTypeID < 16384 && !SUPPORTED_PG_TYPES.has(field.dataTypeID)) {
			field.dataTypeID = TEXT_OID
			changed = true
		}
	}
	if (changed && res.rows) originalTypesByRows.set(res.rows, originalTypes)
	return res
}

async function patchAdapterCharColumns(adapter) {
	const queryableProto = Object.getPrototypeOf(Object.getPrototypeOf(adapter))
	if (queryableProto.__charPatched) return adapter
	queryableProto.__charPatched = true
	const originalQueryRaw = queryableProto.queryRaw
	queryableProto.queryRaw = async function queryRawWithCharColumns(query) {
		const result = await originalQueryRaw.call(this, query)
		const originalTypes = originalTypesByRows.get(result.rows)
		if (originalTypes) {
			result.columnTypes = result.columnTypes.map((type, i) => (originalTypes[i] === PG_CHAR_OID ? ColumnTypeEnum.Character : type))
			for (const row of result.rows) {
				originalTypes.forEach((oid, i) => {
					if (oid !== PG_CHAR_OID && !SUPPORTED_PG_TYPES.has(oid) && row[i] !== null && typeof row[i] !== 'string') row[i] = Array.isArray(row[i]) ? `{${row[i].join(',')}}` : String(row[i])
				})
			}
		}
		return result
	}
	return adapter
}

async function withAdminClient(parts, fn) {
	const client = new pg.Client(pgConfig(parts, 'postgres'))
	await client.connect()
	try {
		return await fn(client)
	} finally {
		await client.end()
	}
}

const quoteIdent = (name) => `"${name.replaceAll('"', '""')}"`

// Quirk 9: adapter-pg's executeScript splits a migration at every ";", even inside a
// dollar-quoted function body or a comment. PostgreSQL's simple-query protocol runs a whole
// multi-statement script itself (as Prisma's native engine sends it), so send it whole.
function wholeScriptPgAdapter(adapter) {
	adapter.executeScript = async (script) => {
		try {
			await adapter.client.query(script)
		} catch (error) {
			adapter.onError(error)
		}
	}
	return adapter
}

function postgresDatasource(url, shadowUrl) {
	patchPgTypes()
	const parts = pgConnectionParts(url)
	const factory = {
		provider: 'postgres',
		adapterName: '@prisma/adapter-pg',
		connect: async () => wholeScriptPgAdapter(await patchAdapterCharColumns(await new PrismaPg(pgConfig(parts), { schema: parts.schema }).connect())),
		async connectToShadowDb() {
			if (shadowUrl) return wholeScriptPgAdapter(await patchAdapterCharColumns(await new PrismaPg(pgConfig(pgConnectionParts(shadowUrl)), { schema: parts.schema }).connect()))
			const shadowName = `prisma_shadow_${randomBytes(6).toString('hex')}`
			await withAdminClient(parts, (c) => c.query(`CREATE DATABASE ${quoteIdent(shadowName)}`))
			const adapter = wholeScriptPgAdapter(await patchAdapterCharColumns(await new PrismaPg(pgConfig({ ...parts, schema: undefined }, shadowName)).connect()))
			const dispose = adapter.dispose.bind(adapter)
			// Quirk 6: close the pool before dropping, or the drop fails on our own connection.
			adapter.dispose = async () => {
				await dispose()
				await adapter.underlyingDriver().end().catch(() => {})
				await withAdminClient(parts, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(shadowName)} WITH (FORCE)`))
			}
			return adapter
		},
	}
	return { factory, databaseName: parts.database }
}

// Quirk 2: multi-statement migration scripts arrive through executeRaw, which
// better-sqlite3 runs one statement at a time; argument-less ones go to executeScript.
function scriptAwareSqliteAdapter(adapter) {
	const executeRaw = adapter.executeRaw.bind(adapter)
	adapter.executeRaw = (query) => (query.args.length === 0 ? adapter.executeScript(query.sql).then(() => 0) : executeRaw(query))
	return adapter
}

function sqliteDatasource(url) {
	const file = sqlitePath(url)
	const inner = new PrismaBetterSqlite3({ url: file })
	const factory = {
		provider: 'sqlite',
		adapterName: '@prisma/adapter-better-sqlite3',
		connect: async () => {
			mkdirSync(dirname(file), { recursive: true })
			return scriptAwareSqliteAdapter(await inner.connect())
		},
		connectToShadowDb: async () => scriptAwareSqliteAdapter(await new PrismaBetterSqlite3({ url: ':memory:' }).connect()),
	}
	// Quirk 3: the wasm engine's SQLite reset only deletes rows; drop every object instead.
	const reset = async () => {
		const db = new Database(file)
		try {
			db.pragma('foreign_keys = OFF')
			const objects = db.prepare("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND type IN ('view','trigger','table')").all()
			const order = { view: 0, trigger: 1, table: 2 }
			objects.sort((a, b) => order[a.type] - order[b.type])
			for (const { type, name } of objects) {
				const exists = db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(name)
				if (exists) db.exec(`DROP ${type.toUpperCase()} IF EXISTS ${quoteIdent(name)}`)
			}
			db.exec('VACUUM')
		} finally {
			db.close()
		}
		return null
	}
	return { factory, databaseName: file, reset }
}

export async function openDatasource(datasource) {
	const url = datasource.url
	if (!url) throw new EngineError('P1012', 'datasource url is missing')
	return isPostgresUrl(url) ? postgresDatasource(url, datasource.shadowDatabaseUrl) : sqliteDatasource(url)
}

export async function runCliCommand(datasource, command) {
	const url = datasource?.url
	if (!url) throw new EngineError('P1012', 'datasource url is missing')
	if (isPostgresUrl(url)) {
		patchPgTypes()
		const parts = pgConnectionParts(url)
		const exists = await withAdminClient(parts, async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [parts.database])).rowCount > 0).catch((error) => {
			throw new EngineError('P1001', `Can't reach database server at ${parts.host}:${parts.port}: ${error.message}`)
		})
		if (command === 'can-connect-to-database') {
			if (!exists) throw new EngineError('P1003', `Database \`${parts.database}\` does not exist on the database server at \`${parts.host}:${parts.port}\`.`)
		} else if (command === 'create-database') {
			if (!exists) await withAdminClient(parts, (c) => c.query(`CREATE DATABASE ${quoteIdent(parts.database)}`))
		} else if (command === 'drop-database') {
			await withAdminClient(parts, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(parts.database)} WITH (FORCE)`))
		} else throw new EngineError('P1012', `unknown cli command ${command}`)
		return
	}
	const file = sqlitePath(url)
	if (command === 'can-connect-to-database') {
		if (!existsSync(file)) throw new EngineError('P1003', `Database ${file} does not exist`)
	} else if (command === 'create-database') {
		mkdirSync(dirname(file), { recursive: true })
		if (!existsSync(file)) writeFileSync(file, '')
	} else if (command === 'drop-database') {
		rmSync(file, { force: true })
		rmSync(`${file}-wal`, { force: true })
		rmSync(`${file}-shm`, { force: true })
	} else throw new EngineError('P1012', `unknown cli command ${command}`)
}
