// Pure grading of objective answers under a round's policy. No database, no clock:
// the same inputs always give the same score, so regrade and statistics can rely on it.
import { z } from 'zod'
import {
	FillBlankKeySchema,
	MultipleKeySchema,
	ResponseSchemas,
	SingleKeySchema,
	TrueFalseKeySchema,
	type FillBlankKey,
	type ObjectiveType,
} from '#app/exams/bank/question-types.ts'

export const MULTIPLE_CHOICE_POLICIES = ['all_or_nothing', 'partial'] as const
export type MultipleChoicePolicy = (typeof MULTIPLE_CHOICE_POLICIES)[number]

export const GradingPolicySchema = z.object({
	multipleChoicePolicy: z.enum(MULTIPLE_CHOICE_POLICIES),
	partialCreditRatio: z.number().min(0).max(1),
	fillBlankOrderInsensitive: z.boolean(),
})
export type GradingPolicy = z.infer<typeof GradingPolicySchema>

export type ObjectiveGrade = {
	score: number
	/** Full marks. A partly right answer is not correct (it counts as missed for the 错题本). */
	isCorrect: boolean
}

export type ObjectiveQuestion = { type: ObjectiveType; answerKey: unknown; points: number }

/** Scores are kept to hundredths so sums of thirds do not drift. */
export function roundScore(value: number) {
	return Math.round((value + Number.EPSILON) * 100) / 100
}

/** Trim, fold full-/half-width (NFKC), collapse inner whitespace, ignore case. */
export function normaliseBlankAnswer(text: string) {
	return text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase()
}

const NO_CREDIT: ObjectiveGrade = { score: 0, isCorrect: false }

function full(points: number): ObjectiveGrade {
	return { score: roundScore(points), isCorrect: true }
}

export function gradeSingle(key: unknown, response: unknown, points: number): ObjectiveGrade {
	const answer = ResponseSchemas.single.safeParse(response)
	return answer.success && answer.data === SingleKeySchema.parse(key) ? full(points) : NO_CREDIT
}

export function gradeTrueFalse(key: unknown, response: unknown, points: number): ObjectiveGrade {
	const answer = ResponseSchemas.true_false.safeParse(response)
	return answer.success && answer.data === TrueFalseKeySchema.parse(key) ? full(points) : NO_CREDIT
}

/**
 * All or nothing: exactly the key's set. Partial (漏选得分): a non-empty proper subset of the
 * key earns partialCreditRatio × points; any option outside the key earns nothing.
 */
export function gradeMultiple(key: unknown, response: unknown, points: number, policy: GradingPolicy): ObjectiveGrade {
	const answer = ResponseSchemas.multiple.safeParse(response)
	if (!answer.success) return NO_CREDIT
	const correct = new Set(MultipleKeySchema.parse(key))
	const chosen = new Set(answer.data)
	if (chosen.size === 0) return NO_CREDIT
	for (const option of chosen) if (!correct.has(option)) return NO_CREDIT
	if (chosen.size === correct.size) return full(points)
	return policy.multipleChoicePolicy === 'partial' ? { score: roundScore(points * policy.partialCreditRatio), isCorrect: false } : NO_CREDIT
}

/** Largest number of blanks filled correctly when answers may go in any blank (bipartite matching). */
function maxOrderFreeMatches(accepted: Set<string>[], answers: string[]) {
	const blankOfAnswer = new Array<number>(answers.length).fill(-1)
	function tryBlank(blank: number, seen: boolean[]): boolean {
		for (let a = 0; a < answers.length; a++) {
			if (seen[a] || !accepted[blank]!.has(answers[a]!)) continue
			seen[a] = true
			if (blankOfAnswer[a] === -1 || tryBlank(blankOfAnswer[a]!, seen)) {
				blankOfAnswer[a] = blank
				return true
			}
		}
		return false
	}
	let matched = 0
	for (let blank = 0; blank < accepted.length; blank++) if (tryBlank(blank, new Array<boolean>(answers.length).fill(false))) matched++
	return matched
}

/** Per-blank credit: points × (blanks right / blanks). */
export function gradeFillBlank(key: unknown, response: unknown, points: number, policy: GradingPolicy): ObjectiveGrade {
	const answer = ResponseSchemas.fill_blank.safeParse(response)
	if (!answer.success) return NO_CREDIT
	const blanks: FillBlankKey = FillBlankKeySchema.parse(key)
	const accepted = blanks.map((alternatives) => new Set(alternatives.map(normaliseBlankAnswer)))
	const answers = answer.data.slice(0, blanks.length).map(normaliseBlankAnswer)
	const matched = policy.fillBlankOrderInsensitive
		? maxOrderFreeMatches(
				accepted,
				answers.filter((a) => a !== ''),
			)
		: accepted.filter((set, index) => answers[index] !== undefined && answers[index] !== '' && set.has(answers[index]!)).length
	if (matched === blanks.length) return full(points)
	return { score: roundScore((points * matched) / blanks.length), isCorrect: false }
}

export function gradeObjective(question: ObjectiveQuestion, response: unknown, policy: GradingPolicy): ObjectiveGrade {
	if (response === null || response === undefined) return NO_CREDIT
	switch (question.type) {
		case 'single':
			return gradeSingle(question.answerKey, response, question.points)
		case 'true_false':
			return gradeTrueFalse(question.answerKey, response, question.points)
		case 'multiple':
			return gradeMultiple(question.answerKey, response, question.points, policy)
		case 'fill_blank':
			return gradeFillBlank(question.answerKey, response, question.points, policy)
	}
}
