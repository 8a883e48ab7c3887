import { expect, test } from 'vitest'
import { createPerson } from '#app/exams/rounds/test-fixtures.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { buildRoundRanking, buildSeasonRanking } from './build.ts'
import { MERGED_UNIT_ID } from './ordering.ts'
import { getMinUnitSizes, getRankingSettings, setMinUnitSize, setSeasonRankingSettings, weightField } from './settings.ts'
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

describeEachProvider('season ranking settings form', (getDb) => {
	test('weights 0–10 with two decimals, refused in Chinese at the field; at least one round counts; saved with the drill-down switch and audited', async () => {
		const db = await getDb()
		const { now, round1, round2 } = await rankingScenario(db)
		const admin = await createPerson(db, { roles: ['admin'] })
		const seasonId = round1.seasonId
		expect(await getRankingSettings(db, seasonId)).toEqual({ minUnitSize: 5, roundWeights: {}, memberDrillDown: false })
		const save = (weights: Record<string, string>, extra: Partial<{ minUnitSize: string; memberDrillDown: boolean }> = {}) =>
			setSeasonRankingSettings(db, { seasonId, input: { minUnitSize: '5', memberDrillDown: false, weights, ...extra }, actorId: admin.id, now })

		expect(await save({ [round1.id]: '-1', [round2.id]: '11' })).toEqual({
			ok: false,
			fieldErrors: { [weightField(round1.id)]: ['权重须在 0–10 之间，最多两位小数'], [weightField(round2.id)]: ['权重须在 0–10 之间'] },
		})
		expect(await save({ [round1.id]: '1.234', [round2.id]: '' })).toEqual({
			ok: false,
			fieldErrors: { [weightField(round1.id)]: ['权重须在 0–10 之间，最多两位小数'], [weightField(round2.id)]: ['请填写权重（不计入填 0）'] },
		})
		expect(await save({ [round1.id]: '0', [round2.id]: '0.00' })).toEqual({ ok: false, fieldErrors: { [weightField(round1.id)]: ['至少要有一轮的权重大于 0'] } })
		expect(await save({ 'another-season-round': '1' })).toEqual({ ok: false, fieldErrors: { form: ['表单中有不属于本赛季的轮次，请刷新页面后重试'] } })
		expect(await save({ [round1.id]: '1' }, { minUnitSize: '0' })).toEqual({ ok: false, fieldErrors: { minUnitSize: ['人数须在 1–1000 之间'] } })
		expect(await db.auditLog.count({ where: { action: 'ranking.settings.update', targetId: seasonId } })).toBe(0)

		const saved = await save({ [round1.id]: ' 1 ', [round2.id]: '0.5' }, { minUnitSize: '3', memberDrillDown: true })
		expect(saved).toEqual({ ok: true, settings: { minUnitSize: 3, roundWeights: { [round2.id]: 0.5 }, memberDrillDown: true } })
		expect(await getRankingSettings(db, seasonId)).toEqual({ minUnitSize: 3, roundWeights: { [round2.id]: 0.5 }, memberDrillDown: true })
		const entry = await db.auditLog.findFirstOrThrow({ where: { action: 'ranking.settings.update', targetId: seasonId } })
		expect(JSON.parse(entry.before!)).toEqual({ minUnitSize: 5, roundWeights: {}, memberDrillDown: false })
		expect(JSON.parse(entry.after!)).toEqual({ minUnitSize: 3, roundWeights: { [round2.id]: 0.5 }, memberDrillDown: true })
		expect(entry.summary).toContain('× 0.5')
		expect(entry.summary).toContain('单位成员可以查看本单位明细')

		const season = (await buildSeasonRanking(db, { seasonId, now: new Date(now.getTime() + 5 * HOUR) }))!
		expect(season.maxScore).toBe(6)
		expect(season.rules.season).toContain('× 0.5')
	})
})
