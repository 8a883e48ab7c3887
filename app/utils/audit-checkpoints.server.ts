// Signed checkpoints of the audit chain, kept outside the database (ADR 006). The keyed hash
// stops anyone without AUDIT_LOG_SECRET from rewriting entries, but not from deleting the
// newest ones: the rest of the chain still fits. So the head of the chain (how many entries,
// the last one's hash) is written, signed with the same secret, to an append-only file after
// every audited change, at start-up, daily and on demand, and each checkpoint line is also
// printed to the server log. Verification then requires the chain to be at least as long as
// every checkpoint and to have, at each checkpoint's length, the head that checkpoint saw.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { appendFile, mkdir, readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { z } from 'zod'
import { GENESIS_HASH, setAuditAnchor, verifyAuditChain, type AnchorPoint, type ChainVerdict } from './audit-log.server.ts'
import type { Db, DbOrTx } from './db-client.server.ts'
import { serverEnv } from './env.server.ts'

export type CheckpointReason = 'change' | 'startup' | 'daily' | 'manual'

export type AuditCheckpoint = AnchorPoint & { headId: number | null; reason: CheckpointReason }

const CheckpointLineSchema = z.object({
	v: z.literal(1),
	at: z.string(),
	count: z.number().int().min(0),
	headId: z.number().int().nullable(),
	headHash: z.string(),
	reason: z.enum(['change', 'startup', 'daily', 'manual']),
	sig: z.string(),
})

/** The checkpoint file is always named by the caller, so a test never reads the real one. */
type CheckpointFile = { file: string; secret?: string }

const DAY_MS = 24 * 60 * 60 * 1000

/** What the signature covers, with a label of its own so no entry hash can ever pass for one. */
function signCheckpoint({ at, count, headId, headHash, reason }: AuditCheckpoint, secret: string) {
	return createHmac('sha256', secret)
		.update(`hongshen-audit-checkpoint/v1\n${JSON.stringify([at, count, headId, headHash, reason])}`)
		.digest('hex')
}

/** The chain's length and head, read consistently: the entries up to the newest one seen. */
export async function readAuditHead(db: DbOrTx) {
	const head = await db.auditLog.findFirst({ orderBy: { id: 'desc' }, select: { id: true, hash: true } })
	if (!head) return { count: 0, headId: null, headHash: GENESIS_HASH }
	const count = await db.auditLog.count({ where: { id: { lte: head.id } } })
	return { count, headId: head.id, headHash: head.hash }
}

/** Appends a signed checkpoint of the chain's current head to the checkpoint file. */
export async function writeAuditCheckpoint(
	db: DbOrTx,
	{ file, secret = serverEnv.auditLogSecret, reason, now = new Date() }: CheckpointFile & { reason: CheckpointReason; now?: Date },
) {
	const checkpoint: AuditCheckpoint = { at: now.toISOString(), ...(await readAuditHead(db)), reason }
	const line = JSON.stringify({ v: 1, ...checkpoint, sig: signCheckpoint(checkpoint, secret) })
	await mkdir(dirname(file), { recursive: true })
	// One short write with O_APPEND: lines from several server processes do not interleave.
	await appendFile(file, `${line}\n`, { encoding: 'utf8', flag: 'a' })
	return { checkpoint, line }
}

/** Every checkpoint in the file, and the lines that are not a checkpoint signed with this secret. */
export async function readAuditCheckpoints({ file, secret = serverEnv.auditLogSecret }: CheckpointFile) {
	let text = ''
	try {
		text = await readFile(file, 'utf8')
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
	}
	const checkpoints: AuditCheckpoint[] = []
	const problems: string[] = []
	text.split('\n').forEach((raw, index) => {
		if (!raw.trim()) return
		let parsed: z.infer<typeof CheckpointLineSchema>
		try {
			parsed = CheckpointLineSchema.parse(JSON.parse(raw))
		} catch {
			problems.push(`第 ${index + 1} 行不是有效的检查点`)
			return
		}
		const { v: _v, sig, ...checkpoint } = parsed
		const expected = Buffer.from(signCheckpoint(checkpoint, secret))
		const given = Buffer.from(sig)
		if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
			problems.push(`第 ${index + 1} 行的签名无效（${checkpoint.at}，${checkpoint.count} 条）`)
			return
		}
		checkpoints.push(checkpoint)
	})
	return { checkpoints, problems }
}

