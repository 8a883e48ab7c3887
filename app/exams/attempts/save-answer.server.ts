// The answer save path (ADR 031): one guarded UPDATE per save, nothing else on success.
// The statement applies only when the incoming sequence number is above the stored one, the
// attempt is the caller's, open, and within deadline + grace, and the answer fits the kind of
// question at that position; RETURNING gives the deadline back for the page's timer. Only a
// save that did not apply reads more, to say why.
// The page names options by opaque per-attempt ids (ADR 037); they are mapped back to the
// bank's keys here, in memory, so answers are stored in the form grading reads.
import { z } from 'zod'
import { Prisma } from '#app/generated/prisma/sqlite/client.ts'
import { ResponseSchemas, type QuestionType } from '#app/exams/bank/question-types.ts'
import { formatChinaClock } from '#app/exams/timing/china-time.ts'
import type { DbOrTx } from '#app/utils/db-client.server.ts'
import { withBusyRetry } from '#app/utils/busy-retry.ts'
import { SAVE_GRACE_MS } from '#app/exams/timing/deadline.ts'
import { closeAttemptIfExpired } from './close-attempts.ts'
import { paperAnswerFor, planStoredAnswer, type StoredAnswerPlan } from './option-ids.server.ts'
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
/** The answer does not fit the question: an option that is not on this paper, or a letter sent for a choice. The route answers 400. */
export type InvalidSave = { status: 'invalid'; position: number; message: string }

export const NOT_ON_PAPER_MESSAGE = '所选选项不在本试卷上，答案未能保存。请刷新页面后重新作答。'
export const WRONG_KIND_MESSAGE = '答案与本题题型不符，未能保存。请刷新页面后重新作答。'

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
): Promise<SaveOutcome | InvalidSave> {
	const plan = planStoredAnswer(attemptId, request.position, request.answer)
	const answerJson = plan.answer === null ? null : JSON.stringify(plan.answer)
	const acceptsDeadlinesFrom = new Date(now.getTime() - SAVE_GRACE_MS)
	const applied = await withBusyRetry(
		() => db.$queryRaw<{ seq: number; deadline: Date | string }[]>`
			UPDATE "AttemptQuestion"
			SET "answer" = ${answerJson}, "seq" = ${request.seq}, "savedAt" = ${now}
			WHERE "attemptId" = ${attemptId} AND "position" = ${request.position} AND "seq" < ${request.seq}
				AND ${fitsQuestion(plan)}
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
	return explainUnappliedSave(db, { attemptId, userId, position: request.position, plan, now })
}

/** The guard that keeps an answer off a question of another shape: a primary-key lookup inside the one UPDATE. */
function fitsQuestion(plan: StoredAnswerPlan) {
	if (plan.types === null) return Prisma.sql`1 = 1`
	return Prisma.sql`(SELECT qv."type" FROM "QuestionVersion" qv WHERE qv."id" = "AttemptQuestion"."questionVersionId") IN (${Prisma.join(plan.types)})`
}

async function explainUnappliedSave(
	db: DbOrTx,
	{ attemptId, userId, position, plan, now }: { attemptId: string; userId: string; position: number; plan: StoredAnswerPlan; now: Date },
): Promise<SaveOutcome | InvalidSave> {
	await withBusyRetry(() => closeAttemptIfExpired(db, attemptId, now))
	const attempt = await db.attempt.findFirst({
		where: { id: attemptId, userId },
		select: {
			status: true,
			deadline: true,
			questions: { where: { position }, select: { seq: true, answer: true, questionVersion: { select: { type: true } } } },
		},
	})
	const question = attempt?.questions[0]
	if (!attempt || !question) return { status: 'not_found' }
	const timing = { deadline: attempt.deadline.toISOString(), serverNow: now.toISOString() }
	const pastGrace = now.getTime() > attempt.deadline.getTime() + SAVE_GRACE_MS
	if (attempt.status !== 'open' || pastGrace) {
		return { status: 'closed', message: closedSaveMessage(attempt.status, attempt.deadline), ...timing }
	}
	const { type } = question.questionVersion
	if (plan.types !== null && !plan.types.includes(type as QuestionType)) {
		const choice = type === 'single' || type === 'multiple'
		return { status: 'invalid', position, message: choice ? NOT_ON_PAPER_MESSAGE : WRONG_KIND_MESSAGE }
	}
	return { status: 'stale', position, seq: question.seq, answer: paperAnswerFor(attemptId, position, type, parseStoredAnswer(question.answer)), ...timing }
}
