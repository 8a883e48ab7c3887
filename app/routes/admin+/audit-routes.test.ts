// 审计日志's two buttons (ADR 070): 校验哈希链 is a read and so a GET (a refresh only checks
// again); 立即记录检查点 posts, then redirects to the verification with a toast, so a refresh
// never records a second checkpoint. A learner is refused both.
import { beforeAll, describe, expect, test } from 'vitest'
import type { Db } from '#app/utils/db-client.server.ts'
import { getTestDbWithUrl } from '#tests/db-utils.ts'
import { settle, type Route } from '#tests/route-answer.ts'

describe('audit log page', () => {
	let db: Db
	let route: Route
	let cookieOf: (userId: string) => Promise<string>
	let admin: { id: string }
	let learner: { id: string }
	const origin = 'http://localhost'

	beforeAll(async () => {
		const opened = await getTestDbWithUrl('sqlite')
		db = opened.db
		process.env.DATABASE_URL = opened.url
		const [session, fixtures, page] = await Promise.all([import('#app/utils/session.server.ts'), import('#app/admin/test-fixtures.ts'), import('./audit.tsx')])
		route = page as unknown as Route
		cookieOf = async (userId: string) => (await session.commitSessionCookie((await session.createSession(db, userId)).token)).split(';')[0]!
		admin = await fixtures.makeAdmin(db)
		learner = await fixtures.makeUser(db, { unitId: (await fixtures.makeUnit(db)).id, roles: ['learner'], name: '冯学员' })
	})

	const request = async (path: string, as: { id: string }, form?: Record<string, string>) =>
		new Request(`${origin}${path}`, {
			method: form ? 'POST' : 'GET',
			headers: { cookie: await cookieOf(as.id), origin, ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
			body: form ? new URLSearchParams(form) : undefined,
		})

	test('校验哈希链 is a GET: the page carries the verification only when asked', async () => {
		const plain = await settle(async () => route.loader!({ request: await request('/admin/audit', admin), params: {}, context: {} }))
		expect(JSON.parse(plain.body).verification).toBeNull()
		const checked = await settle(async () => route.loader!({ request: await request('/admin/audit?verify=1', admin), params: {}, context: {} }))
		expect(JSON.parse(checked.body).verification.verdict.ok).toBe(true)
	})

	test('a checkpoint redirects to the verification with a toast; a forged intent is refused in conform\'s shape', async () => {
		const checkpoints = async () => JSON.parse((await settle(async () => route.loader!({ request: await request('/admin/audit', admin), params: {}, context: {} }))).body).anchor.checkpointCount as number
		const before = await checkpoints()
		const recorded = await settle(async () => route.action!({ request: await request('/admin/audit', admin, { intent: 'checkpoint' }), params: {}, context: {} }))
		expect(recorded).toMatchObject({ status: 302, location: '/admin/audit?verify=1', toast: true })
		expect(await checkpoints()).toBeGreaterThan(before)
		const forged = await settle(async () => route.action!({ request: await request('/admin/audit', admin, { intent: 'drop-table' }), params: {}, context: {} }))
		expect(forged.status).toBe(400)
		expect(JSON.parse(forged.body)).toMatchObject({ status: 'error', error: { intent: ['未知的操作'] } })
	})

	test('a learner is refused', async () => {
		const answer = await settle(async () => route.action!({ request: await request('/admin/audit', learner, { intent: 'checkpoint' }), params: {}, context: {} }))
		expect([302, 403]).toContain(answer.status)
		expect(answer.toast).toBe(false)
	})
})
