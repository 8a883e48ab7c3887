// The answer save path's HTTP end (ADR 031): POST one answer as JSON, get applied / stale /
// closed with the server's now and the deadline. GET gives the clock for the timer's resync.
import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { DatabaseBusyError } from '#app/utils/busy-retry.ts'
import { getAttemptClock } from '#app/exams/attempts/learner-paper.ts'
import { saveAnswer, SaveRequestSchema } from '#app/exams/attempts/save-answer.server.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'

const MAX_BODY_BYTES = 64 * 1024
const NO_STORE = { 'Cache-Control': 'no-store' }

function json(body: unknown, status = 200) {
	return Response.json(body, { status, headers: NO_STORE })
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireAccess(request, '/exams')
	const clock = await getAttemptClock(prisma, { attemptId: params.attemptId!, userId: user.id, now: new Date() })
	if (!clock) return json({ message: '找不到这份答卷' }, 404)
	return json(clock)
}

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requireAccess(request, '/exams')
	if (request.method !== 'POST') return json({ message: '只接受 POST 请求' }, 405)
	const text = await request.text()
	if (text.length > MAX_BODY_BYTES) return json({ message: '答案过长，未能保存' }, 400)
	let body: unknown
	try {
		body = JSON.parse(text)
	} catch {
		return json({ message: '答案格式不正确，未能保存' }, 400)
	}
	const parsed = SaveRequestSchema.safeParse(body)
	if (!parsed.success) return json({ message: '答案格式不正确，未能保存' }, 400)
	const now = new Date()
	try {
		const outcome = await saveAnswer(prisma, { attemptId: params.attemptId!, userId: user.id, request: parsed.data, now })
		if (outcome.status === 'not_found') return json({ message: '找不到这份答卷' }, 404)
		// An option that is not on this paper (or a bare key letter for a choice): ADR 037.
		if (outcome.status === 'invalid') return json({ message: outcome.message, position: outcome.position }, 400)
		return json(outcome)
	} catch (error) {
		if (error instanceof DatabaseBusyError) return json({ message: error.userMessage, serverNow: now.toISOString() }, 503)
		throw error
	}
}
