import { expect, test } from 'vitest'
import { describeEachProvider } from '#tests/db-utils.ts'
import { buildRoundRanking, buildSeasonRanking } from './build.ts'
import { MERGED_UNIT_ID } from './ordering.ts'
import { HOUR, rankingScenario as scenario } from './test-fixtures.ts'

describeEachProvider('rankings from the database', (getDb) => {
	test('round: released scores ranked with ties, extra time on score alone, 缺考 apart, small units merged', async () => {
		const db = await getDb()
		const { now, round1, people, u, v } = await scenario(db)

		// Before the round closes no score is released (ADR 039): nobody is ranked, everyone who sat waits.
		const early = (await buildRoundRanking(db, { roundId: round1.id, now }))!
		expect(early.people).toEqual([])
		expect(early.pending.map((p) => p.name).sort()).toEqual(['乙', '己', '戊', '甲', '丙'].sort())
		expect(early.absent.map((p) => p.name)).toEqual(['丁'])

		const later = new Date(now.getTime() + 5 * HOUR)
		const ranking = (await buildRoundRanking(db, { roundId: round1.id, now: later }))!
		expect(ranking.maxScore).toBe(4)
		expect(ranking.people.map((p) => `${p.name}:${p.score}:${p.rank}`)).toEqual(['戊:4:1', '甲:4:1', '乙:4:2', '丙:2:4', '己:2:4'])
		expect(ranking.people.find((p) => p.userId === people.e.id)!.accommodated).toBe(true)
		expect(ranking.absent.map((p) => p.userId)).toEqual([people.d.id])
		expect(ranking.pending).toEqual([])
		expect(ranking.rules.accommodation).toContain('只按得分排名')

		const unitRow = ranking.units.find((row) => row.unitId === u.id)!
		expect(unitRow).toMatchObject({ eligible: 5, participants: 4, meanScore: 3.5, participationRate: 0.8, index: 85.25, rank: 1 })
		const merged = ranking.units.find((row) => row.unitId === MERGED_UNIT_ID)!
		expect(merged).toMatchObject({ mergedUnitIds: [v.id], eligible: 1, participants: 1, meanScore: 2, index: 65, rank: 2 })
		expect(ranking.units.some((row) => row.unitId === v.id)).toBe(false)
	})

	test('season: the sum of the rounds, accommodated in any round ranked on score alone', async () => {
		const db = await getDb()
		const { now, round1, people } = await scenario(db)
		const season = (await buildSeasonRanking(db, { seasonId: round1.seasonId, now: new Date(now.getTime() + 5 * HOUR) }))!
		expect(season.maxScore).toBe(8)
		expect(season.people.map((p) => `${p.name}:${p.score}:${p.rank}:${p.roundsSat}`)).toEqual(['甲:8:1:2', '丙:6:2:2', '戊:4:3:1', '乙:4:3:1', '己:2:5:1'])
		expect(season.absent.map((p) => p.userId)).toEqual([people.d.id])
	})

	test('the per-season minimum unit size decides which units are merged', async () => {
		const db = await getDb()
		const { now, round1, u } = await scenario(db)
		await db.rankingSetting.create({ data: { seasonId: round1.seasonId, minUnitSize: 1 } })
		const ranking = (await buildRoundRanking(db, { roundId: round1.id, now: new Date(now.getTime() + 5 * HOUR) }))!
		expect(ranking.units.map((row) => row.unitId)).not.toContain(MERGED_UNIT_ID)
		expect(ranking.units).toHaveLength(2)
		expect(ranking.units[0]!.unitId).toBe(u.id)
		expect(ranking.rules.unitIndex).toContain('少于 1 人')
	})

	test('season weights: Σ score × weight, full marks weighted alike, the formula with the weights on the page; weight 0 leaves a round out', async () => {
		const db = await getDb()
		const { now, round1, round2 } = await scenario(db)
		const later = new Date(now.getTime() + 5 * HOUR)
		await db.rankingSetting.create({ data: { seasonId: round1.seasonId, roundWeights: JSON.stringify({ [round1.id]: 2, [round2.id]: 0.5 }) } })
		const weighted = (await buildSeasonRanking(db, { seasonId: round1.seasonId, now: later }))!
		expect(weighted.maxScore).toBe(10)
		// 甲 4×2 + 4×0.5; 乙 and 戊 (extra time: score alone) share 2nd; 丙 2×2 + 4×0.5; 己 2×2.
		expect(weighted.people.map((p) => `${p.name}:${p.score}:${p.rank}:${p.roundsSat}`)).toEqual(['甲:10:1:2', '戊:8:2:1', '乙:8:2:1', '丙:6:4:2', '己:4:5:1'])
		expect(weighted.rules.season).toMatch(/× 2 \+ .*× 0\.5/)

		await db.rankingSetting.update({ where: { seasonId: round1.seasonId }, data: { roundWeights: JSON.stringify({ [round2.id]: 0 }) } })
		const firstOnly = (await buildSeasonRanking(db, { seasonId: round1.seasonId, now: later }))!
		expect(firstOnly.maxScore).toBe(4)
		expect(firstOnly.people.map((p) => `${p.name}:${p.score}:${p.roundsSat}`)).toEqual(['戊:4:1', '甲:4:1', '乙:4:1', '丙:2:1', '己:2:1'])
		expect(firstOnly.rules.season).toContain('权重为 0，不计入')

		// A round ranking is never weighted and carries no season rule.
		const round = (await buildRoundRanking(db, { roundId: round2.id, now: later }))!
		expect(round.people.map((p) => p.score)).toEqual([4, 4])
		expect(round.rules.season).toBeUndefined()
	})

	test('several papers of one person in a round: the best counts once; a later ungraded paper neither counts nor makes them 待定', async () => {
		const db = await getDb()
		const { now, round1, people } = await scenario(db)
		const later = new Date(now.getTime() + 5 * HOUR)
		const paper = (userId: string, attemptNo: number, score: number, gradingStatus: string, minutes: number) => ({
			roundId: round1.id,
			userId,
			attemptNo,
			status: 'submitted',
			seed: `extra-${attemptNo}`,
			startedAt: new Date(now.getTime() - 20 * 60_000),
			deadline: new Date(now.getTime() + 60 * 60_000),
			finishedAt: new Date(now.getTime() - (20 - minutes) * 60_000),
			maxScore: 4,
			score,
			gradingStatus,
		})
		// 丙 (2 points) does better on a second paper; 甲 does worse on a third; 乙's extra paper is still being marked.
		await db.attempt.createMany({ data: [paper(people.c.id, 2, 4, 'complete', 5), paper(people.a.id, 3, 2, 'complete', 1), paper(people.b.id, 2, 0, 'pending', 3)] })
		const ranking = (await buildRoundRanking(db, { roundId: round1.id, now: later }))!
		expect(ranking.people.map((p) => `${p.name}:${p.score}`)).toEqual(['戊:4', '甲:4', '乙:4', '丙:4', '己:2'])
		expect(ranking.people.find((p) => p.userId === people.c.id)!.timeUsedMs).toBe(5 * 60_000)
		expect(ranking.pending).toEqual([])
		expect(ranking.people).toHaveLength(5)
	})
})

