// The append-only audit log. Each entry's hash covers its content and the previous entry's
// hash, so editing or deleting a row breaks the chain at that point (`npm run audit:verify`).
import { sha256 } from '@oslojs/crypto/sha2'
import { encodeHexLowerCase } from '@oslojs/encoding'
import type { Db, DbOrTx, DbTx } from './db-client.ts'

export const GENESIS_HASH = 'GENESIS'

export type AuditEntry = {
	actorId: string | null
	actorName?: string | null
	action: string
	targetType: string
	targetId?: string | null
	summary?: string | null
	before?: unknown
	after?: unknown
}

type StoredFields = {
	actorId: string | null
	actorName: string | null
	action: string
	targetType: string
	targetId: string | null
	summary: string | null
	before: string | null
	after: string | null
	createdAt: Date
	prevHash: string
}

function canonicalJson(value: unknown): string {
	if (value === undefined) return 'null'
	if (value === null || typeof value !== 'object') return JSON.stringify(value)
	if (value instanceof Date) return JSON.stringify(value.toISOString())
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
	const entries = Object.entries(value as Record<string, unknown>)
		.filter(([, v]) => v !== undefined)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
	return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}

export function hashAuditEntry(fields: StoredFields) {
	const content = canonicalJson({ ...fields, createdAt: fields.createdAt.toISOString() })
	return encodeHexLowerCase(sha256(new TextEncoder().encode(content)))
}

/** Appends one entry. Call it inside the transaction that makes the change it records. */
export async function writeAuditLog(db: DbOrTx, entry: AuditEntry, now = new Date()) {
	const last = await db.auditLog.findFirst({ orderBy: { id: 'desc' }, select: { hash: true } })
	const fields: StoredFields = {
		actorId: entry.actorId,
		actorName: entry.actorName ?? null,
		action: entry.action,
		targetType: entry.targetType,
		targetId: entry.targetId ?? null,
		summary: entry.summary ?? null,
		before: entry.before === undefined ? null : canonicalJson(entry.before),
		after: entry.after === undefined ? null : canonicalJson(entry.after),
		createdAt: new Date(Math.floor(now.getTime())),
		prevHash: last?.hash ?? GENESIS_HASH,
	}
	return db.auditLog.create({ data: { ...fields, hash: hashAuditEntry(fields) } })
}

function isChainRace(error: unknown) {
	const e = error as { code?: string; meta?: { target?: unknown; modelName?: string } } | null
	return e?.code === 'P2002' && JSON.stringify(e.meta ?? {}).includes('prevHash')
}

/**
 * Runs `work` in a transaction and retries it when another writer appended to the audit
 * chain first (the unique prevHash refuses the second of two entries with one parent).
 */
export async function auditedTransaction<T>(
	db: Db,
	work: (tx: DbTx) => Promise<T>,
	attempts = 5,
	transactionOptions?: { timeout?: number; maxWait?: number },
): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await db.$transaction(work, transactionOptions)
		} catch (error) {
			if (!isChainRace(error) || attempt >= attempts) throw error
			await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt))
		}
	}
}

export type ChainVerdict = { ok: true; checked: number } | { ok: false; checked: number; brokenAtId: number; reason: string }

/** Walks the chain in order and names the first entry that does not fit. */
export async function verifyAuditChain(db: DbOrTx, batchSize = 1000): Promise<ChainVerdict> {
	let expectedPrev = GENESIS_HASH
	let checked = 0
	let cursor = 0
	for (;;) {
		const rows = await db.auditLog.findMany({ where: { id: { gt: cursor } }, orderBy: { id: 'asc' }, take: batchSize })
		if (rows.length === 0) return { ok: true, checked }
		for (const row of rows) {
			if (row.prevHash !== expectedPrev) {
				return { ok: false, checked, brokenAtId: row.id, reason: '与前一条记录的链接不符（之前的记录被删除或修改）' }
			}
			const { id: _id, hash, ...fields } = row
			if (hashAuditEntry(fields) !== hash) {
				return { ok: false, checked, brokenAtId: row.id, reason: '记录内容与其哈希不符（此记录被修改）' }
			}
			expectedPrev = hash
			checked++
			cursor = row.id
		}
	}
}
