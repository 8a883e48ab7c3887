// Pure ranking rules (绩效比拼晾晒, ADR 060): who is ahead of whom, shared ranks, 缺考 and the
// unit index. No database here, so every rule is unit-tested on plain data and the same
// functions order a draft, a published snapshot and the benchmark.
import { roundScore } from '#app/exams/grading/objective.ts'

// Same order as localeCompare(…, 'zh-CN'), built once: sorting 25,000 names with localeCompare builds a collator per call.
const zh = new Intl.Collator('zh-CN')

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

type Standing = Pick<PersonResult, 'score' | 'timeUsedMs' | 'submittedAt' | 'accommodated'>

/** Whether `a` is strictly ahead of `b`. Accommodated people are compared on score alone. */
export function isAhead(a: Standing, b: Standing): boolean {
	const as = roundScore(a.score)
	const bs = roundScore(b.score)
	if (as !== bs) return as > bs
	if (a.accommodated || b.accommodated) return false
	if (a.timeUsedMs !== b.timeUsedMs) return a.timeUsedMs < b.timeUsedMs
	return a.submittedAt < b.submittedAt
}

/**
 * A ranking's inputs column by column (index i is one person): score, time used, hand-in time and
 * whether accommodated. The ranking code reads these, so a season of 25,000 people is ordered
 * without an intermediate object per person (ADR 072: objects and their garbage were most of it).
 */
export type RankColumns = {
	count: number
	score: ArrayLike<number>
	timeUsedMs: ArrayLike<number>
	submittedAt: ArrayLike<number>
	accommodated: ArrayLike<boolean>
}

/**
 * Competition ranking ("1, 2, 2, 4"): a person's rank is one more than the number of people
 * strictly ahead of them (isAhead). Because accommodated people are never ahead of nor behind an
 * equal score, this stays well defined where a sort comparator would not be transitive.
 * Returns people (by column index) in rank order, accommodated first among a score's equals, with
 * their ranks; `displayOrder` then orders each run of one rank by name.
 */
export function rankOrder(columns: RankColumns): { order: Uint32Array; ranks: Uint32Array } {
	const { count, timeUsedMs, submittedAt, accommodated } = columns
	// Within one score the non-accommodated are totally ordered by (time, submission), so one
	// sort by (score desc, time, submission) lets us count "ahead" per score group in O(n log n).
	// Rounded once per person, not once per comparison.
	const score = new Float64Array(count)
	for (let i = 0; i < count; i++) score[i] = roundScore(columns.score[i]!)
	// A plain array: V8 sorts typed arrays with a comparator several times slower.
	const sorted = new Array<number>(count)
	for (let i = 0; i < count; i++) sorted[i] = i
	sorted.sort((a, b) => score[b]! - score[a]! || timeUsedMs[a]! - timeUsedMs[b]! || submittedAt[a]! - submittedAt[b]! || a - b)
	const order = new Uint32Array(count)
	const ranks = new Uint32Array(count)
	let placed = 0
	let higherScores = 0
	for (let i = 0; i < count; ) {
		const groupScore = score[sorted[i]!]!
		let j = i
		while (j < count && score[sorted[j]!] === groupScore) j++
		// The accommodated share the group's first rank and come first among equals.
		for (let k = i; k < j; k++) {
			const person = sorted[k]!
			if (!accommodated[person]) continue
			order[placed] = person
			ranks[placed++] = higherScores + 1
		}
		let aheadInGroup = 0
		let previous = -1
		let inGroup = 0
		for (let k = i; k < j; k++) {
			const person = sorted[k]!
			if (accommodated[person]) continue
			// Same score, sorted by (time, submission): the previous one is ahead unless both are equal.
			if (previous >= 0 && (timeUsedMs[previous] !== timeUsedMs[person] || submittedAt[previous] !== submittedAt[person])) aheadInGroup = inGroup
			order[placed] = person
			ranks[placed++] = higherScores + aheadInGroup + 1
			previous = person
			inGroup++
		}
		higherScores += j - i
		i = j
	}
	return { order, ranks }
}

const byDisplay = (a: RankedPerson, b: RankedPerson) => Number(b.accommodated) - Number(a.accommodated) || zh.compare(a.name, b.name) || a.userId.localeCompare(b.userId)

/**
 * Rows in rank order (as rankOrder gives them) → display order: each run of one rank sorted
 * where it stands (accommodated first, then name); splicing every run into a 25,000-row list
 * would move the whole list once per run.
 */
