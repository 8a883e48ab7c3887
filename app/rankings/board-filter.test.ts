import { expect, test } from 'vitest'
import type { UnitKind } from '#app/admin/unit-kinds.ts'
import { createUnit } from '#app/exams/rounds/test-fixtures.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { filteredBoardView, filterByUnitKind, UnitKindFilterSchema, unitKindsOf } from './board-filter.ts'
import type { RankingContent } from './build.ts'
import { rankPeople, rankUnits } from './ordering.ts'

const person = (userId: string, unitId: string, score: number) => ({ userId, name: userId, username: `gh-${userId}`, unitId, unitName: `单位-${unitId}`, score, timeUsedMs: 1000, submittedAt: 0, accommodated: false, roundsSat: 1 })

/** Units: street (街道, 3 eligible), soe (国企, 3 eligible) and two small ones pooled (one 街道, one 村社). */
function content(): RankingContent {
	return {
		scope: 'round',
		scopeId: 'r',
		seasonId: 's',
		title: '第一轮',
		maxScore: 10,
		minUnitSize: 3,
		rules: { person: '', accommodation: '', absent: '', unitIndex: '' },
		people: rankPeople([person('a', 'street', 10), person('b', 'soe', 9), person('c', 'street', 5), person('d', 'small-street', 8), person('e', 'soe', 1)]),
		absent: [{ userId: 'x', name: 'x', username: 'x', unitId: 'soe', unitName: '单位-soe' }],
		pending: [],
		units: rankUnits(
			[
				{ unitId: 'street', unitName: '单位-street', eligible: 3, scores: [10, 5] },
				{ unitId: 'soe', unitName: '单位-soe', eligible: 3, scores: [9, 1] },
				{ unitId: 'small-street', unitName: '单位-small-street', eligible: 1, scores: [8] },
				{ unitId: 'small-village', unitName: '单位-small-village', eligible: 1, scores: [] },
			],
			{ maxScore: 10, minUnitSize: 3 },
		),
	}
}

const kinds = new Map<string, UnitKind>([
	['street', 'subdistrict'],
	['soe', 'soe'],
	['small-street', 'subdistrict'],
	['small-village', 'community'],
])

test('filtering by unit kind keeps the published ranks, the merged row when it pools that kind, and the viewer’s place on the whole board', () => {
	const street = filterByUnitKind(content(), kinds, 'subdistrict')
	expect(street.people.map((p) => `${p.userId}:${p.rank}`)).toEqual(['a:1', 'd:3', 'c:4'])
	expect(street.absent).toEqual([])
	expect(street.units.map((u) => u.unitId).sort()).toEqual(['merged', 'street'])
	expect(filterByUnitKind(content(), kinds, 'community').units.map((u) => u.unitId)).toEqual(['merged'])
	expect(filterByUnitKind(content(), kinds, undefined)).toEqual(content())

	const view = filteredBoardView(content(), 'b', kinds, 'subdistrict')
	expect(view.people.map((p) => [p.name, p.rank, p.unitKind])).toEqual([
		['a', 1, '街道'],
		['d', 3, '街道'],
		['c', 4, '街道'],
	])
	// b (国企) is filtered out of the rows, but their own place is on the whole board: 2nd of 5.
	expect(view.own).toEqual({ status: 'ranked', rank: 2, of: 5, score: 9, aheadOfPercent: 60 })
	expect(view).toMatchObject({ kind: 'subdistrict', totalPeople: 5 })
	expect(view.units.find((u) => u.unitName === '其他单位（合并）')!.unitKind).toBe('街道、村社')
	// Charts follow the filter: three scores (10, 8, 5 of 10) and the two unit rows.
	expect(view.charts.distribution.reduce((sum, bin) => sum + bin.count, 0)).toBe(3)
	expect(view.charts.distribution.find((bin) => bin.from === 50)!.count).toBe(1)
	expect(view.charts.units.find((u) => u.unitName === '单位-street')).toEqual({ unitName: '单位-street', meanScore: 7.5, meanPercent: 75, participationPercent: 66.7, index: 72.5 })
	// Still no ids or 工号 in what the browser gets.
	const text = JSON.stringify(view)
	for (const hidden of ['gh-', '"street"', 'small-village']) expect(text).not.toContain(hidden)
})

test('the kind filter accepts a known kind and reads anything else as all kinds', () => {
	expect(UnitKindFilterSchema.parse('soe')).toBe('soe')
	expect(UnitKindFilterSchema.parse('team')).toBeUndefined()
	expect(UnitKindFilterSchema.parse(undefined)).toBeUndefined()
})

describeEachProvider('unit kinds of a ranking', (getDb) => {
	test('today’s kind of every unit the ranking names, merged units included; a deleted unit has none', async () => {
		const db = await getDb()
		const street = await createUnit(db, { kind: 'subdistrict' })
		const soe = await createUnit(db, { kind: 'soe' })
		const village = await createUnit(db, { kind: 'community' })
		const base = content()
		const ranking: RankingContent = {
			...base,
			people: base.people.map((p) => ({ ...p, unitId: p.unitId === 'street' ? street.id : p.unitId === 'soe' ? soe.id : p.unitId })),
			units: base.units.map((u) => (u.mergedUnitIds.length ? { ...u, mergedUnitIds: [village.id, 'gone'] } : u)),
		}
		const found = await unitKindsOf(db, ranking)
		expect(found.get(street.id)).toBe('subdistrict')
		expect(found.get(soe.id)).toBe('soe')
		expect(found.get(village.id)).toBe('community')
		expect(found.has('gone')).toBe(false)
	})
})
