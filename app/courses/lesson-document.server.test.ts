// The lesson-page document cache against a real database. The app's renderer is the one
// boundary replaced here (the e2e suite renders through the real app): it records what it
// was asked and answers like the app's shared render would.
import { beforeAll, describe, expect, test } from 'vitest'
import { PERSONAL_ISLAND_ID, type PersonalIsland } from './personal-island.ts'
import type { Db } from '#app/utils/db-client.server.ts'
import { commitSessionCookie, createSession } from '#app/utils/session.server.ts'
import { isSharedRender, sharedRenderHeaders } from '#app/utils/shared-render.server.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { syncGitContent } from './git-sync.server.ts'
import { answerKnowledgeCheck } from './knowledge-checks.ts'
import { type AppRenderer, createLessonDocuments } from './lesson-document.server.ts'
import { forgetLessonShells } from './lesson-shell.ts'
import { markLessonComplete } from './progress.ts'
import { createPerson } from './test-fixtures.ts'
import { contentSecurityPolicy, createNonce, nonceOfPolicy } from '../../server/security-headers.mjs'

const PATH = '/learn/courses/fiscal-budget-execution/budget-law-basics'

type Rendered = { path: string; shared: boolean; cookie: string | null }

/** Answers like the app: a page whose navigation depends on the cookie's roles, nothing else. */
function fakeApp({ status = 200, extra = '' }: { status?: number; extra?: string } = {}) {
	const calls: Rendered[] = []
	const render: AppRenderer = async (request) => {
		calls.push({ path: new URL(request.url).pathname, shared: isSharedRender(request), cookie: request.headers.get('cookie') })
		await new Promise((resolve) => setTimeout(resolve, 5))
		const html = `<!DOCTYPE html><html lang="zh-CN"><head><title>预算法基础</title></head><body><main>课时正文 ${calls.length}${extra}</main></body></html>`
		return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8', 'set-cookie': 'never=forwarded' } })
	}
	return { render, calls }
}

function islandOf(body: string): PersonalIsland {
	const match = new RegExp(`<script id="${PERSONAL_ISLAND_ID}" type="application/json">(.*?)</script>`).exec(body)
	if (!match) throw new Error('no personal island')
	return JSON.parse(match[1]!) as PersonalIsland
}

