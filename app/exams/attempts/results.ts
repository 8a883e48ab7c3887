// A learner's result and review of their own attempt. The score and per-question marks are
// read only once the round releases them (ADR 039), the key and 解析 only after the round's
// review has opened; before that this module does not even select them, so no response can
// carry them. Even in the review, a question whose key is embargoed by another round not yet
// reviewed (ADR 038) shows only the stem, the options and the learner's own answer.
import { isEssayType, OPTION_KEYS, type QuestionContent } from '#app/exams/bank/question-types.ts'
import { roundScore } from '#app/exams/grading/objective.ts'
import { formatRegulation } from '#app/exams/bank/regulation-format.ts'
import { columnsToContent, VERSION_CONTENT_SELECT } from '#app/exams/bank/version-content.server.ts'
import { embargoedQuestionIds } from '#app/exams/rounds/key-embargo.ts'
import type { DbOrTx } from '#app/utils/db-client.server.ts'
import { closeOnAccess, type PaperOption, type ReviewOption, reviewOptions } from './learner-paper.ts'
import { attemptRelease, roundReleaseTimes } from '#app/exams/timing/result-release.ts'
import { parseStoredAnswer, type AnswerValue } from './save-answer.server.ts'

export type ReviewQuestion = {
	position: number
	type: string
	stem: string
	points: number
	/** In the bank's order and letters, each with the letter the learner saw (see reviewOptions). */
	options: ReviewOption[]
	answer: AnswerValue
	score: number | null
	isCorrect: boolean | null
	/** The key in the option letters shown beside it (the bank's, in a review). */
	keyText: string
	explanation: string
	regulation: string | null
	lessonRefs: string[]
	problemRefs: string[]
	comments: string[]
	/** The key, 解析, marks and comments are held back: the question is in the pool of a round not yet reviewed. */
	withheld: boolean
}

/** The key in the labels of the options given: option letters, blanks, 正确/错误. */
export function describeKey(content: QuestionContent, options: PaperOption[]) {
	const label = (key: string) => options.find((o) => o.key === key)?.label ?? key
	switch (content.type) {
		case 'single':
			return label(content.answerKey)
		case 'multiple':
			return content.answerKey
				.map(label)
				.sort((a, b) => OPTION_KEYS.indexOf(a as never) - OPTION_KEYS.indexOf(b as never))
				.join('')
		case 'true_false':
			return content.answerKey ? '正确' : '错误'
		case 'fill_blank':
			return content.answerKey.map((alternatives, i) => `第${i + 1}空：${alternatives.join(' 或 ')}`).join('；')
		default:
			return content.answerKey
	}
}

/** One question's mark before the review: no key, only what the learner earned (null while a grader has yet to act). */
export type QuestionMark = { position: number; type: string; points: number; score: number | null; withheld: boolean }

export async function getAttemptResult(db: DbOrTx, { attemptId, userId, now }: { attemptId: string; userId: string; now: Date }) {
	await closeOnAccess(db, attemptId, now)
	const attempt = await db.attempt.findFirst({
		where: { id: attemptId, userId },
		select: {
			id: true,
			attemptNo: true,
			status: true,
			startedAt: true,
			finishedAt: true,
			deadline: true,
			gradingStatus: true,
			maxScore: true,
			round: { select: { id: true, title: true, closesAt: true, reviewOpensAt: true, scoreRelease: true, marksRelease: true } },
			questions: { orderBy: { position: 'asc' }, select: { position: true, answer: true } },
		},
	})
	if (!attempt) return null
	const finished = attempt.status !== 'open'
	const times = await roundReleaseTimes(db, attempt.round)
	const release = attemptRelease(attempt.round, times, attempt, now)
	const reviewOpen = finished && times.reviewAt <= now
	// The score and marks are read only once released: before that no response can carry them.
	const scores = release.score.released ? await loadScores(db, attempt.id, attempt.gradingStatus) : null
	return {
		id: attempt.id,
		attemptNo: attempt.attemptNo,
		status: attempt.status,
		startedAt: attempt.startedAt.toISOString(),
		finishedAt: attempt.finishedAt?.toISOString() ?? null,
		deadline: attempt.deadline.toISOString(),
		gradingStatus: attempt.gradingStatus,
		maxScore: attempt.maxScore,
		/** The total, once released and fully graded. */
		score: scores?.total ?? null,
		/** Released while essays await a grader: the objective part (客观题 38/40，主观题阅卷中). */
		objective: scores?.objective ?? null,
		scoreReleased: release.score.released,
		scoreReleaseAt: release.score.at?.toISOString() ?? null,
		marksReleaseAt: release.marks.at?.toISOString() ?? null,
		round: { id: attempt.round.id, title: attempt.round.title },
		reviewOpensAt: times.reviewAt.toISOString(),
		questionCount: attempt.questions.length,
		answeredCount: attempt.questions.filter((q) => parseStoredAnswer(q.answer) !== null).length,
		/** Per-question marks between their release and the review (the review carries its own). */
		marks: release.marks.released && !reviewOpen ? await loadMarks(db, attempt.id, attempt.round.id, now) : null,
		review: reviewOpen ? await loadReview(db, attempt.id, now) : null,
	}
}