export type AuditLogVerdict = {
	verdict: ChainVerdict
	/** The newest checkpoint written, if any. */
	latest: AuditCheckpoint | null
	checkpointCount: number
	file: string
}

/**
 * The whole check: the checkpoint file's signatures, then the chain (keyed hashes, links)
 * against every checkpoint. A forged or altered checkpoint line fails the check on its own.
 */
export async function verifyAuditLog(db: DbOrTx, { file, secret = serverEnv.auditLogSecret }: CheckpointFile): Promise<AuditLogVerdict> {
	const { checkpoints, problems } = await readAuditCheckpoints({ file, secret })
	const latest = checkpoints.reduce<AuditCheckpoint | null>((newest, point) => (!newest || point.at >= newest.at ? point : newest), null)
	if (problems.length) {
		const reason = `检查点文件 ${file} 被改动：${problems.slice(0, 3).join('；')}${problems.length > 3 ? ` 等 ${problems.length} 处` : ''}（签名不是用本系统的审计密钥算出的）`
		return { verdict: { ok: false, checked: 0, brokenAtId: null, reason }, latest, checkpointCount: checkpoints.length, file }
	}
	const verdict = await verifyAuditChain(db, { secret, anchors: checkpoints })
	// Anyone can compute an unkeyed hash, so entries from before the chain was keyed are
	// trusted only as far as a signed checkpoint saw them; otherwise a rewrite of the whole
	// chain in the old scheme would pass. The server's start-up checkpoint covers them.
	if (verdict.ok && verdict.legacy > 0 && !checkpoints.some((point) => point.count >= verdict.legacy)) {
		const reason = `前 ${verdict.legacy} 条记录是启用审计密钥之前写入的（不带密钥的哈希），但没有覆盖它们的检查点，无法确认它们未被改写；启动一次服务器或运行 npm run audit:verify -- --checkpoint 记录检查点`
		return { verdict: { ok: false, checked: verdict.checked, brokenAtId: null, reason }, latest, checkpointCount: checkpoints.length, file }
	}
	return { verdict, latest, checkpointCount: checkpoints.length, file }
}

/**
 * For the app's server: a checkpoint after each audited transaction on `db` commits, one at
 * start-up and one a day; the start-up and daily ones verify the chain first and say so in
 * the server log, with the checkpoint line itself (so the log holds the anchors too).
 */
export function startAuditAnchoring(db: Db, { file, secret = serverEnv.auditLogSecret, everyMs = DAY_MS }: CheckpointFile & { everyMs?: number }) {
	setAuditAnchor(db, async (committed) => {
		await writeAuditCheckpoint(committed, { file, secret, reason: 'change' })
	})
	const periodic = async (reason: CheckpointReason) => {
		try {
			const { verdict } = await verifyAuditLog(db, { file, secret })
			if (!verdict.ok) console.error(`审计日志校验失败：${verdict.reason}${verdict.brokenAtId ? `（第 ${verdict.brokenAtId} 号记录）` : ''}`)
			const { line } = await writeAuditCheckpoint(db, { file, secret, reason })
			console.log(`审计检查点：${line}`)
		} catch (error) {
			console.error('审计检查点写入失败：', error)
		}
	}
	const first = setTimeout(() => void periodic('startup'), 0)
	const daily = setInterval(() => void periodic('daily'), everyMs)
	first.unref()
	daily.unref()
	return {
		stop() {
			clearTimeout(first)
			clearInterval(daily)
			setAuditAnchor(db, null)
		},
	}
}
