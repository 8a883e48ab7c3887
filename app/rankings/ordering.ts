// Pure ranking rules (绩效比拼晾晒, ADR 060): who is ahead of whom, shared ranks, 缺考 and the
// unit index. No database here, so every rule is unit-tested on plain data and the same
// functions order a draft, a published snapshot and the benchmark.
import { roundScore } from '#app/exams/grading/objective.ts'

/** A person's result in a round (or summed over a season's rounds). */
export type PersonResult = {
	userId: string
	name: string
	username: string
	unitId: string
	unitName: string
	score: number
	/** Milliseconds between start and finish (summed over rounds for a season). */
	timeUsedMs: number
	/** When the (last) paper was handed in, ms since the epoch. */
	submittedAt: number
	/** Had extra time or a later close (考试照顾) in a counted round: ranked on score alone. */
	accommodated: boolean
	/** How many rounds the score is made of (1 for a round ranking). */
	roundsSat: number
}

export type RankedPerson = PersonResult & { rank: number }

/** The rule as the page shows it. */
export const PERSON_RULE_TEXT =
	'按得分从高到低排名；得分相同时，用时少者在前；用时也相同时，交卷早者在前；以上都相同者名次并列（如 1、2、2、4）。'
export const ACCOMMODATION_RULE_TEXT =
	'享受考试照顾（延长时间或延后截止）的人员只按得分排名：与其同分者和他并列，用时和交卷时间不用于与其比较，也不会因其而后移。'
export const ABSENT_RULE_TEXT = '有资格参加但未交卷的人员列为“缺考”，不参与排名。'

/** Whether `a` is strictly ahead of `b`. Accommodated people are compared on score alone. */
export function isAhead(a: PersonResult, b: PersonResult): boolean {
	const as = roundScore(a.score)
	const bs = roundScore(b.score)
	if (as !== bs) return as > bs
	if (a.accommodated || b.accommodated) return false
	if (a.timeUsedMs !== b.timeUsedMs) return a.timeUsedMs < b.timeUsedMs
	return a.submittedAt < b.submittedAt
}

/**
 * Competition ranking ("1, 2, 2, 4"): a person's rank is one more than the number of people
 * strictly ahead of them. Because accommodated people are never ahead of nor behind an equal
 * score, this stays well defined where a sort comparator would not be transitive.
 * Rows come back in display order: rank, then the accommodated first among equals, then name.
 */
export function rankPeople(results: readonly PersonResult[]): RankedPerson[] {
	// Within one score the non-accommodated are totally ordered by (time, submission), so one
	// sort by (score desc, time, submission) lets us count "ahead" per score group in O(n log n).
	const sorted = [...results].sort(
		(a, b) => roundScore(b.score) - roundScore(a.score) || a.timeUsedMs - b.timeUsedMs || a.submittedAt - b.submittedAt,
	)
	const ranked: RankedPerson[] = []
	let higherScores = 0
	let i = 0
	while (i < sorted.length) {
		const score = roundScore(sorted[i]!.score)
		let j = i
		while (j < sorted.length && roundScore(sorted[j]!.score) === score) j++
		const group = sorted.slice(i, j)
		const plain = group.filter((p) => !p.accommodated)
		let aheadInGroup = 0
		for (let k = 0; k < plain.length; k++) {
			const person = plain[k]!
			if (k > 0 && isAhead(plain[k - 1]!, person)) aheadInGroup = k
			ranked.push({ ...person, rank: higherScores + aheadInGroup + 1 })
		}
		for (const person of group) if (person.accommodated) ranked.push({ ...person, rank: higherScores + 1 })
		higherScores += group.length
		i = j
	}
	return ranked.sort((a, b) => a.rank - b.rank || Number(b.accommodated) - Number(a.accommodated) || a.name.localeCompare(b.name, 'zh-CN') || a.userId.localeCompare(b.userId))
}

