// 开始考试 as the server calls it (real session cookie, real SQLite): the button's intent is
// checked by its schema, a refusal comes back in conform's shape above the button, and a start
// redirects to the paper with a toast (post-redirect-get, ADR 070).
import { expect, test } from 'vitest'
import { getTestDbWithUrl } from '#tests/db-utils.ts'
import { settle } from '#tests/route-answer.ts'

test('starting an attempt: a bad intent and a refusal answer in conform’s shape; a start redirects with a toast', async () => {
	const { db, url } = await getTestDbWithUrl('sqlite')
	process.env.DATABASE_URL = url
	const [{ createBankQuestions, createPerson, createRound }, { createSession, commitSessionCookie }, roundPage] = await Promise.all([
		import('#app/exams/rounds/test-fixtures.ts'),
		import('#app/utils/session.server.ts'),
		import('./rounds.$roundId.tsx'),
	])
	await createBankQuestions(db, 'single', 2)
	const now = new Date()
	const round = await createRound(db, now)
	const draft = await createRound(db, now, { status: 'draft' })
	const person = await createPerson(db)
	await db.user.update({ where: { id: person.id }, data: { mustChangePassword: false } })
	const cookie = (await commitSessionCookie((await createSession(db, person.id)).token)).split(';')[0]!
	const origin = 'http://localhost'
	const start = (roundId: string, intent: string) =>
		settle(() =>
			roundPage.action({
				request: new Request(`${origin}/exams/rounds/${roundId}`, { method: 'POST', headers: { cookie, origin }, body: new URLSearchParams({ intent }) }),
				params: { roundId },
				context: {},
			}),
		)

	const unknown = await start(round.id, 'begin')
	expect(unknown.status).toBe(400)
	expect(JSON.parse(unknown.body)).toMatchObject({ status: 'error', error: { intent: ['未知的操作'] } })
	const refused = await start(draft.id, 'start')
	expect(refused.status).toBe(409)
	expect(JSON.parse(refused.body)).toMatchObject({ status: 'error', error: { '': ['本轮考试尚未发布。'] } })
	expect(await db.attempt.count({ where: { userId: person.id } })).toBe(0)

	const started = await start(round.id, 'start')
	expect(started).toMatchObject({ status: 302, toast: true })
	expect(started.location).toMatch(/^\/exams\/attempts\/[^/]+$/)
	expect(await db.attempt.count({ where: { userId: person.id, roundId: round.id } })).toBe(1)
	// Posting again (a resubmitted form) goes back to the same paper.
	expect(await start(round.id, 'start')).toMatchObject({ status: 302, location: started.location, toast: true })
})
