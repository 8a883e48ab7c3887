import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test } from 'vitest'
import type { Db } from '#app/utils/db-client.server.ts'
import { createTestUser } from '#app/exams/grading/test-fixtures.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { startAuditAnchoring, verifyAuditLog, writeAuditCheckpoint } from './audit-checkpoints.server.ts'
import { auditedTransaction, GENESIS_HASH, hashAuditEntry, legacyHashAuditEntry, verifyAuditChain, writeAuditLog } from './audit-log.server.ts'

const SECRET = 'test-audit-secret-0123456789abcdef0123456789'

function checkpointFile() {
	return path.join(mkdtempSync(path.join(tmpdir(), 'hs-audit-')), 'checkpoints.log')
}

async function freshChain(db: Db, length: number) {
	await db.auditLog.deleteMany()
	for (let i = 0; i < length; i++) {
		await writeAuditLog(db, { actorId: 'u1', actorName: '管理员', action: 'grade.change', targetType: 'Attempt', targetId: `a${i}`, after: { score: i } }, undefined, SECRET)
	}
	return db.auditLog.findMany({ orderBy: { id: 'asc' } })
}

/**
 * What someone with database access but without the secret can do: change entry `from` and
 * recompute every hash and link from there with the app's own code and a key they guessed,
 * or with the old unkeyed hash.
 */
async function rewriteFrom(db: Db, from: number, hash: (fields: Parameters<typeof legacyHashAuditEntry>[0]) => string) {
	const rows = await db.auditLog.findMany({ orderBy: { id: 'asc' } })
	let prevHash = rows[from - 1]?.hash ?? GENESIS_HASH
	for (const row of rows.slice(from)) {
		const { id, hash: _old, ...fields } = row
		const changed = { ...fields, prevHash, after: row.id === rows[from]!.id ? '{"score":100}' : fields.after }
		const newHash = hash(changed)
		await db.auditLog.update({ where: { id }, data: { after: changed.after, prevHash, hash: newHash } })
		prevHash = newHash
	}
	return rows
}

