// The answer save over HTTP on two paths (ADR 073): through the route alone, and through the
// lean endpoint that server.mjs mounts ahead of Remix, which hands whatever it does not answer
// on to the same route. Both run behind the real body limits (ADR 009) on a real database; the
// same sequence of cases must get the same status, headers and body on both, and the ones
// written out below. Run from a test file per provider (the route uses the app's one client).
import type { AddressInfo } from 'node:net'
import express from 'express'
import { expect } from 'vitest'
import type { DbProvider } from '#app/utils/db-client.server.ts'
import { getTestDbWithUrl } from '#tests/db-utils.ts'
import { answerSavesAhead } from '../server/answer-saves.mjs'
import { limitRequestBodies } from '../server/request-body.mjs'

type Answer = { status: number; contentType: string | null; cacheControl: string | null; location: string | null; body: unknown }
type Case = { name: string; send: (paper: Paper) => { attemptId?: string; cookie?: string | null; body: string }; expected: (paper: Paper) => Omit<Answer, 'contentType' | 'cacheControl'> }
type Paper = { attemptId: string; cookie: string; optionId: (key: string) => string; othersAttemptId: string; temporaryCookie: string; temporaryAttemptId: string }

const JSON_HEADERS = { contentType: 'application/json', cacheControl: 'no-store' }
const SIGN_IN_REDIRECT = `/login?redirectTo=${encodeURIComponent('/exams/attempts/')}<attempt>${encodeURIComponent('/answers')}`

