// The answer save path (ADR 031): one guarded UPDATE per save, nothing else on success.
// The statement applies only when the incoming sequence number is above the stored one and
// the attempt is the caller's, open, and within deadline + grace; RETURNING gives the
// deadline back for the page's timer. Only a save that did not apply reads more, to say why.
import { z } from 'zod'
import { ResponseSchemas } from '#app/exams/bank/question-types.ts'
import { formatChinaClock } from '#app/exams/rounds/china-time.ts'
import type { DbOrTx } from '#app/utils/db-client.ts'
import { withBusyRetry } from './busy-retry.ts'
import { SAVE_GRACE_MS } from './deadline.ts'
import { closeAttemptIfExpired } from './close-attempts.ts'
import { SeqSchema } from './sequence.ts'

/** Any saved answer shape; the grader checks it against the question's type. */
export const AnswerValueSchema = z.union([
	ResponseSchemas.true_false,
	ResponseSchemas.short_answer,
	z.array(z.string().max(1000)).max(20),
	z.null(),
])
export type AnswerValue = z.infer<typeof AnswerValueSchema>

export const SaveRequestSchema = z.object({
	position: z.number().int().min(1).max(1000),
	seq: SeqSchema,
	answer: AnswerValueSchema,
})
export type SaveRequest = z.infer<typeof SaveRequestSchema>

type Timing = { serverNow: string; deadline: string }
export type SaveOutcome =
	| ({ status: 'applied'; position: number; seq: number } & Timing)
	/** A newer save (another tab or device, or this one earlier) is already stored. */
	| ({ status: 'stale'; position: number; seq: number; answer: AnswerValue } & Timing)
	| ({ status: 'closed'; message: string } & Timing)
	| { status: 'not_found' }

export function parseStoredAnswer(answer: string | null): AnswerValue {
	if (answer == null) return null
	const parsed = AnswerValueSchema.safeParse(JSON.parse(answer))
	return parsed.success ? parsed.data : null
}

export function closedSaveMessage(status: string, deadline: Date) {
	if (status === 'submitted') return '本次考试已交卷，答案不能再修改。'
	return `考试已于 ${formatChinaClock(deadline)} 截止，超过截止时间后送达的答案未能保存。`
}

export async function saveAnswer(
	db: DbOrTx,
	{ attemptId, userId, request, now }: { attemptId: string; userId: string; request: SaveRequest; now: Date },
): Promise<SaveOutcome> {
	const answerJson = request.answer === null ? null : JSON.stringify(request.answer)
	const acceptsDeadlinesFrom = new Date(now.getTime() - SAVE_GRACE_MS)
	const applied = await withBusyRetry(
		() => db.$queryRaw<{ seq: number; deadline: Date | string }[]>`
			UPDATE "AttemptQuestion"
			SET "answer" = ${answerJson}, "seq" = ${request.seq}, "savedAt" = ${now}
			WHERE "attemptId" = ${attemptId} AND "position" = ${request.position} AND "seq" < ${request.seq}
				AND EXISTS (
					SELECT 1 FROM "Attempt" a
					WHERE a."id" = ${attemptId} AND a."userId" = ${userId} AND a."status" = 'open' AND a."deadline" >= ${acceptsDeadlinesFrom}
				)
			RETURNING "seq", (SELECT a."deadline" FROM "Attempt" a WHERE a."id" = "AttemptQuestion"."attemptId") AS "deadline"`,
	)
	const row = applied[0]
	if (row) {
		return { status: 'applied', position: request.position, seq: Number(row.seq), deadline: new Date(row.deadline).toISOString(), serverNow: now.toISOString() }
	}
	return explainUnappliedSave(db, { attemptId, userId, position: request.position, now })
}

async function explainUnappliedSave(
	db: DbOrTx,
	{ attemptId, userId, position, now }: { attemptId: string; userId: string; position: number; now: Date },
): Promise<SaveOutcome> {
	await withBusyRetry(() => closeAttemptIfExpired(db, attemptId, now))
	const attempt = await db.attempt.findFirst({
		where: { id: attemptId, userId },
		select: { status: true, deadline: true, questions: { where: { position }, select: { seq: true, answer: true } } },
	})
	const question = attempt?.questions[0]
	if (!attempt || !question) return { status: 'not_found' }
	const timing = { deadline: attempt.deadline.toISOString(), serverNow: now.toISOString() }
	const pastGrace = now.getTime() > attempt.deadline.getTime() + SAVE_GRACE_MS
	if (attempt.status !== 'open' || pastGrace) {
		return { status: 'closed', message: closedSaveMessage(attempt.status, attempt.deadline), ...timing }
	}
	return { status: 'stale', position, seq: question.seq, answer: parseStoredAnswer(question.answer), ...timing }
}
