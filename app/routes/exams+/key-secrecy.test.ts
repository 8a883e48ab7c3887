// Every loader and action a learner's attempt goes through, called as the server would call
// it (real session cookie, real SQLite database), with each response serialised and scanned:
// no answer key, rubric, reference answer or 解析 before the round's review opens. Besides the
// attempt's own steps, every page the learner can open (each route file's loader, found on
// disk, with this round and paper as its params: rankings, notifications, appeals, 学习,
// 共性问题, the layout's own data …) is scanned while the paper is open and again after it is
// handed in, so a new page that shows round data is scanned without being listed here.
import { describe, expect, test } from 'vitest'
import type { LearnerAttemptView } from '#app/exams/attempts/learner-paper.ts'
import { getTestDbWithUrl } from '#tests/db-utils.ts'

const SECRET = /answerKey|rubric|"explanation"|keyText|评分要点【|参考答案【|解析【|人民代表大会/
const TYPES = ['single', 'multiple', 'true_false', 'fill_blank', 'short_answer'] as const

async function serialise(value: unknown): Promise<string> {
	if (value instanceof Response) return `${value.status} ${[...value.headers].join(';')} ${await value.clone().text()}`
	return JSON.stringify(value)
}

/** A thrown Response (redirect, 404) or data() with a status is a response too. */
async function settle(run: () => Promise<unknown>) {
	try {
		return await run()
	} catch (thrown) {
		if (thrown instanceof Response || (thrown as { type?: string } | null)?.type === 'DataWithResponseInit') return thrown
		throw thrown
	}
}