describeEachProvider('lesson-page document cache', (getDb) => {
	let db: Db
	let lessonId: string

	async function reader({ roles = ['learner'], name, mustChangePassword = false }: { roles?: string[]; name?: string; mustChangePassword?: boolean } = {}) {
		const person = await createPerson(db, { roles, name })
		await db.user.update({ where: { id: person.id }, data: { mustChangePassword } })
		const { token } = await createSession(db, person.id)
		return { ...person, cookie: (await commitSessionCookie(token)).split(';')[0]! }
	}
	const request = (cookie: string | undefined, overrides: { method?: string; path?: string } = {}) => ({ method: 'GET', path: PATH, cookie, ...overrides })

	beforeAll(async () => {
		db = await getDb()
		await syncGitContent(db)
		lessonId = (await db.lesson.findFirstOrThrow({ where: { slug: 'budget-law-basics' }, select: { id: true } })).id
	})

	test('readers with the same roles share one render, and each page carries only its own reader', async () => {
		const app = fakeApp()
		const documents = createLessonDocuments({ db, render: app.render })
		const first = await reader({ name: '甲学员' })
		const second = await reader({ name: '乙学员' })
		const versionId = (await db.lesson.findUniqueOrThrow({ where: { id: lessonId }, select: { publishedVersionId: true } })).publishedVersionId!
		await markLessonComplete(db, { userId: first.id, lessonId })
		await answerKnowledgeCheck(db, { userId: first.id, lessonId, versionId, checkKey: 'budget-basis', choice: ['B'] })

		const firstPage = await documents.serve(request(first.cookie))
		const secondPage = await documents.serve(request(second.cookie))

		expect(app.calls).toEqual([{ path: PATH, shared: true, cookie: first.cookie }])
		expect(firstPage?.headers).toEqual({ 'content-type': 'text/html; charset=utf-8' })
		expect(islandOf(firstPage!.body)).toEqual({
			identity: { name: '甲学员', username: first.username, unitName: expect.any(String) },
			lesson: {
				versionId,
				progress: { position: 0, completed: true, timeSpentSeconds: 0 },
				answered: { 'budget-basis': { choice: ['B'], correct: true, answer: ['B'], explanation: expect.stringContaining('预算') } },
			},
		})
		expect(islandOf(secondPage!.body)).toEqual({
			identity: { name: '乙学员', username: second.username, unitName: expect.any(String) },
			lesson: { versionId, progress: { position: 0, completed: false, timeSpentSeconds: 0 }, answered: {} },
		})
		for (const personal of ['甲学员', first.username, '"answer"']) expect(secondPage!.body).not.toContain(personal)
		// The island sits in the head, before any of the app's scripts run.
		expect(secondPage!.body.indexOf(PERSONAL_ISLAND_ID)).toBeLessThan(secondPage!.body.indexOf('</head>'))
	})

	test('another role set, or a change to what the lesson shows, renders again', async () => {
		const app = fakeApp()
		const documents = createLessonDocuments({ db, render: app.render })
		const learner = await reader()
		const mentor = await reader({ roles: ['learner', 'mentor'] })
		await documents.serve(request(learner.cookie))
		await documents.serve(request(mentor.cookie))
		await documents.serve(request(learner.cookie))
		expect(app.calls.map((call) => call.cookie)).toEqual([learner.cookie, mentor.cookie])

		const course = await db.course.findFirstOrThrow({ where: { slug: 'fiscal-budget-execution' }, select: { id: true, title: true } })
		await db.course.update({ where: { id: course.id }, data: { title: `${course.title}（修订）` } })
		try {
			forgetLessonShells(db)
			await documents.serve(request(learner.cookie))
			expect(app.calls).toHaveLength(3)
		} finally {
			await db.course.update({ where: { id: course.id }, data: { title: course.title } })
			forgetLessonShells(db)
		}
	})

	test('requests the normal render must answer are passed on without rendering', async () => {
		const app = fakeApp()
		const documents = createLessonDocuments({ db, render: app.render })
		const learner = await reader()
		const withTemporaryPassword = await reader({ mustChangePassword: true })
		const passedOn = [
			request(undefined),
			request('hs_session=forged'),
			request(withTemporaryPassword.cookie),
			request(learner.cookie, { path: '/learn/courses/fiscal-budget-execution/no-such-lesson' }),
			request(learner.cookie, { path: `${PATH}?index` }),
			request(learner.cookie, { path: `${PATH}.data` }),
			request(learner.cookie, { path: '/learn/courses/fiscal-budget-execution' }),
			request(learner.cookie, { method: 'POST' }),
			request(learner.cookie, { method: 'HEAD' }),
		]
		for (const each of passedOn) expect(await documents.serve(each)).toBeNull()
		expect(app.calls).toEqual([])
	})

	test('a render that is not a 200 page, or that shows its reader, is not kept', async () => {
		const learner = await reader({ name: '丙学员' })
		const failing = fakeApp({ status: 404 })
		const failingDocuments = createLessonDocuments({ db, render: failing.render })
		expect(await failingDocuments.serve(request(learner.cookie))).toBeNull()
		expect(await failingDocuments.serve(request(learner.cookie))).toBeNull()
		expect(failing.calls).toHaveLength(2)

		const leaking = fakeApp({ extra: '丙学员' })
		const leakingDocuments = createLessonDocuments({ db, render: leaking.render })
		const errors: unknown[] = []
		const original = console.error
		console.error = (...args: unknown[]) => errors.push(args)
		try {
			expect(await leakingDocuments.serve(request(learner.cookie))).toBeNull()
		} finally {
			console.error = original
		}
		expect(errors).toHaveLength(1)
		// Another reader's render of the same page does not show them, so it is kept.
		const other = await reader({ name: '丁学员' })
		expect(await leakingDocuments.serve(request(other.cookie))).not.toBeNull()
		expect(await leakingDocuments.serve(request(learner.cookie))).not.toBeNull()
		expect(leaking.calls).toHaveLength(2)
	})

	test('a class opening a lesson together waits for one render', async () => {
		const app = fakeApp()
		const documents = createLessonDocuments({ db, render: app.render })
		const readers = await Promise.all(Array.from({ length: 8 }, () => reader()))
		const pages = await Promise.all(readers.map((each) => documents.serve(request(each.cookie))))
		expect(app.calls).toHaveLength(1)
		expect(pages.map((page) => islandOf(page!.body).identity.username)).toEqual(readers.map((each) => each.username))
	})

	test('no name can close the island script', async () => {
		const app = fakeApp()
		const documents = createLessonDocuments({ db, render: app.render })
		const name = '</script><script>alert(1)</script>'
		const learner = await reader({ name })
		const page = await documents.serve(request(learner.cookie))
		expect(page!.body).not.toContain('<script>alert(1)')
		expect(islandOf(page!.body).identity.name).toBe(name)
	})

	test('each view of a kept document gets its own CSP nonce, in the policy and on every script', async () => {
		const rendered: string[] = []
		// Renders like entry.server.tsx: a fresh nonce on the policy and on each inline script.
		const render: AppRenderer = async () => {
			const nonce = createNonce()
			rendered.push(nonce)
			const html = `<!DOCTYPE html><html><head><link rel="modulepreload" href="/assets/a.js"/></head><body><main>课时正文</main><script nonce="${nonce}">window.__remixContext = {}</script><script nonce="${nonce}" type="module">import "/assets/a.js"</script></body></html>`
			return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': contentSecurityPolicy({ nonce }) } })
		}
		const documents = createLessonDocuments({ db, render })
		const pages = [await documents.serve(request((await reader()).cookie)), await documents.serve(request((await reader()).cookie))]
		expect(rendered).toHaveLength(1)
		const nonces = pages.map((page) => {
			const nonce = nonceOfPolicy(page!.headers['content-security-policy'])
			expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/)
			expect([...page!.body.matchAll(/nonce="([^"]*)"/g)].map((match) => match[1])).toEqual([nonce, nonce])
			expect(page!.body).not.toContain(rendered[0])
			expect(page!.headers['content-security-policy']).toBe(contentSecurityPolicy({ nonce: nonce! }))
			return nonce
		})
		expect(nonces[0]).not.toBe(nonces[1])
	})
})

describe('shared renders', () => {
	const withHeader = (value: string | null) => new Request('http://localhost/', { headers: value === null ? {} : { [Object.keys(sharedRenderHeaders())[0]!]: value } })

	test('only a request carrying this process’s secret is a shared render', () => {
		expect(isSharedRender(new Request('http://localhost/', { headers: sharedRenderHeaders() }))).toBe(true)
		expect(isSharedRender(withHeader(null))).toBe(false)
		expect(isSharedRender(withHeader('1'))).toBe(false)
		expect(isSharedRender(withHeader('0'.repeat(64)))).toBe(false)
	})
})
