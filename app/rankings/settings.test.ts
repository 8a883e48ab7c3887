import { expect, test } from 'vitest'
import { createPerson } from '#app/exams/rounds/test-fixtures.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { buildRoundRanking } from './build.ts'
import { MERGED_UNIT_ID } from './ordering.ts'
import { getMinUnitSizes, setMinUnitSize } from './settings.ts'
import { HOUR, rankingScenario } from './test-fixtures.ts'

describeEachProvider('ranking settings per season', (getDb) => {
	test('an admin sets the minimum unit size: refused in Chinese when out of range, audited, and the next draft follows it', async () => {
		const db = await getDb()
		const { now, round1, v } = await rankingScenario(db)
		const admin = await createPerson(db, { roles: ['admin'] })
		expect((await getMinUnitSizes(db, [round1.seasonId])).get(round1.seasonId)).toBe(5)

		expect(await setMinUnitSize(db, { seasonId: round1.seasonId, input: '0', actorId: admin.id, now })).toEqual({ ok: false, fieldErrors: { minUnitSize: ['人数须在 1–1000 之间'] } })
		expect(await setMinUnitSize(db, { seasonId: round1.seasonId, input: '两人', actorId: admin.id, now })).toMatchObject({ ok: false, fieldErrors: { minUnitSize: [expect.stringMatching(/人数/)] } })
		expect(await setMinUnitSize(db, { seasonId: 'missing', input: '3', actorId: admin.id, now })).toEqual({ ok: false, fieldErrors: { form: ['找不到这个赛季'] } })

		expect(await setMinUnitSize(db, { seasonId: round1.seasonId, input: ' 1 ', actorId: admin.id, now })).toEqual({ ok: true, minUnitSize: 1 })
		const entry = await db.auditLog.findFirstOrThrow({ where: { action: 'ranking.settings.update', targetId: round1.seasonId } })
		expect(JSON.parse(entry.before!)).toEqual({ minUnitSize: 5 })
		expect(JSON.parse(entry.after!)).toEqual({ minUnitSize: 1 })

		const ranking = (await buildRoundRanking(db, { roundId: round1.id, now: new Date(now.getTime() + 5 * HOUR) }))!
		expect(ranking.units.some((unit) => unit.unitId === v.id)).toBe(true)
		expect(ranking.units.some((unit) => unit.unitId === MERGED_UNIT_ID)).toBe(false)
	})
})
