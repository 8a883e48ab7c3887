import { expect, test } from 'vitest'
import { createPerson } from '#app/exams/rounds/test-fixtures.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { seedPublishedRanking } from './seed.ts'
import { HOUR, rankingScenario } from './test-fixtures.ts'

describeEachProvider('seedPublishedRanking', (getDb) => {
	test('publishes version 1 of the graded round once; a rerun changes nothing', async () => {
		const db = await getDb()
		await createPerson(db, { roles: ['admin'] })
		const { now, round2 } = await rankingScenario(db)
		// Before release nobody is ranked: nothing is published.
		expect(await seedPublishedRanking(db, { roundId: round2.id, now })).toBeNull()
		const at = new Date(now.getTime() + 5 * HOUR)
		const first = await seedPublishedRanking(db, { roundId: round2.id, now: at })
		expect(first).toMatchObject({ ok: true, version: 1 })
		expect(await seedPublishedRanking(db, { roundId: round2.id, now: at })).toBeNull()
		const snapshots = await db.rankingSnapshot.findMany({ where: { scopeId: round2.id } })
		expect(snapshots.map((s) => s.version)).toEqual([1])
		expect(await db.auditLog.count({ where: { action: 'ranking.publish', targetId: snapshots[0]!.id } })).toBe(1)
	})
})
