// Practice between rounds (ADR 034): untimed, by topic, one question at a time. Missed exam
// questions come back on their FSRS schedule; new questions come from the part of the bank
// whose keys are already public — questions that appeared in a round whose review has
// opened. Questions in the pool of a round not yet reviewed are embargoed (ADR 038): not
// offered, not counted, not answered, whatever card the learner holds for them.
import { z } from 'zod'
import { countBlankMarkers, isEssayType, type ObjectiveType } from '#app/exams/bank/question-types.ts'
import { TopicSchema, type Topic } from '#app/utils/topics.ts'
import { columnsToContent, VERSION_CONTENT_SELECT } from '#app/exams/bank/version-content.server.ts'
import { gradeObjective } from '#app/exams/grading/objective.ts'
import { orderedOptions, type PaperOption } from '#app/exams/attempts/learner-paper.ts'
import { describeKey } from '#app/exams/attempts/results.ts'
import { AnswerValueSchema, type AnswerValue } from '#app/exams/attempts/save-answer.server.ts'
import { embargoedQuestionIds, publicKeyQuestionIds } from '#app/exams/rounds/key-embargo.ts'
import type { Db, DbOrTx } from '#app/utils/db-client.server.ts'
import { missedExamQuestions } from './mistakes.ts'
import { newCard, ratingForResult, reviewCard, type RatingName } from './schedule.ts'

/** Practice marks multiple choice strictly and blanks in order: the point is to learn the exact answer. */
const PRACTICE_POLICY = { multipleChoicePolicy: 'all_or_nothing', partialCreditRatio: 0, fillBlankOrderInsensitive: false } as const

export const PracticeTopicSchema = TopicSchema.nullable()

/** Active questions whose keys are public (they appeared in a round whose review is open) and not embargoed. */
async function exposedQuestions(db: DbOrTx, { now, topic, embargoed }: { now: Date; topic: Topic | null; embargoed: ReadonlySet<string> }) {
	const exposed = await publicKeyQuestionIds(db, now, { topic })
	return exposed.filter((question) => question.status === 'active' && !embargoed.has(question.id))
}

/** Every missed exam question (review open) gets a card, due now if it is new. */
export async function syncMistakeCards(db: DbOrTx, { userId, now, embargoed }: { userId: string; now: Date; embargoed?: ReadonlySet<string> }) {
	const missed = [...new Set((await missedExamQuestions(db, { userId, now, embargoed })).map((row) => row.questionVersion.questionId))]
	if (missed.length === 0) return 0
	const existing = await db.practiceCard.findMany({ where: { userId, questionId: { in: missed } }, select: { questionId: true } })
	const have = new Set(existing.map((card) => card.questionId))
	const fresh = missed.filter((id) => !have.has(id))
	for (const questionId of fresh) {
		// One by one with upsert: two tabs syncing at once must not trip the unique (user, question).
		await db.practiceCard.upsert({
			where: { userId_questionId: { userId, questionId } },
			create: { userId, questionId, source: 'mistake', ...newCard(now) },
			update: {},
		})
	}
	return fresh.length
}

/**
 * The learner's cards with their question's topic, active and not embargoed questions only (no
 * relation in the schema: cards outlive bank edits). An embargoed card is not even counted:
 * "one 错题 due in 财政" would say a question of an upcoming paper was answered wrong.
 */
async function activeCards(db: DbOrTx, { userId, topic, embargoed }: { userId: string; topic: Topic | null; embargoed: ReadonlySet<string> }) {
	const cards = await db.practiceCard.findMany({ where: { userId }, orderBy: { due: 'asc' }, select: { questionId: true, due: true, source: true } })
	const questions = await db.question.findMany({
		where: { id: { in: cards.map((c) => c.questionId).filter((id) => !embargoed.has(id)) }, status: 'active', ...(topic ? { topic } : {}) },
		select: { id: true, topic: true },
	})
	const topicOf = new Map(questions.map((q) => [q.id, q.topic]))
	return cards.flatMap((card) => {
		const cardTopic = topicOf.get(card.questionId)
		return cardTopic ? [{ ...card, topic: cardTopic }] : []
	})
}

export async function getPracticeOverview(db: Db, { userId, now }: { userId: string; now: Date }) {
	const embargoed = await embargoedQuestionIds(db, now)
	await syncMistakeCards(db, { userId, now, embargoed })
	const [pool, cards, allCards] = await Promise.all([
		exposedQuestions(db, { now, topic: null, embargoed }),
		activeCards(db, { userId, topic: null, embargoed }),
		db.practiceCard.findMany({ where: { userId }, select: { questionId: true } }),
	])
	const carded = new Set(allCards.map((c) => c.questionId))
	const topics = new Map<string, { topic: string; due: number; mistakesDue: number; cards: number; fresh: number }>()
	const entry = (topic: string) => topics.get(topic) ?? topics.set(topic, { topic, due: 0, mistakesDue: 0, cards: 0, fresh: 0 }).get(topic)!
	for (const card of cards) {
		const t = entry(card.topic)
		t.cards++
		if (card.due <= now) {
			t.due++
			if (card.source === 'mistake') t.mistakesDue++
		}
	}
	for (const question of pool) if (!carded.has(question.id)) entry(question.topic).fresh++
	const nextDue = cards.find((c) => c.due > now)?.due ?? null
	return { topics: [...topics.values()], nextDue: nextDue?.toISOString() ?? null }
}

export type PracticeQuestion = {
	questionId: string
	type: string
	topic: string
	stem: string
	options: PaperOption[]
	blankCount: number
	reason: 'due' | 'new'
	source: string
}

