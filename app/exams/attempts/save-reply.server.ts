// One answer save over HTTP, from the body's text to the JSON answer and its status (ADR 031).
// The route (app/routes/exams+/attempts.$attemptId_.answers.ts) and the lean endpoint that
// server.mjs mounts ahead of Remix (ADR 073) both answer through this, once their shared guard
// has let the learner through, so the two cannot drift apart in messages, codes or retries.
import { DatabaseBusyError } from '#app/utils/busy-retry.ts'
import type { DbOrTx } from '#app/utils/db-client.server.ts'
import { saveAnswer, SaveRequestSchema } from './save-answer.server.ts'

/** An answer's JSON is refused above this many characters (the server refuses bodies over 256 KB before, ADR 009). */
export const MAX_SAVE_BODY_CHARS = 64 * 1024

export type SaveReply = { status: number; body: unknown }

export const SAVE_REPLY_HEADERS = { 'Cache-Control': 'no-store' } as const

export async function replyToSave(db: DbOrTx, { attemptId, userId, text, now }: { attemptId: string; userId: string; text: string; now: Date }): Promise<SaveReply> {
	if (text.length > MAX_SAVE_BODY_CHARS) return { status: 400, body: { message: '答案过长，未能保存' } }
	let body: unknown
	try {
		body = JSON.parse(text)
	} catch {
		return { status: 400, body: { message: '答案格式不正确，未能保存' } }
	}
	const parsed = SaveRequestSchema.safeParse(body)
	if (!parsed.success) return { status: 400, body: { message: '答案格式不正确，未能保存' } }
	try {
		const outcome = await saveAnswer(db, { attemptId, userId, request: parsed.data, now })
		if (outcome.status === 'not_found') return { status: 404, body: { message: '找不到这份答卷' } }
		// An option that is not on this paper (or a bare key letter for a choice): ADR 037.
		if (outcome.status === 'invalid') return { status: 400, body: { message: outcome.message, position: outcome.position } }
		return { status: 200, body: outcome }
	} catch (error) {
		// Retried already (withBusyRetry); the page keeps the answer queued and tries again.
		if (error instanceof DatabaseBusyError) return { status: 503, body: { message: error.userMessage, serverNow: now.toISOString() } }
		throw error
	}
}
