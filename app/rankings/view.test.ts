import { expect, test } from 'vitest'
import type { RankingContent } from './build.ts'
import { boardView, formatDuration, formatPercent, ownPlace, unitMembers } from './view.ts'

test('the board view marks the viewer, formats time and rates, and carries no ids, 工号 or timestamps', () => {
	const content: RankingContent = {
		scope: 'round',
		scopeId: 'r1',
		seasonId: 's1',
		title: '第一轮',
		maxScore: 100,
		minUnitSize: 5,
		rules: { person: '甲', accommodation: '乙', absent: '丙', unitIndex: '丁' },
		people: [{ userId: 'secret-id-1', name: '张三', username: 'gh0001', unitId: 'unit-1', unitName: '财政局', score: 90, timeUsedMs: 754_400, submittedAt: 1_700_000_000_000, accommodated: false, roundsSat: 1, rank: 1 }],
		absent: [{ userId: 'secret-id-2', name: '李四', username: 'gh0002', unitId: 'unit-1', unitName: '财政局' }],
		pending: [],
		units: [{ unitId: 'unit-1', unitName: '财政局', mergedUnitIds: [], eligible: 2, participants: 1, meanScore: 90, participationRate: 0.5, index: 78, rank: 1 }],
	}
	const view = boardView(content, 'secret-id-1')
	expect(view.people[0]).toEqual({ rank: 1, name: '张三', unitName: '财政局', score: 90, timeUsed: '12分34秒', accommodated: false, roundsSat: 1, mine: true })
	expect(view.absent).toEqual([{ name: '李四', unitName: '财政局', mine: false }])
	expect(view.own).toEqual({ status: 'ranked', rank: 1, of: 1, score: 90, aheadOfPercent: 0 })
	expect(view.units[0]!.participation).toBe('50.0%')
	const text = JSON.stringify(view)
	for (const hidden of ['secret-id', 'gh000', 'unit-1', '1700000000000']) expect(text).not.toContain(hidden)
	expect(formatDuration(59_600)).toBe('1分00秒')
	expect(formatPercent(2 / 3)).toBe('66.7%')
})

test('own place: rank of how many and the share of ranked people behind; 缺考 and pending say so', () => {
	const person = (userId: string, rank: number) => ({ userId, name: userId, username: userId, unitId: 'u', unitName: '单位', score: 100 - rank, timeUsedMs: 0, submittedAt: 0, accommodated: false, roundsSat: 1, rank })
	const content: RankingContent = {
		scope: 'round',
		scopeId: 'r',
		seasonId: 's',
		title: '',
		maxScore: 100,
		minUnitSize: 5,
		rules: { person: '', accommodation: '', absent: '', unitIndex: '' },
		people: [person('a', 1), person('b', 2), person('c', 2), person('d', 4)],
		absent: [{ userId: 'x', name: 'x', username: 'x', unitId: 'u', unitName: '单位' }],
		pending: [{ userId: 'y', name: 'y', username: 'y', unitId: 'u', unitName: '单位' }],
		units: [],
	}
	expect(ownPlace(content, 'b')).toEqual({ status: 'ranked', rank: 2, of: 4, score: 98, aheadOfPercent: 25 })
	expect(ownPlace(content, 'a')).toMatchObject({ rank: 1, aheadOfPercent: 75 })
	expect(ownPlace(content, 'd')).toMatchObject({ rank: 4, aheadOfPercent: 0 })
	expect(ownPlace(content, 'x')).toEqual({ status: 'absent' })
	expect(ownPlace(content, 'y')).toEqual({ status: 'pending' })
	expect(ownPlace(content, 'nobody')).toBeNull()
	expect(ownPlace(content, null)).toBeNull()
})

test('unit drill-down lists the unit’s ranked people with their overall rank and its 缺考; the merged row covers its units', async () => {
	const { rankPeople, rankUnits } = await import('./ordering.ts')
	const person = (userId: string, unitId: string, score: number) => ({ userId, name: userId, username: userId, unitId, unitName: unitId, score, timeUsedMs: 0, submittedAt: 0, accommodated: false, roundsSat: 1 })
	const people = rankPeople([person('a', 'big', 90), person('b', 'small1', 80), person('c', 'big', 70), person('d', 'small2', 60)])
	const content: RankingContent = {
		scope: 'round',
		scopeId: 'r',
		seasonId: 's',
		title: '',
		maxScore: 100,
		minUnitSize: 3,
		rules: { person: '', accommodation: '', absent: '', unitIndex: '' },
		people,
		absent: [{ userId: 'e', name: 'e', username: 'e', unitId: 'big', unitName: 'big' }],
		pending: [],
		units: rankUnits(
			[
				{ unitId: 'big', unitName: 'big', eligible: 3, scores: [90, 70] },
				{ unitId: 'small1', unitName: 'small1', eligible: 1, scores: [80] },
				{ unitId: 'small2', unitName: 'small2', eligible: 1, scores: [60] },
			],
			{ maxScore: 100, minUnitSize: 3 },
		),
	}
	expect(unitMembers(content, 'big')).toEqual({
		unitName: 'big',
		people: [
			{ rank: 1, name: 'a', unitName: 'big', score: 90 },
			{ rank: 3, name: 'c', unitName: 'big', score: 70 },
		],
		absent: [{ name: 'e', unitName: 'big' }],
	})
	expect(unitMembers(content, 'merged')!.people.map((p) => p.name)).toEqual(['b', 'd'])
	expect(unitMembers(content, 'small1')).toBeNull()
})
