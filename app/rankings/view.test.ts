import { expect, test } from 'vitest'
import type { RankingContent } from './build.ts'
import { boardView, formatDuration, formatPercent } from './view.ts'

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
	expect(view.units[0]!.participation).toBe('50.0%')
	const text = JSON.stringify(view)
	for (const hidden of ['secret-id', 'gh000', 'unit-1', '1700000000000']) expect(text).not.toContain(hidden)
	expect(formatDuration(59_600)).toBe('1分00秒')
	expect(formatPercent(2 / 3)).toBe('66.7%')
})