export async function checkSavePaths(provider: DbProvider) {
	const { db, url } = await getTestDbWithUrl(provider)
	// The app's settings and shared client are read on first import: point them here first.
	process.env.DATABASE_URL = url
	const [{ createSession, commitSessionCookie }, answers, { NOT_ON_PAPER_MESSAGE }, { createSaveEndpoint }, { prisma }, { optionIdFor }, { startAttempt }, { submitAttempt }, { createBankQuestions, createPerson, createRound }] =
		await Promise.all([
			import('#app/utils/session.server.ts'),
			import('#app/routes/exams+/attempts.$attemptId_.answers.ts'),
			import('#app/exams/attempts/save-answer.server.ts'),
			import('#app/exams/attempts/save-endpoint.server.ts'),
			import('#app/utils/db.server.ts'),
			import('#app/exams/attempts/option-ids.server.ts'),
			import('#app/exams/attempts/start-attempt.server.ts'),
			import('#app/exams/attempts/submit-attempt.ts'),
			import('#app/exams/rounds/test-fixtures.ts'),
		])
	await createBankQuestions(db, 'single', 3)
	const now = new Date()
	const round = await createRound(db, now, { closesAt: new Date(now.getTime() + 3600_000) })

	async function sitter({ temporaryPassword = false } = {}) {
		const person = await createPerson(db)
		await db.user.update({ where: { id: person.id }, data: { mustChangePassword: temporaryPassword } })
		const { token } = await createSession(db, person.id)
		const started = await startAttempt(db, { roundId: round.id, candidate: person, now: new Date() })
		if (!started.ok) throw new Error(started.message)
		return { userId: person.id, attemptId: started.attemptId, cookie: (await commitSessionCookie(token)).split(';')[0]! }
	}

	/** The route as Remix runs it: a Fetch Request from Express's, the route's Response back. */
	let routeAnswered = 0
	const route: express.RequestHandler = async (req, res) => {
		routeAnswered++
		const request = new Request(`http://localhost${req.originalUrl}`, {
			method: req.method,
			headers: Object.entries(req.headers).flatMap(([name, value]) => (typeof value === 'string' ? [[name, value] as [string, string]] : [])),
			body: new Uint8Array((req as unknown as { bufferedBody: Buffer }).bufferedBody),
		})
		let response: Response
		try {
			response = (await answers.action({ request, params: { attemptId: req.params.attemptId! }, context: {} })) as Response
		} catch (thrown) {
			if (!(thrown instanceof Response)) throw thrown
			response = thrown
		}
		res.status(response.status)
		response.headers.forEach((value, name) => res.setHeader(name, value))
		res.end(Buffer.from(await response.arrayBuffer()))
	}
	const routeOnly = express().use(limitRequestBodies()).post('/exams/attempts/:attemptId/answers', route)
	const lean = express()
		.use(limitRequestBodies())
		.post('/exams/attempts/:attemptId/answers', answerSavesAhead(createSaveEndpoint(prisma)), route)

	async function listen(app: express.Express) {
		const server = app.listen(0, '127.0.0.1')
		await new Promise((resolve) => server.once('listening', resolve))
		return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
	}

	const cases: Case[] = [
		{
			name: 'an option of the paper is applied',
			send: (p) => ({ body: JSON.stringify({ position: 1, seq: 1, answer: p.optionId('B') }) }),
			expected: () => ({ status: 200, location: null, body: { status: 'applied', position: 1, seq: 1, deadline: '<deadline>', serverNow: '<now>' } }),
		},
		{
			name: 'the same save again is stale and gives the stored answer back',
			send: (p) => ({ body: JSON.stringify({ position: 1, seq: 1, answer: p.optionId('C') }) }),
			expected: (p) => ({ status: 200, location: null, body: { status: 'stale', position: 1, seq: 1, answer: p.optionId('B'), deadline: '<deadline>', serverNow: '<now>' } }),
		},
		{
			name: 'a key letter is refused',
			send: () => ({ body: JSON.stringify({ position: 2, seq: 2, answer: 'A' }) }),
			expected: () => ({ status: 400, location: null, body: { message: NOT_ON_PAPER_MESSAGE, position: 2 } }),
		},
		{
			name: 'a body that is not JSON is refused',
			send: () => ({ body: '{"position": 1,' }),
			expected: () => ({ status: 400, location: null, body: { message: '答案格式不正确，未能保存' } }),
		},
		{
			name: 'a position outside the paper’s range is refused',
			send: (p) => ({ body: JSON.stringify({ position: 0, seq: 3, answer: p.optionId('A') }) }),
			expected: () => ({ status: 400, location: null, body: { message: '答案格式不正确，未能保存' } }),
		},
		{
			name: 'an answer over 64K characters is refused',
			send: () => ({ body: JSON.stringify({ position: 3, seq: 4, answer: '长'.repeat(70_000) }) }),
			expected: () => ({ status: 400, location: null, body: { message: '答案过长，未能保存' } }),
		},
		{
			name: 'a body over 256 KB is refused before any route',
			send: () => ({ body: JSON.stringify({ position: 3, seq: 5, answer: 'x'.repeat(300_000) }) }),
			expected: () => ({ status: 413, location: null, body: { message: '提交的内容过大（超过 256 KB），未被处理。请删减内容后重试。' } }),
		},
		{
			name: 'someone else’s attempt is not found',
			send: (p) => ({ attemptId: p.othersAttemptId, body: JSON.stringify({ position: 1, seq: 6, answer: p.optionId('A') }) }),
			expected: () => ({ status: 404, location: null, body: { message: '找不到这份答卷' } }),
		},
		{
			name: 'an unknown attempt is not found',
			send: () => ({ attemptId: 'no-such-attempt', body: JSON.stringify({ position: 1, seq: 7, answer: null }) }),
			expected: () => ({ status: 404, location: null, body: { message: '找不到这份答卷' } }),
		},
		{
			name: 'without a session the route sends the learner to sign in',
			send: (p) => ({ cookie: null, body: JSON.stringify({ position: 1, seq: 8, answer: p.optionId('A') }) }),
			expected: () => ({ status: 302, location: SIGN_IN_REDIRECT, body: '' }),
		},
		{
			name: 'a forged cookie is no session',
			send: (p) => ({ cookie: `${p.cookie.slice(0, -3)}abc`, body: JSON.stringify({ position: 1, seq: 9, answer: p.optionId('A') }) }),
			expected: () => ({ status: 302, location: SIGN_IN_REDIRECT, body: '' }),
		},
		{
			name: 'a temporary password is sent to the change page',
			send: (p) => ({ attemptId: p.temporaryAttemptId, cookie: p.temporaryCookie, body: JSON.stringify({ position: 1, seq: 1, answer: null }) }),
			expected: () => ({ status: 302, location: '/settings/password', body: '' }),
		},
	]

	async function run(app: express.Express) {
		const me = await sitter()
		const other = await sitter()
		const temporary = await sitter({ temporaryPassword: true })
		const paper: Paper = {
			attemptId: me.attemptId,
			cookie: me.cookie,
			optionId: (key) => optionIdFor(me.attemptId, 1, key),
			othersAttemptId: other.attemptId,
			temporaryCookie: temporary.cookie,
			temporaryAttemptId: temporary.attemptId,
		}
		const { server, origin } = await listen(app)
		routeAnswered = 0
		const answered: Answer[] = []
		try {
			const exchange = async (sent: ReturnType<Case['send']>) => {
				const attemptId = sent.attemptId ?? paper.attemptId
				const cookie = sent.cookie === undefined ? paper.cookie : sent.cookie
				const response = await fetch(`${origin}/exams/attempts/${attemptId}/answers`, {
					method: 'POST',
					redirect: 'manual',
					headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
					body: sent.body,
				})
				const text = await response.text()
				let body: unknown = text
				try {
					body = JSON.parse(text)
				} catch {
					// a redirect's empty body
				}
				return { response, body, attemptId }
			}
			for (const sent of cases.map((c) => c.send(paper))) {
				const { response, body, attemptId } = await exchange(sent)
				answered.push(normalise({ status: response.status, contentType: response.headers.get('content-type'), cacheControl: response.headers.get('cache-control'), location: response.headers.get('location'), body }, attemptId))
			}
			// After hand-in, a save is closed, with the Chinese reason and the timing.
			await submitAttempt(db, { attemptId: me.attemptId, userId: me.userId, now: new Date() })
			const { response, body, attemptId } = await exchange({ body: JSON.stringify({ position: 2, seq: 20, answer: paper.optionId('A') }) })
			answered.push(normalise({ status: response.status, contentType: response.headers.get('content-type'), cacheControl: response.headers.get('cache-control'), location: response.headers.get('location'), body }, attemptId))
		} finally {
			await new Promise((resolve) => server.close(resolve))
		}
		const stored = await db.attemptQuestion.findMany({ where: { attemptId: me.attemptId }, orderBy: { position: 'asc' }, select: { position: true, seq: true, answer: true } })
		return { answered, stored, paper, routeAnswered }
	}

	const viaRoute = await run(routeOnly)
	const viaLean = await run(lean)
	const expected = (paper: Paper) => [
		...cases.map((c) => {
			const answer = c.expected(paper)
			const json = answer.status !== 302 && answer.status !== 413
			return { ...answer, ...(json ? JSON_HEADERS : { contentType: answer.status === 413 ? 'application/json; charset=utf-8' : null, cacheControl: null }) }
		}),
		{ status: 200, ...JSON_HEADERS, location: null, body: { status: 'closed', message: '本次考试已交卷，答案不能再修改。', deadline: '<deadline>', serverNow: '<now>' } },
	]
	// The route saw every request the body limit let through; behind the lean endpoint, only
	// the three it does not admit (no session, a forged cookie, a temporary password).
	expect(viaRoute.routeAnswered).toBe(cases.length)
	expect(viaLean.routeAnswered).toBe(3)
	// Each path against the same written-out answers, so the two cannot differ: the lean
	// endpoint answers what it can, and what it leaves to the route is the route's own answer.
	for (const [path, result] of [['route', viaRoute], ['lean', viaLean]] as const) {
		result.answered.forEach((answer, i) => expect(answer, `${path}: ${cases[i]?.name ?? 'a save after hand-in is closed'}`).toEqual(expected(result.paper)[i]))
		// Only the first save changed anything, on either path, and it stored the bank's key.
		expect(result.stored, path).toEqual([
			{ position: 1, seq: 1, answer: '"B"' },
			{ position: 2, seq: 0, answer: null },
		])
	}
}

/** The times and ids that differ between two learners' runs, replaced by stand-ins. */
function normalise(answer: Answer, attemptId: string): Answer {
	const body = answer.body as Record<string, unknown>
	const stand = typeof body === 'object' && body !== null ? { ...body, ...('deadline' in body ? { deadline: isIso(body.deadline) ? '<deadline>' : body.deadline } : {}), ...('serverNow' in body ? { serverNow: isIso(body.serverNow) ? '<now>' : body.serverNow } : {}) } : body
	return { ...answer, location: answer.location?.replaceAll(attemptId, '<attempt>') ?? null, body: stand }
}

function isIso(value: unknown) {
	return typeof value === 'string' && !Number.isNaN(Date.parse(value)) && value.endsWith('Z')
}