/** The next question: the most overdue card first, else a new public question; never the key. */
export async function nextPracticeQuestion(db: Db, { userId, topic, now }: { userId: string; topic: Topic | null; now: Date }): Promise<PracticeQuestion | null> {
	const embargoed = await embargoedQuestionIds(db, now)
	await syncMistakeCards(db, { userId, now, embargoed })
	const due = (await activeCards(db, { userId, topic, embargoed })).find((card) => card.due <= now)
	let pick: { questionId: string; reason: 'due' | 'new'; source: string } | null = due ? { questionId: due.questionId, reason: 'due', source: due.source } : null
	if (!pick) {
		const [pool, cards] = await Promise.all([exposedQuestions(db, { now, topic, embargoed }), db.practiceCard.findMany({ where: { userId }, select: { questionId: true } })])
		const carded = new Set(cards.map((c) => c.questionId))
		const fresh = pool.filter((q) => !carded.has(q.id))
		const chosen = fresh[Math.floor(Math.random() * fresh.length)]
		if (chosen) pick = { questionId: chosen.id, reason: 'new', source: 'practice' }
	}
	if (!pick) return null
	const question = await db.question.findUniqueOrThrow({
		where: { id: pick.questionId },
		select: { currentVersion: { select: { type: true, topic: true, stem: true, options: true } } },
	})
	const version = question.currentVersion!
	return {
		questionId: pick.questionId,
		type: version.type,
		topic: version.topic,
		stem: version.stem,
		options: orderedOptions(version.options, '[]'),
		blankCount: version.type === 'fill_blank' ? countBlankMarkers(version.stem) : 0,
		reason: pick.reason,
		source: pick.source,
	}
}

export const PracticeAnswerSchema = z.object({
	questionId: z.string().min(1),
	answer: AnswerValueSchema,
	/** Essays are rated by the learner after seeing the reference answer. */
	selfRating: z.enum(['again', 'hard', 'good', 'easy']).nullable(),
})
export type PracticeAnswer = z.infer<typeof PracticeAnswerSchema>

export type PracticeFeedback =
	| { ok: true; isCorrect: boolean | null; score: number | null; keyText: string; explanation: string; lessonRefs: string[]; problemRefs: string[]; nextDue: string; answer: AnswerValue }
	| { ok: false; message: string }

/** A card of the learner's, or a public key; never an embargoed question, card or not. */
async function mayPractise(db: DbOrTx, { userId, questionId, now }: { userId: string; questionId: string; now: Date }) {
	const embargoed = await embargoedQuestionIds(db, now)
	if (embargoed.has(questionId)) return false
	const card = await db.practiceCard.findUnique({ where: { userId_questionId: { userId, questionId } }, select: { id: true } })
	if (card) return true
	const pool = await exposedQuestions(db, { now, topic: null, embargoed })
	return pool.some((q) => q.id === questionId)
}

export async function answerPracticeQuestion(db: Db, { userId, input, now }: { userId: string; input: PracticeAnswer; now: Date }): Promise<PracticeFeedback> {
	const { questionId, answer, selfRating } = input
	if (!(await mayPractise(db, { userId, questionId, now }))) return { ok: false, message: '这道题暂不开放练习。' }
	const question = await db.question.findUnique({ where: { id: questionId }, select: { status: true, currentVersion: { select: VERSION_CONTENT_SELECT } } })
	if (!question?.currentVersion || question.status !== 'active') return { ok: false, message: '这道题已停用。' }
	const content = columnsToContent(question.currentVersion)
	let rating: RatingName
	let isCorrect: boolean | null = null
	let score: number | null = null
	if (isEssayType(content.type)) {
		if (!selfRating) return { ok: false, message: '请先对照参考答案评价自己的作答。' }
		rating = selfRating
	} else {
		const grade = gradeObjective({ type: content.type as ObjectiveType, answerKey: content.answerKey, points: content.points }, answer, PRACTICE_POLICY)
		isCorrect = grade.isCorrect
		score = grade.score
		rating = ratingForResult(grade)
	}
	const correct = isCorrect ?? (rating === 'good' || rating === 'easy')
	const nextDue = await db.$transaction(async (tx) => {
		const stored = await tx.practiceCard.findUnique({ where: { userId_questionId: { userId, questionId } } })
		const next = reviewCard(stored ?? newCard(now), rating, now)
		const card = await tx.practiceCard.upsert({
			where: { userId_questionId: { userId, questionId } },
			create: { userId, questionId, source: 'practice', ...next },
			update: next,
			select: { id: true, due: true },
		})
		await tx.practiceReview.create({
			data: { cardId: card.id, userId, questionId, rating: ['again', 'hard', 'good', 'easy'].indexOf(rating) + 1, correct, answer: answer === null ? null : JSON.stringify(answer), reviewedAt: now },
		})
		return card.due
	})
	const options = orderedOptions(question.currentVersion.options, '[]')
	return {
		ok: true,
		isCorrect,
		score,
		keyText: describeKey(content, options),
		explanation: content.explanation,
		lessonRefs: content.lessonRefs,
		problemRefs: content.problemRefs,
		nextDue: nextDue.toISOString(),
		answer,
	}
}

/** The essay's reference answer, shown before the learner rates themself. */
export async function essayReference(db: DbOrTx, { userId, questionId, now }: { userId: string; questionId: string; now: Date }) {
	if (!(await mayPractise(db, { userId, questionId, now }))) return null
	const question = await db.question.findUnique({ where: { id: questionId }, select: { currentVersion: { select: VERSION_CONTENT_SELECT } } })
	if (!question?.currentVersion) return null
	const content = columnsToContent(question.currentVersion)
	if (!isEssayType(content.type)) return null
	return { reference: content.answerKey, rubric: content.rubric, explanation: content.explanation }
}
