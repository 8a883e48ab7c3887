import { describe, expect, test } from 'vitest'
import { analyseItems, extremeGroups, optionDistribution, scoreHistogram, summariseScores, type ScoredPaper } from './item-analysis.ts'

function paper(id: string, itemScores: Record<string, number>): ScoredPaper {
	const items = Object.entries(itemScores).map(([itemId, score]) => ({ itemId, points: 2, score, answer: null }))
	return { paperId: id, score: items.reduce((s, i) => s + i.score, 0), maxScore: items.length * 2, items }
}

describe('item analysis', () => {
	// Ten papers: "good" is right for the strong and wrong for the weak; "inverted" the reverse.
	const papers = Array.from({ length: 10 }, (_, i) =>
		paper(`p${i}`, { base1: i >= 3 ? 2 : 0, base2: i >= 5 ? 2 : 0, base3: i >= 2 ? 2 : 0, good: i >= 6 ? 2 : 0, inverted: i < 3 ? 2 : 0 }),
	)

	test('upper and lower groups are 27 % of papers each, at least one', () => {
		const { upper, lower } = extremeGroups(papers)
		expect(upper.size).toBe(3)
		expect(lower.size).toBe(3)
		const scoreOf = (id: string) => papers.find((p) => p.paperId === id)!.score
		expect([...upper].map(scoreOf)).toEqual([8, 8, 8])
		expect([...lower].map(scoreOf).sort()).toEqual([2, 2, 4])
		expect(extremeGroups([papers[0]!])).toEqual({ upper: new Set(), lower: new Set() })
	})

	test('facility is the share of points earned; discrimination is upper minus lower facility', () => {
		const stats = analyseItems(papers)
		expect(stats.get('good')).toMatchObject({ answeredBy: 10, facility: 0.4, discrimination: 1, negativeDiscrimination: false })
		expect(stats.get('inverted')).toMatchObject({ facility: 0.3, negativeDiscrimination: true })
		expect(stats.get('inverted')!.discrimination).toBeLessThan(0)
	})

	test('an item nobody in a group saw has no discrimination', () => {
		const few = [paper('a', { x: 2, rare: 2 }), paper('b', { x: 2 }), paper('c', { x: 0 }), paper('d', { x: 0 })]
		expect(analyseItems(few).get('rare')).toMatchObject({ answeredBy: 1, discrimination: null, negativeDiscrimination: false })
	})

	test('histogram bins by share of full marks, full marks in the last bin', () => {
		const bins = scoreHistogram([
			{ score: 0, maxScore: 100 },
			{ score: 59.5, maxScore: 100 },
			{ score: 60, maxScore: 100 },
			{ score: 100, maxScore: 100 },
		])
		expect(bins.map((b) => b.count)).toEqual([1, 0, 0, 0, 0, 1, 1, 0, 0, 1])
		expect(bins[9]!.label).toBe('90–100%')
	})

	test('score summary', () => {
		expect(summariseScores([60, 70, 80, 90])).toEqual({ count: 4, mean: 75, median: 75, min: 60, max: 90, standardDeviation: 11.18 })
		expect(summariseScores([]).mean).toBeNull()
	})

	test('option distribution counts every option picked and blanks', () => {
		expect(optionDistribution(['A', 'B', 'C'], ['A', ['A', 'C'], null, 'B', 'Z'])).toEqual({
			counts: [
				{ key: 'A', count: 2 },
				{ key: 'B', count: 1 },
				{ key: 'C', count: 1 },
			],
			unanswered: 1,
		})
	})
})
