import { startAuditAnchoring } from './audit-checkpoints.server.ts'
import { createDb, type Db } from './db-client.server.ts'
import { serverEnv } from './env.server.ts'

// One client per process, kept across dev-server reloads so connections are not leaked.
const globalForDb = globalThis as unknown as { __hongshenDb?: Db }

export const prisma: Db = (globalForDb.__hongshenDb ??= anchored(createDb(serverEnv.databaseUrl)))

/** The app's audit chain gets a signed checkpoint after each change, at start-up and daily (ADR 006). */
function anchored(db: Db) {
	startAuditAnchoring(db, { file: serverEnv.auditCheckpointFile, secret: serverEnv.auditLogSecret })
	return db
}
