// The appeal and notification routes called as the server calls them (real session cookie, real
// SQLite): only the attempt's owner files an appeal on it, only admins see the queue and decide,
// a decision is made once, bad input is a Chinese 400 and never a 500, and a person opens only
// their own notifications.
import { beforeAll, describe, expect, test } from 'vitest'
import type { rankingScenario as RankingScenario } from '#app/rankings/test-fixtures.ts'
import type { Db } from '#app/utils/db-client.server.ts'
import { getTestDbWithUrl } from '#tests/db-utils.ts'
import { settle, type Route } from '#tests/route-answer.ts'

const REASON = '参考答案与审计法规定不一致，我的选项才是正确的，请复核。'

describe('appeal and notification routes', () => {
	let db: Db
	let cookieOf: (userId: string) => Promise<string>
	let routes: { mine: Route; file: Route; queue: Route; decide: Route; notifications: Route }
	let scenario: Awaited<ReturnType<typeof RankingScenario>>
	let admin: { id: string }
	let attemptOfA: string

	beforeAll(async () => {
		const opened = await getTestDbWithUrl('sqlite')
		db = opened.db
		// The routes use the app's shared client, built on first import: point it here first.
		process.env.DATABASE_URL = opened.url
		const [session, fixtures, rankingFixtures, snapshots, mine, file, queue, decide, notifications] = await Promise.all([
			import('#app/utils/session.server.ts'),
			import('#app/exams/rounds/test-fixtures.ts'),
			import('#app/rankings/test-fixtures.ts'),
			import('#app/rankings/snapshots.server.ts'),
			import('./_index.tsx'),
			import('./new.$attemptId.tsx'),
			import('../admin+/appeals._index.tsx'),
			import('../admin+/appeals.$appealId.tsx'),
			import('../notifications.tsx'),
		])
		routes = { mine, file, queue, decide, notifications } as unknown as typeof routes
		cookieOf = async (userId: string) => (await session.commitSessionCookie((await session.createSession(db, userId)).token)).split(';')[0]!
		scenario = await rankingFixtures.rankingScenario(db)
		// Both rounds have closed (with round 1's extra time), so round 2's marks are released (ADR 039)
		// and no open round still draws its questions (ADR 038); then round 2's ranking is published.
		const closed = new Date(Date.now() - 2 * 3600_000)
		await db.round.updateMany({ where: { id: { in: [scenario.round1.id, scenario.round2.id] } }, data: { opensAt: new Date(Date.now() - 4 * 3600_000), closesAt: closed } })
		await db.attempt.updateMany({ where: { roundId: { in: [scenario.round1.id, scenario.round2.id] } }, data: { deadline: closed } })
		admin = await fixtures.createPerson(db, { roles: ['admin'], name: '申诉管理员' })
		await db.user.updateMany({ where: { id: { in: [admin.id, scenario.people.a.id, scenario.people.c.id] } }, data: { mustChangePassword: false } })
		const now = new Date()
		const draft = (await snapshots.buildDraft(db, { scope: 'round', scopeId: scenario.round2.id, now }))!
		const published = await snapshots.publishRanking(db, { scope: 'round', scopeId: scenario.round2.id, reviewedHash: draft.contentHash, actorId: admin.id, now })
		if (!published.ok) throw new Error(JSON.stringify(published.fieldErrors))
		attemptOfA = (await db.attempt.findFirstOrThrow({ where: { roundId: scenario.round2.id, userId: scenario.people.a.id } })).id
	}, 120_000)

	const get = async (path: string, userId: string) => new Request(`http://localhost${path}`, { headers: { cookie: await cookieOf(userId) } })
	const post = async (path: string, userId: string, form: Record<string, string>) =>
		new Request(`http://localhost${path}`, { method: 'POST', body: new URLSearchParams(form), headers: { cookie: await cookieOf(userId), 'content-type': 'application/x-www-form-urlencoded' } })

	test('only the owner appeals their attempt; bad input is explained at the field; the appeal shows on 我的申诉', async () => {
		const path = `/appeals/new/${attemptOfA}`
		const params = { attemptId: attemptOfA }
		const c = scenario.people.c.id
		expect((await settle(async () => routes.file.loader!({ request: await get(path, c), params, context: {} }))).status).toBe(404)
		expect((await settle(async () => routes.file.action!({ request: await post(path, c, { position: '1', reason: REASON }), params, context: {} }))).status).toBe(404)
		const anonymous = await settle(async () => routes.file.loader!({ request: new Request(`http://localhost${path}`), params, context: {} }))
		expect(anonymous).toMatchObject({ status: 302, location: expect.stringMatching(/^\/login/) })

		const a = scenario.people.a.id
		const page = await settle(async () => routes.file.loader!({ request: await get(path, a), params, context: {} }))
		expect(page.status).toBe(200)
		expect(JSON.parse(page.body)).toMatchObject({ blocked: null, questions: [{ position: 1, blocked: null }, { position: 2, blocked: null }] })

		const short = await settle(async () => routes.file.action!({ request: await post(path, a, { position: '1', reason: '不对' }), params, context: {} }))
		expect(short.status).toBe(400)
		// conform's reply (ADR 070): errors by field, what was typed kept to refill the form.
		expect(JSON.parse(short.body)).toMatchObject({ status: 'error', error: { reason: ['请写明申诉理由（至少 10 个字）'] }, initialValue: { position: '1', reason: '不对' } })
		const none = await settle(async () => routes.file.action!({ request: await post(path, a, { position: '', reason: REASON }), params, context: {} }))
		expect(none.status).toBe(400)
		expect(JSON.parse(none.body).error).toEqual({ position: ['请选择要申诉的题目'] })

		const filed = await settle(async () => routes.file.action!({ request: await post(path, a, { position: '1', reason: REASON }), params, context: {} }))
		expect(filed).toMatchObject({ status: 302, location: '/appeals', toast: true })
		const again = await settle(async () => routes.file.action!({ request: await post(path, a, { position: '1', reason: REASON }), params, context: {} }))
		expect(again.status).toBe(400)
		expect(JSON.parse(again.body).error).toEqual({ position: ['该题已申诉（待处理），每题只能申诉一次'] })

		expect((await settle(async () => routes.mine.loader!({ request: await get('/appeals', a), params: {}, context: {} }))).body).toContain(REASON)
		expect((await settle(async () => routes.mine.loader!({ request: await get('/appeals', c), params: {}, context: {} }))).body).not.toContain(REASON)
	})

	test('only admins see the queue and decide; a rejection needs a reply; a decided appeal is not decided again; the learner opens the notification', async () => {
		const a = scenario.people.a.id
		const appeal = await db.appeal.findFirstOrThrow({ where: { userId: a } })
		const params = { appealId: appeal.id }
		const path = `/admin/appeals/${appeal.id}`
		expect((await settle(async () => routes.queue.loader!({ request: await get('/admin/appeals', a), params: {}, context: {} }))).status).toBe(403)
		expect((await settle(async () => routes.decide.loader!({ request: await get(path, a), params, context: {} }))).status).toBe(403)
		expect((await settle(async () => routes.decide.action!({ request: await post(path, a, { decision: 'accept' }), params, context: {} }))).status).toBe(403)
		expect((await db.appeal.findUniqueOrThrow({ where: { id: appeal.id } })).status).toBe('open')

		const queue = await settle(async () => routes.queue.loader!({ request: await get('/admin/appeals?status=bogus', admin.id), params: {}, context: {} }))
		expect(JSON.parse(queue.body)).toMatchObject({ filter: 'open', appeals: [{ id: appeal.id, learnerName: '甲', position: 1 }] })
		expect((await settle(async () => routes.decide.loader!({ request: await get('/admin/appeals/nope', admin.id), params: { appealId: 'nope' }, context: {} }))).status).toBe(404)
		const detail = await settle(async () => routes.decide.loader!({ request: await get(path, admin.id), params, context: {} }))
		expect(detail.body).toContain('"regradeLink":"/bank/')

		const bare = await settle(async () => routes.decide.action!({ request: await post(path, admin.id, { decision: 'reject', reply: '' }), params, context: {} }))
		expect(bare.status).toBe(400)
		expect(JSON.parse(bare.body)).toMatchObject({ status: 'error', error: { reply: ['不予采纳时须写明答复理由（至少 5 个字）'] } })
		const garbled = await settle(async () => routes.decide.action!({ request: await post(path, admin.id, { decision: 'perhaps' }), params, context: {} }))
		expect(garbled.status).toBe(400)

		const accepted = await settle(async () => routes.decide.action!({ request: await post(path, admin.id, { decision: 'accept', reply: '受理，将更正答案。' }), params, context: {} }))
		expect(accepted).toMatchObject({ status: 302, location: path, toast: true })
		const twice = await settle(async () => routes.decide.action!({ request: await post(path, admin.id, { decision: 'reject', reply: '已经处理过了吗？' }), params, context: {} }))
		expect(twice.status).toBe(409)
		expect(JSON.parse(twice.body).error).toEqual({ '': ['该申诉已由申诉管理员处理（已受理），请刷新查看'] })

		// The learner's notification: someone else cannot open it; its owner opens it and goes to 我的申诉.
		const note = await db.notification.findFirstOrThrow({ where: { userId: a, kind: 'appeal.accepted' } })
		const list = await settle(async () => routes.notifications.loader!({ request: await get('/notifications', a), params: {}, context: {} }))
		expect(JSON.parse(list.body)).toMatchObject({ unread: 1, items: [{ id: note.id, title: expect.stringContaining('申诉已受理') }] })
		const c = scenario.people.c.id
		expect((await settle(async () => routes.notifications.action!({ request: await post('/notifications', c, { intent: 'open', id: note.id }), params: {}, context: {} }))).status).toBe(404)
		const unknown = await settle(async () => routes.notifications.action!({ request: await post('/notifications', a, { intent: 'delete', id: note.id }), params: {}, context: {} }))
		expect(unknown.status).toBe(400)
		expect(JSON.parse(unknown.body)).toMatchObject({ status: 'error', error: { '': ['操作无效，请刷新页面后重试'] } })
		const opened = await settle(async () => routes.notifications.action!({ request: await post('/notifications', a, { intent: 'open', id: note.id }), params: {}, context: {} }))
		// Opening follows the link (no toast: the page it opens is the answer).
		expect(opened).toMatchObject({ status: 302, location: '/appeals', toast: false })
		expect((await db.notification.findUniqueOrThrow({ where: { id: note.id } })).readAt).not.toBeNull()
		const all = await settle(async () => routes.notifications.action!({ request: await post('/notifications', admin.id, { intent: 'read-all' }), params: {}, context: {} }))
		expect(all).toMatchObject({ status: 302, location: '/notifications', toast: true })
		expect(await db.notification.count({ where: { userId: admin.id, readAt: null } })).toBe(0)
	})
})
