import { describe, expect, test } from 'vitest'
import { drawPaper, findDrawShortages, paperMaxScore, type DrawCandidate, type DrawRuleSpec } from './draw.ts'
import { createRandom, shuffled } from './seeded-random.ts'

function pool(topic: string, type: string, difficulty: number, count: number, prefix = `${topic}-${type}-${difficulty}`): DrawCandidate[] {
	return Array.from({ length: count }, (_, i) => ({
		questionId: `${prefix}-${String(i).padStart(3, '0')}`,
		versionId: `v-${prefix}-${i}`,
		topic,
		type,
		difficulty,
		optionKeys: type === 'single' || type === 'multiple' ? ['A', 'B', 'C', 'D'] : [],
	}))
}

const rule = (position: number, topic: string, type: string, difficulty: number | null, count: number, pointsEach = 1): DrawRuleSpec => ({
	position,
	topic,
	type,
	difficulty,
	count,
	pointsEach,
})

const candidates = [...pool('fiscal', 'single', 2, 10), ...pool('fiscal', 'single', 3, 10), ...pool('fiscal', 'true_false', 1, 6)]
const rules = [rule(1, 'fiscal', 'single', 3, 4, 2), rule(2, 'fiscal', 'single', null, 6, 1), rule(3, 'fiscal', 'true_false', null, 3, 1)]
const shuffleAll = { shuffleQuestions: true, shuffleOptions: true }

describe('seeded random', () => {
	test('one seed gives one stream; another seed another', () => {
		const a = createRandom('seed-1')
		const b = createRandom('seed-1')
		const c = createRandom('seed-2')
		const streamA = Array.from({ length: 5 }, a)
		expect(Array.from({ length: 5 }, b)).toEqual(streamA)
		expect(Array.from({ length: 5 }, c)).not.toEqual(streamA)
		expect(streamA.every((x) => x >= 0 && x < 1)).toBe(true)
	})

	test('shuffle is a permutation and roughly uniform', () => {
		const counts = new Map<string, number>()
		const random = createRandom('uniform')
		for (let i = 0; i < 6000; i++) {
			const key = shuffled(['a', 'b', 'c'], random).join('')
			counts.set(key, (counts.get(key) ?? 0) + 1)
		}
		expect(counts.size).toBe(6)
		for (const count of counts.values()) expect(count).toBeGreaterThan(850)
	})
})

describe('drawPaper', () => {
	test('the same seed and pool reproduce the same paper, whatever the pool order', () => {
		const first = drawPaper(rules, candidates, { seed: 'abc', ...shuffleAll })
		const again = drawPaper(rules, [...candidates].reverse(), { seed: 'abc', ...shuffleAll })
		expect(again).toEqual(first)
		expect(drawPaper(rules, candidates, { seed: 'abd', ...shuffleAll })).not.toEqual(first)
	})

	test('each rule gets its count, points and matching questions, with no question twice', () => {
		const result = drawPaper(rules, candidates, { seed: 'x', ...shuffleAll })
		if (!result.ok) throw new Error('draw failed')
		const { questions } = result
		expect(questions).toHaveLength(13)
		expect(new Set(questions.map((q) => q.questionId)).size).toBe(13)
		expect(questions.map((q) => q.position)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1))
		const byRule = (position: number) => questions.filter((q) => q.rulePosition === position)
		expect(byRule(1).every((q) => q.questionId.startsWith('fiscal-single-3') && q.points === 2)).toBe(true)
		expect(byRule(2)).toHaveLength(6)
		expect(byRule(3).every((q) => q.type === 'true_false' && q.optionOrder.length === 0)).toBe(true)
		// Sections keep the rules' order.
		expect(questions.map((q) => q.rulePosition)).toEqual([...questions.map((q) => q.rulePosition)].sort())
		expect(paperMaxScore(rules)).toBe(4 * 2 + 6 + 3)
	})

	test('options are shuffled per paper only when asked, and always a permutation', () => {
		const papers = Array.from({ length: 20 }, (_, i) => drawPaper(rules, candidates, { seed: `s${i}`, ...shuffleAll }))
		const orders = papers.flatMap((p) => (p.ok ? p.questions.filter((q) => q.type === 'single').map((q) => q.optionOrder.join('')) : []))
		expect(new Set(orders).size).toBeGreaterThan(5)
		expect(orders.every((order) => [...order].sort().join('') === 'ABCD')).toBe(true)
		const plain = drawPaper(rules, candidates, { seed: 's1', shuffleQuestions: false, shuffleOptions: false })
		if (!plain.ok) throw new Error('draw failed')
		expect(plain.questions.filter((q) => q.type === 'single').every((q) => q.optionOrder.join('') === 'ABCD')).toBe(true)
	})

	test('without question shuffling, a section lists its questions in bank order', () => {
		const everyone = [rule(1, 'fiscal', 'true_false', null, 6)]
		const a = drawPaper(everyone, candidates, { seed: 'p', shuffleQuestions: false, shuffleOptions: false })
		const b = drawPaper(everyone, candidates, { seed: 'q', shuffleQuestions: false, shuffleOptions: false })
		expect(a).toEqual(b)
	})
})

describe('findDrawShortages', () => {
	test('names each rule the pool cannot fill, in Chinese', () => {
		const shortages = findDrawShortages([rule(1, 'fiscal', 'single', 3, 12), rule(2, 'fixed_asset_investment', 'multiple', null, 2)], candidates)
		expect(shortages.map((s) => s.message)).toEqual([
			'抽题规则 1（财政 · 单选 · 难度 3）需要 12 道启用的题目，题库中仅有 10 道，请补充题目或调整规则。',
			'抽题规则 2（固投 · 多选 · 任意难度）需要 2 道启用的题目，题库中仅有 0 道，请补充题目或调整规则。',
		])
	})

	test('counts questions an overlapping rule already took', () => {
		const overlapping = [rule(1, 'fiscal', 'single', null, 15), rule(2, 'fiscal', 'single', 3, 8)]
		const [shortage] = findDrawShortages(overlapping, candidates)
		expect(shortage?.rule.position).toBe(1)
		expect(shortage?.message).toContain('扣除其他规则已占用的题目后，题库中仅剩 12 道')
		expect(findDrawShortages([rule(1, 'fiscal', 'single', null, 12), rule(2, 'fiscal', 'single', 3, 8)], candidates)).toEqual([])
	})
})
