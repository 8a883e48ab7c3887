import { describe, expect, test } from 'vitest'
import { groupSmallUnits, isAhead, MERGED_UNIT_ID, MERGED_UNIT_NAME, rankPeople, rankUnits, seasonFormulaText, sortAbsent, unitIndex, weightedSum, type PersonResult } from './ordering.ts'

const p = (userId: string, score: number, timeUsedMs = 600_000, submittedAt = 1000, accommodated = false): PersonResult => ({
	userId,
	name: userId,
	username: userId,
	unitId: 'u1',
	unitName: '单位',
	score,
	timeUsedMs,
	submittedAt,
	accommodated,
	roundsSat: 1,
})
const ranks = (rows: { userId: string; rank: number }[]) => rows.map((r) => `${r.userId}:${r.rank}`)

describe('rankPeople', () => {
	test('higher score first, then less time used, then earlier submission', () => {
		const rows = rankPeople([p('c', 80), p('a', 90, 900_000), p('b', 90, 600_000), p('d', 80, 600_000, 500)])
		expect(ranks(rows)).toEqual(['b:1', 'a:2', 'd:3', 'c:4'])
	})

	test('equal results share a rank and the next rank skips: 1, 2, 2, 4', () => {
		const rows = rankPeople([p('a', 95), p('b', 90, 600_000, 1000), p('c', 90, 600_000, 1000), p('d', 70)])
		expect(rows.map((r) => r.rank)).toEqual([1, 2, 2, 4])
		expect(ranks(rows)).toEqual(['a:1', 'b:2', 'c:2', 'd:4'])
	})

	test('scores equal to the hundredth are equal (no float noise decides a rank)', () => {
		const rows = rankPeople([p('a', 0.1 + 0.2, 700_000), p('b', 0.3, 600_000)])
		expect(ranks(rows)).toEqual(['b:1', 'a:2'])
	})

	test('an accommodated person is ranked on score alone: tied with every equal score, pushing nobody down', () => {
		const rows = rankPeople([
			p('slow', 90, 1_800_000),
			p('fast', 90, 600_000),
			p('extra', 90, 3_000_000, 9000, true),
			p('low', 80, 100_000),
		])
		expect(ranks(rows)).toEqual(['extra:1', 'fast:1', 'slow:2', 'low:4'])
		expect(isAhead(p('fast', 90, 1), p('extra', 90, 99, 9, true))).toBe(false)
		expect(isAhead(p('extra', 90, 99, 9, true), p('slow', 90, 1))).toBe(false)
		expect(isAhead(p('extra', 91, 99, 9, true), p('x', 90, 1))).toBe(true)
	})

	test('empty input gives an empty ranking', () => {
		expect(rankPeople([])).toEqual([])
	})
})

describe('缺考', () => {
	test('absent people are listed apart by unit then name', () => {
		const rows = sortAbsent([
			{ userId: '2', name: '乙', username: 'b', unitId: 'x', unitName: '审计局' },
			{ userId: '1', name: '甲', username: 'a', unitId: 'x', unitName: '财政局' },
		])
		expect(rows.map((r) => r.unitName)).toEqual(['财政局', '审计局'].sort((a, b) => a.localeCompare(b, 'zh-CN')))
	})
})

describe('units', () => {
	test('index = mean ÷ max × 70 + participation × 30', () => {
		expect(unitIndex(80, 100, 0.5)).toBe(71)
		expect(unitIndex(null, 100, 0)).toBe(0)
		expect(unitIndex(100, 100, 1)).toBe(100)
	})

	test('units under the minimum size are merged into one row, not ranked alone', () => {
		const grouped = groupSmallUnits(
			[
				{ unitId: 'big', unitName: '大单位', eligible: 6, scores: [80] },
				{ unitId: 's1', unitName: '小单位一', eligible: 2, scores: [90, 70] },
				{ unitId: 's2', unitName: '小单位二', eligible: 3, scores: [60] },
			],
			5,
		)
		expect(grouped.map((g) => g.unitId)).toEqual(['big', MERGED_UNIT_ID])
		expect(grouped[1]).toEqual({ unitId: MERGED_UNIT_ID, unitName: MERGED_UNIT_NAME, mergedUnitIds: ['s1', 's2'], eligible: 5, scores: [90, 70, 60] })
		expect(groupSmallUnits([{ unitId: 'big', unitName: '大', eligible: 5, scores: [] }], 5).map((g) => g.unitId)).toEqual(['big'])
	})

	test('rankUnits: mean, participation, index and shared ranks', () => {
		const rows = rankUnits(
			[
				{ unitId: 'a', unitName: '甲单位', eligible: 10, scores: [80, 90] },
				{ unitId: 'b', unitName: '乙单位', eligible: 4, scores: [80, 90] },
				{ unitId: 'c', unitName: '丙单位', eligible: 10, scores: [80, 90] },
				{ unitId: 'd', unitName: '丁单位', eligible: 5, scores: [] },
			],
			{ maxScore: 100, minUnitSize: 5 },
		)
		const byId = new Map(rows.map((r) => [r.unitId, r]))
		expect(byId.get('a')).toMatchObject({ participants: 2, meanScore: 85, participationRate: 0.2, index: 65.5, rank: 2 })
		expect(byId.get('c')!.rank).toBe(2)
		expect(byId.get(MERGED_UNIT_ID)).toMatchObject({ participants: 2, eligible: 4, participationRate: 0.5, index: 74.5, rank: 1, mergedUnitIds: ['b'] })
		expect(byId.get('d')).toMatchObject({ participants: 0, meanScore: null, index: 0, rank: 4 })
	})
})

describe('season weights', () => {
	test('Σ score × weight is exact to the hundredth, half up, where floating point would drift', () => {
		expect(weightedSum([{ score: 80, weight: 1 }, { score: 90.5, weight: 0.5 }])).toBe(125.25)
		expect(weightedSum([{ score: 0.1, weight: 3 }, { score: 0.2, weight: 3 }])).toBe(0.9)
		expect(0.1 * 3 + 0.2 * 3).not.toBe(0.9)
		// 0.01 × 0.5 = 0.005: half up to 0.01, the way the database sums the same products.
		expect(weightedSum([{ score: 0.01, weight: 0.5 }])).toBe(0.01)
		expect(weightedSum([{ score: 0.01, weight: 0.49 }])).toBe(0)
		expect(weightedSum([{ score: 37.5, weight: 0 }])).toBe(0)
		expect(weightedSum([])).toBe(0)
	})

	test('the season rule states the plain sum, or the formula with each round’s weight, and names rounds left out', () => {
		expect(seasonFormulaText([{ title: '第一轮', weight: 1 }, { title: '第二轮', weight: 1 }])).toBe(
			'赛季总分 = 第一轮 + 第二轮 各轮得分之和（未参加的轮次计 0 分），满分为各轮满分之和。',
		)
		const weighted = seasonFormulaText([{ title: '第一轮', weight: 1 }, { title: '第二轮', weight: 1.5 }, { title: '第三轮', weight: 0 }])
		expect(weighted).toBe('赛季总分 = 第一轮得分 × 1 + 第二轮得分 × 1.5（未参加的轮次计 0 分，保留两位小数），满分按同样的权重计算；第三轮权重为 0，不计入。')
	})
})
