import { expect, test } from 'vitest'
import { describeEachProvider } from '#tests/db-utils.ts'
import { auditedTransaction, verifyAuditChain, writeAuditLog } from './audit-log.server.ts'

describeEachProvider('audit log chain', (getDb) => {
	test('entries chain by hash and verify', async () => {
		const db = await getDb()
		await db.auditLog.deleteMany()
		for (let i = 0; i < 3; i++) {
			await writeAuditLog(db, { actorId: 'u1', actorName: '管理员', action: 'user.update', targetType: 'User', targetId: `t${i}`, before: { roles: ['learner'] }, after: { roles: ['learner', 'admin'] } })
		}
		const rows = await db.auditLog.findMany({ orderBy: { id: 'asc' } })
		expect(rows[1]!.prevHash).toBe(rows[0]!.hash)
		expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: 3 })
	})

	test('an edited entry is named as the break', async () => {
		const db = await getDb()
		await db.auditLog.deleteMany()
		for (let i = 0; i < 3; i++) await writeAuditLog(db, { actorId: 'u1', action: 'grade.change', targetType: 'Attempt', targetId: `a${i}`, after: { score: i } })
		const rows = await db.auditLog.findMany({ orderBy: { id: 'asc' } })
		await db.auditLog.update({ where: { id: rows[1]!.id }, data: { after: '{"score":100}' } })
		expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAtId: rows[1]!.id })
	})

	test('a deleted entry breaks the chain at the next one', async () => {
		const db = await getDb()
		await db.auditLog.deleteMany()
		for (let i = 0; i < 3; i++) await writeAuditLog(db, { actorId: 'u1', action: 'round.publish', targetType: 'Round', targetId: `r${i}` })
		const rows = await db.auditLog.findMany({ orderBy: { id: 'asc' } })
		await db.auditLog.delete({ where: { id: rows[1]!.id } })
		expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAtId: rows[2]!.id })
	})

	test('concurrent audited transactions keep one unbroken chain', async () => {
		const db = await getDb()
		await db.auditLog.deleteMany()
		await Promise.all(
			Array.from({ length: 8 }, (_, i) =>
				auditedTransaction(db, (tx) => writeAuditLog(tx, { actorId: 'u1', action: 'user.create', targetType: 'User', targetId: `c${i}` })),
			),
		)
		expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: 8 })
	})
})
