// The lean answer-save endpoint's place in the Express chain (ADR 073): after the security
// headers, the Origin check and the body limits (ADR 009), ahead of Remix. The endpoint
// (app/exams/attempts/save-endpoint.server.ts) answers a signed-in learner's save itself and
// returns null for anyone else, who then goes on to the route and gets the route's answer.

/** Where it is mounted: the save route's own path, POST only (the clock's GET stays the route's). */
export const ANSWER_SAVE_PATH = '/exams/attempts/:attemptId/answers'

/**
 * Express middleware around the endpoint. Needs `req.bufferedBody` from limitRequestBodies.
 * An unexpected error is answered as Remix answers a resource route's thrown error in
 * production (500, JSON `message`, X-Remix-Error), so a failing save looks the same to the
 * page on either path; it is not passed on, since the save may already have been applied.
 */
export function answerSavesAhead(endpoint) {
	return async (req, res, next) => {
		let reply
		try {
			reply = await endpoint({ attemptId: req.params.attemptId, cookie: req.get('cookie'), body: req.bufferedBody ?? new Uint8Array() })
		} catch (error) {
			console.error(error)
			res.status(500).set('X-Remix-Error', 'yes').json({ message: 'Unexpected Server Error' })
			return
		}
		if (!reply) return next()
		// The route's Response.json headers: application/json (no charset) and no-store.
		res.writeHead(reply.status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
		res.end(JSON.stringify(reply.body))
	}
}
