// Loaded by the Prisma CLI before it looks for its schema engine, so pointing
// PRISMA_SCHEMA_ENGINE_BINARY here keeps every command offline (ADR 002).
import path from 'node:path'
import 'dotenv/config'
import { defineConfig } from 'prisma/config'

const projectRoot = import.meta.dirname
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(projectRoot, 'prisma/engine/schema-engine.mjs')

const url = process.env.DATABASE_URL ?? 'file:./data/app.db'
const provider = /^postgres(ql)?:\/\//.test(url) ? 'postgresql' : 'sqlite'

export default defineConfig({
	schema: provider === 'postgresql' ? 'prisma/postgresql/schema' : 'prisma/schema',
	migrations: {
		path: provider === 'postgresql' ? 'prisma/postgresql/migrations' : 'prisma/migrations',
		seed: 'tsx scripts/prepare-data.ts',
	},
	datasource: { url, shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL },
})
