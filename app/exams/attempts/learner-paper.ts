// The learner's view of their own paper while they sit it. Built from an explicit select
// that never names answerKey, rubric or explanation, so the key cannot reach the page even
// by accident; tests serialise every response and scan for them. Options carry no bank key
// letter either: the page gets the label it shows and an opaque per-attempt id (ADR 037).
import { z } from 'zod'
import { countBlankMarkers, OPTION_KEYS } from '#app/exams/bank/question-types.ts'
import type { DbOrTx } from '#app/utils/db-client.server.ts'
import { closeAttemptIfExpired } from './close-attempts.ts'
import { finishClosedAttempts } from './finish.ts'
import { optionIdFor, paperAnswerFor } from './option-ids.server.ts'
import { parseStoredAnswer, type AnswerValue } from './save-answer.server.ts'

const OptionTextSchema = z.array(z.object({ key: z.string(), text: z.string() }))
const OptionOrderSchema = z.array(z.string())

/** An option with its bank key: review (once open), practice, the admin's preview. Never a paper being sat. */
export type PaperOption = { key: string; label: string; text: string }
/** An option on a paper being sat: the label the learner sees and an id that means nothing outside this attempt. */
export type SittingOption = { id: string; label: string; text: string }
export type PaperQuestion = {
	position: number
	type: string
	/** The 专题 the question was drawn from: a 综合 paper's sections are headed by it. */
	topic: string
	stem: string
	points: number
	options: SittingOption[]
	blankCount: number
	answer: AnswerValue
	seq: number
}

export type LearnerAttemptView = {
	id: string
	status: string
	startedAt: string
	deadline: string
	finishedAt: string | null
	serverNow: string
	/** The highest sequence number stored for this attempt: new saves continue above it. */
	maxSeq: number
	round: { id: string; title: string; instructions: string }
	questions: PaperQuestion[]
}

/** Options in the order this person sees them, labelled A, B, … by that order. */
export function orderedOptions(optionsJson: string, optionOrderJson: string): PaperOption[] {
	const options = OptionTextSchema.parse(JSON.parse(optionsJson))
	const order = OptionOrderSchema.parse(JSON.parse(optionOrderJson))
	const byKey = new Map(options.map((option) => [option.key, option.text]))
	const keys = order.length ? order.filter((key) => byKey.has(key)) : options.map((option) => option.key)
	return keys.map((key, index) => ({ key, label: OPTION_KEYS[index] ?? key, text: byKey.get(key)! }))
}

/** An option as a review shows it: the bank's letter, with the letter this person saw it under on a paper. */
export type ReviewOption = PaperOption & { seenAs?: string }

/**
 * Options for a review, the 错题本 and anything else that shows a key beside its 解析: in the
 * bank's order under the bank's letters, because explanations name those letters ("A、B、C均为…")
 * and would contradict a key given in the learner's shuffled labels. `seenAs` keeps the letter
 * the learner saw, so their paper can still be matched.
 */
export function reviewOptions(optionsJson: string, optionOrderJson: string): ReviewOption[] {
	const seen = new Map(orderedOptions(optionsJson, optionOrderJson).map((option) => [option.key, option.label]))
	return OptionTextSchema.parse(JSON.parse(optionsJson)).map((option) => ({ key: option.key, label: option.key, text: option.text, seenAs: seen.get(option.key) ?? option.key }))
}

/** The options of one question of a paper being sat, in the learner's order, with the key letter replaced by an opaque id. */
export function sittingOptions(attemptId: string, position: number, options: readonly PaperOption[]): SittingOption[] {
	return options.map((option) => ({ id: optionIdFor(attemptId, position, option.key), label: option.label, text: option.text }))
}

/** Closes the attempt first if its time is up, so nobody ever sees a stale "open" paper. */
export async function closeOnAccess(db: DbOrTx, attemptId: string, now: Date) {
	if (await closeAttemptIfExpired(db, attemptId, now)) await finishClosedAttempts(db, [attemptId])
}

export async function getLearnerAttempt(
	db: DbOrTx,
	{ attemptId, userId, now }: { attemptId: string; userId: string; now: Date },
): Promise<LearnerAttemptView | null> {
	await closeOnAccess(db, attemptId, now)
	const attempt = await db.attempt.findFirst({
		where: { id: attemptId, userId },
		select: {
			id: true,
			status: true,
			startedAt: true,
			deadline: true,
			finishedAt: true,
			round: { select: { id: true, title: true, instructions: true } },
			questions: {
				orderBy: { position: 'asc' },
				select: {
					position: true,
					points: true,
					optionOrder: true,
					answer: true,
					seq: true,
					questionVersion: { select: { type: true, topic: true, stem: true, options: true } },
				},
			},
		},
	})
	if (!attempt) return null
	return {
		id: attempt.id,
		status: attempt.status,
		startedAt: attempt.startedAt.toISOString(),
		deadline: attempt.deadline.toISOString(),
		finishedAt: attempt.finishedAt?.toISOString() ?? null,
		serverNow: now.toISOString(),
		maxSeq: attempt.questions.reduce((max, question) => Math.max(max, question.seq), 0),
		round: attempt.round,
		questions: attempt.questions.map((question) => ({
			position: question.position,
			type: question.questionVersion.type,
			topic: question.questionVersion.topic,
			stem: question.questionVersion.stem,
			points: question.points,
			options: sittingOptions(attempt.id, question.position, orderedOptions(question.questionVersion.options, question.optionOrder)),
			blankCount: question.questionVersion.type === 'fill_blank' ? countBlankMarkers(question.questionVersion.stem) : 0,
			answer: paperAnswerFor(attempt.id, question.position, question.questionVersion.type, parseStoredAnswer(question.answer)),
			seq: question.seq,
		})),
	}
}

/** What the page's clock resync needs: status, deadline and the server's now. */
export async function getAttemptClock(db: DbOrTx, { attemptId, userId, now }: { attemptId: string; userId: string; now: Date }) {
	await closeOnAccess(db, attemptId, now)
	const attempt = await db.attempt.findFirst({ where: { id: attemptId, userId }, select: { status: true, deadline: true } })
	if (!attempt) return null
	return { status: attempt.status, deadline: attempt.deadline.toISOString(), serverNow: now.toISOString() }
}
