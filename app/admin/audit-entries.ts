// Reading the audit log for the admin page: filter by person, action and day, newest first.
import { verifyAuditLog, writeAuditCheckpoint } from '#app/utils/audit-checkpoints.server.ts'
import { auditedTransaction, writeAuditLog } from '#app/utils/audit-log.server.ts'
import type { Db } from '#app/utils/db-client.server.ts'
import type { DbOrTx } from '#app/utils/db-client.server.ts'

export const AUDIT_PAGE_SIZE = 30

export type AuditFilters = {
	/** 工号 or (part of) a name. */
	person?: string
	action?: string
	/** Calendar days in China time, YYYY-MM-DD, both inclusive. */
	from?: string
	to?: string
}

const CHINA_OFFSET = '+08:00'
const DAY_MS = 24 * 60 * 60 * 1000

export function chinaDayStart(day: string) {
	return new Date(`${day}T00:00:00.000${CHINA_OFFSET}`)
}

async function auditWhere(db: DbOrTx, { person, action, from, to }: AuditFilters) {
	const who = person?.trim()
	let actorClause = {}
	if (who) {
		const people = await db.user.findMany({
			where: { OR: [{ username: who }, { name: { contains: who } }] },
			select: { id: true },
			take: 200,
		})
		actorClause = { OR: [{ actorId: { in: people.map((p) => p.id) } }, { actorName: { contains: who } }] }
	}
	const createdAt = {
		...(from ? { gte: chinaDayStart(from) } : {}),
		...(to ? { lt: new Date(chinaDayStart(to).getTime() + DAY_MS) } : {}),
	}
	return {
		...actorClause,
		...(action ? { action } : {}),
		...(from || to ? { createdAt } : {}),
	}
}

export async function listAuditEntries(db: DbOrTx, filters: AuditFilters, page = 1, pageSize = AUDIT_PAGE_SIZE) {
	const where = await auditWhere(db, filters)
	const total = await db.auditLog.count({ where })
	const pageCount = Math.max(1, Math.ceil(total / pageSize))
	const current = Math.min(Math.max(1, Math.floor(page)), pageCount)
	const entries = await db.auditLog.findMany({ where, orderBy: { id: 'desc' }, skip: (current - 1) * pageSize, take: pageSize, select: ENTRY_SELECT })
	return { total, page: current, pageCount, entries: await withActors(db, entries) }
}

const ENTRY_SELECT = {
	id: true,
	actorId: true,
	actorName: true,
	action: true,
	targetType: true,
	targetId: true,
	summary: true,
	before: true,
	after: true,
	createdAt: true,
} as const

type EntryRow = { id: number; actorId: string | null; actorName: string | null; createdAt: Date } & Record<string, unknown>

/** Adds each actor's 工号 (and a name where the entry has none) from the people table. */
export async function withActors<E extends EntryRow>(db: DbOrTx, entries: E[]) {
	const actorIds = [...new Set(entries.map((e) => e.actorId).filter((id): id is string => Boolean(id)))]
	const actors = await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, username: true, name: true } })
	const actorById = new Map(actors.map((a) => [a.id, a]))
	return entries.map((entry) => {
		const actor = entry.actorId ? actorById.get(entry.actorId) : undefined
		return { ...entry, actorUsername: actor?.username ?? null, actorName: entry.actorName ?? actor?.name ?? null }
	})
}

type CheckpointSettings = { file: string; secret?: string }

/**
 * Walks the whole chain against the signed checkpoints; when one entry is where it breaks,
 * also returns that entry. `latest` is the newest checkpoint, for the page to show.
 */
export async function checkAuditChain(db: DbOrTx, settings: CheckpointSettings) {
	const { verdict, latest, checkpointCount } = await verifyAuditLog(db, settings)
	if (verdict.ok || verdict.brokenAtId === null) return { verdict, latest, checkpointCount, broken: null }
	const rows = await db.auditLog.findMany({ where: { id: verdict.brokenAtId }, select: ENTRY_SELECT })
	const [broken] = await withActors(db, rows)
	return { verdict, latest, checkpointCount, broken: broken ?? null }
}

/**
 * An admin asks for a checkpoint now (before handing the log over, after a sensitive change).
 * The request is itself an audited action; the checkpoint then covers its entry.
 */
export async function recordAuditCheckpoint(db: Db, actorId: string, settings: CheckpointSettings) {
	await auditedTransaction(db, (tx) => writeAuditLog(tx, { actorId, action: 'audit.checkpoint', targetType: 'AuditLog', summary: '手动记录审计检查点' }, undefined, settings.secret))
	return (await writeAuditCheckpoint(db, { ...settings, reason: 'manual' })).checkpoint
}

/** The actions that occur in the log, for the filter. */
export async function auditActionsInUse(db: DbOrTx) {
	const rows = await db.auditLog.findMany({ distinct: ['action'], select: { action: true }, orderBy: { action: 'asc' } })
	return rows.map((r) => r.action)
}
