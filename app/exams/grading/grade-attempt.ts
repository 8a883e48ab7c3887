// Scores a closed attempt: objective questions by the round's policy, hand-graded ones from
// their marks, then the attempt's total and grading status. Idempotent: running it again
// writes only what changed, so submit, the deadline sweep, marking and regrade share it.
import { isEssayType, type ObjectiveType } from '#app/exams/bank/question-types.ts'
import type { Db, DbOrTx, DbTx } from '#app/utils/db-client.server.ts'
import { essayStage, type MarkingSettings } from './final-score.ts'
import { gradeObjective, GradingPolicySchema, roundScore, type GradingPolicy } from './objective.ts'
import { withBusyRetry } from '#app/utils/busy-retry.ts'

export const CLOSED_ATTEMPT_STATUSES = ['submitted', 'expired']

export type QuestionScore = { autoScore: number | null; finalScore: number | null; isCorrect: boolean | null }
export type QuestionScoreChange = { attemptQuestionId: string; position: number; before: QuestionScore; after: QuestionScore }
export type AttemptGrade = {
	attemptId: string
	previousScore: number | null
	score: number
	maxScore: number
	gradingStatus: 'manual_pending' | 'complete'
	changes: QuestionScoreChange[]
}

type GradableQuestion = {
	id: string
	position: number
	points: number
	answer: string | null
	autoScore: number | null
	finalScore: number | null
	isCorrect: boolean | null
	questionVersion: { type: string; answerKey: string }
	gradingMarks: { markerNo: number; score: number; graderId: string }[]
}

export function hasEssayAnswer(answer: string | null) {
	if (answer === null) return false
	const value: unknown = JSON.parse(answer)
	return typeof value === 'string' && value.trim() !== ''
}

/** A question's scores under a policy and, for essays, its marks. `pending` means a grader still has to act. */
export function scoreQuestion(
	question: Pick<GradableQuestion, 'points' | 'answer' | 'questionVersion' | 'gradingMarks'>,
	policy: GradingPolicy,
	marking: MarkingSettings,
	answerKey: unknown = JSON.parse(question.questionVersion.answerKey),
): QuestionScore & { pending: boolean } {
	const { type } = question.questionVersion
	if (isEssayType(type)) {
		// An essay left blank earns nothing and needs no grader; isCorrect does not apply to essays.
		if (!hasEssayAnswer(question.answer)) return { autoScore: null, finalScore: 0, isCorrect: null, pending: false }
		const stage = essayStage(question.gradingMarks, marking)
		return stage.stage === 'final'
			? { autoScore: null, finalScore: Math.min(stage.score, question.points), isCorrect: null, pending: false }
			: { autoScore: null, finalScore: null, isCorrect: null, pending: true }
	}
	const response: unknown = question.answer === null ? null : JSON.parse(question.answer)
	const grade = gradeObjective({ type: type as ObjectiveType, answerKey, points: question.points }, response, policy)
	return { autoScore: grade.score, finalScore: grade.score, isCorrect: grade.isCorrect, pending: false }
}

export const GRADABLE_QUESTION_SELECT = {
	id: true,
	position: true,
	points: true,
	answer: true,
	autoScore: true,
	finalScore: true,
	isCorrect: true,
	questionVersion: { select: { type: true, answerKey: true } },
	gradingMarks: { select: { markerNo: true, score: true, graderId: true } },
} as const

const ROUND_POLICY_SELECT = {
	multipleChoicePolicy: true,
	partialCreditRatio: true,
	fillBlankOrderInsensitive: true,
	secondMarkerEnabled: true,
	discrepancyThreshold: true,
} as const

function sameScore(a: QuestionScore, b: QuestionScore) {
	return a.autoScore === b.autoScore && a.finalScore === b.finalScore && a.isCorrect === b.isCorrect
}

/**
 * Recomputes one closed attempt inside a transaction. `answerKeyOverride` scores one version
 * with a corrected key (regrade) before or after the key itself is written.
 */
export async function regradeAttemptInTx(
	tx: DbOrTx,
	attemptId: string,
	{ now = new Date(), answerKeyOverride }: { now?: Date; answerKeyOverride?: { versionId: string; answerKey: unknown } } = {},
): Promise<AttemptGrade> {
	const attempt = await tx.attempt.findUniqueOrThrow({
		where: { id: attemptId },
		select: {
			status: true,
			score: true,
			maxScore: true,
			gradingStatus: true,
			gradedAt: true,
			round: { select: ROUND_POLICY_SELECT },
			questions: { orderBy: { position: 'asc' }, select: { ...GRADABLE_QUESTION_SELECT, questionVersionId: true } },
		},
	})
	if (!CLOSED_ATTEMPT_STATUSES.includes(attempt.status)) throw new Error(`Attempt ${attemptId} is still open; it is graded once closed.`)
	const policy = GradingPolicySchema.parse(attempt.round)
	const marking: MarkingSettings = attempt.round

	const changes: QuestionScoreChange[] = []
	let total = 0
	let pending = false
	for (const question of attempt.questions) {
		const key =
			answerKeyOverride && answerKeyOverride.versionId === question.questionVersionId
				? answerKeyOverride.answerKey
				: JSON.parse(question.questionVersion.answerKey)
		const { pending: questionPending, ...after } = scoreQuestion(question, policy, marking, key)
		const before: QuestionScore = { autoScore: question.autoScore, finalScore: question.finalScore, isCorrect: question.isCorrect }
		if (!sameScore(before, after)) changes.push({ attemptQuestionId: question.id, position: question.position, before, after })
		total += after.finalScore ?? 0
		pending ||= questionPending
	}

	// Questions that end with the same scores are written together: a paper is a handful of statements.
	const groups = new Map<string, { score: QuestionScore; ids: string[] }>()
	for (const change of changes) {
		const key = JSON.stringify(change.after)
		const group = groups.get(key) ?? { score: change.after, ids: [] }
		group.ids.push(change.attemptQuestionId)
		groups.set(key, group)
	}
	for (const { score, ids } of groups.values()) await tx.attemptQuestion.updateMany({ where: { id: { in: ids } }, data: score })

	const score = roundScore(total)
	const gradingStatus = pending ? 'manual_pending' : 'complete'
	if (attempt.score !== score || attempt.gradingStatus !== gradingStatus || (gradingStatus === 'complete') !== (attempt.gradedAt !== null)) {
		await tx.attempt.update({
			where: { id: attemptId },
			data: {
				score,
				gradingStatus,
				gradedAt: gradingStatus === 'complete' ? (attempt.gradingStatus === 'complete' && attempt.gradedAt ? attempt.gradedAt : now) : null,
			},
		})
	}
	return { attemptId, previousScore: attempt.score, score, maxScore: attempt.maxScore, gradingStatus, changes }
}

function isClient(db: DbOrTx): db is Db {
	return '$transaction' in db
}

/**
 * Scores every objective question of a submitted or expired attempt by its round's policy and
 * sets the attempt's score and gradingStatus (manual_pending while essays await a grader).
 * Called by the attempts module when an attempt closes; safe to call again.
 */
export async function gradeAttemptObjective(db: DbOrTx, attemptId: string, now = new Date()): Promise<AttemptGrade> {
	// On SQLite another process (the server beside a script or test, or a second server
	// process) can write between this transaction's first read and its first write; SQLite then
	// refuses the upgrade with SQLITE_BUSY at once. Grading is idempotent, so it runs again.
	if (isClient(db)) return withBusyRetry(() => db.$transaction((tx: DbTx) => regradeAttemptInTx(tx, attemptId, { now })))
	return regradeAttemptInTx(db, attemptId, { now })
}
