// Derives the PostgreSQL schema from the SQLite source schema: same models, other provider
// and client output. One source of truth; the derived folder is generated, not edited.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const sourceDir = join(root, 'prisma/schema')
const targetDir = join(root, 'prisma/postgresql/schema')

export function derivePostgresSchema(source) {
	return source
		.replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
		.replace('../../app/generated/prisma/sqlite', '../../../app/generated/prisma/postgresql')
		.replace(/^\/\/ Source schema \(SQLite\)[\s\S]*?\n\n/m, '// GENERATED from prisma/schema by scripts/prisma-derive.mjs. Do not edit.\n\n')
}

export function deriveAll() {
	rmSync(targetDir, { recursive: true, force: true })
	mkdirSync(targetDir, { recursive: true })
	for (const file of readdirSync(sourceDir).filter((f) => f.endsWith('.prisma'))) {
		writeFileSync(join(targetDir, file), derivePostgresSchema(readFileSync(join(sourceDir, file), 'utf8')))
	}
}

if (import.meta.url === `file://${process.argv[1]}`) deriveAll()
