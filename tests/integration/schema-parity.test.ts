// Both migration histories must build the same tables and columns: the PostgreSQL
// schema is derived from the SQLite one, and this proves the migrations followed.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { derivePostgresSchema } from '../../scripts/prisma-derive.mjs'
import { getTestDb } from '#tests/db-utils.ts'

type Column = { table: string; column: string }

async function sqliteColumns(): Promise<string[]> {
	const db = await getTestDb('sqlite')
	const tables = await db.$queryRawUnsafe<{ name: string }[]>(
		"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_prisma%' ESCAPE '\\'",
	)
	const columns: string[] = []
	for (const { name } of tables) {
		const info = await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM pragma_table_info('${name}')`)
		for (const column of info) columns.push(`${name}.${column.name}`)
	}
	return columns.sort()
}

async function postgresColumns(): Promise<string[]> {
	const db = await getTestDb('postgresql')
	const rows = await db.$queryRawUnsafe<Column[]>(
		"SELECT table_name AS table, column_name AS column FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '\\_prisma%'",
	)
	return rows.map((r) => `${r.table}.${r.column}`).sort()
}

describe('schema parity', () => {
	test('SQLite and PostgreSQL migrations give the same tables and columns', async () => {
		const [sqlite, postgres] = await Promise.all([sqliteColumns(), postgresColumns()])
		expect(sqlite.length).toBeGreaterThan(20)
		expect(postgres).toEqual(sqlite)
	})

	test('the committed PostgreSQL schema is derived from the current source schema', () => {
		const root = path.resolve(import.meta.dirname, '../..')
		const sourceDir = path.join(root, 'prisma/schema')
		for (const file of readdirSync(sourceDir).filter((f) => f.endsWith('.prisma'))) {
			const derived = readFileSync(path.join(root, 'prisma/postgresql/schema', file), 'utf8')
			expect(derived, `${file} is stale: run npm run prisma:generate`).toBe(derivePostgresSchema(readFileSync(path.join(sourceDir, file), 'utf8')))
		}
	})
})
