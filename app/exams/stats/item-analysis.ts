// Classical item analysis of one round. Pure: papers in, statistics out.
// Facility: mean share of the points earned. Discrimination (upper/lower 27 %): facility in
// the top 27 % of papers by total score minus facility in the bottom 27 %; below zero the
// stronger candidates did worse on the item than the weaker ones, which usually means a
// wrong key or a misleading stem.

export type ScoredItem = { itemId: string; points: number; score: number; answer: unknown }
export type ScoredPaper = { paperId: string; score: number; maxScore: number; items: ScoredItem[] }

export const GROUP_SHARE = 0.27
export const HISTOGRAM_BINS = 10

export type HistogramBin = { from: number; to: number; label: string; count: number }

/** Ten bins of 10 % of the full score each; the last one includes full marks. */
export function scoreHistogram(papers: readonly Pick<ScoredPaper, 'score' | 'maxScore'>[]): HistogramBin[] {
	const bins = Array.from({ length: HISTOGRAM_BINS }, (_, i) => ({
		from: i * 10,
		to: (i + 1) * 10,
		label: i === HISTOGRAM_BINS - 1 ? '90–100%' : `${i * 10}–${i * 10 + 9}%`,
		count: 0,
	}))
	for (const paper of papers) {
		const percent = paper.maxScore > 0 ? (paper.score / paper.maxScore) * 100 : 0
		const index = Math.min(HISTOGRAM_BINS - 1, Math.max(0, Math.floor(percent / 10)))
		bins[index]!.count++
	}
	return bins
}

export type ScoreSummary = { count: number; mean: number | null; median: number | null; min: number | null; max: number | null; standardDeviation: number | null }

export function summariseScores(scores: readonly number[]): ScoreSummary {
	if (scores.length === 0) return { count: 0, mean: null, median: null, min: null, max: null, standardDeviation: null }
	const sorted = [...scores].sort((a, b) => a - b)
	const mean = sorted.reduce((s, x) => s + x, 0) / sorted.length
	const middle = Math.floor(sorted.length / 2)
	const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
	const variance = sorted.reduce((s, x) => s + (x - mean) ** 2, 0) / sorted.length
	return { count: sorted.length, mean: round2(mean), median: round2(median), min: sorted[0]!, max: sorted.at(-1)!, standardDeviation: round2(Math.sqrt(variance)) }
}

function round2(value: number) {
	return Math.round(value * 100) / 100
}

export type ItemStatistic = {
	itemId: string
	answeredBy: number
	facility: number | null
	discrimination: number | null
	upperCount: number
	lowerCount: number
	negativeDiscrimination: boolean
}

/** The paper ids of the upper and lower 27 % (at least one each; none with fewer than two papers). */
export function extremeGroups(papers: readonly Pick<ScoredPaper, 'paperId' | 'score'>[]) {
	if (papers.length < 2) return { upper: new Set<string>(), lower: new Set<string>() }
	const size = Math.max(1, Math.round(papers.length * GROUP_SHARE))
	// Ties broken by id so the same data always gives the same groups.
	const ranked = [...papers].sort((a, b) => b.score - a.score || (a.paperId < b.paperId ? -1 : 1))
	return { upper: new Set(ranked.slice(0, size).map((p) => p.paperId)), lower: new Set(ranked.slice(-size).map((p) => p.paperId)) }
}

function facilityOf(items: readonly ScoredItem[]) {
	if (items.length === 0) return null
	return items.reduce((s, item) => s + (item.points > 0 ? item.score / item.points : 0), 0) / items.length
}

export function analyseItems(papers: readonly ScoredPaper[]): Map<string, ItemStatistic> {
	const { upper, lower } = extremeGroups(papers)
	const byItem = new Map<string, { all: ScoredItem[]; upper: ScoredItem[]; lower: ScoredItem[] }>()
	for (const paper of papers) {
		for (const item of paper.items) {
			const entry = byItem.get(item.itemId) ?? { all: [], upper: [], lower: [] }
			entry.all.push(item)
			if (upper.has(paper.paperId)) entry.upper.push(item)
			if (lower.has(paper.paperId)) entry.lower.push(item)
			byItem.set(item.itemId, entry)
		}
	}
	const result = new Map<string, ItemStatistic>()
	for (const [itemId, entry] of byItem) {
		const upperFacility = facilityOf(entry.upper)
		const lowerFacility = facilityOf(entry.lower)
		const discrimination = upperFacility === null || lowerFacility === null ? null : round2(upperFacility - lowerFacility)
		const facility = facilityOf(entry.all)
		result.set(itemId, {
			itemId,
			answeredBy: entry.all.length,
			facility: facility === null ? null : round2(facility),
			discrimination,
			upperCount: entry.upper.length,
			lowerCount: entry.lower.length,
			negativeDiscrimination: discrimination !== null && discrimination < 0,
		})
	}
	return result
}

/** How often each option was chosen (multiple choice counts every option picked) and how often left blank. */
export function optionDistribution(optionKeys: readonly string[], answers: readonly unknown[]) {
	const counts = new Map(optionKeys.map((key) => [key, 0]))
	let unanswered = 0
	for (const answer of answers) {
		const chosen = typeof answer === 'string' ? [answer] : Array.isArray(answer) ? answer : []
		if (chosen.length === 0) unanswered++
		for (const key of chosen) if (typeof key === 'string' && counts.has(key)) counts.set(key, counts.get(key)! + 1)
	}
	return { counts: optionKeys.map((key) => ({ key, count: counts.get(key)! })), unanswered }
}
