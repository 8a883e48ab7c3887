import { describe, expect, test } from 'vitest'
import { buildUnitTree, flattenTree, shortestDistinctTail, subtreeIds, UnitPathIndex, unitPathNames, wouldCreateCycle } from './unit-tree.ts'

const units = [
	{ id: 'p', name: '省审计厅', parentId: null },
	{ id: 'c', name: '市审计局', parentId: 'p' },
	{ id: 'd1', name: '东城区审计局', parentId: 'c' },
	{ id: 'd2', name: '西城区审计局', parentId: 'c' },
	{ id: 's1', name: '城关街道', parentId: 'd1' },
	{ id: 's2', name: '城关街道', parentId: 'd2' },
]

describe('unit tree', () => {
	test('nests units under their parents with depth', () => {
		const flat = flattenTree(buildUnitTree(units)).map((n) => `${n.depth}:${n.name}`)
		expect(flat).toEqual(['0:省审计厅', '1:市审计局', '2:东城区审计局', '3:城关街道', '2:西城区审计局', '3:城关街道'])
	})

	test('a damaged parent chain with a loop still shows every unit once and does not hang', () => {
		const looped = [
			{ id: 'a', name: '甲', parentId: 'b' },
			{ id: 'b', name: '乙', parentId: 'a' },
			{ id: 'r', name: '根', parentId: null },
		]
		const flat = flattenTree(buildUnitTree(looped)).map((n) => n.id)
		expect(flat.sort()).toEqual(['a', 'b', 'r'])
		expect(unitPathNames(looped, 'a')).toEqual(['乙', '甲'])
	})

	test('a unit cannot move under itself or its descendants, but may move elsewhere', () => {
		expect(wouldCreateCycle(units, 'c', 'c')).toBe(true)
		expect(wouldCreateCycle(units, 'c', 's1')).toBe(true)
		expect(wouldCreateCycle(units, 'd1', 'd2')).toBe(false)
		expect(wouldCreateCycle(units, 'd1', null)).toBe(false)
		expect([...subtreeIds(units, 'd1')].sort()).toEqual(['d1', 's1'])
	})

	test('paths read from the top down', () => {
		expect(unitPathNames(units, 's2')).toEqual(['省审计厅', '市审计局', '西城区审计局', '城关街道'])
	})
})

describe('UnitPathIndex', () => {
	const index = new UnitPathIndex([
		...units.map((u) => ({ id: u.id, path: unitPathNames(units, u.id), active: true })),
		{ id: 'old', path: ['省审计厅', '旧单位'], active: false },
	])

	test('a unique name resolves; a tail path disambiguates a shared name', () => {
		expect(index.resolve('东城区审计局')).toMatchObject({ ok: true, unit: { id: 'd1' } })
		expect(index.resolve('西城区审计局/城关街道')).toMatchObject({ ok: true, unit: { id: 's2' } })
		expect(index.resolve(' 西城区审计局 ／ 城关街道 ')).toMatchObject({ ok: true, unit: { id: 's2' } })
		expect(index.resolve('省审计厅/市审计局/东城区审计局/城关街道')).toMatchObject({ ok: true, unit: { id: 's1' } })
	})

	test('an ambiguous name is refused with the candidates and a hint', () => {
		const result = index.resolve('城关街道')
		expect(result.ok).toBe(false)
		if (!result.ok) {
			expect(result.message).toContain('对应 2 个单位')
			expect(result.message).toContain('省审计厅/市审计局/东城区审计局/城关街道')
			expect(result.message).toContain('如“东城区审计局/城关街道”')
		}
	})

	test('unknown, inactive and blank references say so', () => {
		expect(index.resolve('不存在局')).toEqual({ ok: false, message: '找不到单位“不存在局”' })
		expect(index.resolve('东城区审计局/不存在')).toEqual({ ok: false, message: '找不到单位“东城区审计局/不存在”' })
		expect(index.resolve('旧单位')).toEqual({ ok: false, message: '单位“旧单位”已停用' })
		expect(index.resolve('  ')).toEqual({ ok: false, message: '请填写单位' })
	})

	test('shortestDistinctTail finds the least a person must write', () => {
		const a = ['省', '市', '甲区', '城关']
		const b = ['省', '市', '乙区', '城关']
		expect(shortestDistinctTail(a, [a, b])).toEqual(['甲区', '城关'])
	})
})
