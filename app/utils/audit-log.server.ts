// The append-only audit log. Each entry's hash covers its content and the previous entry's
// hash, so editing or deleting a row breaks the chain at that point (`npm run audit:verify`).
// The hash is an HMAC keyed with AUDIT_LOG_SECRET, which no database holds: someone who can
// write the table cannot recompute the chain after changing it. Signed checkpoints of the
// head (audit-checkpoints.server.ts) make truncating it detectable too (ADR 006).
import { createHmac, timingSafeEqual } from 'node:crypto'
import { sha256 } from '@oslojs/crypto/sha2'
import { encodeHexLowerCase } from '@oslojs/encoding'
import { type Db, type DbOrTx, type DbTx, providerOfDb } from './db-client.server.ts'
import { serverEnv } from './env.server.ts'

export const GENESIS_HASH = 'GENESIS'

/**
 * Hash schemes, told apart by the stored hash itself: entries written before the chain was
 * keyed carry a bare SHA-256 hex digest (scheme 1) and still verify as such; every entry
 * written now carries `v2:` and an HMAC-SHA-256 (scheme 2). Once a keyed entry appears, no
 * unkeyed one may follow it, so a rewrite cannot fall back to the old, keyless scheme.
 */
export const KEYED_HASH_PREFIX = 'v2:'

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

function entryContent(fields: StoredFields) {
	return canonicalJson({ ...fields, createdAt: fields.createdAt.toISOString() })
}

/** Scheme 1, for entries written before the chain was keyed: anyone can compute it. */
export function legacyHashAuditEntry(fields: StoredFields) {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(entryContent(fields))))
}

/** Scheme 2: HMAC-SHA-256 with the audit secret, so only the app can compute it. */
export function hashAuditEntry(fields: StoredFields, secret = serverEnv.auditLogSecret) {
	return KEYED_HASH_PREFIX + createHmac('sha256', secret).update(entryContent(fields)).digest('hex')
}

function sameText(a: string, b: string) {
	const left = Buffer.from(a)
	const right = Buffer.from(b)
	return left.length === right.length && timingSafeEqual(left, right)
}

/**
 * PostgreSQL runs transactions side by side, so two could read the same head and one then
 * loses the unique-prevHash race. Retrying alone does not settle it: with eight writers at
 * once a transaction can lose seven times in a row, more than its retries (seen in CI under
 * load). On PostgreSQL an append therefore takes a transaction-scoped advisory lock before it
 * reads the head; appends take turns, and the lock is released when the transaction ends.
 * SQLite already runs one write transaction at a time.
 */
const AUDIT_CHAIN_LOCK_KEY = 0x48534155 // "HSAU": any constant no other lock uses
const postgresTransactions = new WeakSet<object>()

