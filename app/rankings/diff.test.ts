import { describe, expect, test } from 'vitest'
import type { RankingContent } from './build.ts'
import { diffRankings } from './diff.ts'
import { rankPeople, rankUnits, type PersonResult } from './ordering.ts'

const person = (userId: string, score: number, timeUsedMs = 60_000): PersonResult => ({
	userId,
	name: userId,
	username: userId,
	unitId: 'u',
	unitName: '单位',
	score,
	timeUsedMs,
	submittedAt: 0,
	accommodated: false,
	roundsSat: 1,
})
const absentee = (userId: string) => ({ userId, name: userId, username: userId, unitId: 'u', unitName: '单位' })

function content(results: PersonResult[], { absent = [] as string[], pending = [] as string[] } = {}): RankingContent {
	return {
		scope: 'round',
		scopeId: 'r',
		seasonId: 's',
		title: '测试',
		maxScore: 100,
		minUnitSize: 1,
		rules: { person: '', accommodation: '', absent: '', unitIndex: '' },
		people: rankPeople(results),
		absent: absent.map(absentee),
		pending: pending.map(absentee),
		units: rankUnits([{ unitId: 'u', unitName: '单位', eligible: results.length + absent.length + pending.length, scores: results.map((r) => r.score) }], { maxScore: 100, minUnitSize: 1 }),
	}
}

describe('diffRankings', () => {
	test('names who moved and why: a score change, a newly graded paper, a knock-on move; unchanged people are left out', () => {
		const before = content([person('a', 90), person('b', 80), person('c', 70), person('e', 50)], { pending: ['d'] })
		const after = content([person('a', 90), person('b', 60), person('c', 70), person('d', 85), person('e', 50)])
		const diff = diffRankings(before, after)
		const byId = new Map(diff.people.map((p) => [p.userId, p]))
		expect(byId.has('a')).toBe(false)
		expect(byId.get('b')).toMatchObject({ before: { rank: 2, score: 80 }, after: { rank: 4, score: 60 } })
		expect(byId.get('b')!.reasons).toEqual(['得分变化：80 → 60', '名次变化：2 → 4'])
		expect(byId.has('c')).toBe(false)
		expect(byId.get('d')).toMatchObject({ before: null, after: { rank: 2, score: 85 }, beforeStatus: '成绩待定' })
		expect(byId.get('d')!.reasons).toEqual(['新评定成绩，计入排名'])
		expect(byId.get('e')).toMatchObject({ before: { rank: 4, score: 50 }, after: { rank: 5, score: 50 }, reasons: ['得分未变，因他人成绩变化名次变动'] })
		expect(diff.units[0]!.reasons).toContain('参考人数：4 → 5')
	})

	test('absent then sat, ranked then gone, and a first publication (no previous version)', () => {
		const diff = diffRankings(content([person('a', 90)], { absent: ['b'] }), content([person('b', 50)], { absent: ['a'] }))
		expect(diff.people.find((p) => p.userId === 'b')!.reasons).toEqual(['由缺考改为计入成绩'])
		expect(diff.people.find((p) => p.userId === 'a')!.reasons).toEqual(['不再计入排名（现为缺考）'])
		const first = diffRankings(null, content([person('a', 90)]))
		expect(first.people).toEqual([
			{ userId: 'a', name: 'a', unitName: '单位', before: null, after: { rank: 1, score: 90 }, beforeStatus: '未发布', afterStatus: '参与排名', reasons: ['新计入排名'] },
		])
		expect(first.units[0]!.reasons).toEqual(['新列入单位排名'])
	})
})
