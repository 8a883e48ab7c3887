// 错题本: every question the learner missed — in rounds whose review has opened (before that
// even "you missed question 7" would hint at the key) and in practice — except questions
// whose keys are embargoed by a round not yet reviewed (ADR 038): they are left out whole,
// since listing one as missed already tells its key is not what the learner answered.
import { type QuestionContent } from '#app/exams/bank/question-types.ts'
import { columnsToContent, VERSION_CONTENT_SELECT } from '#app/exams/bank/version-content.server.ts'
import { orderedOptions, type PaperOption, reviewOptions } from '#app/exams/attempts/learner-paper.ts'
import { describeKey } from '#app/exams/attempts/results.ts'
import { parseStoredAnswer, type AnswerValue } from '#app/exams/attempts/save-answer.server.ts'
import { embargoedQuestionIds } from '#app/exams/rounds/key-embargo.ts'
import { listReviewOpenRoundIds } from '#app/exams/timing/review-window.ts'
import type { DbOrTx } from '#app/utils/db-client.server.ts'

export type Mistake = {
	questionId: string
	source: 'exam' | 'practice'
	sourceTitle: string
	missedAt: string
	type: string
	topic: string
	stem: string
	options: PaperOption[]
	answer: AnswerValue
	keyText: string
	explanation: string
	lessonRefs: string[]
	problemRefs: string[]
	/** The latest practice of this question was right. */
	mastered: boolean
	nextDue: string | null
}

/** Questions this learner missed in rounds whose review is open, not embargoed, newest first. */
export async function missedExamQuestions(db: DbOrTx, { userId, now, embargoed }: { userId: string; now: Date; embargoed?: ReadonlySet<string> }) {
	const roundIds = await listReviewOpenRoundIds(db, now)
	if (roundIds.length === 0) return []
	const hidden = embargoed ?? (await embargoedQuestionIds(db, now))
	const rows = await db.attemptQuestion.findMany({
		where: {
			OR: [{ isCorrect: false }, { isCorrect: null, finalScore: { not: null } }],
			attempt: { userId, roundId: { in: roundIds }, status: { in: ['submitted', 'expired'] }, gradingStatus: 'complete' },
		},
		select: {
			answer: true,
			points: true,
			finalScore: true,
			isCorrect: true,
			optionOrder: true,
			attempt: { select: { finishedAt: true, round: { select: { title: true } } } },
			questionVersion: { select: { questionId: true, ...VERSION_CONTENT_SELECT } },
		},
	})
	// Essays have no isCorrect: anything short of full marks counts as missed.
	const missed = rows.filter((row) => (row.isCorrect === false || (row.finalScore ?? 0) < row.points) && !hidden.has(row.questionVersion.questionId))
	return missed.sort((a, b) => (b.attempt.finishedAt?.getTime() ?? 0) - (a.attempt.finishedAt?.getTime() ?? 0))
}

function toMistake(
	base: { questionId: string; source: 'exam' | 'practice'; sourceTitle: string; missedAt: Date; answer: AnswerValue; content: QuestionContent; options: PaperOption[] },
	card: { due: Date; lastCorrect: boolean } | undefined,
): Mistake {
	return {
		questionId: base.questionId,
		source: base.source,
		sourceTitle: base.sourceTitle,
		missedAt: base.missedAt.toISOString(),
		type: base.content.type,
		topic: base.content.topic,
		stem: base.content.stem,
		options: base.options,
		answer: base.answer,
		keyText: describeKey(base.content, base.options),
		explanation: base.content.explanation,
		lessonRefs: base.content.lessonRefs,
		problemRefs: base.content.problemRefs,
		mastered: card?.lastCorrect ?? false,
		nextDue: card ? card.due.toISOString() : null,
	}
}

export async function listMistakes(db: DbOrTx, { userId, now }: { userId: string; now: Date }): Promise<Mistake[]> {
	const embargoed = await embargoedQuestionIds(db, now)
	const [examRows, practiceMisses, cards] = await Promise.all([
		missedExamQuestions(db, { userId, now, embargoed }),
		db.practiceReview.findMany({ where: { userId, correct: false }, orderBy: { reviewedAt: 'desc' }, select: { questionId: true, answer: true, reviewedAt: true } }),
		db.practiceCard.findMany({
			where: { userId },
			select: { questionId: true, due: true, reviews: { orderBy: { reviewedAt: 'desc' }, take: 1, select: { correct: true } } },
		}),
	])
	const cardOf = new Map(cards.map((c) => [c.questionId, { due: c.due, lastCorrect: c.reviews[0]?.correct ?? false }]))
	const seen = new Set<string>()
	const mistakes: Mistake[] = []
	for (const row of examRows) {
		const questionId = row.questionVersion.questionId
		if (seen.has(questionId)) continue
		seen.add(questionId)
		const content = columnsToContent(row.questionVersion)
		mistakes.push(
			toMistake(
				{
					questionId,
					source: 'exam',
					sourceTitle: row.attempt.round.title,
					missedAt: row.attempt.finishedAt ?? now,
					answer: parseStoredAnswer(row.answer),
					content,
					options: reviewOptions(row.questionVersion.options, row.optionOrder),
				},
				cardOf.get(questionId),
			),
		)
	}
	const practiceOnly = practiceMisses.filter((miss) => !seen.has(miss.questionId) && !embargoed.has(miss.questionId))
	const current = await db.question.findMany({
		where: { id: { in: [...new Set(practiceOnly.map((m) => m.questionId))] } },
		select: { id: true, currentVersion: { select: VERSION_CONTENT_SELECT } },
	})
	const versionOf = new Map(current.map((q) => [q.id, q.currentVersion]))
	for (const miss of practiceOnly) {
		const version = versionOf.get(miss.questionId)
		if (seen.has(miss.questionId) || !version) continue
		seen.add(miss.questionId)
		mistakes.push(
			toMistake(
				{
					questionId: miss.questionId,
					source: 'practice',
					sourceTitle: '练习',
					missedAt: miss.reviewedAt,
					answer: parseStoredAnswer(miss.answer),
					content: columnsToContent(version),
					options: orderedOptions(version.options, '[]'),
				},
				cardOf.get(miss.questionId),
			),
		)
	}
	return mistakes
}