/** Appends one entry. Call it inside the transaction that makes the change it records. */
export async function writeAuditLog(db: DbOrTx, entry: AuditEntry, now = new Date(), secret = serverEnv.auditLogSecret) {
	if (postgresTransactions.has(db)) await db.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`)
	const last = await db.auditLog.findFirst({ orderBy: { id: 'desc' }, select: { hash: true } })
	// The actor's name is recorded with the entry (and covered by its hash), so the log names
	// who acted even after the person is renamed or removed; callers need not look it up.
	const actorName = entry.actorName ?? (entry.actorId ? ((await db.user.findUnique({ where: { id: entry.actorId }, select: { name: true } }))?.name ?? null) : null)
	const fields: StoredFields = {
		actorId: entry.actorId,
		actorName,
		action: entry.action,
		targetType: entry.targetType,
		targetId: entry.targetId ?? null,
		summary: entry.summary ?? null,
		before: entry.before === undefined ? null : canonicalJson(entry.before),
		after: entry.after === undefined ? null : canonicalJson(entry.after),
		createdAt: new Date(Math.floor(now.getTime())),
		prevHash: last?.hash ?? GENESIS_HASH,
	}
	return db.auditLog.create({ data: { ...fields, hash: hashAuditEntry(fields, secret) } })
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
	const postgres = providerOfDb(db) === 'postgresql'
	for (let attempt = 1; ; attempt++) {
		try {
			const result = await db.$transaction((tx) => {
				if (postgres) postgresTransactions.add(tx)
				return work(tx)
			}, transactionOptions)
			await anchorAfterCommit(db)
			return result
		} catch (error) {
			if (!isChainRace(error) || attempt >= attempts) throw error
			await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt))
		}
	}
}

/**
 * Something to run after each audited transaction commits: the app's server records a signed
 * checkpoint of the new head there (audit-checkpoints.server.ts). Registered per client, so
 * tests and scripts with their own client anchor nothing unless they ask to.
 */
const anchors = new WeakMap<Db, (db: Db) => Promise<void>>()

export function setAuditAnchor(db: Db, anchor: ((db: Db) => Promise<void>) | null) {
	if (anchor) anchors.set(db, anchor)
	else anchors.delete(db)
}

async function anchorAfterCommit(db: Db) {
	const anchor = anchors.get(db)
	if (!anchor) return
	try {
		await anchor(db)
	} catch (error) {
		// The change and its entry are committed; a missed checkpoint is caught up by the next one.
		console.error('审计检查点写入失败：', error)
	}
}

/** A signed record, kept outside the database, of how long the chain was and what its head was. */
export type AnchorPoint = { at: string; count: number; headHash: string }

export type ChainVerdict =
	/** `legacy`: how many entries at the start carry the old, unkeyed hash (ADR 006). */
	| { ok: true; checked: number; headHash: string; legacy: number }
	/** `brokenAtId` is null when the break is not one entry: rows missing at the end, a forged checkpoint. */
	| { ok: false; checked: number; brokenAtId: number | null; reason: string }

/**
 * Walks the chain in order and names the first entry that does not fit: a broken link, a
 * hash that is not the entry's (under its scheme, with this secret), an unkeyed entry after a
 * keyed one, or a head that differs from a checkpoint taken when the chain had that length.
 * Afterwards, a checkpoint that counted more entries than there are means the newest were
 * deleted. Checkpoints must already be checked for their signatures, and unkeyed entries must
 * be covered by one (both in audit-checkpoints.server.ts: anyone can compute an unkeyed hash).
 */
export async function verifyAuditChain(
	db: DbOrTx,
	{ secret = serverEnv.auditLogSecret, anchors: points = [], batchSize = 1000 }: { secret?: string; anchors?: AnchorPoint[]; batchSize?: number } = {},
): Promise<ChainVerdict> {
	const anchorsByCount = new Map<number, AnchorPoint[]>()
	for (const point of points) anchorsByCount.set(point.count, [...(anchorsByCount.get(point.count) ?? []), point])
	let expectedPrev = GENESIS_HASH
	let checked = 0
	let cursor = 0
	let keyedSeen = false
	let legacy = 0
	for (;;) {
		const rows = await db.auditLog.findMany({ where: { id: { gt: cursor } }, orderBy: { id: 'asc' }, take: batchSize })
		if (rows.length === 0) break
		for (const row of rows) {
			if (row.prevHash !== expectedPrev) {
				return { ok: false, checked, brokenAtId: row.id, reason: '与前一条记录的链接不符（之前的记录被删除或修改）' }
			}
			const { id: _id, hash, ...fields } = row
			const keyed = hash.startsWith(KEYED_HASH_PREFIX)
			if (!keyed && keyedSeen) {
				return { ok: false, checked, brokenAtId: row.id, reason: '带密钥的记录之后出现了不带密钥的哈希（此处起的记录被改写）' }
			}
			keyedSeen ||= keyed
			if (!keyed) legacy++
			if (!sameText(keyed ? hashAuditEntry(fields, secret) : legacyHashAuditEntry(fields), hash)) {
				return { ok: false, checked, brokenAtId: row.id, reason: '记录内容与其哈希不符（此记录被修改，或哈希不是用本系统的审计密钥算出的）' }
			}
			expectedPrev = hash
			checked++
			cursor = row.id
			const differing = anchorsByCount.get(checked)?.find((point) => point.headHash !== hash)
			if (differing) {
				return { ok: false, checked: checked - 1, brokenAtId: row.id, reason: `与 ${differing.at} 的检查点不符：当时第 ${checked} 条记录的哈希不是这个（此前的记录被改写）` }
			}
		}
	}
	const longest = points.reduce<AnchorPoint | null>((max, point) => (!max || point.count > max.count ? point : max), null)
	if (longest && longest.count > checked) {
		return {
			ok: false,
			checked,
			brokenAtId: null,
			reason: `${longest.at} 的检查点记录了 ${longest.count} 条记录，现在只有 ${checked} 条（最新的 ${longest.count - checked} 条记录被删除）`,
		}
	}
	return { ok: true, checked, headHash: expectedPrev, legacy }
}