describe('learner routes never carry the key before review', () => {
	test('exams home, round, start, paper, saves, clock, submit, result, 错题本 and practice', async () => {
		const { db, url } = await getTestDbWithUrl('sqlite')
		// The routes use the app's shared client, built from settings read on first import (the
		// fixtures reach them too, through the audit log): point them at this test's database first.
		process.env.DATABASE_URL = url
		const [{ createBankQuestions, createPerson, createRound }, { createSession, commitSessionCookie }, home, roundPage, attemptPage, answers, resultPage, mistakes, practice] = await Promise.all([
			import('#app/exams/rounds/test-fixtures.ts'),
			import('#app/utils/session.server.ts'),
			import('./_index.tsx'),
			import('./rounds.$roundId.tsx'),
			import('./attempts.$attemptId.tsx'),
			import('./attempts.$attemptId_.answers.ts'),
			import('./attempts.$attemptId_.result.tsx'),
			import('./mistakes.tsx'),
			import('./practice.tsx'),
		])
		for (const type of TYPES) await createBankQuestions(db, type, 1)
		const now = new Date()
		const round = await createRound(db, now, {
			closesAt: new Date(now.getTime() + 3600_000),
			rules: TYPES.map((type) => ({ topic: 'fiscal', type, difficulty: null, count: 1, pointsEach: 2 })),
		})
		const person = await createPerson(db)
		await db.user.update({ where: { id: person.id }, data: { mustChangePassword: false } })
		const { token } = await createSession(db, person.id)
		const cookie = (await commitSessionCookie(token)).split(';')[0]!
		const origin = 'http://localhost'
		const get = (path: string) => new Request(`${origin}${path}`, { headers: { cookie } })
		const post = (path: string, body: BodyInit, type?: string) =>
			new Request(`${origin}${path}`, { method: 'POST', headers: { cookie, origin, ...(type ? { 'content-type': type } : {}) }, body })
		const form = (fields: Record<string, string>) => new URLSearchParams(fields)
		const context = {}
		const responses: { step: string; body: string }[] = []
		const record = async (step: string, run: () => Promise<unknown>) => {
			const value = await settle(run)
			responses.push({ step, body: await serialise(value) })
			return value
		}
		let attemptId = ''
		const { routeFiles, urlOf } = await import('#tests/security/routes.ts')
		const root = await import('#app/root.tsx')
		const pages = routeFiles().filter((route) => route.hasLoader)
		/** Every page's loader as this learner, with this round and paper wherever a route takes them. */
		const everyPage = async (when: string) => {
			await record(`${when}: the layout`, () => root.loader({ request: get('/exams'), params: {}, context }))
			for (const page of pages) {
				const module = (await page.load()) as { loader: (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown> }
				const pageParams = Object.fromEntries(page.params.map((name) => [name, name === 'attemptId' ? attemptId : name === 'roundId' || name === 'scopeId' ? round.id : name === 'scope' ? 'round' : 'x']))
				await record(`${when}: ${page.pattern}`, () => module.loader({ request: get(urlOf(page.pattern, pageParams)), params: pageParams, context }))
			}
		}

		await record('exams home', () => home.loader({ request: get('/exams'), params: {}, context }))
		await record('round page', () => roundPage.loader({ request: get(`/exams/rounds/${round.id}`), params: { roundId: round.id }, context }))
		const started = (await record('start', () =>
			roundPage.action({ request: post(`/exams/rounds/${round.id}`, form({ intent: 'start' })), params: { roundId: round.id }, context }),
		)) as Response
		expect(started.status).toBe(302)
		attemptId = started.headers.get('Location')!.split('/').at(-1)!
		const params = { attemptId }
		const paper = await record('paper', () => attemptPage.loader({ request: get(`/exams/attempts/${attemptId}`), params, context }))
		expect(JSON.stringify(paper)).toContain('"questions"')
		// Choices are named by the paper's opaque ids (ADR 037); a bare letter is refused.
		const [single, multiple] = (paper as { data: LearnerAttemptView }).data.questions
		for (const [position, seq, answer] of [
			[1, 1, single!.options[0]!.id],
			[1, 1, single!.options[1]!.id],
			[2, 2, multiple!.options.slice(0, 2).map((o) => o.id)],
			[1, 3, 'A'],
		] as const) {
			await record(`save ${seq}`, () =>
				answers.action({ request: post(`/exams/attempts/${attemptId}/answers`, JSON.stringify({ position, seq, answer }), 'application/json'), params, context }),
			)
		}
		await record('bad save', () => answers.action({ request: post(`/exams/attempts/${attemptId}/answers`, '{"position":1,"seq":"x"}', 'application/json'), params, context }))
		await record('clock', () => answers.loader({ request: get(`/exams/attempts/${attemptId}/answers`), params, context }))
		await everyPage('while open')
		await record('result while open', () => resultPage.loader({ request: get(`/exams/attempts/${attemptId}/result`), params, context }))
		await record('submit', () => attemptPage.action({ request: post(`/exams/attempts/${attemptId}`, form({ intent: 'submit' })), params, context }))
		await record('submit again', () => attemptPage.action({ request: post(`/exams/attempts/${attemptId}`, form({ intent: 'submit' })), params, context }))
		await record('paper after submit', () => attemptPage.loader({ request: get(`/exams/attempts/${attemptId}`), params, context }))
		await record('save after submit', () =>
			answers.action({ request: post(`/exams/attempts/${attemptId}/answers`, JSON.stringify({ position: 3, seq: 9, answer: true }), 'application/json'), params, context }),
		)
		await everyPage('after submit')
		const result = await record('result', () => resultPage.loader({ request: get(`/exams/attempts/${attemptId}/result`), params, context }))
		await record('mistakes', () => mistakes.loader({ request: get('/exams/mistakes'), params: {}, context }))
		await record('practice', () => practice.loader({ request: get('/exams/practice?topic=all'), params: {}, context }))
		const essay = await db.attemptQuestion.findFirstOrThrow({ where: { attemptId, questionVersion: { type: 'short_answer' } }, select: { questionVersion: { select: { questionId: true } } } })
		await record('practice reveal', () =>
			practice.action({ request: post('/exams/practice', form({ intent: 'reveal', questionId: essay.questionVersion.questionId })), params: {}, context }),
		)

		expect(responses.length).toBe(19 + 2 * (pages.length + 1))
		for (const { step, body } of responses) expect(body, step).not.toMatch(SECRET)
		expect(JSON.stringify(result)).toContain('"review":null')

		// Once the window has closed and review has opened, the same result carries the 解析.
		await db.round.update({ where: { id: round.id }, data: { opensAt: new Date(now.getTime() - 7200_000), closesAt: new Date(Date.now() - 60_000) } })
		const reviewed = await serialise(await settle(() => resultPage.loader({ request: get(`/exams/attempts/${attemptId}/result`), params, context })))
		expect(reviewed).toMatch(/解析【/)
	})
})
