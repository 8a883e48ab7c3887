// Drill-down from a published unit row to its people (issue 10 item 2, ADR 064), called as the
// server calls it: admins open any unit (the merged row too); a member only their own unit and
// only once the season allows it, decided on the server; the board links what may be opened.
// Also the admin's season settings form (weights, drill-down switch) through its action.
import { beforeAll, describe, expect, test } from 'vitest'
import type { rankingScenario as RankingScenario } from '#app/rankings/test-fixtures.ts'
import type { Db } from '#app/utils/db-client.server.ts'
import { getTestDbWithUrl } from '#tests/db-utils.ts'
import { settle, type Route } from '#tests/route-answer.ts'

type Members = { members: { unitName: string; people: { name: string; rank: number }[]; absent: { name: string }[] } }

describe('unit drill-down routes', () => {
	let db: Db
	let cookieOf: (userId: string) => Promise<string>
	let drillPage: Route
	let board: Route
	let adminIndex: Route
	let scenario: Awaited<ReturnType<typeof RankingScenario>>
	let admin: { id: string }
	let snapshotId: string

	beforeAll(async () => {
		const opened = await getTestDbWithUrl('sqlite')
		db = opened.db
		// The routes use the app's shared client, built on first import: point it here first.
		process.env.DATABASE_URL = opened.url
		const [session, fixtures, rankingFixtures, snapshots, drillRoute, boardRoute, indexRoute] = await Promise.all([
			import('#app/utils/session.server.ts'),
			import('#app/exams/rounds/test-fixtures.ts'),
			import('#app/rankings/test-fixtures.ts'),
			import('#app/rankings/snapshots.server.ts'),
			import('./$snapshotId.units.$unitId.tsx'),
			import('./index.tsx'),
			import('../admin+/rankings._index.tsx'),
		])
		drillPage = drillRoute as unknown as Route
		board = boardRoute as unknown as Route
		adminIndex = indexRoute as unknown as Route
		cookieOf = async (userId: string) => (await session.commitSessionCookie((await session.createSession(db, userId)).token)).split(';')[0]!
		scenario = await rankingFixtures.rankingScenario(db)
		admin = await fixtures.createPerson(db, { roles: ['admin'], name: '明细管理员' })
		await db.user.updateMany({ data: { mustChangePassword: false } })
		// Round 1, once its scores are out: unit U (甲 乙 丙 戊 ranked, 丁 缺考) alone, V (己) merged.
		const later = new Date(scenario.now.getTime() + 5 * rankingFixtures.HOUR)
		const draft = (await snapshots.buildDraft(db, { scope: 'round', scopeId: scenario.round1.id, now: later }))!
		const published = await snapshots.publishRanking(db, { scope: 'round', scopeId: scenario.round1.id, reviewedHash: draft.contentHash, actorId: admin.id, now: later })
		if (!published.ok) throw new Error('publish failed')
		snapshotId = published.snapshotId
	}, 120_000)

	const get = async (path: string, userId: string) => new Request(`http://localhost${path}`, { headers: { cookie: await cookieOf(userId) } })
	const post = async (path: string, userId: string, form: Record<string, string>) =>
		new Request(`http://localhost${path}`, { method: 'POST', body: new URLSearchParams(form), headers: { cookie: await cookieOf(userId), 'content-type': 'application/x-www-form-urlencoded' } })
	const open = async (unitId: string, userId: string, snapshot = snapshotId) =>
		settle(async () => drillPage.loader!({ request: await get(`/rankings/${snapshot}/units/${unitId}`, userId), params: { snapshotId: snapshot, unitId }, context: {} }))
	const boardLinks = async (userId: string) => {
		const answer = await settle(async () => board.loader!({ request: await get(`/rankings?snapshot=${snapshotId}`, userId), params: {}, context: {} }))
		return (JSON.parse(answer.body) as { selected: { unitLinks: (string | null)[] } }).selected.unitLinks
	}
	const setDrillDown = async (on: boolean) => {
		const fields: Record<string, string> = { intent: 'season-settings', seasonId: scenario.round1.seasonId, minUnitSize: '5' }
		if (on) fields.memberDrillDown = 'on'
		return settle(async () => adminIndex.action!({ request: await post('/admin/rankings', admin.id, fields), params: {}, context: {} }))
	}

	test('admins open any unit row, the merged row with every unit it pools; unknown ones are a 404', async () => {
		const unitU = await open(scenario.u.id, admin.id)
		expect(unitU.status).toBe(200)
		const members = (JSON.parse(unitU.body) as Members).members
		expect(members.people.map((p) => `${p.name}:${p.rank}`)).toEqual(['戊:1', '甲:1', '乙:2', '丙:4'])
		expect(members.absent.map((p) => p.name)).toEqual(['丁'])
		const merged = (JSON.parse((await open('merged', admin.id)).body) as Members).members
		expect(merged.people.map((p) => p.name)).toEqual(['己'])
		expect((await open('nope', admin.id)).status).toBe(404)
		expect((await open(scenario.u.id, admin.id, 'no-such-snapshot')).status).toBe(404)
		expect(await boardLinks(admin.id)).toEqual([scenario.u.id, 'merged'])
	})

	test('members are refused while the season does not allow it, and no unit row links', async () => {
		const refused = await open(scenario.u.id, scenario.people.a.id)
		expect(refused.status).toBe(403)
		expect(refused.body).toContain('本赛季未开放单位人员明细')
		expect(refused.body).not.toContain('乙')
		expect(await boardLinks(scenario.people.a.id)).toEqual([null, null])
		const anonymous = await settle(async () => drillPage.loader!({ request: new Request(`http://localhost/rankings/${snapshotId}/units/${scenario.u.id}`), params: { snapshotId, unitId: scenario.u.id }, context: {} }))
		expect(anonymous.status).toBe(302)
	})

	test('once allowed (by an admin, audited), a member opens their own unit only — a pooled unit shows its own people, never the others of the merged row', async () => {
		const byLearner = await settle(async () =>
			adminIndex.action!({ request: await post('/admin/rankings', scenario.people.a.id, { intent: 'season-settings', seasonId: scenario.round1.seasonId, minUnitSize: '5', memberDrillDown: 'on' }), params: {}, context: {} }),
		)
		expect(byLearner.status).toBe(403)
		expect(await setDrillDown(true)).toMatchObject({ status: 302, toast: true })
		expect(await db.auditLog.count({ where: { action: 'ranking.settings.update', targetId: scenario.round1.seasonId, actorId: admin.id } })).toBe(1)

		const own = await open(scenario.u.id, scenario.people.a.id)
		expect(own.status).toBe(200)
		expect((JSON.parse(own.body) as Members).members.people.map((p) => p.name)).toEqual(['戊', '甲', '乙', '丙'])
		expect(own.body).not.toContain(scenario.people.b.id)
		expect(await boardLinks(scenario.people.a.id)).toEqual([scenario.u.id, null])

		const otherUnit = await open(scenario.v.id, scenario.people.a.id)
		expect(otherUnit.status).toBe(403)
		expect(otherUnit.body).toContain('只能查看您所在单位的人员明细')
		expect((await open('merged', scenario.people.a.id)).status).toBe(403)

		// 己's unit V is pooled into the merged row: 己 sees V's people only.
		const pooled = await open(scenario.v.id, scenario.people.g.id)
		expect(pooled.status).toBe(200)
		expect((JSON.parse(pooled.body) as Members).members).toMatchObject({ unitName: '乙审计组', people: [{ name: '己' }], absent: [] })
		expect((await open('merged', scenario.people.g.id)).status).toBe(403)
		expect((await open(scenario.u.id, scenario.people.g.id)).status).toBe(403)
		expect(await boardLinks(scenario.people.g.id)).toEqual([null, scenario.v.id])

		// Switched off again: refused at once, published rows untouched.
		expect(await setDrillDown(false)).toMatchObject({ status: 302, toast: true })
		expect((await open(scenario.u.id, scenario.people.a.id)).status).toBe(403)
	})

	test('the season settings form: a bad weight is refused in Chinese next to its field; a good one is saved', async () => {
		const seasonId = scenario.round1.seasonId
		const form = (weights: Record<string, string>) => ({ intent: 'season-settings', seasonId, minUnitSize: '5', ...Object.fromEntries(Object.entries(weights).map(([id, w]) => [`weight.${id}`, w])) })
		const bad = await settle(async () => adminIndex.action!({ request: await post('/admin/rankings', admin.id, form({ [scenario.round1.id]: '12', [scenario.round2.id]: '1' })), params: {}, context: {} }))
		expect(bad.status).toBe(400)
		// conform's reply (ADR 070): the error under the weight's own name, what was typed kept.
		expect(JSON.parse(bad.body)).toMatchObject({ status: 'error', error: { [`weight.${scenario.round1.id}`]: ['权重须在 0–10 之间'] }, initialValue: { seasonId, weight: { [scenario.round1.id]: '12' } } })
		const good = await settle(async () => adminIndex.action!({ request: await post('/admin/rankings', admin.id, form({ [scenario.round1.id]: '2', [scenario.round2.id]: '1' })), params: {}, context: {} }))
		expect(good).toMatchObject({ status: 302, location: '/admin/rankings', toast: true })
		expect(JSON.parse((await db.rankingSetting.findUniqueOrThrow({ where: { seasonId } })).roundWeights)).toEqual({ [scenario.round1.id]: 2 })
		const list = await settle(async () => adminIndex.loader!({ request: await get('/admin/rankings', admin.id), params: {}, context: {} }))
		expect(list.body).toContain(`{"id":"${scenario.round1.id}","title":`)
		expect(list.body).toContain('"weight":2')
	})
})
