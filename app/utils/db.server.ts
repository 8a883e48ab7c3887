import { createDb, type Db } from './db-client.ts'
import { serverEnv } from './env.server.ts'

// One client per process, kept across dev-server reloads so connections are not leaked.
const globalForDb = globalThis as unknown as { __hongshenDb?: Db }

export const prisma: Db = (globalForDb.__hongshenDb ??= createDb(serverEnv.databaseUrl))
