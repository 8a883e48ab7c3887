// Issue 8, item 3 over the routes a learner has: the result page, the exams home and the round
// page loaders (what their .data requests encode), called as the server calls them with a real
// session, on one provider. Before the round releases results none of them carries a score, a
// mark or the objective part; after the close (the 技能比武 default) the result does.
import { expect } from 'vitest'
import type { DbProvider } from '#app/utils/db-client.server.ts'
import { getTestDbWithUrl } from '#tests/db-utils.ts'

/** A loader's return value or thrown Response, as the browser would receive it. */
async function serialise(run: () => Promise<unknown>) {
	let value: unknown
	try {
		value = await run()
	} catch (thrown) {
		if (!(thrown instanceof Response)) throw thrown
		value = thrown
	}
	if (value instanceof Response) return `${value.status} ${await value.clone().text()}`
	return JSON.stringify(value)
}

export async function checkResultReleaseRoutes(provider: DbProvider) {
	const { db, url } = await getTestDbWithUrl(provider)
	// The app's shared client reads DATABASE_URL once, on first import: point it here first.
	process.env.DATABASE_URL = url
	const [{ createSession, commitSessionCookie }, home, roundPage, resultPage, { createBankQuestions, createPerson, createRound, sitRound }, statsPage, statsWorkbook] = await Promise.all([
		import('#app/utils/session.server.ts'),
		import('#app/routes/exams+/_index.tsx'),
		import('#app/routes/exams+/rounds.$roundId.tsx'),
		import('#app/routes/exams+/attempts.$attemptId_.result.tsx'),
		import('#app/exams/rounds/test-fixtures.ts'),
		import('#app/routes/admin+/rounds.$roundId_.stats.tsx'),
		import('#app/routes/admin+/rounds.$roundId_.stats[.xlsx].ts'),
	])
	await createBankQuestions(db, 'single', 3, { topic: 'party_integrity' })
	const now = new Date()
	const round = await createRound(db, now, {
		closesAt: new Date(now.getTime() + 3600_000),
		// The review a day after the close: "after the close" releases scores, not the review.
		reviewOpensAt: new Date(now.getTime() + 25 * 3600_000),
		rules: [{ topic: 'party_integrity', type: 'single', difficulty: null, count: 3, pointsEach: 2 }],
	})
	expect(round.scoreRelease).toBe('after_close')
	const person = await createPerson(db)
	await db.user.update({ where: { id: person.id }, data: { mustChangePassword: false } })
	// Every answer right and graded: a score of 6 exists from the moment of submitting.
	const attemptId = await sitRound(db, { roundId: round.id, person, startAt: new Date(now.getTime() - 120_000), isRight: () => true })
	const stored = await db.attempt.findUniqueOrThrow({ where: { id: attemptId } })
	expect([stored.gradingStatus, stored.score]).toEqual(['complete', 6])

	const { token } = await createSession(db, person.id)
	const cookie = (await commitSessionCookie(token)).split(';')[0]!
	const get = (path: string) => new Request(`http://localhost${path}`, { headers: { cookie } })
	const context = {}
	const responses = async () => ({
		result: await serialise(() => resultPage.loader({ request: get(`/exams/attempts/${attemptId}/result.data`), params: { attemptId }, context })),
		home: await serialise(() => home.loader({ request: get('/exams.data'), params: {}, context })),
		round: await serialise(() => roundPage.loader({ request: get(`/exams/rounds/${round.id}.data`), params: { roundId: round.id }, context })),
	})

	const before = await responses()
	for (const [name, body] of Object.entries(before)) {
		expect(body, name).not.toMatch(/"score":\d/)
		expect(body, name).not.toMatch(/"objective":\{/)
		expect(body, name).not.toMatch(/"marks":\[/)
	}
	expect(before.result).toContain('"scoreReleased":false')

	// The window closes (moved into the past, as time would): the score and marks are released.
	await db.round.update({ where: { id: round.id }, data: { opensAt: new Date(now.getTime() - 7200_000), closesAt: new Date(Date.now() - 60_000) } })
	const after = await responses()
	expect(after.result).toContain('"score":6')
	expect(after.result).toMatch(/"marks":\[\{"position":1,"type":"single","points":2,"score":2/)
	expect(after.result).toContain('"review":null')
	expect(after.home).toContain('"score":6')
	expect(after.round).toContain('"score":6')

	// Round statistics (and their workbook) mark each option's key and show every score: they
	// are for lecturers and admins only, never a learner's (ADR 038).
	for (const route of [statsPage, statsWorkbook]) {
		const refused = await route.loader({ request: get(`/admin/rounds/${round.id}/stats`), params: { roundId: round.id }, context }).then(
			() => null,
			(thrown: unknown) => thrown as { init?: { status?: number } },
		)
		expect(refused?.init?.status).toBe(403)
	}
}
