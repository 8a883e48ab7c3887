// The lean answer-save endpoint (ADR 073): server.mjs answers POST /exams/attempts/:id/answers
// with this ahead of Remix, because a save is the app's hottest request and Remix's Fetch
// Request/Response, routing and router state cost several times the save itself (issue 13).
// It runs the route's own pieces: the same session check (validateSessionToken, one joined
// SELECT), the same guard (passesAccess, what requireAccess(request, '/exams') admits) and the
// same replyToSave (body checks, the one guarded UPDATE, busy retries, JSON outcomes). Whoever
// the guard does not admit (no session, a temporary password) is left to the route (null), so
// every refusal, redirect and message stays the route's.
import { passesAccess } from '#app/utils/auth.server.ts'
import type { DbOrTx } from '#app/utils/db-client.server.ts'
import { readSessionTokenFromCookieHeader, validateSessionToken } from '#app/utils/session.server.ts'
import { replyToSave, type SaveReply } from './save-reply.server.ts'

export type SaveEndpointRequest = { attemptId: string; cookie: string | null | undefined; body: Uint8Array }
export type SaveEndpoint = (request: SaveEndpointRequest) => Promise<SaveReply | null>

// As request.text() reads a body: UTF-8, a leading byte-order mark dropped, bad bytes replaced.
const utf8 = new TextDecoder()

export function createSaveEndpoint(db: DbOrTx): SaveEndpoint {
	return async ({ attemptId, cookie, body }) => {
		const token = await readSessionTokenFromCookieHeader(cookie)
		if (!token) return null
		const session = await validateSessionToken(db, token)
		if (!session || !passesAccess(session.user, '/exams')) return null
		return replyToSave(db, { attemptId, userId: session.user.id, text: utf8.decode(body), now: new Date() })
	}
}