async function loadScores(db: DbOrTx, attemptId: string, gradingStatus: string) {
	if (gradingStatus === 'pending') return null
	const attempt = await db.attempt.findUniqueOrThrow({
		where: { id: attemptId },
		select: { score: true, questions: { select: { points: true, autoScore: true, questionVersion: { select: { type: true } } } } },
	})
	if (gradingStatus === 'complete') return { total: attempt.score, objective: null }
	const objective = attempt.questions.filter((q) => !isEssayType(q.questionVersion.type))
	return {
		total: null,
		objective: { score: roundScore(objective.reduce((sum, q) => sum + (q.autoScore ?? 0), 0)), max: roundScore(objective.reduce((sum, q) => sum + q.points, 0)) },
	}
}

async function loadMarks(db: DbOrTx, attemptId: string, roundId: string, now: Date): Promise<QuestionMark[]> {
	const embargoed = await embargoedQuestionIds(db, now, { exceptRoundId: roundId })
	const questions = await db.attemptQuestion.findMany({
		where: { attemptId },
		orderBy: { position: 'asc' },
		select: { position: true, points: true, finalScore: true, questionVersion: { select: { type: true, questionId: true } } },
	})
	return questions.map((question) => {
		// A mark on a question another round can still draw says whether the learner's answer is its key (ADR 038).
		const withheld = embargoed.has(question.questionVersion.questionId)
		return { position: question.position, type: question.questionVersion.type, points: question.points, score: withheld ? null : question.finalScore, withheld }
	})
}

async function loadReview(db: DbOrTx, attemptId: string, now: Date): Promise<ReviewQuestion[]> {
	const embargoed = await embargoedQuestionIds(db, now)
	const questions = await db.attemptQuestion.findMany({
		where: { attemptId },
		orderBy: { position: 'asc' },
		select: {
			position: true,
			points: true,
			optionOrder: true,
			answer: true,
			autoScore: true,
			finalScore: true,
			isCorrect: true,
			gradingMarks: { orderBy: { markerNo: 'asc' }, select: { comment: true } },
			questionVersion: { select: { questionId: true, ...VERSION_CONTENT_SELECT } },
		},
	})
	return questions.map((question): ReviewQuestion => {
		const content = columnsToContent(question.questionVersion)
		const options = reviewOptions(question.questionVersion.options, question.optionOrder)
		if (embargoed.has(question.questionVersion.questionId)) {
			return {
				position: question.position,
				type: content.type,
				stem: content.stem,
				points: question.points,
				options,
				answer: parseStoredAnswer(question.answer),
				score: null,
				isCorrect: null,
				keyText: '',
				explanation: '',
				regulation: null,
				lessonRefs: [],
				problemRefs: [],
				comments: [],
				withheld: true,
			}
		}
		return {
			position: question.position,
			type: content.type,
			stem: content.stem,
			points: question.points,
			options,
			answer: parseStoredAnswer(question.answer),
			score: question.finalScore ?? question.autoScore,
			isCorrect: question.isCorrect,
			keyText: describeKey(content, options),
			explanation: content.explanation,
			regulation: content.regulation ? formatRegulation(content.regulation) : null,
			lessonRefs: content.lessonRefs,
			problemRefs: content.problemRefs,
			comments: question.gradingMarks.flatMap((mark) => (mark.comment ? [mark.comment] : [])),
			withheld: false,
		}
	})
}

export type AttemptResult = NonNullable<Awaited<ReturnType<typeof getAttemptResult>>>
