// Issue 8, item 1 over HTTP: the test page's loader (what /exams/attempts/:id.data encodes)
// and the JSON save route, called as the server calls them with a real session, on one
// provider. Run from a test file per provider (the routes use the app's one shared client).
import { expect } from 'vitest'
import type { LearnerAttemptView } from '#app/exams/attempts/learner-paper.ts'
import type { DbProvider } from '#app/utils/db-client.server.ts'
import { getTestDbWithUrl } from '#tests/db-utils.ts'

const CHOICE = ['single', 'multiple']

export async function checkPaperRoutes(provider: DbProvider) {
	const { db, url } = await getTestDbWithUrl(provider)
	// The app's settings (and its shared client) are read once, on first import: point them at
	// this test's database before anything that reads them is loaded.
	process.env.DATABASE_URL = url
	const [{ createSession, commitSessionCookie }, attemptPage, answers, { NOT_ON_PAPER_MESSAGE }, { startAttempt }, { createBankQuestions, createPerson, createRound }] = await Promise.all([
		import('#app/utils/session.server.ts'),
		import('#app/routes/exams+/attempts.$attemptId.tsx'),
		import('#app/routes/exams+/attempts.$attemptId_.answers.ts'),
		import('#app/exams/attempts/save-answer.server.ts'),
		import('#app/exams/attempts/start-attempt.server.ts'),
		import('#app/exams/rounds/test-fixtures.ts'),
	])
	await createBankQuestions(db, 'single', 3)
	await createBankQuestions(db, 'multiple', 2)
	await createBankQuestions(db, 'true_false', 1)
	const now = new Date()
	const round = await createRound(db, now, {
		closesAt: new Date(now.getTime() + 3600_000),
		rules: [
			{ topic: 'fiscal', type: 'single', difficulty: null, count: 3, pointsEach: 2 },
			{ topic: 'fiscal', type: 'multiple', difficulty: null, count: 2, pointsEach: 4 },
			{ topic: 'fiscal', type: 'true_false', difficulty: null, count: 1, pointsEach: 1 },
		],
	})
	const context = {}
	const origin = 'http://localhost'

	async function signedIn() {
		const person = await createPerson(db)
		await db.user.update({ where: { id: person.id }, data: { mustChangePassword: false } })
		const { token } = await createSession(db, person.id)
		const cookie = (await commitSessionCookie(token)).split(';')[0]!
		const started = await startAttempt(db, { roundId: round.id, candidate: person, now: new Date() })
		if (!started.ok) throw new Error(started.message)
		const attemptId = started.attemptId
		const params = { attemptId }
		const loaded = (await attemptPage.loader({ request: new Request(`${origin}/exams/attempts/${attemptId}.data`, { headers: { cookie } }), params, context })) as unknown as {
			data: LearnerAttemptView
		}
		let seq = 0
		const save = async (position: number, answer: unknown) => {
			const request = new Request(`${origin}/exams/attempts/${attemptId}/answers`, {
				method: 'POST',
				headers: { cookie, origin, 'content-type': 'application/json' },
				body: JSON.stringify({ position, seq: ++seq, answer }),
			})
			const response = (await answers.action({ request, params, context })) as Response
			return { status: response.status, body: (await response.json()) as { status?: string; message?: string } }
		}
		const submit = async () => {
			const request = new Request(`${origin}/exams/attempts/${attemptId}`, { method: 'POST', headers: { cookie, origin }, body: new URLSearchParams({ intent: 'submit' }) })
			await attemptPage.action({ request, params, context }).catch((thrown: unknown) => {
				if (!(thrown instanceof Response)) throw thrown
			})
		}
		return { attemptId, paper: loaded.data, serialised: JSON.stringify(loaded), save, submit }
	}

	const me = await signedIn()
	const other = await signedIn()
	const choices = me.paper.questions.filter((q) => CHOICE.includes(q.type))
	expect(choices).toHaveLength(5)

	// (a) The loader's output names options by ids that are not key letters and carries no "key".
	expect(me.serialised).not.toMatch(/"key"/)
	for (const question of choices) {
		for (const option of question.options) {
			expect(Object.keys(option).sort()).toEqual(['id', 'label', 'text'])
			expect(option.id).not.toMatch(/^[A-H]$/)
		}
	}
	// …and the bank's key letters of the drawn versions are nowhere among them, in any form.
	const ids = new Set(choices.flatMap((q) => q.options.map((o) => o.id)))
	for (const letter of 'ABCDEFGH') expect(ids.has(letter)).toBe(false)

	// (c) A letter, an id from someone else's paper, or one from another question: 400 in Chinese.
	const single = choices.find((q) => q.type === 'single')!
	const multiple = choices.find((q) => q.type === 'multiple')!
	const theirs = other.paper.questions.find((q) => q.position === single.position)!
	for (const [position, answer] of [
		[single.position, 'A'],
		[multiple.position, ['A', 'B', 'C']],
		[single.position, theirs.options[0]!.id],
		[single.position, multiple.options[0]!.id],
	] as const) {
		expect(await me.save(position, answer), JSON.stringify(answer)).toEqual({ status: 400, body: { message: NOT_ON_PAPER_MESSAGE, position } })
	}

	// The paper's own ids, picked by the right option texts, are mapped to the right keys: full marks.
	const drawn = await db.attemptQuestion.findMany({ where: { attemptId: me.attemptId }, select: { position: true, questionVersion: { select: { options: true, answerKey: true } } } })
	for (const question of me.paper.questions) {
		const version = drawn.find((row) => row.position === question.position)!.questionVersion
		const bank = JSON.parse(version.options) as { key: string; text: string }[]
		const key = JSON.parse(version.answerKey) as string | string[] | boolean
		const idOf = (k: string) => question.options.find((o) => o.text === bank.find((b) => b.key === k)!.text)!.id
		const answer = question.type === 'single' ? idOf(key as string) : question.type === 'multiple' ? (key as string[]).map(idOf) : key
		expect(await me.save(question.position, answer)).toMatchObject({ status: 200, body: { status: 'applied' } })
	}
	await me.submit()
	const graded = await db.attempt.findUniqueOrThrow({ where: { id: me.attemptId }, select: { score: true, maxScore: true } })
	expect(graded).toEqual({ score: 15, maxScore: 15 })
}
