// The answer save path's HTTP end (ADR 031): POST one answer as JSON, get applied / stale /
// closed with the server's now and the deadline. GET gives the clock for the timer's resync.
// In production a signed-in learner's POST is answered by the lean endpoint ahead of Remix
// (ADR 073) through the same guard and replyToSave; everything else arrives here.
import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { getAttemptClock } from '#app/exams/attempts/learner-paper.ts'
import { replyToSave, SAVE_REPLY_HEADERS } from '#app/exams/attempts/save-reply.server.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'

function json(body: unknown, status = 200) {
	return Response.json(body, { status, headers: SAVE_REPLY_HEADERS })
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
	const reply = await replyToSave(prisma, { attemptId: params.attemptId!, userId: user.id, text: await request.text(), now: new Date() })
	return json(reply.body, reply.status)
}