export function displayOrder(ranked: RankedPerson[]): RankedPerson[] {
	for (let start = 0; start < ranked.length; ) {
		let end = start + 1
		while (end < ranked.length && ranked[end]!.rank === ranked[start]!.rank) end++
		if (end - start > 1) {
			const run = ranked.slice(start, end).sort(byDisplay)
			for (let k = 0; k < run.length; k++) ranked[start + k] = run[k]!
		}
		start = end
	}
	return ranked
}

/** The row with its rank, field by field: an object spread here costs ~100 ms over a season's 25,000 people. */
function withRank(p: PersonResult, rank: number): RankedPerson {
	return { userId: p.userId, name: p.name, username: p.username, unitId: p.unitId, unitName: p.unitName, score: p.score, timeUsedMs: p.timeUsedMs, submittedAt: p.submittedAt, accommodated: p.accommodated, roundsSat: p.roundsSat, rank }
}

/** People's results ranked (rankOrder) and in display order: the rule on plain rows. */
export function rankPeople(results: readonly PersonResult[]): RankedPerson[] {
	const { order, ranks } = rankOrder({
		count: results.length,
		score: results.map((r) => r.score),
		timeUsedMs: results.map((r) => r.timeUsedMs),
		submittedAt: results.map((r) => r.submittedAt),
		accommodated: results.map((r) => r.accommodated),
	})
	const ranked = new Array<RankedPerson>(results.length)
	for (let k = 0; k < order.length; k++) ranked[k] = withRank(results[order[k]!]!, ranks[k]!)
	return displayOrder(ranked)
}

/** Someone eligible who has no counted result (缺考), listed apart. */
export type AbsentPerson = { userId: string; name: string; username: string; unitId: string; unitName: string }

export function sortAbsent(absent: readonly AbsentPerson[]): AbsentPerson[] {
	return [...absent].sort((a, b) => zh.compare(a.unitName, b.unitName) || zh.compare(a.name, b.name) || a.userId.localeCompare(b.userId))
}

// ---- Season weights (ADR 064) ----------------------------------------------------------

/** The weight of a round not named in a season's settings: every round counts once (plain sum). */
export const DEFAULT_ROUND_WEIGHT = 1
export const MAX_ROUND_WEIGHT = 10

/** Scores and weights are kept to the hundredth: as whole hundredths they multiply exactly. */
export function toHundredths(value: number) {
	return Math.round(roundScore(value) * 100)
}

/** A total in ten-thousandths (hundredths × hundredths) as a score to the hundredth, half up. */
export function fromTenThousandths(total: number) {
	return Math.round(total / 100) / 100
}

/**
 * Σ score × weight over a season's rounds, computed in whole numbers so that the database
 * (which sums the same products, app/rankings/standings.ts) and this code agree to the last digit.
 */
export function weightedSum(parts: readonly { score: number; weight: number }[]) {
	return fromTenThousandths(parts.reduce((sum, p) => sum + toHundredths(p.score) * toHundredths(p.weight), 0))
}

function weightText(weight: number) {
	return String(roundScore(weight))
}

/**
 * The season formula as the page shows it, with the weights the ranking was built with. All
 * weights 1 reads as the plain sum; a round weighted 0 is named as not counted.
 */
export function seasonFormulaText(rounds: readonly { title: string; weight: number }[]) {
	const counted = rounds.filter((r) => r.weight > 0)
	const left = rounds.filter((r) => r.weight <= 0)
	const leftText = left.length ? `；${left.map((r) => r.title).join('、')}权重为 0，不计入` : ''
	if (counted.length === 0) return `赛季总分：没有计入的轮次${leftText}。`
	if (counted.every((r) => r.weight === DEFAULT_ROUND_WEIGHT))
		return `赛季总分 = ${counted.map((r) => r.title).join(' + ')} 各轮得分之和（未参加的轮次计 0 分），满分为各轮满分之和${leftText}。`
	return `赛季总分 = ${counted.map((r) => `${r.title}得分 × ${weightText(r.weight)}`).join(' + ')}（未参加的轮次计 0 分，保留两位小数），满分按同样的权重计算${leftText}。`
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
	rows.sort((a, b) => b.index - a.index || zh.compare(a.unitName, b.unitName) || a.unitId.localeCompare(b.unitId))
	return rows.map((row) => ({ ...row, rank: 1 + rows.filter((other) => other.index > row.index).length }))
}
