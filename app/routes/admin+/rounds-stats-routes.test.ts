// The round statistics page and its .xlsx called as the server calls them (real session cookie,
// real SQLite): admins and lecturers only, an unknown round is a Chinese 404, and the per-unit
// comparison (the ranking's unit rules) is on the page and in the workbook row for row.
import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, test } from 'vitest'
import type { Db } from '#app/utils/db-client.server.ts'
import { getTestDbWithUrl } from '#tests/db-utils.ts'

type RouteArgs = { request: Request; params: Record<string, string>; context: object }
type Route = { loader: (args: RouteArgs) => Promise<unknown> }

async function statusOf(run: () => Promise<unknown>) {
	try {
		const value = await run()
		return value instanceof Response ? value.status : 200
	} catch (thrown) {
		if (thrown instanceof Response) return thrown.status
		const maybe = thrown as { type?: string; init?: { status?: number } }
		if (maybe?.type === 'DataWithResponseInit') return maybe.init?.status ?? 500
		throw thrown
	}
}

describe('round statistics routes', () => {
	let db: Db
	let cookieOf: (userId: string) => Promise<string>
	let page: Route
	let workbook: Route
	let roundId: string
	let learnerId: string
	let lecturerId: string

	beforeAll(async () => {
		const opened = await getTestDbWithUrl('sqlite')
		db = opened.db
		process.env.DATABASE_URL = opened.url
		const [session, fixtures, pageRoute, workbookRoute] = await Promise.all([
			import('#app/utils/session.server.ts'),
			import('#app/exams/rounds/test-fixtures.ts'),
			import('./rounds.$roundId_.stats.tsx'),
			import('./rounds.$roundId_.stats[.xlsx].ts'),
		])
		page = pageRoute as unknown as Route
		workbook = workbookRoute as unknown as Route
		cookieOf = async (userId: string) => (await session.commitSessionCookie((await session.createSession(db, userId)).token)).split(';')[0]!
		const now = new Date()
		await fixtures.createBankQuestions(db, 'single', 2, { topic: 'fiscal' })
		const unit = await fixtures.createUnit(db, { name: '统计单位' })
		const round = await fixtures.createRound(db, now, { eligibility: [{ kind: 'unit', value: unit.id }] })
		roundId = round.id
		const people = await Promise.all([1, 2, 3, 4, 5].map(() => fixtures.createPerson(db, { unitId: unit.id })))
		await fixtures.sitRound(db, { roundId, person: people[0]!, startAt: new Date(now.getTime() - 600_000), isRight: () => true })
		await fixtures.sitRound(db, { roundId, person: people[1]!, startAt: new Date(now.getTime() - 600_000), isRight: () => false })
		learnerId = people[2]!.id
		lecturerId = (await fixtures.createPerson(db, { roles: ['lecturer'] })).id
		await db.user.updateMany({ where: { id: { in: [learnerId, lecturerId] } }, data: { mustChangePassword: false } })
	}, 120_000)

	const get = async (path: string, userId: string) => new Request(`http://localhost${path}`, { headers: { cookie: await cookieOf(userId) } })

	test('a learner is refused both; an unknown round is a 404', async () => {
		expect(await statusOf(async () => page.loader({ request: await get(`/admin/rounds/${roundId}/stats`, learnerId), params: { roundId }, context: {} }))).toBe(403)
		expect(await statusOf(async () => workbook.loader({ request: await get(`/admin/rounds/${roundId}/stats.xlsx`, learnerId), params: { roundId }, context: {} }))).toBe(403)
		expect(await statusOf(async () => page.loader({ request: await get('/admin/rounds/nope/stats', lecturerId), params: { roundId: 'nope' }, context: {} }))).toBe(404)
	})

	test('a lecturer sees the unit comparison, and the workbook has the same rows', async () => {
		const loaded = (await page.loader({ request: await get(`/admin/rounds/${roundId}/stats`, lecturerId), params: { roundId }, context: {} })) as {
			stats: { units: { rows: { unitName: string; participants: number; eligible: number; meanScore: number | null; index: number; rank: number }[] } }
		}
		// Two of five sat: 4 and 0 of 4 → mean 2 (50 %), participation 40 % → 50 × 0.7 + 40 × 0.3 = 47.
		expect(loaded.stats.units.rows).toEqual([expect.objectContaining({ rank: 1, unitName: '统计单位', participants: 2, eligible: 5, meanScore: 2, index: 47 })])
		const file = (await workbook.loader({ request: await get(`/admin/rounds/${roundId}/stats.xlsx`, lecturerId), params: { roundId }, context: {} })) as Response
		expect(file.status).toBe(200)
		const book = new ExcelJS.Workbook()
		await book.xlsx.load(await file.arrayBuffer())
		const rows: unknown[][] = []
		book.getWorksheet('单位对比')!.eachRow((row, number) => (number > 1 ? rows.push((row.values as unknown[]).slice(1)) : undefined))
		expect(rows.map((row) => [row[0], row[1], row[3], row[4], row[6], row[7]])).toEqual(loaded.stats.units.rows.map((u) => [u.rank, u.unitName, u.participants, u.eligible, u.meanScore, u.index]))
	})
})
