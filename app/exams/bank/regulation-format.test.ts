import { describe, expect, test } from 'vitest'
import { isFlaggedForReview } from './question-types.ts'
import { chinaDate, formatChinaDate, formatRegulation, parseRegulation } from './regulation-format.ts'

describe('regulation cell', () => {
	test.each([
		['《中华人民共和国审计法》第二十二条', { name: '中华人民共和国审计法', article: '第二十二条', effectiveFrom: null, expiresAt: null }],
		['中华人民共和国预算法第五十七条', { name: '中华人民共和国预算法', article: '第五十七条', effectiveFrom: null, expiresAt: null }],
		['政府投资条例', { name: '政府投资条例', article: '', effectiveFrom: null, expiresAt: null }],
		['《审计法》第五条（一）', { name: '审计法', article: '第五条（一）', effectiveFrom: null, expiresAt: null }],
		[
			'《政府投资条例》第十条（2019年7月1日起施行）',
			{ name: '政府投资条例', article: '第十条', effectiveFrom: chinaDate(2019, 7, 1), expiresAt: null },
		],
		[
			'《某办法》第三条(生效:2018/1/1,失效:2023/12/31)',
			{ name: '某办法', article: '第三条', effectiveFrom: chinaDate(2018, 1, 1), expiresAt: chinaDate(2023, 12, 31) },
		],
		['《某规定》（至2025-06-30）', { name: '某规定', article: '', effectiveFrom: null, expiresAt: chinaDate(2025, 6, 30) }],
	])('%j', (cell, regulation) => {
		expect(parseRegulation(cell)).toEqual({ ok: true, regulation })
	})

	test('empty cell is no regulation', () => {
		expect(parseRegulation('  ')).toEqual({ ok: true, regulation: null })
	})

	test.each([
		['《审计法》（2020-02-30生效）', '无法识别日期“2020-02-30生效”，请写成 2015-01-01'],
		['《审计法》（2020-01-01）', '日期“2020-01-01”须注明“生效”或“失效”'],
		['《审计法》（生效：2020-01-01；失效：2020-01-01）', '失效日期须晚于生效日期'],
	])('%j refused', (cell, error) => {
		expect(parseRegulation(cell)).toEqual({ ok: false, error })
	})

	test('format and parse are inverse', () => {
		const regulation = { name: '中华人民共和国预算法实施条例', article: '第五十二条', effectiveFrom: chinaDate(2020, 10, 1), expiresAt: chinaDate(2035, 1, 1) }
		const cell = formatRegulation(regulation)
		expect(cell).toBe('《中华人民共和国预算法实施条例》第五十二条（生效：2020-10-01；失效：2035-01-01）')
		expect(parseRegulation(cell)).toEqual({ ok: true, regulation })
	})

	test('China calendar days are midnight at UTC+8', () => {
		expect(chinaDate(2024, 3, 1)!.toISOString()).toBe('2024-02-29T16:00:00.000Z')
		expect(formatChinaDate(new Date('2024-02-29T16:00:00.000Z'))).toBe('2024-03-01')
		expect(chinaDate(2023, 2, 29)).toBeNull()
	})

	test('a question is flagged for review from the day its regulation stops applying', () => {
		const expires = chinaDate(2025, 1, 1)!
		expect(isFlaggedForReview(expires, new Date('2024-12-31T15:59:59Z'))).toBe(false)
		expect(isFlaggedForReview(expires, new Date('2024-12-31T16:00:00Z'))).toBe(true)
		expect(isFlaggedForReview(null, new Date())).toBe(false)
	})
})
