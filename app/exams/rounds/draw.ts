// Drawing a paper from the bank: which questions each draw rule takes, in what order, with
// options in what order. Pure, so the same seed and pool always give the same paper, and
// the publish check and the real draw share one allocation.
import { QUESTION_TYPE_LABELS, type QuestionType } from '#app/exams/bank/question-types.ts'
import { TOPIC_LABELS, type Topic } from '#app/utils/topics.ts'
import { createRandom, sample, shuffled } from './seeded-random.ts'

export type DrawRuleSpec = {
	position: number
	topic: string
	type: string
	/** null: any difficulty */
	difficulty: number | null
	count: number
	pointsEach: number
}

export type DrawCandidate = {
	questionId: string
	versionId: string
	topic: string
	type: string
	difficulty: number
	/** Original option keys in bank order; [] for types without options. */
	optionKeys: string[]
}

export type DrawnQuestion = {
	position: number
	questionId: string
	versionId: string
	type: string
	points: number
	optionOrder: string[]
	rulePosition: number
}

export type RuleShortage = { rule: DrawRuleSpec; needed: number; available: number; message: string }

const CHOICE_TYPES = new Set(['single', 'multiple'])

export function describeRule(rule: Pick<DrawRuleSpec, 'position' | 'topic' | 'type' | 'difficulty'>) {
	const topic = TOPIC_LABELS[rule.topic as Topic] ?? rule.topic
	const type = QUESTION_TYPE_LABELS[rule.type as QuestionType] ?? rule.type
	const difficulty = rule.difficulty == null ? '任意难度' : `难度 ${rule.difficulty}`
	return `抽题规则 ${rule.position}（${topic} · ${type} · ${difficulty}）`
}

function matches(rule: DrawRuleSpec, candidate: DrawCandidate) {
	return (
		candidate.topic === rule.topic &&
		candidate.type === rule.type &&
		(rule.difficulty == null || candidate.difficulty === rule.difficulty)
	)
}

/**
 * Rules with a fixed difficulty take their questions first; "any difficulty" rules then take
 * from what is left. Rules only overlap through "any", so this order finds a paper whenever
 * one exists, and a shortage it reports is real.
 */
function allocationOrder(rules: readonly DrawRuleSpec[]) {
	return [...rules].sort((a, b) => Number(a.difficulty == null) - Number(b.difficulty == null) || a.position - b.position)
}

function shortageMessage(rule: DrawRuleSpec, available: number, shared: boolean) {
	const pool = shared ? '扣除其他规则已占用的题目后，题库中仅剩' : '题库中仅有'
	return `${describeRule(rule)}需要 ${rule.count} 道启用的题目，${pool} ${available} 道，请补充题目或调整规则。`
}

type Allocation = { picks: Map<DrawRuleSpec, DrawCandidate[]>; shortages: RuleShortage[] }

function allocate(rules: readonly DrawRuleSpec[], candidates: readonly DrawCandidate[], pick: (pool: DrawCandidate[], count: number) => DrawCandidate[]): Allocation {
	// A stable pool order makes the seeded draw independent of the database's row order.
	const pool = [...candidates].sort((a, b) => (a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0))
	const taken = new Set<string>()
	const picks = new Map<DrawRuleSpec, DrawCandidate[]>()
	const shortages: RuleShortage[] = []
	for (const rule of allocationOrder(rules)) {
		const matching = pool.filter((candidate) => matches(rule, candidate))
		const free = matching.filter((candidate) => !taken.has(candidate.questionId))
		if (free.length < rule.count) {
			shortages.push({ rule, needed: rule.count, available: free.length, message: shortageMessage(rule, free.length, free.length < matching.length) })
			picks.set(rule, [])
			continue
		}
		const chosen = pick(free, rule.count)
		for (const candidate of chosen) taken.add(candidate.questionId)
		picks.set(rule, chosen)
	}
	shortages.sort((a, b) => a.rule.position - b.rule.position)
	return { picks, shortages }
}

/** Every rule that the pool cannot fill, with a Chinese message naming it. */
export function findDrawShortages(rules: readonly DrawRuleSpec[], candidates: readonly DrawCandidate[]): RuleShortage[] {
	return allocate(rules, candidates, (free, count) => free.slice(0, count)).shortages
}

export type DrawOptions = { seed: string; shuffleQuestions: boolean; shuffleOptions: boolean }

export type DrawResult = { ok: true; questions: DrawnQuestion[] } | { ok: false; shortages: RuleShortage[] }

/**
 * The paper for one attempt. Sections follow the rules' order (as a printed paper groups
 * 单选, 多选, …); shuffling reorders questions within a section and options within a question.
 */
export function drawPaper(rules: readonly DrawRuleSpec[], candidates: readonly DrawCandidate[], options: DrawOptions): DrawResult {
	const random = createRandom(options.seed)
	const { picks, shortages } = allocate(rules, candidates, (free, count) => sample(free, count, random))
	if (shortages.length) return { ok: false, shortages }

	const questions: DrawnQuestion[] = []
	for (const rule of [...rules].sort((a, b) => a.position - b.position)) {
		const chosen = picks.get(rule) ?? []
		const section = options.shuffleQuestions
			? shuffled(chosen, random)
			: [...chosen].sort((a, b) => (a.questionId < b.questionId ? -1 : 1))
		for (const candidate of section) {
			const optionOrder =
				options.shuffleOptions && CHOICE_TYPES.has(candidate.type) ? shuffled(candidate.optionKeys, random) : [...candidate.optionKeys]
			questions.push({
				position: questions.length + 1,
				questionId: candidate.questionId,
				versionId: candidate.versionId,
				type: candidate.type,
				points: rule.pointsEach,
				optionOrder,
				rulePosition: rule.position,
			})
		}
	}
	return { ok: true, questions }
}

export function paperMaxScore(rules: readonly Pick<DrawRuleSpec, 'count' | 'pointsEach'>[]) {
	// Points carry one decimal; summing in tenths keeps 0.1 + 0.2 from drifting.
	return rules.reduce((tenths, rule) => tenths + Math.round(rule.count * rule.pointsEach * 10), 0) / 10
}
