import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test } from 'vitest'
import { writeAuditLog } from '#app/utils/audit-log.server.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { auditActionsInUse, checkAuditChain, chinaDayStart, listAuditEntries, recordAuditCheckpoint } from './audit-entries.ts'
import { makeAdmin, tag } from './test-fixtures.ts'

describeEachProvider('audit entries', (getDb) => {
	test('filters by person (工号 or name), action and China-time days, newest first, in pages', async () => {
		const db = await getDb()
		const alice = await makeAdmin(db)
		const bob = await makeAdmin(db)
		const action = `test.${tag()}`
		const other = `test.${tag()}`
		// 2026-03-01 23:30 in China is still 1 March there but 15:30Z the same day.
		const lateEvening = new Date('2026-03-01T15:30:00Z')
		const nextMorning = new Date('2026-03-01T16:30:00Z')
		await writeAuditLog(db, { actorId: alice.id, actorName: alice.name, action, targetType: 'T', summary: 'a1', before: { x: 1 }, after: { x: 2 } }, lateEvening)
		await writeAuditLog(db, { actorId: alice.id, actorName: alice.name, action: other, targetType: 'T', summary: 'a2' }, nextMorning)
		await writeAuditLog(db, { actorId: bob.id, actorName: bob.name, action, targetType: 'T', summary: 'b1' }, nextMorning)

		const byAlice = await listAuditEntries(db, { person: alice.username })
		expect(byAlice.entries.map((e) => e.summary)).toEqual(['a2', 'a1'])
		expect(byAlice.entries[1]).toMatchObject({ actorUsername: alice.username, actorName: alice.name, before: '{"x":1}', after: '{"x":2}' })
		expect((await listAuditEntries(db, { person: bob.name.slice(0, 6) })).entries.map((e) => e.summary)).toContain('b1')
		expect((await listAuditEntries(db, { action })).entries.map((e) => e.summary)).toEqual(['b1', 'a1'])
		expect((await listAuditEntries(db, { action, from: '2026-03-01', to: '2026-03-01' })).entries.map((e) => e.summary)).toEqual(['a1'])
		expect((await listAuditEntries(db, { action, from: '2026-03-02' })).entries.map((e) => e.summary)).toEqual(['b1'])
		expect((await listAuditEntries(db, { person: alice.username, to: '2026-02-28' })).total).toBe(0)

		const page2 = await listAuditEntries(db, { action }, 2, 1)
		expect([page2.total, page2.pageCount, page2.entries[0]?.summary]).toEqual([2, 2, 'a1'])
		expect(await auditActionsInUse(db)).toEqual(expect.arrayContaining([action, other]))
		expect(chinaDayStart('2026-03-02').toISOString()).toBe('2026-03-01T16:00:00.000Z')
	})

	test('the chain check names the first edited entry and returns it', async () => {
		const db = await getDb()
		const admin = await makeAdmin(db)
		const first = await writeAuditLog(db, { actorId: admin.id, actorName: admin.name, action: 'test.chain', targetType: 'T', summary: '原文' })
		await writeAuditLog(db, { actorId: admin.id, actorName: admin.name, action: 'test.chain', targetType: 'T', summary: '之后' })
		expect((await checkAuditChain(db, { file: checkpointFile() })).verdict.ok).toBe(true)
		await db.auditLog.update({ where: { id: first.id }, data: { summary: '被改过' } })
		const result = await checkAuditChain(db, { file: checkpointFile() })
		expect(result.verdict).toMatchObject({ ok: false, brokenAtId: first.id, reason: expect.stringContaining('记录内容与其哈希不符') })
		expect(result.broken).toMatchObject({ id: first.id, summary: '被改过', actorUsername: admin.username })
		// Put it back so the chain in this test database is whole again.
		await db.auditLog.update({ where: { id: first.id }, data: { summary: '原文' } })
		expect((await checkAuditChain(db, { file: checkpointFile() })).verdict.ok).toBe(true)
	})

	test('an admin records a checkpoint on demand; the request is an audited entry the checkpoint covers', async () => {
		const db = await getDb()
		const admin = await makeAdmin(db)
		const file = checkpointFile()
		const checkpoint = await recordAuditCheckpoint(db, admin.id, { file })
		const newest = await db.auditLog.findFirstOrThrow({ orderBy: { id: 'desc' } })
		expect(newest).toMatchObject({ action: 'audit.checkpoint', actorId: admin.id })
		expect(checkpoint).toMatchObject({ reason: 'manual', count: await db.auditLog.count(), headHash: newest.hash })
		const check = await checkAuditChain(db, { file })
		expect(check).toMatchObject({ verdict: { ok: true }, checkpointCount: 1, latest: checkpoint })
		// Deleting that newest entry is then caught, though no entry is left that fails to fit.
		await db.auditLog.delete({ where: { id: newest.id } })
		expect((await checkAuditChain(db, { file })).verdict).toMatchObject({ ok: false, brokenAtId: null, reason: expect.stringContaining('被删除') })
	})
})

function checkpointFile() {
	return path.join(mkdtempSync(path.join(tmpdir(), 'hs-audit-')), 'checkpoints.log')
}