/** Someone eligible who has no counted result (缺考), listed apart. */
export type AbsentPerson = { userId: string; name: string; username: string; unitId: string; unitName: string }

export function sortAbsent(absent: readonly AbsentPerson[]): AbsentPerson[] {
	return [...absent].sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN') || a.userId.localeCompare(b.userId))
}

// ---- Units ----------------------------------------------------------------------------

export const MERGED_UNIT_ID = 'merged'
export const MERGED_UNIT_NAME = '其他单位（合并）'
export const DEFAULT_MIN_UNIT_SIZE = 5
export const INDEX_SCORE_WEIGHT = 0.7
export const INDEX_PARTICIPATION_WEIGHT = 0.3

export function unitIndexFormulaText(minUnitSize: number) {
	return `单位指数 = 参考人员平均分 ÷ 满分 × 100 × 0.7 + 参考率 × 100 × 0.3（参考率 = 参考人数 ÷ 应考人数），保留两位小数；应考人数少于 ${minUnitSize} 人的单位合并为“${MERGED_UNIT_NAME}”统一计算，不单独排名。`
}

export type UnitInput = { unitId: string; unitName: string; eligible: number; scores: readonly number[] }
export type RankedUnit = {
	unitId: string
	unitName: string
	/** The units a merged row stands for (empty for a unit ranked alone). */
	mergedUnitIds: string[]
	eligible: number
	participants: number
	meanScore: number | null
	participationRate: number
	index: number
	rank: number
}

/** Index from mean score and participation, on a 0–100 scale (ADR 060). */
export function unitIndex(meanScore: number | null, maxScore: number, participationRate: number): number {
	const scorePart = meanScore === null || maxScore <= 0 ? 0 : (meanScore / maxScore) * 100
	return roundScore(scorePart * INDEX_SCORE_WEIGHT + participationRate * 100 * INDEX_PARTICIPATION_WEIGHT)
}

/** Units under the minimum are pooled into one merged row (only when there is at least one). */
export function groupSmallUnits(units: readonly UnitInput[], minUnitSize: number): { unitId: string; unitName: string; mergedUnitIds: string[]; eligible: number; scores: number[] }[] {
	const alone = units.filter((u) => u.eligible >= minUnitSize).map((u) => ({ unitId: u.unitId, unitName: u.unitName, mergedUnitIds: [], eligible: u.eligible, scores: [...u.scores] }))
	const small = units.filter((u) => u.eligible < minUnitSize && u.eligible > 0)
	if (small.length === 0) return alone
	return [
		...alone,
		{
			unitId: MERGED_UNIT_ID,
			unitName: MERGED_UNIT_NAME,
			mergedUnitIds: small.map((u) => u.unitId).sort(),
			eligible: small.reduce((sum, u) => sum + u.eligible, 0),
			scores: small.flatMap((u) => u.scores),
		},
	]
}

/** Units by index (higher first); equal indexes share a rank. The merged row is ranked like any other. */
export function rankUnits(units: readonly UnitInput[], { maxScore, minUnitSize }: { maxScore: number; minUnitSize: number }): RankedUnit[] {
	const rows = groupSmallUnits(units, minUnitSize).map((u) => {
		const participants = u.scores.length
		const meanScore = participants ? roundScore(u.scores.reduce((s, x) => s + x, 0) / participants) : null
		const participationRate = u.eligible ? Math.round((participants / u.eligible) * 10_000) / 10_000 : 0
		return { unitId: u.unitId, unitName: u.unitName, mergedUnitIds: u.mergedUnitIds, eligible: u.eligible, participants, meanScore, participationRate, index: unitIndex(meanScore, maxScore, participationRate) }
	})
	rows.sort((a, b) => b.index - a.index || a.unitName.localeCompare(b.unitName, 'zh-CN') || a.unitId.localeCompare(b.unitId))
	return rows.map((row) => ({ ...row, rank: 1 + rows.filter((other) => other.index > row.index).length }))
}
