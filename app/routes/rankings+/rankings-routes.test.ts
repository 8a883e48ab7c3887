// The ranking routes called as the server calls them (real session cookie, real SQLite): only
// admins draft and publish, a publish needs the reviewed draft's hash, bad input is a Chinese
// 400/404 and never a 500, and learners see a ranking only once it is published, with its hash.
import { beforeAll, describe, expect, test } from 'vitest'
import type { rankingScenario as RankingScenario } from '#app/rankings/test-fixtures.ts'
import type { Db } from '#app/utils/db-client.server.ts'
import { getTestDbWithUrl } from '#tests/db-utils.ts'
import { settle, type Route } from '#tests/route-answer.ts'

describe('ranking routes', () => {
	let db: Db
	let cookieOf: (userId: string) => Promise<string>
	let board: Route
	let adminIndex: Route
	let draftPage: Route
	let workbook: Route
	let scenario: Awaited<ReturnType<typeof RankingScenario>>
	let admin: { id: string }

	beforeAll(async () => {
		const opened = await getTestDbWithUrl('sqlite')
		db = opened.db
		// The routes use the app's shared client, built on first import: point it here first.
		process.env.DATABASE_URL = opened.url
		const [session, fixtures, rankingFixtures, boardRoute, indexRoute, draftRoute, workbookRoute] = await Promise.all([
			import('#app/utils/session.server.ts'),
			import('#app/exams/rounds/test-fixtures.ts'),
			import('#app/rankings/test-fixtures.ts'),
			import('./index.tsx'),
			import('../admin+/rankings._index.tsx'),
			import('../admin+/rankings.$scope.$scopeId.tsx'),
			import('./$snapshotId[.xlsx].ts'),
		])
		workbook = workbookRoute as unknown as Route
		board = boardRoute as unknown as Route
		adminIndex = indexRoute as unknown as Route
		draftPage = draftRoute as unknown as Route
		cookieOf = async (userId: string) => (await session.commitSessionCookie((await session.createSession(db, userId)).token)).split(';')[0]!
		scenario = await rankingFixtures.rankingScenario(db)
		// Round 2 (A and C, 4 points each) closes: its scores are released (ADR 039).
		await db.round.update({ where: { id: scenario.round2.id }, data: { opensAt: new Date(Date.now() - 7200_000), closesAt: new Date(Date.now() - 60_000) } })
		admin = await fixtures.createPerson(db, { roles: ['admin'], name: '发布管理员' })
		await db.user.updateMany({ where: { id: { in: [admin.id, scenario.people.a.id] } }, data: { mustChangePassword: false } })
	}, 120_000)

	const get = async (path: string, userId: string) => new Request(`http://localhost${path}`, { headers: { cookie: await cookieOf(userId) } })
	const post = async (path: string, userId: string, form: Record<string, string>) =>
		new Request(`http://localhost${path}`, { method: 'POST', body: new URLSearchParams(form), headers: { cookie: await cookieOf(userId), 'content-type': 'application/x-www-form-urlencoded' } })

	test('a learner may not open the admin pages or publish', async () => {
		const learner = scenario.people.a.id
		const params = { scope: 'round', scopeId: scenario.round2.id }
		expect((await settle(async () => adminIndex.loader!({ request: await get('/admin/rankings', learner), params: {}, context: {} }))).status).toBe(403)
		expect((await settle(async () => draftPage.loader!({ request: await get(`/admin/rankings/round/${scenario.round2.id}`, learner), params, context: {} }))).status).toBe(403)
		const publish = await settle(async () => draftPage.action!({ request: await post(`/admin/rankings/round/${scenario.round2.id}`, learner, { intent: 'publish', reviewedHash: 'a'.repeat(64) }), params, context: {} }))
		expect(publish.status).toBe(403)
		expect(await db.rankingSnapshot.count()).toBe(0)
	})

	test('the admin drafts, bad input is refused in Chinese, publishing shows on the learners’ board with its hash', async () => {
		const path = `/admin/rankings/round/${scenario.round2.id}`
		const params = { scope: 'round', scopeId: scenario.round2.id }

		expect((await settle(async () => draftPage.loader!({ request: await get('/admin/rankings/team/x', admin.id), params: { scope: 'team', scopeId: 'x' }, context: {} }))).status).toBe(404)
		expect((await settle(async () => draftPage.loader!({ request: await get('/admin/rankings/round/nope', admin.id), params: { scope: 'round', scopeId: 'nope' }, context: {} }))).status).toBe(404)

		const draft = await settle(async () => draftPage.loader!({ request: await get(path, admin.id), params, context: {} }))
		expect(draft.status).toBe(200)
		const contentHash = (JSON.parse(draft.body) as { contentHash: string }).contentHash
		expect(contentHash).toMatch(/^[0-9a-f]{64}$/)
		expect(draft.body).toContain('"name":"甲"')
		expect(draft.body).toContain('"drill":null')

		// Drill-down from unit U to its people: A and C ranked, the rest of U absent in round 2.
		const drill = await settle(async () => draftPage.loader!({ request: await get(`${path}?unit=${scenario.u.id}`, admin.id), params, context: {} }))
		const drilled = (JSON.parse(drill.body) as { drill: { people: { name: string; rank: number }[]; absent: { name: string }[] } }).drill
		expect(drilled.people.map((p) => `${p.name}:${p.rank}`).sort()).toEqual(['丙:1', '甲:1'])
		expect(drilled.absent.map((p) => p.name).sort()).toEqual(['乙', '丁', '戊'].sort())

		// Before publication the board shows nothing, though the draft exists.
		const before = await settle(async () => board.loader!({ request: await get('/rankings', scenario.people.a.id), params: {}, context: {} }))
		expect(before.body).toContain('"selected":null')
		expect(before.body).not.toContain('"score"')

		const garbled = await settle(async () => draftPage.action!({ request: await post(path, admin.id, { intent: 'publish', reviewedHash: 'xyz' }), params, context: {} }))
		// conform's reply (ADR 070): the form is one button, so the message is the form's.
		expect(garbled).toMatchObject({ status: 400 })
		expect(JSON.parse(garbled.body)).toMatchObject({ status: 'error', error: { '': ['草稿标识无效，请刷新页面后重新核对'] } })
		const unseen = await settle(async () => draftPage.action!({ request: await post(path, admin.id, { intent: 'publish', reviewedHash: 'b'.repeat(64) }), params, context: {} }))
		expect(unseen).toMatchObject({ status: 400 })
		expect(JSON.parse(unseen.body).error[''][0]).toContain('请重新核对后再发布')

		const published = await settle(async () => draftPage.action!({ request: await post(path, admin.id, { intent: 'publish', reviewedHash: contentHash }), params, context: {} }))
		expect(published).toMatchObject({ status: 302, location: '/admin/rankings', toast: true })

		const after = await settle(async () => board.loader!({ request: await get('/rankings', scenario.people.a.id), params: {}, context: {} }))
		const view = JSON.parse(after.body) as { selected: { version: number; contentHash: string; intact: boolean; board: { people: { name: string; score: number; rank: number; mine: boolean }[]; absent: { name: string }[] } } }
		expect(view.selected).toMatchObject({ version: 1, contentHash, intact: true })
		expect(view.selected.board.people.map((p) => `${p.name}:${p.score}:${p.rank}:${p.mine}`)).toEqual(['丙:4:1:false', '甲:4:1:true'])
		expect(view.selected.board.absent.map((p) => p.name).sort()).toEqual(['乙', '己', '戊', '丁'].sort())
		// Ids and 工号 of others stay on the server.
		expect(after.body).not.toContain(scenario.people.c.id)
		expect(after.body).not.toContain(scenario.people.a.id)

		const list = await settle(async () => adminIndex.loader!({ request: await get('/admin/rankings', admin.id), params: {}, context: {} }))
		expect(list.body).toContain(contentHash)

		// Any signed-in person downloads the published version; an unknown one is a 404.
		const snapshot = await db.rankingSnapshot.findFirstOrThrow({ where: { scopeId: scenario.round2.id } })
		const file = (await workbook.loader!({ request: await get(`/rankings/${snapshot.id}.xlsx`, scenario.people.a.id), params: { snapshotId: snapshot.id }, context: {} })) as Response
		expect(file.status).toBe(200)
		expect(file.headers.get('content-type')).toContain('spreadsheetml')
		expect((await file.arrayBuffer()).byteLength).toBeGreaterThan(1000)
		const missing = await settle(async () => workbook.loader!({ request: await get('/rankings/nope.xlsx', scenario.people.a.id), params: { snapshotId: 'nope' }, context: {} }))
		expect(missing.status).toBe(404)
	})

	test('the season minimum unit size: admins only, a bad number is explained next to the field, a good one is saved and audited', async () => {
		const seasonId = scenario.round1.seasonId
		const form = (minUnitSize: string) => ({ intent: 'min-unit-size', seasonId, minUnitSize })
		const byLearner = await settle(async () => adminIndex.action!({ request: await post('/admin/rankings', scenario.people.a.id, form('2')), params: {}, context: {} }))
		expect(byLearner.status).toBe(403)
		const bad = await settle(async () => adminIndex.action!({ request: await post('/admin/rankings', admin.id, form('-3')), params: {}, context: {} }))
		expect(bad.status).toBe(400)
		expect(JSON.parse(bad.body)).toMatchObject({ status: 'error', error: { minUnitSize: ['人数须在 1–1000 之间'] }, initialValue: { seasonId, minUnitSize: '-3' } })
		const garbled = await settle(async () => adminIndex.action!({ request: await post('/admin/rankings', admin.id, { intent: 'other' }), params: {}, context: {} }))
		expect(garbled.status).toBe(400)
		expect(JSON.parse(garbled.body).error['']).toEqual(['表单内容无效，请刷新页面后重试'])
		const good = await settle(async () => adminIndex.action!({ request: await post('/admin/rankings', admin.id, form('2')), params: {}, context: {} }))
		expect(good).toMatchObject({ status: 302, location: '/admin/rankings', toast: true })
		expect((await db.rankingSetting.findUniqueOrThrow({ where: { seasonId } })).minUnitSize).toBe(2)
		expect(await db.auditLog.count({ where: { action: 'ranking.settings.update', targetId: seasonId, actorId: admin.id } })).toBe(1)
		const list = await settle(async () => adminIndex.loader!({ request: await get('/admin/rankings', admin.id), params: {}, context: {} }))
		expect(list.body).toContain('"minUnitSize":2')
	})

	test('the board filters by unit kind (published ranks kept, own place on the whole board) and shows the viewer’s trend', async () => {
		// Runs after the publication above: round 2 is published, units U and V are 部门 (department).
		const snapshot = await db.rankingSnapshot.findFirstOrThrow({ where: { scopeId: scenario.round2.id } })
		type BoardJson = {
			kind: string
			trend: { rounds: { label: string; rank: number; of: number; aheadOfPercent: number; status: string }[]; latest: { rank: number } | null } | null
			selected: { id: string; board: { totalPeople: number; own: { rank: number; of: number } | null; people: { name: string; rank: number; unitKind: string }[]; units: { unitKind: string }[]; charts: { distribution: { count: number }[]; units: { index: number }[] } } }
		}
		const load = async (query: string, userId = scenario.people.a.id) =>
			JSON.parse((await settle(async () => board.loader!({ request: await get(`/rankings${query}`, userId), params: {}, context: {} }))).body) as BoardJson

		const all = await load(`?snapshot=${snapshot.id}&kind=department`)
		expect(all.kind).toBe('department')
		expect(all.selected.board.people.map((p) => `${p.name}:${p.rank}:${p.unitKind}`)).toEqual(['丙:1:部门', '甲:1:部门'])
		expect(all.selected.board.units.every((u) => u.unitKind === '部门')).toBe(true)
		expect(all.selected.board.charts.distribution.reduce((sum, bin) => sum + bin.count, 0)).toBe(2)

		// No 国企 on this board: empty rows and charts, yet the viewer's own place stays 1st of 2.
		const none = await load(`?snapshot=${snapshot.id}&kind=soe`)
		expect(none.selected.board.people).toEqual([])
		expect(none.selected.board.units).toEqual([])
		expect(none.selected.board).toMatchObject({ totalPeople: 2, own: { rank: 1, of: 2 } })

		// An unknown kind reads as all kinds; the viewer's trend holds the published round.
		const garbled = await load(`?snapshot=${snapshot.id}&kind=team`)
		expect(garbled.kind).toBe('')
		expect(garbled.selected.board.people).toHaveLength(2)
		expect(garbled.trend?.rounds).toEqual([expect.objectContaining({ label: scenario.round2.title, status: 'ranked', rank: 1, of: 2, aheadOfPercent: 0 })])
		expect(garbled.trend?.latest).toMatchObject({ rank: 1 })

		// Someone on no published ranking gets no trend; a snapshot of another season than the one chosen gives way.
		expect((await load('', admin.id)).trend).toBeNull()
		const otherSeason = await db.season.create({ data: { year: 4999, name: '另一赛季' } })
		const moved = await load(`?snapshot=${snapshot.id}&season=${otherSeason.id}`)
		expect(moved.selected).toBeNull()
	})
})