describeEachProvider('audit log chain', (getDb) => {
	test('an entry given only the actor id records the actor by name, so the log never says 系统 for a person', async () => {
		const db = await getDb()
		const actor = await createTestUser(db, { name: '审计日志测试人', roles: ['admin'] })
		const entry = await auditedTransaction(db, (tx) => writeAuditLog(tx, { actorId: actor.id, action: 'round.publish', targetType: 'Round' }, undefined, SECRET))
		expect(entry.actorName).toBe('审计日志测试人')
		const system = await auditedTransaction(db, (tx) => writeAuditLog(tx, { actorId: null, action: 'content.sync', targetType: 'course' }, undefined, SECRET))
		expect(system.actorName).toBeNull()
	})

	test('entries chain by keyed hash and an untouched chain verifies, against its checkpoints too', async () => {
		const db = await getDb()
		const rows = await freshChain(db, 3)
		expect(rows[1]!.prevHash).toBe(rows[0]!.hash)
		expect(rows.every((row) => row.hash.startsWith('v2:'))).toBe(true)
		expect(await verifyAuditChain(db, { secret: SECRET })).toEqual({ ok: true, checked: 3, headHash: rows[2]!.hash, legacy: 0 })
		const file = checkpointFile()
		await writeAuditCheckpoint(db, { file, secret: SECRET, reason: 'manual' })
		await writeAuditLog(db, { actorId: 'u1', action: 'user.update', targetType: 'User', targetId: 'later' }, undefined, SECRET)
		await writeAuditCheckpoint(db, { file, secret: SECRET, reason: 'daily' })
		const result = await verifyAuditLog(db, { file, secret: SECRET })
		expect(result).toMatchObject({ verdict: { ok: true, checked: 4 }, checkpointCount: 2, latest: { count: 4, reason: 'daily' } })
	})

	test('an edited entry is named as the break', async () => {
		const db = await getDb()
		const rows = await freshChain(db, 3)
		await db.auditLog.update({ where: { id: rows[1]!.id }, data: { after: '{"score":100}' } })
		expect(await verifyAuditChain(db, { secret: SECRET })).toMatchObject({ ok: false, brokenAtId: rows[1]!.id })
	})

	test('a deleted entry breaks the chain at the next one', async () => {
		const db = await getDb()
		const rows = await freshChain(db, 3)
		await db.auditLog.delete({ where: { id: rows[1]!.id } })
		expect(await verifyAuditChain(db, { secret: SECRET })).toMatchObject({ ok: false, brokenAtId: rows[2]!.id })
	})

	test('deleting the newest entry is detected by the checkpoint taken after it', async () => {
		const db = await getDb()
		const rows = await freshChain(db, 6)
		const file = checkpointFile()
		await writeAuditCheckpoint(db, { file, secret: SECRET, reason: 'change' })
		await db.auditLog.delete({ where: { id: rows[5]!.id } })
		// The chain alone still fits: this is what used to pass.
		expect(await verifyAuditChain(db, { secret: SECRET })).toMatchObject({ ok: true, checked: 5 })
		const { verdict } = await verifyAuditLog(db, { file, secret: SECRET })
		expect(verdict).toMatchObject({ ok: false, checked: 5, brokenAtId: null })
		expect(verdict.ok || verdict.reason).toContain('最新的 1 条记录被删除')
		// Appending a new entry in its place does not hide it: the checkpoint saw another head there.
		await writeAuditLog(db, { actorId: 'u1', action: 'grade.change', targetType: 'Attempt', targetId: 'replacement' }, undefined, SECRET)
		const replaced = await db.auditLog.findFirstOrThrow({ orderBy: { id: 'desc' } })
		expect((await verifyAuditLog(db, { file, secret: SECRET })).verdict).toMatchObject({ ok: false, brokenAtId: replaced.id, reason: expect.stringContaining('检查点不符') })
	})

	test('rewriting the chain from row 5 with the app hash but without the secret is detected at row 5', async () => {
		const db = await getDb()
		const rows = await freshChain(db, 8)
		await rewriteFrom(db, 4, (fields) => hashAuditEntry(fields, 'a-guessed-secret'))
		expect(await verifyAuditChain(db, { secret: SECRET })).toMatchObject({ ok: false, checked: 4, brokenAtId: rows[4]!.id, reason: expect.stringContaining('审计密钥') })
	})

	test('rewriting from row 5 with the old unkeyed hash is detected at row 5', async () => {
		const db = await getDb()
		const rows = await freshChain(db, 8)
		await rewriteFrom(db, 4, legacyHashAuditEntry)
		expect(await verifyAuditChain(db, { secret: SECRET })).toMatchObject({ ok: false, checked: 4, brokenAtId: rows[4]!.id, reason: expect.stringContaining('不带密钥') })
	})

	test('entries written with the old unkeyed hash keep verifying, and the keyed chain continues from them', async () => {
		const db = await getDb()
		await db.auditLog.deleteMany()
		// Rows as the app wrote them before the chain was keyed.
		let prevHash = GENESIS_HASH
		for (let i = 0; i < 3; i++) {
			const fields = { actorId: 'u1', actorName: null, action: 'round.publish', targetType: 'Round', targetId: `r${i}`, summary: null, before: null, after: null, createdAt: new Date(Date.UTC(2026, 10, 1, i)), prevHash }
			const hash = legacyHashAuditEntry(fields)
			await db.auditLog.create({ data: { ...fields, hash } })
			prevHash = hash
		}
		await writeAuditLog(db, { actorId: 'u1', action: 'round.publish', targetType: 'Round', targetId: 'keyed' }, undefined, SECRET)
		const rows = await db.auditLog.findMany({ orderBy: { id: 'asc' } })
		expect(rows[3]).toMatchObject({ prevHash: rows[2]!.hash, hash: expect.stringMatching(/^v2:/) })
		expect(await verifyAuditChain(db, { secret: SECRET })).toMatchObject({ ok: true, checked: 4, legacy: 3 })
		// Anyone can compute the old hash, so old entries count only as far as a checkpoint saw them.
		const file = checkpointFile()
		expect((await verifyAuditLog(db, { file, secret: SECRET })).verdict).toMatchObject({ ok: false, reason: expect.stringContaining('没有覆盖它们的检查点') })
		await writeAuditCheckpoint(db, { file, secret: SECRET, reason: 'startup' })
		expect((await verifyAuditLog(db, { file, secret: SECRET })).verdict).toMatchObject({ ok: true, checked: 4 })
		// Rewriting an old entry and everything after it the old way (no keyed entry left to
		// hold the link) fits by itself, but not the checkpoint.
		await rewriteFrom(db, 2, legacyHashAuditEntry)
		expect(await verifyAuditChain(db, { secret: SECRET })).toMatchObject({ ok: true, legacy: 4 })
		expect((await verifyAuditLog(db, { file, secret: SECRET })).verdict).toMatchObject({ ok: false, brokenAtId: rows[3]!.id, reason: expect.stringContaining('检查点不符') })
	})

	test('a forged or altered checkpoint is refused', async () => {
		const db = await getDb()
		const rows = await freshChain(db, 4)
		const file = checkpointFile()
		await writeAuditCheckpoint(db, { file, secret: SECRET, reason: 'daily' })
		expect((await verifyAuditLog(db, { file, secret: SECRET })).verdict.ok).toBe(true)
		// Truncate, then make the checkpoint say 3 entries with the new head, keeping the signature.
		await db.auditLog.delete({ where: { id: rows[3]!.id } })
		const original = readFileSync(file, 'utf8')
		const altered = JSON.parse(original) as Record<string, unknown>
		writeFileSync(file, `${JSON.stringify({ ...altered, count: 3, headId: rows[2]!.id, headHash: rows[2]!.hash })}\n`)
		const { verdict } = await verifyAuditLog(db, { file, secret: SECRET })
		expect(verdict).toMatchObject({ ok: false, brokenAtId: null, reason: expect.stringContaining('签名无效') })
		// Nor can a new checkpoint be signed without the secret.
		writeFileSync(file, original)
		await writeAuditCheckpoint(db, { file: `${file}.forged`, secret: 'a-guessed-secret', reason: 'manual' })
		appendFileSync(file, readFileSync(`${file}.forged`, 'utf8'))
		expect((await verifyAuditLog(db, { file, secret: SECRET })).verdict).toMatchObject({ ok: false, reason: expect.stringContaining('第 2 行的签名无效') })
	})

	test('concurrent audited transactions keep one unbroken chain, each anchored by a checkpoint', async () => {
		const db = await getDb()
		await db.auditLog.deleteMany()
		const file = checkpointFile()
		const anchoring = startAuditAnchoring(db, { file, secret: SECRET, everyMs: 60 * 60_000 })
		try {
			await Promise.all(
				Array.from({ length: 8 }, (_, i) =>
					auditedTransaction(db, (tx) => writeAuditLog(tx, { actorId: 'u1', action: 'user.create', targetType: 'User', targetId: `c${i}` }, undefined, SECRET)),
				),
			)
		} finally {
			anchoring.stop()
		}
		const { verdict, checkpointCount, latest } = await verifyAuditLog(db, { file, secret: SECRET })
		expect(verdict).toMatchObject({ ok: true, checked: 8 })
		// One per transaction, plus the start-up one if its timer ran before they finished.
		expect(checkpointCount).toBeGreaterThanOrEqual(8)
		expect(latest?.count).toBe(8)
	})
})
